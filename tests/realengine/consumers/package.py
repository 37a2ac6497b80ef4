"""The component package as a consumer has it: a copy of `components/` with the plugin's virtualenv.

The plugin's virtualenv (`components/provider/requirements.txt`) is built once per requirements and
interpreter under ~/.cache/landing-zone/, as `pulumi install` would build it beside the plugin, and
linked into each copy; `fresh=True` leaves it out, so the CLI has the language host create it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from lz.real_cli import RealPulumi

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


def consumer_stack(cli: RealPulumi, language: str, dst: Path, *, install: bool = False, package_add: bool = False,
                   env: Mapping[str, str] | None = None) -> Path:
    """The consumer in `language` (see `consumer`) logged in to the CLI's backend, with a `dev` stack in
    eu-west-1; `install` runs `pulumi install` first, `package_add` adds the component package."""
    project = consumer(language, dst)
    cli.run(["login", cli.env["PULUMI_BACKEND_URL"]], cwd=project, env=env)
    if install:
        cli.run(["install"], cwd=project, env=env)
    if package_add:
        cli.run(["package", "add", "../package/components/provider"], cwd=project, env=env)
    cli.run(["stack", "select", "--create", "dev"], cwd=project, env=env)
    cli.run(["config", "set", "aws:region", "eu-west-1"], cwd=project, env=env)
    return project


def consumer_fixture(language: str, add_host: Callable[[Path], Path], *, install: bool = False,
                     package_add: bool = False, env: Mapping[str, str] | None = None) -> Any:
    """A module-scoped `program` fixture: `add_host` puts the language host beside the CLI, then the
    consumer's stack (`consumer_stack`) is made once for the module's tests."""

    @pytest.fixture(scope="module")
    def program(cli: RealPulumi, tmp_path_factory: pytest.TempPathFactory) -> Path:
        add_host(cli.bin)
        return consumer_stack(cli, language, tmp_path_factory.mktemp(f"{language}-consumer"), install=install,
                              package_add=package_add, env=env)

    return program


def steps_by_type(cli: RealPulumi, project: Path, *extra: str,
                  env: Mapping[str, str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """`pulumi preview --json`'s steps by resource type (the last type of a step's URN)."""
    done = cli.run(["preview", "--json", *extra], cwd=project, env=env)
    steps: list[dict[str, Any]] = json.loads(done.stdout).get("steps", [])
    by_type: dict[str, list[dict[str, Any]]] = {}
    for step in steps:
        by_type.setdefault(step["urn"].split("::")[2].split("$")[-1], []).append(step)
    return by_type


def assert_builds_the_island(by_type: dict[str, list[dict[str, Any]]], cidr: str) -> None:
    """The consumer's island (tests/realengine/consumers/<language>): one wrapper around the real
    component, a VPC on `cidr` with the environment's and the consumer's tags, web/app/data subnets."""
    assert len(by_type["landingzone:index:VpcIsland"]) == len(by_type["lz:network:VpcIsland"]) == 1
    (vpc,) = by_type["aws:ec2/vpc:Vpc"]
    assert vpc["newState"]["inputs"]["cidrBlock"] == cidr
    tags = vpc["newState"]["inputs"]["tags"]
    assert tags["owner"] == "app-team" and tags["cost-center"] == "app-42" and tags["environment"] == "dev", tags
    tiers = {s["urn"].split("::")[-1].rsplit("-", 1)[0] for s in by_type["aws:ec2/subnet:Subnet"]}
    assert {"island-web", "island-app", "island-data"} <= tiers, tiers


def assert_previews_with_workloads_pack(cli: RealPulumi, project: Path, pack_dir: Path,
                                        env: Mapping[str, str] | None = None) -> str:
    """An app team's stack is gated with the workloads pack (no account-presence rules), as `lz check
    --program` and the README do; the pack is the same directory, started by the CLI. Returns the output."""
    done = cli.run(["preview", "--policy-pack", str(pack_dir)], cwd=project, check=False,
                   env={**(env or {}), "LZ_POLICY_PACK": "aws-workloads"})
    text = done.stdout + done.stderr
    assert done.returncode == 0, text[-4000:]
    assert "[mandatory]" not in text, text[-4000:]
    assert "aws-workloads" in text, text[-4000:]
    assert "landingzone:index:VpcIsland" in text and "aws:ec2:Vpc" in text, text[-4000:]
    return text


def _codegen_host(bin_dir: Path, language: str, module: str, tools: tuple[str, ...], consumer_name: str,
                  python: str) -> Path:
    """A language host stand-in (`python -m <module>`) as `pulumi-language-<language>` beside the CLI in
    `bin_dir`, with Pulumi's code generators (scripts/build-codegen, cached) for `pulumi package add`."""
    done = subprocess.run([str(BUILD_CODEGEN)], capture_output=True, text=True)
    if done.returncode != 0:
        raise PackageSetupError(f"scripts/build-codegen failed ({done.returncode}):\n{done.stderr[-4000:]}")
    codegen = Path(done.stdout.strip().splitlines()[-1]) / "lz-codegen"
    if any(shutil.which(tool) is None for tool in tools):
        raise PackageSetupError(f"{' and '.join(tools)} must be on $PATH for the {consumer_name} consumer")
    launcher = bin_dir / f"pulumi-language-{language}"
    launcher.write_text(f"#!/bin/sh\nLZ_CODEGEN={shlex.quote(str(codegen))} exec {shlex.quote(python)} "
                        f'-m {module} "$@"\n')
    launcher.chmod(0o755)
    return launcher


def add_nodejs_host(bin_dir: Path, *, python: str = sys.executable) -> Path:
    """The Node.js language host stand-in (lz/nodejs_langhost.py) beside the CLI in `bin_dir`."""
    return _codegen_host(bin_dir, "nodejs", "lz.nodejs_langhost", ("node", "npm"), "TypeScript", python)


#: What a Go consumer's toolchain needs here: the module proxy as trust root (sum.golang.org is not
#: reachable from these machines) and the module cache the CLI and code generator were built with.
GO_ENV = {"GOSUMDB": "off", "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local",
          "GOMODCACHE": os.environ.get("GOMODCACHE_LZ", str(CACHE / "go-mod"))}


def add_go_host(bin_dir: Path, *, python: str = sys.executable) -> Path:
    """The Go language host stand-in (lz/go_langhost.py) beside the CLI in `bin_dir`."""
    return _codegen_host(bin_dir, "go", "lz.go_langhost", ("go",), "Go", python)
