"""The real Pulumi CLI, set up hermetically for tests and benchmarks.

`RealPulumi(workdir)` lays out, under `workdir`:
- `bin/`: the CLI built from Go modules (`scripts/build-pulumi`, cached by version under
  ~/.cache/landing-zone), with the language host and `pulumi-language-python-exec` beside it, where
  the CLI looks for bundled plugins first;
- `home/`: PULUMI_HOME (plugin cache, credentials), with the stand-in AWS provider installed at the
  exact version the pulumi_aws SDK requests;
- `state/`: a `file://` backend; secrets use the passphrase provider.

Automatic plugin acquisition is off, so a plugin that is not installed fails at once instead of a
download attempt.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD_SCRIPT = REPO / "scripts" / "build-pulumi"
PASSPHRASE = "landing-zone-tests"


class RealCliError(RuntimeError):
    pass


def build_cli() -> Path:
    """The directory holding the built `pulumi` (builds it on a cold cache; minutes, once)."""
    done = subprocess.run([str(BUILD_SCRIPT)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RealCliError(f"scripts/build-pulumi failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


class RealPulumi:
    def __init__(self, workdir: Path, *, python: str = sys.executable) -> None:
        self.workdir = Path(workdir)
        self.bin = self.workdir / "bin"
        self.home = self.workdir / "home"
        self.state = self.workdir / "state"
        for d in (self.bin, self.home, self.state):
            d.mkdir(parents=True, exist_ok=True)
        built = build_cli()
        # A hard link (or copy), not a symlink: the CLI finds bundled plugins beside its resolved path.
        if not (self.bin / "pulumi").exists():
            _link_or_copy(built / "pulumi", self.bin / "pulumi")
        shutil.copy2(built / "pulumi-language-python-exec", self.bin / "pulumi-language-python-exec")
        launcher = self.bin / "pulumi-language-python"
        exec_script = shlex.quote(str(self.bin / "pulumi-language-python-exec"))
        launcher.write_text(f"#!/bin/sh\nLZ_PYTHON_EXEC={exec_script} exec {shlex.quote(python)} "
                            f'-m lz.python_langhost "$@"\n')
        launcher.chmod(0o755)
        self.python = python
        self.env: dict[str, str] = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")},
            "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}",
            "PULUMI_HOME": str(self.home),
            "PULUMI_BACKEND_URL": f"file://{self.state}",
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_SKIP_CONFIRMATIONS": "true",
            "PULUMI_SUPPRESS_COPILOT_LINK": "true",
            "PULUMI_DIY_BACKEND_NO_LEGACY_WARNING": "true",
            # The engine writes the final state only, not a whole checkpoint after every step: on the
            # file:// backend that rewrite is quadratic in the stack (two thirds of the CLI's CPU in a
            # 393-resource `up`). What lands in the state is the same; an interrupted update would
            # leave the previous state, and no test interrupts one.
            "PULUMI_SKIP_CHECKPOINTS": "true",
            # pip (a plugin's virtualenv, made by the language host) does not byte-compile all it installs
            # (pulumi_aws is thousands of modules); Python compiles and caches what runs, on first import.
            "PIP_COMPILE": "false",
            "NO_COLOR": "1",
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        }
        self._install_provider()

    def _install_provider(self) -> None:
        from lz.standin.install import install_provider

        install_provider(pulumi_bin=str(self.bin / "pulumi"), env=self.env, python=self.python)

    def run(self, args: Sequence[str], *, cwd: Path, check: bool = True, timeout: float = 900,
            env: Mapping[str, str] | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
        argv = [str(self.bin / "pulumi"), *args, "--non-interactive"]
        proc = subprocess.Popen(argv, cwd=cwd, env={**self.env, **(env or {})}, text=True,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            stdout, stderr = proc.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            # SIGINT lets the CLI cancel and stop its plugins (each in its own process group); a
            # plain kill would orphan the language host and the program.
            proc.send_signal(signal.SIGINT)
            try:
                proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
            raise RealCliError(f"pulumi {' '.join(args)} timed out after {timeout:.0f}s") from None
        done = subprocess.CompletedProcess(argv, proc.returncode, stdout, stderr)
        if check and done.returncode != 0:
            raise RealCliError(f"pulumi {' '.join(args)} exited {done.returncode}\n--- stdout\n"
                               f"{done.stdout[-6000:]}\n--- stderr\n{done.stderr[-6000:]}")
        return done
