"""The real CLI and engine on the stand-in: the same ids and outputs as lz's offline engine, and the plans
(no change, update, replace) AWS would give. Slow-ish (a dozen CLI runs), hence one test of the lifecycle."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from lz.mock_engine import run_program
from lz.real_cli import RealPulumi

PROGRAM = Path(__file__).parent / "programs" / "network"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    directory = shutil.copytree(PROGRAM, tmp_path / "network")
    (directory / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return directory


def _state(cli: RealPulumi, project: Path) -> dict[str, dict[str, Any]]:
    exported = json.loads(cli.run(["stack", "export", "--show-secrets"], cwd=project).stdout)
    return {r["urn"].rsplit("::", 1)[-1]: r for r in exported["deployment"].get("resources", []) if r.get("custom")
            and not r["type"].startswith("pulumi:providers:")}


@pytest.mark.real_engine
def test_the_real_engine_records_what_lz_reports_and_plans_like_aws(project: Path, tmp_path: Path) -> None:
    cli = RealPulumi(tmp_path / "pulumi")
    cli.run(["login", cli.env["PULUMI_BACKEND_URL"]], cwd=project)
    cli.run(["stack", "select", "--create", "dev"], cwd=project)
    cli.run(["up", "--yes"], cwd=project)

    offline = run_program(project, "dev", preview=False)
    state = _state(cli, project)
    assert {name: r["id"] for name, r in state.items()} == {r.name: r.id for r in offline.resources}
    outputs = json.loads(cli.run(["stack", "output", "--json", "--show-secrets"], cwd=project).stdout)
    assert outputs == {**offline.outputs, "roleTags": {"owner": "platform"}}
    assert offline.outputs["roleTags"] == "[secret]"
    assert state["flow-logs"]["outputs"]["tagsAll"]["plaintext"], "stored encrypted, as a secret"

    cli.run(["preview", "--expect-no-changes"], cwd=project)
    retagged = cli.run(["preview", "--diff"], cwd=project, env={"STANDIN_TAG": "edge"}).stdout
    assert "~ aws:ec2/vpc:Vpc: (update)" in retagged and "+-" not in retagged
    renumbered = cli.run(["up", "--yes"], cwd=project, env={"STANDIN_CIDR": "10.0.2.0/24"}).stdout
    assert "+-1 replaced" in renumbered

    cli.run(["refresh", "--yes"], cwd=project, env={"STANDIN_CIDR": "10.0.2.0/24"})
    assert _state(cli, project)["app"]["outputs"]["cidrBlock"] == "10.0.2.0/24"
    cli.run(["destroy", "--yes"], cwd=project)
    assert _state(cli, project) == {}
