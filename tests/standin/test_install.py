"""Installing the stand-in where the real CLI looks for `resource aws <version>`."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from google.protobuf import empty_pb2

from lz.real_cli import build_cli
from lz.standin.aws_provider import plugin_version
from lz.standin.install import install_provider, write_plugin_dir
from tests.standin.conftest import start_provider


def _real_cli() -> Path:
    # Like tests/realengine: never a skip; a cold cache builds the CLI (scripts/build-pulumi), once.
    if os.environ.get("PULUMI_BIN"):
        return Path(os.environ["PULUMI_BIN"])
    return build_cli() / "pulumi"


def test_the_generated_launcher_runs_the_provider_from_anywhere(tmp_path: Path) -> None:
    launcher = write_plugin_dir(tmp_path / "elsewhere")
    assert launcher.name == "pulumi-resource-aws" and os.access(launcher, os.X_OK)
    running = start_provider(launcher)
    try:
        assert running.stub.GetPluginInfo(empty_pb2.Empty()).version == plugin_version()
    finally:
        running.close()


@pytest.mark.real_engine
def test_the_cli_installs_it_under_pulumi_home_at_the_sdks_version(tmp_path: Path) -> None:
    cli = _real_cli()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PULUMI_HOME": str(tmp_path / "home"),
           "PULUMI_SKIP_UPDATE_CHECK": "true"}
    installed = install_provider(str(cli), env=env)
    assert installed == tmp_path / "home" / "plugins" / f"resource-aws-v{plugin_version()}"

    listed = json.loads(subprocess.run([str(cli), "plugin", "ls", "--json"], env=env, check=True,
                                       capture_output=True, text=True).stdout)
    assert [(p["name"], p["kind"], p["version"]) for p in listed] == [("aws", "resource", plugin_version())]
    running = start_provider(installed / "pulumi-resource-aws")
    try:
        assert running.stub.GetPluginInfo(empty_pb2.Empty()).version == plugin_version()
    finally:
        running.close()
