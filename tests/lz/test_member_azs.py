"""AZ names of a member account come through its provider (AZ names map to physical zones per account)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lz.aws_mocks import AwsMocks
from lz.mock_engine import run_program

ROOT = Path(__file__).resolve().parents[2]
STACKS = ROOT / "tests" / "stacks"
AZ_TOKEN = "aws:index/getAvailabilityZones:getAvailabilityZones"


def _az_lookups(monkeypatch: pytest.MonkeyPatch, program: Path, stack: str) -> tuple[list[str], Any]:
    seen: list[str] = []
    call = AwsMocks.call

    def recording(self: AwsMocks, args: Any) -> Any:
        if args.token == AZ_TOKEN:
            seen.append(args.provider or "")
        return call(self, args)

    monkeypatch.setattr(AwsMocks, "call", recording)
    return seen, run_program(program, stack)


def test_a_member_looks_up_its_azs_through_the_account_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    seen, graph = _az_lookups(monkeypatch, STACKS, "dev-org")
    [provider] = [r for r in graph.resources if r.type == "pulumi:providers:aws" and r.name == "dev-account"]
    assert seen and all(ref.startswith(provider.urn + "::") for ref in seen), seen
    subnets = [r for r in graph.resources if r.type == "aws:ec2/subnet:Subnet"]
    assert subnets and {s.inputs["availabilityZone"] for s in subnets} <= {"eu-west-1a", "eu-west-1b", "eu-west-1c"}


def test_a_single_account_stack_looks_them_up_with_the_stack_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    seen, _ = _az_lookups(monkeypatch, ROOT, "dev")
    assert seen and all("dev-account" not in ref for ref in seen), seen
