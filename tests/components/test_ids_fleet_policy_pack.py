"""The IDS fleet (both modes, real user data) and the ingress edge pass the policy pack, in-process.

Account-baseline presence rules (GuardDuty on, CIS 4.x alarms present, ...) judge a whole account and are
left to the baseline's tests; every other rule, mandatory or advisory, must find nothing here.
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
from components.ids.fleet import GwlbRouting, IdsFleet  # noqa: E402
from components.ids.ingress import IngressEdge  # noqa: E402
from components.ids.spec import IdsSpec, IngressSpec  # noqa: E402
from lz.graph import ResourceGraph  # noqa: E402
from lz.mock_engine import run_function  # noqa: E402
from policies import packs, registry  # noqa: E402
from tests.components.envs import env_of  # noqa: E402

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TAGGING = Tagging("prod", "platform", "internal", {})
KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
LOGS = {k: f"/lz/prod/{p}" for k, p in (("snort", "ids"), ("hids", "hids"), ("antivirus", "antivirus"),
                                         ("nginx", "nginx"))}


TLS = {"certificate_arn": CERT, "internal_certificate_arn": CERT, "internal_host_name": "app.internal.example.com"}


def edge_and_fleet(mode: str) -> ResourceGraph:
    def program() -> None:
        sensors = IdsSpec.model_validate({"mode": mode})
        ingress = IngressEdge(
            "prod-ingress", IngressSpec(**TLS), sensors=sensors, sensor_vpc_id="vpc-edge",
            public_subnet_ids=["subnet-pub-a", "subnet-pub-b"], public_security_group_id="sg-public",
            app_vpc_id="vpc-workloads", app_subnet_ids=["subnet-app-a", "subnet-app-b"],
            app_security_group_id="sg-app", access_log_bucket_name="lz-prod-elb-logs", logs_key_arn=KEY,
            env=env_of(TAGGING, production=True))
        routing = GwlbRouting(
            vpc_id="vpc-edge", internet_gateway_id="igw-edge", endpoint_subnet_ids=["subnet-e-a", "subnet-e-b"],
            endpoint_route_table_ids=["rtb-e"], protected_subnet_cidrs=["10.10.0.0/22", "10.10.4.0/22"],
            protected_route_table_ids=["rtb-public"])
        IdsFleet(
            "prod-ids", sensors, vpc_id="vpc-edge",
            subnet_ids=["subnet-insp-a", "subnet-insp-b"], security_group_id="sg-inspection", data_key_arn=KEY,
            instance_profile_name="lz-prod-instance", instance_tags={"Patch Group": "lz-prod"},
            log_group_names=LOGS, alerts_topic_arn="arn:aws:sns:eu-west-1:123456789012:lz-prod-alerts",
            env=env_of(TAGGING, production=True),
            upstream_url="https://internal-lz-prod-app.eu-west-1.elb.amazonaws.com" if mode == "alb-proxy" else None,
            gwlb_routing=routing if mode == "gwlb" else None, target_group_arn=ingress.sensor_target_group_arn)
    return run_function(program, config={"aws:region": ACCOUNT.region}, preview=False)


def failures(graph: ResourceGraph) -> dict[str, dict[str, list[str]]]:
    out = {}
    for rule_id in sorted(registry.discover()):
        if rule_id in packs.ACCOUNT_BASELINE:
            continue
        if rule_id in ACCEPTED:  # explained in tests/components/accepted.py
            continue
        found = harness.violations(rule_id, graph)
        if found:
            out[rule_id] = {name: [v.message for v in vs] for name, vs in found.items()}
    return out


@pytest.mark.parametrize("mode", ["alb-proxy", "gwlb"])
def test_edge_and_fleet_pass_every_rule(mode: str) -> None:
    assert failures(edge_and_fleet(mode)) == {}


def test_the_pack_sees_the_edge_resources() -> None:
    """The rules above would pass trivially if their resource types went unseen: weakening one must fail."""
    graph = edge_and_fleet("alb-proxy")
    rules = {r: harness.violations(r, graph) for r in ("lb_public_alb_has_waf", "ec2_imdsv2_required")}
    assert rules == {"lb_public_alb_has_waf": {}, "ec2_imdsv2_required": {}}
    mandatory = {rid for rid, level in packs.pack_levels(packs.DEFAULT_PACK, registry.discover()).items()
                 if level == "mandatory"}
    # ec2_block_devices_encrypted and lb_listener_https_only are advisory now (FSBP EC2.3 / ELB.1: medium).
    assert {"ec2_imdsv2_required", "ec2_no_public_ip", "lb_listener_modern_tls_policy"} <= mandatory

    def weakened() -> None:
        IngressEdge(
            "prod-ingress", IngressSpec(**TLS, deletion_protection=False),
            public_subnet_ids=["subnet-pub-a"], public_security_group_id="sg", app_vpc_id="vpc",
            app_subnet_ids=["subnet-app-a"], app_security_group_id="sg-app", access_log_bucket_name="b",
            logs_key_arn=KEY, env=env_of(TAGGING, production=False))
    assert set(harness.violations("lb_deletion_protection", run_function(weakened))) == {"prod-ingress-public-alb"}
