"""policies/fastpath.py patches pulumi_policy 1.21.0's private servicer, and only that release.

Any other SDK release, a servicer without one of the private names, or ``LZ_POLICY_FASTPATH=0`` leaves
the SDK's own path in place; the pack starts either way and its verdicts on our dev and prod stacks
are the same.
"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pulumi_policy.policy as sdk
import pytest

from lz.analyzer import Diagnostic, PolicyPackProcess, analyze_resources
from lz.graph import ResourceGraph
from lz.mock_engine import run_program
from policies import fastpath

ROOT = Path(__file__).resolve().parents[2]
STOCK = "policy pack: serving through pulumi_policy's own servicer"


def test_the_fast_path_applies_to_the_pinned_sdk_only() -> None:
    assert fastpath.sdk_version() == fastpath.SDK_VERSION == "1.21.0"  # requirements pin it; bump both
    assert fastpath.why_not("1.21.0", {}) is None
    assert fastpath.why_not("1.21.0", {"LZ_POLICY_FASTPATH": "1"}) is None
    assert fastpath.why_not("1.21.0", {"LZ_POLICY_FASTPATH": "0"}) == "LZ_POLICY_FASTPATH=0"
    assert fastpath.why_not("1.22.0", {}) == "pulumi-policy 1.22.0 is not 1.21.0, the release it copies"
    assert fastpath.why_not(None, {}) == "pulumi-policy (no package metadata) is not 1.21.0, the release it copies"


def test_a_servicer_without_a_private_name_it_replaces_keeps_the_stock_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sdk._PolicyAnalyzerServicer, "_get_provider_resource")
    monkeypatch.delattr(sdk, "unknown_checking_proxy")
    assert fastpath.why_not("1.21.0", {}) == (
        "pulumi_policy.policy lacks unknown_checking_proxy, _PolicyAnalyzerServicer._get_provider_resource")


def _spawn(monkeypatch: pytest.MonkeyPatch, switch: str) -> PolicyPackProcess:
    monkeypatch.setenv("LZ_POLICY_FASTPATH", switch)
    pack = PolicyPackProcess(ROOT / "policies").spawn()  # the environment is read here
    monkeypatch.delenv("LZ_POLICY_FASTPATH")
    return pack


def _verdicts(graph: ResourceGraph, pack: PolicyPackProcess) -> tuple[list[Diagnostic], str]:
    analysis = analyze_resources(ROOT / "policies", graph.resources, started=pack)
    key = lambda d: (d.policy, d.urn, d.message)  # noqa: E731
    return sorted(analysis.diagnostics, key=key), pack.stderr_text()


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_pack_gives_the_same_verdicts_with_and_without_the_fast_path(stack: str,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Both packs boot while the program runs, then judge it side by side (one core each).
    fast_pack, stock_pack = _spawn(monkeypatch, "1"), _spawn(monkeypatch, "0")
    graph = run_program(ROOT, stack, preview=True)
    with ThreadPoolExecutor(2) as pool:
        stock_run = pool.submit(_verdicts, graph, stock_pack)
        fast, fast_err = _verdicts(graph, fast_pack)
        stock, stock_err = stock_run.result()
    assert STOCK not in fast_err and f"{STOCK} (LZ_POLICY_FASTPATH=0)" in stock_err
    assert len(fast) > 10 and stock == fast
