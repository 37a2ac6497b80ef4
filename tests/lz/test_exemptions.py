"""Exemptions (policy-exemptions.yaml): accepted findings with a reason, an owner and an end date.

Runs ``lz check`` on a copy of the corpus's bastion program (an app team's stack: SSH open to the
world, a public IP, IMDSv1; three mandatory findings) with an exemptions file beside its Pulumi.yaml.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from lz.exemptions import ExemptionsError, parse_exemptions
from tests.lz.test_source_locations import sarif_errors

ROOT = Path(__file__).resolve().parents[2]
BASTION = ROOT / "tests" / "corpus" / "bastion"
CRASH = Path(__file__).parent / "programs" / "crash"
TODAY = dt.datetime.now(dt.UTC).date()
FUTURE, PAST = TODAY + dt.timedelta(days=365), TODAY - dt.timedelta(days=1)
SG = "urn:pulumi:dev::bastion::aws:ec2/securityGroup:SecurityGroup::bastion"
HOST = "urn:pulumi:dev::bastion::aws:ec2/instance:Instance::bastion"


def lz(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=300)


def errors(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """stderr without the line that says --program chose the aws-workloads pack."""
    return [line for line in proc.stderr.splitlines() if not line.startswith("note: --program given")]


def entry(rule: str, resource: str, expires: dt.date = FUTURE, **extra: Any) -> dict[str, Any]:
    return {"rule": rule, "resource": resource, "reason": f"accepted: {rule}", "owner": "platform-team",
            "expires": expires.isoformat(), **extra}


@pytest.fixture
def bastion(tmp_path: Path) -> Path:
    program = tmp_path / "bastion"
    shutil.copytree(BASTION, program, ignore=shutil.ignore_patterns("__pycache__", "expected.*.json"))
    return program


def write_exemptions(program: Path, *entries: dict[str, Any]) -> Path:
    path = program / "policy-exemptions.yaml"
    path.write_text(yaml.safe_dump({"exemptions": list(entries)}, sort_keys=False))
    return path


def check(program: Path, tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any],
                                                              dict[str, Any], str]:
    """``lz check dev`` (text on stdout) and the JSON, SARIF and markdown reports of the same run."""
    out = {kind: tmp_path / f"gate.{kind}" for kind in ("json", "sarif", "markdown")}
    proc = lz("check", "dev", "--program", str(program), *args,
              *(a for kind, path in out.items() for a in (f"--{kind}", str(path))))
    return (proc, json.loads(out["json"].read_text()), json.loads(out["sarif"].read_text()),
            out["markdown"].read_text())


def by_policy(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {v["policy"]: v for v in doc["violations"]}


def test_without_exemptions_the_bastion_fails_on_three_mandatory_findings(bastion: Path, tmp_path: Path) -> None:
    proc, doc, _, _ = check(bastion, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert doc["summary"] == {"mandatory": 3, "advisory": 3} and "exemptions" not in doc
    assert {p for p, v in by_policy(doc).items() if v["enforcementLevel"] == "mandatory"} == {
        "sg_no_public_ssh", "ec2_no_public_ip", "ec2_imdsv2_required"}


def test_exempted_findings_pass_the_gate_and_every_format_still_shows_them(bastion: Path, tmp_path: Path) -> None:
    write_exemptions(bastion, entry("sg_no_public_ssh", SG.replace("dev", "*", 1)),
                     entry("ec2_no_public_ip", "*::bastion", stacks=["dev"]),
                     entry("ec2_imdsv2_required", "urn:pulumi:*:*::aws:ec2/instance:Instance::*"))
    proc, doc, sarif, markdown = check(bastion, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # JSON: every finding is still there, the three accepted ones carry their exemption.
    assert doc["passed"] and doc["summary"] == {"mandatory": 0, "advisory": 3, "exempted": 3}
    violations = by_policy(doc)
    assert len(doc["violations"]) == 6
    ssh = violations["sg_no_public_ssh"]["exemption"]
    assert ssh == {"state": "exempted", "file": str(bastion / "policy-exemptions.yaml"), "index": 0,
                   "rule": "sg_no_public_ssh", "resource": SG.replace("dev", "*", 1), "stacks": [],
                   "reason": "accepted: sg_no_public_ssh", "owner": "platform-team", "expires": FUTURE.isoformat()}
    assert violations["ec2_no_public_ip"]["exemption"]["index"] == 1
    assert violations["ec2_instance_profile_attached"]["exemption"] is None
    assert doc["exemptions"]["unused"] == [] and doc["exemptions"]["expired"] == []

    # SARIF: suppressed as accepted outside the code, with the justification; still valid 2.1.0.
    assert sarif_errors(sarif) == []
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert len(results) == 6
    assert results["sg_no_public_ssh"]["suppressions"] == [{
        "kind": "external", "status": "accepted",
        "justification": f"accepted: sg_no_public_ssh (owner platform-team, until {FUTURE.isoformat()}, "
                         f"{bastion / 'policy-exemptions.yaml'} exemptions[0])"}]
    assert results["sg_no_public_ssh"]["level"] == "error"  # still the mandatory rule it is
    assert "suppressions" not in results["ec2_instance_profile_attached"]

    # Text: the verdict counts them, an EXEMPTED section lists each with owner, reason and end date.
    out = proc.stdout
    assert "policy gate passed: 0 mandatory, 3 advisory violation(s), 3 exempted over 3 resources" in out
    exempted = out[out.index("EXEMPTED (3"):]
    assert f"exemptions[0]: exempted until {FUTURE.isoformat()} (platform-team: accepted: sg_no_public_ssh)" in exempted
    assert "HIGH (mandatory)" not in out  # nothing left that blocks

    # Markdown: the table holds what counts, the exempted findings are in their own section.
    table, rest = markdown.split("<details><summary>Exempted findings (3), not counted</summary>")
    assert "SecurityGroup::bastion" not in table and "Instance::bastion (iamInstanceProfile)" in table
    assert "| mandatory | sg_no_public_ssh | `aws:ec2/securityGroup:SecurityGroup::bastion" in rest
    assert f"| platform-team | {FUTURE.isoformat()} | accepted: sg_no_public_ssh |" in rest


def test_an_expired_exemption_fails_the_gate_again_and_the_report_says_since_when(bastion: Path,
                                                                                  tmp_path: Path) -> None:
    write_exemptions(bastion, entry("sg_no_public_ssh", SG), entry("ec2_no_public_ip", HOST, expires=PAST),
                     entry("ec2_imdsv2_required", HOST))
    proc, doc, sarif, markdown = check(bastion, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert doc["summary"] == {"mandatory": 1, "advisory": 3, "exempted": 2}
    public_ip = by_policy(doc)["ec2_no_public_ip"]
    assert public_ip["exemption"]["state"] == "expired"
    assert [e["index"] for e in doc["exemptions"]["expired"]] == [1]
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "ec2_no_public_ip")
    assert "suppressions" not in result and result["properties"]["exemption"]["state"] == "expired"
    out = proc.stdout
    assert "policy gate FAILED: 1 mandatory, 3 advisory violation(s), 2 exempted, 1 with an expired exemption" in out
    assert f"[exemption expired on {PAST.isoformat()}] [mandatory] __main__.py:28: aws:ec2/instance:Instance" in out
    assert f"expired on {PAST.isoformat()}; its findings count again" in out
    assert f":warning: expired on {PAST.isoformat()}, its findings count again: exemptions[1]" in markdown


def test_an_exemption_in_force_through_its_end_date() -> None:
    text = yaml.safe_dump({"exemptions": [entry("sg_no_public_ssh", "*", expires=TODAY)]})
    on_the_day = parse_exemptions(text, "x.yaml", today=TODAY).match("sg_no_public_ssh", SG, "dev")
    after = parse_exemptions(text, "x.yaml", today=TODAY + dt.timedelta(days=1)).match("sg_no_public_ssh", SG, "dev")
    assert on_the_day is not None and not on_the_day.expired
    assert after is not None and after.expired


def test_an_unused_exemption_is_noted_and_the_verdict_stands(bastion: Path, tmp_path: Path) -> None:
    write_exemptions(bastion, entry("lambda_in_vpc", "*"), entry("sg_no_public_ssh", "*::not-the-bastion"),
                     entry("sg_no_public_rdp", "*", stacks=["prod"]))
    proc, doc, sarif, markdown = check(bastion, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert doc["summary"] == {"mandatory": 3, "advisory": 3, "exempted": 0}
    # The prod-only entry does not apply to dev, so it is not unused there.
    assert [e["index"] for e in doc["exemptions"]["unused"]] == [0, 1]
    assert "note: unused exemption exemptions[0] (lambda_in_vpc on *; owner platform-team" in proc.stdout
    assert "it matched no finding on stack dev" in proc.stdout and "exemptions[2]" not in proc.stdout
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["note", "note"] and sarif_errors(sarif) == []
    assert "- unused exemption (matched no finding): exemptions[1] (sg_no_public_ssh on *::not-the-bastion" in markdown


def test_a_stack_filter_limits_an_exemption_to_its_stacks(bastion: Path, tmp_path: Path) -> None:
    write_exemptions(bastion, entry("sg_no_public_ssh", "*", stacks=["prod", "stag*"]))
    proc, doc, _, _ = check(bastion, tmp_path)
    assert by_policy(doc)["sg_no_public_ssh"]["exemption"] is None and doc["exemptions"]["unused"] == []
    assert proc.returncode == 1


def test_a_bad_file_is_exit_2_with_the_file_entry_and_field_of_every_problem(bastion: Path) -> None:
    path = bastion / "policy-exemptions.yaml"
    path.write_text(yaml.safe_dump({"exemptions": [
        entry("sg_no_public_ssh", SG),
        {"rule": "sg_no_public_shh", "resource": "*", "reason": "typo", "owner": "me", "expires": "2030-01-01"},
        {"rule": "ec2_no_public_ip", "resource": "*", "owner": " ", "expires": "31/12/2030", "until": "x"},
        {**entry("ec2_imdsv2_required", "*"), "stacks": "dev"},
    ]}))
    proc = lz("check", "dev", "--program", str(bastion))
    assert proc.returncode == 2 and proc.stdout == ""
    lines = errors(proc)
    assert lines[0] == "error: invalid exemptions file:"
    assert set(lines[1:]) == {
        f"{path}: exemptions[2].reason: Field required",
        f"{path}: exemptions[2].owner: String should have at least 1 character (got ' ')",
        f"{path}: exemptions[2].expires: not an ISO date (YYYY-MM-DD) (got '31/12/2030')",
        f"{path}: exemptions[2].until: unknown field (fields: rule, resource, stacks, reason, owner, expires)",
        f"{path}: exemptions[3].stacks: Input should be a valid tuple (got 'dev')",
    }, proc.stderr
    # Schema problems first; once they are fixed, rule ids are checked against the pack's registry.
    path.write_text(yaml.safe_dump({"exemptions": [
        entry("sg_no_public_ssh", SG),
        {"rule": "sg_no_public_shh", "resource": "*", "reason": "typo", "owner": "me", "expires": "2030-01-01"}]}))
    proc = lz("check", "dev", "--program", str(bastion))
    assert proc.returncode == 2
    assert errors(proc)[1:] == [
        f"{path}: exemptions[1].rule: unknown rule 'sg_no_public_shh'; did you mean 'sg_no_public_ssh'?"]


def test_the_file_is_checked_before_the_program_runs(tmp_path: Path) -> None:
    program = tmp_path / "crash"
    shutil.copytree(CRASH, program, ignore=shutil.ignore_patterns("__pycache__"))
    (program / "policy-exemptions.yaml").write_text("exemptions:\n  - rule: sg_no_public_ssh\n    expires: soon\n")
    proc = lz("check", "dev", "--program", str(program))
    assert proc.returncode == 2, proc.stderr  # not 3: the crashing program never ran
    assert f"{program / 'policy-exemptions.yaml'}: exemptions[0].resource: Field required" in proc.stderr
    assert "crashed" not in proc.stderr


def test_not_yaml_and_the_wrong_shape_name_the_file(bastion: Path) -> None:
    path = bastion / "policy-exemptions.yaml"
    path.write_text("exemptions: [rule: x\n")
    proc = lz("check", "dev", "--program", str(bastion))
    assert proc.returncode == 2 and errors(proc)[0].startswith(f"error: {path}: not YAML:")
    path.write_text("- rule: sg_no_public_ssh\n")
    proc = lz("check", "dev", "--program", str(bastion))
    assert proc.returncode == 2
    assert errors(proc) == [f"error: {path}: expected a mapping with the key 'exemptions', got list"]


def test_exemptions_option_names_the_file_and_a_missing_one_is_exit_2(bastion: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "accepted.yaml"
    elsewhere.write_text(yaml.safe_dump({"exemptions": [entry("sg_no_public_ssh", SG), entry("ec2_no_public_ip", HOST),
                                                        entry("ec2_imdsv2_required", HOST)]}))
    write_exemptions(bastion)  # an empty file beside Pulumi.yaml: the option wins over it
    proc, doc, _, _ = check(bastion, tmp_path, "--exemptions", str(elsewhere))
    assert proc.returncode == 0, proc.stderr
    assert doc["exemptions"]["file"] == str(elsewhere) and doc["summary"]["exempted"] == 3
    missing = lz("check", "dev", "--program", str(bastion), "--exemptions", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert errors(missing) == [f"error: --exemptions {tmp_path / 'nope.yaml'}: no such file"]


def test_with_fail_on_new_an_exempted_new_finding_passes_and_an_expired_one_fails(bastion: Path,
                                                                                  tmp_path: Path) -> None:
    # The base branch allowed SSH from the office only; the change opens it to the world (a new mandatory).
    base = tmp_path / "base"
    shutil.copytree(bastion, base)
    stack_file = base / "Pulumi.dev.yaml"
    stack_file.write_text(stack_file.read_text().replace('["0.0.0.0/0"]', '["203.0.113.0/24"]'))
    base_json = tmp_path / "base.json"
    assert lz("check", "dev", "--program", str(base), "--json", str(base_json)).returncode == 1
    assert "sg_no_public_ssh" not in {v["policy"] for v in json.loads(base_json.read_text())["violations"]}

    plain = lz("check", "dev", "--program", str(bastion), "--baseline", str(base_json), "--fail-on", "new")
    assert plain.returncode == 1, plain.stderr

    write_exemptions(bastion, entry("sg_no_public_ssh", SG))
    proc, doc, sarif, markdown = check(bastion, tmp_path, "--baseline", str(base_json), "--fail-on", "new")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ssh = by_policy(doc)["sg_no_public_ssh"]
    assert ssh["baselineState"] == "new" and ssh["exemption"]["state"] == "exempted"
    assert doc["baseline"]["newMandatory"] == 0  # new and mandatory, but accepted: nothing new blocks
    assert "--fail-on new: 0 new mandatory" in proc.stdout
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "sg_no_public_ssh")
    assert result["baselineState"] == "new" and result["suppressions"][0]["status"] == "accepted"
    assert markdown.index("#### Introduced by this change") < markdown.index("Exempted findings (1)")

    write_exemptions(bastion, entry("sg_no_public_ssh", SG, expires=PAST))
    expired = lz("check", "dev", "--program", str(bastion), "--baseline", str(base_json), "--fail-on", "new")
    assert expired.returncode == 1, expired.stderr
    assert "--fail-on new: 1 new mandatory" in expired.stdout


def test_parse_errors_are_collected_not_first_only() -> None:
    with pytest.raises(ExemptionsError) as err:
        parse_exemptions("exemptions:\n  - {}\n  - {rule: a}\nextra: 1\n", "f.yaml")
    lines = str(err.value).splitlines()[1:]
    assert "f.yaml: extra: unknown key (the file holds one key: exemptions)" in lines
    assert sum(line.startswith("f.yaml: exemptions[0].") for line in lines) == 5  # every required field
    assert sum(line.startswith("f.yaml: exemptions[1].") for line in lines) == 4


def test_the_readme_example_is_a_valid_file_for_the_shipped_pack() -> None:
    from lz.exemptions import registry_rules
    from lz.gate import DEFAULT_PACK_DIR

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Exemptions"):]
    example = section[section.index("```yaml\n") + len("```yaml\n"):section.index("```\n", section.index("```yaml"))]
    parsed = parse_exemptions(example, "README.md")
    known = registry_rules(DEFAULT_PACK_DIR)
    assert known is not None and len(known) > 200  # the registry: one file per rule
    parsed.check_rules(known)
    (only,) = parsed.entries
    assert only.matches("sg_no_public_ssh", SG, "dev") and not only.matches("sg_no_public_ssh", SG, "prod")
