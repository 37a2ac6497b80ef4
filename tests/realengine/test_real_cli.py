"""The README's real path, command for command, under the real CLI and engine.

Stand-ins (and only these): the AWS provider (lz/standin, no AWS here) and the language host's gRPC
shim (lz/python_langhost.py; the Go module is not served). The CLI, the engine, the state backend, the
secrets provider, the policy-analyzer protocol, pulumi-language-python-exec and the pack are real.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from lz.real_cli import RealPulumi
from tests.realengine.conftest import copy_landing_zone, copy_program


def _mandatory_count(output: str) -> int:
    # The CLI's policy summary: "Policies: ... N mandatory violations" or per-violation "mandatory" lines.
    return len(re.findall(r"\[mandatory\]", output))


@pytest.fixture(scope="module")
def deployed(cli: RealPulumi, pack_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """dev through the README's real path (prod the same, without the gated preview before its `up`,
    which gates the same steps); returns each stack's project directory."""
    out: dict[str, Path] = {}
    for stack in ("dev", "prod"):
        project = copy_landing_zone(tmp_path_factory.mktemp(f"lz-{stack}"))
        cli.run(["login", cli.env["PULUMI_BACKEND_URL"]], cwd=project)
        cli.run(["stack", "select", "--create", stack], cwd=project)
        if stack == "dev":
            preview = cli.run(["preview", "--policy-pack", str(pack_dir)], cwd=project)
            assert _mandatory_count(preview.stdout) == 0 and "Policies:" in preview.stdout, preview.stdout[-3000:]
        # The preview just ran (and gated); `up` would run that same preview again before updating.
        # --skip-preview updates at once, as a pipeline that previewed on the pull request does; the
        # engine still runs the pack on every step of the update.
        up = cli.run(["up", "--yes", "--skip-preview", "--policy-pack", str(pack_dir)], cwd=project)
        assert "Policies:" in up.stdout and "[mandatory]" not in up.stdout, up.stdout[-3000:]
        cli.run(["preview", "--expect-no-changes"], cwd=project)
        out[stack] = project
    return out


def _export(cli: RealPulumi, project: Path, stack: str) -> dict[str, Any]:
    done = cli.run(["stack", "export", "--stack", stack], cwd=project)
    state: dict[str, Any] = json.loads(done.stdout)
    return state


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_readme_real_path_preview_up_no_changes(deployed: dict[str, Path], cli: RealPulumi, stack: str) -> None:
    state = _export(cli, deployed[stack], stack)
    resources = state["deployment"]["resources"]
    custom = [r for r in resources if r.get("custom") and not r["type"].startswith("pulumi:providers:")]
    assert len(custom) > 100, f"{stack}: only {len(custom)} resources deployed"
    # The stand-in minted real-looking ids for everything the engine created.
    assert all(r.get("id") for r in custom)


def test_destroy_prod_refuses_protected_evidence(deployed: dict[str, Path], cli: RealPulumi) -> None:
    before = _export(cli, deployed["prod"], "prod")["deployment"]["resources"]
    protected = [r["urn"] for r in before if r.get("protect")]
    assert any("aws:s3/bucketV2:BucketV2" in u or "aws:s3/bucket:Bucket" in u for u in protected), protected[:10]
    assert any("aws:kms/key:Key" in u for u in protected), protected[:10]
    done = cli.run(["destroy", "--yes"], cwd=deployed["prod"], check=False)
    assert done.returncode != 0
    text = re.sub(r"\s+", " ", done.stdout + done.stderr)
    assert "cannot be deleted because it is protected" in text, text[-3000:]
    after = _export(cli, deployed["prod"], "prod")["deployment"]["resources"]
    assert sorted(r["urn"] for r in after) == sorted(r["urn"] for r in before), "destroy deleted something"


def _edit_stack(project: Path, stack: str, edit: Any) -> None:
    path = project / f"Pulumi.{stack}.yaml"
    doc = yaml.safe_load(path.read_text())
    edit(doc["config"])
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


def _preview_steps(cli: RealPulumi, project: Path) -> list[dict[str, Any]]:
    done = cli.run(["preview", "--json"], cwd=project)
    steps: list[dict[str, Any]] = json.loads(done.stdout).get("steps", [])
    return steps


_STABLE_TYPES = ("aws:ec2/subnet:Subnet", "aws:ec2/route:Route", "aws:ec2/networkAcl:NetworkAcl",
                 "aws:ec2/routeTable:RouteTable", "aws:ec2/networkAclRule:NetworkAclRule",
                 "aws:ec2/routeTableAssociation:RouteTableAssociation",
                 "aws:ec2/networkAclAssociation:NetworkAclAssociation")
# An existing one of these may not even be updated: a renumbered rule or a moved association is an update.
_NEVER_UPDATED = ("aws:ec2/subnet:Subnet", "aws:ec2/route:Route", "aws:ec2/networkAclRule:NetworkAclRule",
                  "aws:ec2/routeTableAssociation:RouteTableAssociation",
                  "aws:ec2/networkAclAssociation:NetworkAclAssociation")


@pytest.mark.parametrize("change", ["add-az", "add-tier"])
def test_adding_an_az_or_tier_only_creates(deployed: dict[str, Path], cli: RealPulumi, change: str,
                                           tmp_path: Path) -> None:
    project = deployed["dev"]
    original = (project / "Pulumi.dev.yaml").read_text()
    try:
        if change == "add-az":
            _edit_stack(project, "dev", lambda c: c["landing-zone:network"].update(azCount=3))
        else:
            _edit_stack(project, "dev", lambda c: c["landing-zone:network"]["islands"][1]["tiers"].append(
                {"name": "batch", "kind": "private"}))
        steps = _preview_steps(cli, project)
    finally:
        (project / "Pulumi.dev.yaml").write_text(original)
    by_op: dict[str, list[str]] = {}
    for step in steps:
        by_op.setdefault(step["op"], []).append(step["urn"])
    created = [u for u in by_op.get("create", []) if u.split("::")[2].split("$")[-1] in _STABLE_TYPES]
    assert created, f"{change}: nothing network-shaped was created: {sorted(by_op)}"
    for op in ("delete", "replace", "create-replacement", "delete-replaced", "discard"):
        touched = [u for u in by_op.get(op, []) if u.split("::")[2].split("$")[-1] in _STABLE_TYPES]
        assert not touched, f"{change}: {op} of existing {touched[:5]}"
    updated = [u for u in by_op.get("update", []) if u.split("::")[2].split("$")[-1] in _NEVER_UPDATED]
    assert not updated, f"{change}: update of existing {updated[:5]}"


def test_pack_blocks_ssh_open_to_the_world(cli: RealPulumi, pack_dir: Path, tmp_path: Path) -> None:
    project = copy_program("ssh_open", tmp_path / "ssh_open")
    cli.run(["stack", "select", "--create", "dev"], cwd=project)
    cli.run(["config", "set", "aws:region", "eu-west-1"], cwd=project)
    done = cli.run(["preview", "--policy-pack", str(pack_dir)], cwd=project, check=False)
    assert done.returncode != 0
    text = done.stdout + done.stderr
    assert "[mandatory]" in text and "sg_no_public_ssh" in text, text[-3000:]
    # The CLI prints our rule's title and message under the violating resource.
    assert re.search(r"\[mandatory\].*sg_no_public_ssh.*SecurityGroup: bastion\)\s*\n\s*Security groups do not "
                     r"allow SSH \(22\) from 0\.0\.0\.0/0", text), text[-3000:]


def test_policy_pack_config_schema(cli: RealPulumi, pack_dir: Path, tmp_path: Path) -> None:
    project = copy_program("ssh_open", tmp_path / "ssh_cfg")
    cli.run(["stack", "select", "--create", "cfg"], cwd=project)
    cli.run(["config", "set", "aws:region", "eu-west-1"], cwd=project)
    # The README's documented config: SSH only from a named range (so the world-open rule still fires).
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"all": "mandatory", "sg_no_public_ssh": {"allowed_cidrs": ["203.0.113.0/24"]},
                                "log_group_retention": {"exemptions": ["scratch-*"]}}))
    done = cli.run(["preview", "--policy-pack", str(pack_dir), "--policy-pack-config", str(good)],
                   cwd=project, check=False)
    text = done.stdout + done.stderr
    assert "validating policy config" not in text, text[-3000:]
    assert done.returncode != 0 and "[mandatory]" in text and "sg_no_public_ssh" in text, text[-3000:]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"sg_no_public_ssh": {"allowed_cidrs": "203.0.113.0/24"}}))
    done = cli.run(["preview", "--policy-pack", str(pack_dir), "--policy-pack-config", str(bad)],
                   cwd=project, check=False)
    assert done.returncode != 0
    text = done.stdout + done.stderr
    assert "validating policy config" in text and "allowed_cidrs: Invalid type" in text, text[-3000:]


def test_secure_config_reaches_program_and_stays_encrypted(fresh_cli: RealPulumi, tmp_path: Path) -> None:
    cli = fresh_cli
    project = copy_program("secret_reader", tmp_path / "secret_reader")
    secret = "correct-horse-battery-staple-" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:8]
    cli.run(["stack", "select", "--create", "dev"], cwd=project)
    cli.run(["config", "set", "aws:region", "eu-west-1"], cwd=project)
    cli.run(["config", "set", "--secret", "dbPassword", secret], cwd=project)
    stack_file = (project / "Pulumi.dev.yaml").read_text()
    assert "secure: v1:" in stack_file and secret not in stack_file
    cli.run(["up", "--yes"], cwd=project)
    outputs = json.loads(cli.run(["stack", "output", "--json"], cwd=project).stdout)
    assert outputs["passwordSha256"] == hashlib.sha256(secret.encode()).hexdigest()
    assert outputs["password"] == "[secret]"
    state_files = [p for p in Path(cli.state).rglob("*") if p.is_file()]
    assert any(p.name == "dev.json" for p in state_files)
    for state_file in state_files:  # the stack, its .bak copies, history and locks
        assert secret.encode() not in state_file.read_bytes(), f"plaintext secret in {state_file}"


def test_stack_reference_between_local_stacks(fresh_cli: RealPulumi, tmp_path: Path) -> None:
    cli = fresh_cli
    producer = copy_program("stackref_producer", tmp_path / "producer")
    consumer = copy_program("stackref_consumer", tmp_path / "consumer")
    for project in (producer, consumer):
        cli.run(["stack", "select", "--create", "dev"], cwd=project)
        cli.run(["config", "set", "aws:region", "eu-west-1"], cwd=project)
    cli.run(["up", "--yes"], cwd=producer)
    produced = json.loads(cli.run(["stack", "output", "--json"], cwd=producer).stdout)
    cli.run(["config", "set", "producer", "organization/stackref-producer/dev"], cwd=consumer)
    cli.run(["up", "--yes"], cwd=consumer)
    consumed = json.loads(cli.run(["stack", "output", "--json"], cwd=consumer).stdout)
    assert produced["vpcId"].startswith("vpc-")
    assert consumed == {"producerVpcId": produced["vpcId"], "producerCidr": "10.60.0.0/16"}


# -- fidelity: what the real engine recorded equals what the offline engine captured --------------
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_SIG_KEY = "4dabf18193072939515e22adb298388d"
_RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
_ASSET_SIGS = {"c44067f5952c0a294b673a41bacd8c17", "0def7320c3a5731c473e5ecbe6d01bc7"}  # asset, archive


def _plain_state_value(value: Any) -> Any:
    """A state-file value as lz's wire_to_plain shows it: secrets "[secret]", references their URN."""
    if isinstance(value, dict):
        sig = value.get(_SIG_KEY)
        if sig == _SECRET_SIG:
            return "[secret]"
        if sig == _RESOURCE_SIG:
            return value.get("urn")
        if sig in _ASSET_SIGS:
            # The engine adds the content hash it computed; offline the archive is as the program built it.
            return {k: _plain_state_value(v) for k, v in value.items() if k not in (_SIG_KEY, "hash")}
        return {k: _plain_state_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_state_value(v) for v in value]
    return value


def _provider_ref(ref: str | None) -> str:
    """Default providers are implicit offline (the SDK sends no provider); explicit ones by URN."""
    if not ref:
        return ""
    urn = ref.rsplit("::", 1)[0]
    return "" if urn.split("::")[-1].startswith("default") else urn


def _real_resources(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for r in state["deployment"]["resources"]:
        if r["type"] == "pulumi:pulumi:Stack" or r["type"].startswith("pulumi:providers:"):
            continue
        out[r["urn"]] = {
            "type": r["type"],
            "parent": "<stack>" if r.get("parent", "").split("::")[2:3] == ["pulumi:pulumi:Stack"]
            else r.get("parent"),
            "protect": bool(r.get("protect")),
            "retainOnDelete": bool(r.get("retainOnDelete")),
            "provider": _provider_ref(r.get("provider")),
            "inputs": _plain_state_value(r.get("inputs", {})),
        }
    return out


def _offline_resources(graph: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for r in graph["resources"]:
        parent = r.get("parent")
        out[r["urn"]] = {
            "type": r["type"],
            "parent": "<stack>" if parent and parent.split("::")[2:3] == ["pulumi:pulumi:Stack"] else parent,
            "protect": r["protect"],
            "retainOnDelete": r["retainOnDelete"],
            "provider": _provider_ref(r.get("provider")),
            "inputs": r["inputs"],
        }
    return out


def _first_difference(a: Any, b: Any, path: str = "") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'real' if key in a else 'offline'}"
            found = _first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: real {a!r} != offline {b!r}"


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_fidelity_real_state_equals_lz_preview(deployed: dict[str, Path], cli: RealPulumi, stack: str) -> None:
    import subprocess
    import sys

    project = deployed[stack]
    real = _real_resources(_export(cli, project, stack))
    done = subprocess.run([sys.executable, "-m", "lz", "preview", stack, "--json", "--program", str(project)],
                          capture_output=True, text=True, check=True)
    offline = _offline_resources(json.loads(done.stdout))
    only_real, only_offline = sorted(set(real) - set(offline)), sorted(set(offline) - set(real))
    assert not only_real and not only_offline, f"only real: {only_real[:5]}; only offline: {only_offline[:5]}"
    drift = {urn: _first_difference(real[urn], offline[urn]) for urn in real}
    drift = {urn: d for urn, d in drift.items() if d}
    assert not drift, f"{len(drift)} resources differ, e.g. " + "; ".join(
        f"{urn}: {d}" for urn, d in list(drift.items())[:5])
