"""The component package as a consumer has it: a copy of `components/` with the plugin's virtualenv.

The plugin's virtualenv (`components/provider/requirements.txt`) is built once per requirements and
interpreter under ~/.cache/landing-zone/, as `pulumi install` would build it beside the plugin, and
linked into each copy; `fresh=True` leaves it out, so the CLI has the language host create it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
PROVIDER = REPO / "components" / "provider"
SCHEMA = PROVIDER / "schema.json"
CACHE = Path.home() / ".cache" / "landing-zone"


class PackageSetupError(RuntimeError):
    pass


def plugin_venv() -> Path:
    requirements = (PROVIDER / "requirements.txt").read_bytes()
    key = hashlib.sha256(requirements + sys.version.encode()).hexdigest()[:16]
    venv = CACHE / f"component-plugin-venv-{key}"
    done = venv / ".complete"
    if done.exists():
        return venv
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(f"{venv}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        for argv in ([sys.executable, "-m", "venv", str(venv)],
                     [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                      "-r", str(PROVIDER / "requirements.txt")]):
            run = subprocess.run(argv, capture_output=True, text=True)
            if run.returncode != 0:
                raise PackageSetupError(f"{' '.join(argv)} exited {run.returncode}:\n{run.stderr[-3000:]}")
        done.write_text("ok\n")
    return venv


def component_package(dst: Path, *, fresh: bool = False) -> Path:
    """`dst/components` (the library and its provider); returns the plugin directory."""
    shutil.copytree(REPO / "components", dst / "components",
                    ignore=shutil.ignore_patterns("__pycache__", "venv", "*.pyc"))
    plugin = dst / "components" / "provider"
    if not fresh:
        (plugin / "venv").symlink_to(plugin_venv(), target_is_directory=True)
    return plugin


CONSUMERS = Path(__file__).resolve().parent
BUILD_YAML = REPO / "scripts" / "build-pulumi-yaml"


def _link_or_copy(src: Path, dst: Path) -> None:
    if dst.exists():
        dst.unlink()
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def add_yaml_host(bin_dir: Path) -> Path:
    """Pulumi's YAML language host (scripts/build-pulumi-yaml, cached), beside the CLI in `bin_dir`."""
    done = subprocess.run([str(BUILD_YAML)], capture_output=True, text=True)
    if done.returncode != 0:
        raise PackageSetupError(f"scripts/build-pulumi-yaml failed ({done.returncode}):\n{done.stderr[-4000:]}")
    built = Path(done.stdout.strip().splitlines()[-1]) / "pulumi-language-yaml"
    _link_or_copy(built, bin_dir / "pulumi-language-yaml")
    return bin_dir / "pulumi-language-yaml"


def consumer(language: str, dst: Path) -> Path:
    """`dst/program` (the consumer in `language`) beside `dst/package` (the component package)."""
    component_package(dst / "package")
    shutil.copytree(CONSUMERS / language, dst / "program",
                    ignore=shutil.ignore_patterns("node_modules", "sdks", "bin", "Pulumi.*.yaml"))
    return dst / "program"


BUILD_CODEGEN = REPO / "scripts" / "build-codegen"


def add_nodejs_host(bin_dir: Path, *, python: str = sys.executable) -> Path:
    """The Node.js language host stand-in (lz/nodejs_langhost.py) beside the CLI in `bin_dir`, with Pulumi's
    Node.js code generator (scripts/build-codegen, cached) for `pulumi package add`."""
    done = subprocess.run([str(BUILD_CODEGEN)], capture_output=True, text=True)
    if done.returncode != 0:
        raise PackageSetupError(f"scripts/build-codegen failed ({done.returncode}):\n{done.stderr[-4000:]}")
    codegen = Path(done.stdout.strip().splitlines()[-1]) / "lz-codegen"
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise PackageSetupError("node and npm must be on $PATH for the TypeScript consumer")
    launcher = bin_dir / "pulumi-language-nodejs"
    launcher.write_text(f"#!/bin/sh\nLZ_CODEGEN={shlex.quote(str(codegen))} exec {shlex.quote(python)} "
                        f'-m lz.nodejs_langhost "$@"\n')
    launcher.chmod(0o755)
    return launcher


#: What a Go consumer's toolchain needs here: the module proxy as trust root (sum.golang.org is not
#: reachable from these machines) and the module cache the CLI and code generator were built with.
GO_ENV = {"GOSUMDB": "off", "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local",
          "GOMODCACHE": os.environ.get("GOMODCACHE_LZ", str(CACHE / "go-mod"))}


def add_go_host(bin_dir: Path, *, python: str = sys.executable) -> Path:
    """The Go language host stand-in (lz/go_langhost.py) beside the CLI in `bin_dir`, with Pulumi's Go code
    generator (scripts/build-codegen, cached) for `pulumi package add`."""
    done = subprocess.run([str(BUILD_CODEGEN)], capture_output=True, text=True)
    if done.returncode != 0:
        raise PackageSetupError(f"scripts/build-codegen failed ({done.returncode}):\n{done.stderr[-4000:]}")
    codegen = Path(done.stdout.strip().splitlines()[-1]) / "lz-codegen"
    if shutil.which("go") is None:
        raise PackageSetupError("go must be on $PATH for the Go consumer")
    launcher = bin_dir / "pulumi-language-go"
    launcher.write_text(f"#!/bin/sh\nLZ_CODEGEN={shlex.quote(str(codegen))} exec {shlex.quote(python)} "
                        f'-m lz.go_langhost "$@"\n')
    launcher.chmod(0o755)
    return launcher
