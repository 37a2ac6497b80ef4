"""Install the stand-in AWS provider into a Pulumi CLI's plugin cache, as `resource aws <version>`.

The version is the one the installed pulumi_aws SDK asks the engine for (its pulumi-plugin.json), so the
CLI picks the stand-in without downloading anything. `pulumi plugin install --file` takes a binary, a
folder or a tarball (pkg/v3 cmd/pulumi/plugin/plugin_install.go); this hands it a folder holding a
`pulumi-resource-aws` launcher with this repository and its Python fixed in, so the copy in the cache
runs from anywhere. The CLI writes under PULUMI_HOME when set (else ~/.pulumi).

For the real engine's tests and offline runs only: the stand-in never deploys anything.

    python -m lz.standin.install [--pulumi PATH] [--python PATH]      (PULUMI_BIN is --pulumi's default)
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from lz.standin.aws_provider import plugin_version

REPO = Path(__file__).resolve().parents[2]
EXECUTABLE = "pulumi-resource-aws"


class InstallError(RuntimeError):
    pass


def default_python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def write_plugin_dir(dest: Path, *, python: str | None = None) -> Path:
    """Write `dest/pulumi-resource-aws`, a launcher running the stand-in with `python`; returns its path."""
    dest.mkdir(parents=True, exist_ok=True)
    launcher = dest / EXECUTABLE
    repo = shlex.quote(str(REPO))
    launcher.write_text(
        "#!/bin/sh\n"
        "# The stand-in AWS provider (lz/standin) for tests and offline runs; never for deploying.\n"
        f'PYTHONPATH={repo}"${{PYTHONPATH:+:$PYTHONPATH}}" '
        f'exec {shlex.quote(python or default_python())} -m lz.standin.aws_provider "$@"\n'
    )
    launcher.chmod(0o755)
    return launcher


def _pulumi_bin(pulumi_bin: str | None, env: Mapping[str, str]) -> str:
    found = pulumi_bin or env.get("PULUMI_BIN") or shutil.which("pulumi", path=env.get("PATH"))
    if not found:
        raise InstallError("no Pulumi CLI: pass --pulumi, set PULUMI_BIN or put `pulumi` on PATH")
    return found


def plugin_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the CLI keeps the installed stand-in: <PULUMI_HOME>/plugins/resource-aws-v<version>."""
    env = os.environ if env is None else env
    home = Path(env["PULUMI_HOME"]) if env.get("PULUMI_HOME") else Path.home() / ".pulumi"
    return home / "plugins" / f"resource-aws-v{plugin_version()}"


def install_provider(
    pulumi_bin: str | None = None, *, env: Mapping[str, str] | None = None, python: str | None = None
) -> Path:
    """Install (or reinstall) the stand-in with the given CLI; returns the plugin's directory."""
    env = dict(os.environ if env is None else env)
    pulumi = _pulumi_bin(pulumi_bin, env)
    with tempfile.TemporaryDirectory(prefix="lz-standin-") as tmp:
        write_plugin_dir(Path(tmp), python=python)
        args = [pulumi, "plugin", "install", "resource", "aws", plugin_version(), "--file", tmp, "--reinstall"]
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise InstallError(f"{shlex.join(args)} exited {done.returncode}:\n{done.stderr.strip()}")
    return plugin_dir(env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lz.standin.install",
        description="Install the stand-in AWS provider into a Pulumi CLI's plugin cache.",
    )
    parser.add_argument("--pulumi", help="the pulumi binary (default: $PULUMI_BIN, else pulumi on PATH)")
    parser.add_argument("--python", help=f"the Python to run the provider with (default: {default_python()})")
    args = parser.parse_args(argv)
    try:
        installed = install_provider(args.pulumi, python=args.python)
    except InstallError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(installed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
