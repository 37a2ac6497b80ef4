"""The storage and audit baselines pass the policy pack, rule by rule, in-process (tests/policies/harness).

Rules about other domains' resources (CIS 4.x metric filters, IAM password policy and support
role) report on the stack as a whole and are left to those domains' tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.components.accepted import ACCEPTED

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tests" / "policies"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import harness  # noqa: E402

from components.base import AccountContext, Tagging  # noqa: E402
from components.storage.spec import StorageSpec  # noqa: E402
from lz.graph import ResourceGraph  # noqa: E402
from lz.mock_engine import run_function  # noqa: E402
from policies import registry  # noqa: E402
from tests.components.envs import env_of  # noqa: E402

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
OTHER_DOMAINS = ("cis_4_", "iam_password_", "iam_support_role_present")
PRESENCE_RULES = ("cloudtrail_present", "config_recorder_enabled", "guardduty_enabled", "securityhub_enabled",
                  "iam_access_analyzer_enabled", "ebs_encryption_by_default", "s3_account_public_access_blocked")


def baseline(storage: dict[str, object] | None = None, production: bool = False) -> ResourceGraph:
    from components.audit.baseline import AuditBaseline
    from components.audit.spec import AuditSpec
    from components.storage.baseline import StorageBaseline

    spec = StorageSpec.model_validate(storage or {})
    env = "prod" if production else "dev"

    def program() -> None:
        tagging = Tagging(env, "platform", "internal", {})
        keys = StorageBaseline(f"lz-{env}-storage", spec, env=env_of(tagging, production=production))
        AuditBaseline(f"lz-{env}-audit", AuditSpec(), storage=spec, logs_key_arn=keys.key_arns["logs"],
                      env=env_of(tagging, production=production))
    return run_function(program, config={"aws:region": "eu-west-1"})


def failures(graph: ResourceGraph) -> dict[str, dict[str, list[str]]]:
    out = {}
    for rule_id in sorted(registry.discover()):
        if rule_id.startswith(OTHER_DOMAINS):
            continue
        if rule_id in ACCEPTED:  # explained in tests/components/accepted.py
            continue
        found = harness.violations(rule_id, graph)
        if found:
            out[rule_id] = {name: [v.message for v in vs] for name, vs in found.items()}
    return out


@pytest.mark.parametrize("production", [False, True])
def test_default_baselines_pass_every_rule(production: bool) -> None:
    assert failures(baseline(production=production)) == {}


def test_presence_rules_see_the_baselines() -> None:
    registered = registry.discover()
    present = [r for r in PRESENCE_RULES if r in registered]
    assert present, "the pack lost every presence rule this test relies on"
    empty = run_function(lambda: None)
    graph = baseline()
    for rule_id in present:
        assert harness.violations(rule_id, empty), f"{rule_id} passes an empty stack"
        assert harness.violations(rule_id, graph) == {}, rule_id


def test_the_sse_s3_alb_bucket_passes_because_it_receives_elb_logs() -> None:
    graph = baseline({"elbLogBucket": True})
    # ELB cannot write SSE-KMS; the rule accepts AES256 on a bucket whose policy grants ELB log delivery.
    assert harness.violations("s3_bucket_encrypted", graph) == {}
    strict = {"allow_sse_s3_for_elb_logs": False}
    assert set(harness.violations("s3_bucket_encrypted", graph, strict)) == {"lz-dev-audit-log-archive-elb-logs-bucket"}
