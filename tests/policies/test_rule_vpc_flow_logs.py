"""vpc_flow_logs_enabled: a stack rule joining FlowLog.vpcId to the VPC's id."""

import pulumi_aws as aws
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def flow_log(name: str, vpc: aws.ec2.Vpc, traffic: str = "ALL") -> None:
    aws.ec2.FlowLog(name, vpc_id=vpc.id, traffic_type=traffic, log_destination_type="s3",
                    log_destination="arn:aws:s3:::flow-logs")


def declare() -> None:
    logged = aws.ec2.Vpc("ok-logged", cidr_block="10.0.0.0/16")
    flow_log("logged-all", logged)
    twice = aws.ec2.Vpc("ok-two-logs", cidr_block="10.1.0.0/16")
    flow_log("two-reject", twice, "REJECT")
    flow_log("two-all", twice)
    aws.ec2.Vpc("unlogged", cidr_block="10.2.0.0/16")
    rejects = aws.ec2.Vpc("rejects-only", cidr_block="10.3.0.0/16")
    flow_log("rejects-log", rejects, "REJECT")


GRAPH = run_function(declare)


def test_fails_exactly_the_vpcs_without_an_all_traffic_flow_log() -> None:
    assert set(violations("vpc_flow_logs_enabled", GRAPH)) == {"unlogged", "rejects-only"}


def test_traffic_type_is_configurable_and_exemptions_apply_to_the_vpc_name() -> None:
    assert set(violations("vpc_flow_logs_enabled", GRAPH, {"traffic_type": "REJECT"})) == {"unlogged"}
    assert set(violations("vpc_flow_logs_enabled", GRAPH, {"exemptions": ["unlog*"]})) == {"rejects-only"}


def test_flow_log_on_another_vpc_does_not_count() -> None:
    def program() -> None:
        a = aws.ec2.Vpc("a", cidr_block="10.0.0.0/16")
        aws.ec2.Vpc("b", cidr_block="10.1.0.0/16")
        flow_log("a-log", a)

    assert evaluate_rule("vpc_flow_logs_enabled", program) == {"b"}


def test_one_undecidable_vpc_does_not_hide_the_others() -> None:
    from fixtures import unknown

    def program() -> None:
        aws.ec2.Vpc("a-unlogged", cidr_block="10.0.0.0/16")
        pending = aws.ec2.Vpc("b-pending", cidr_block="10.1.0.0/16")
        aws.ec2.FlowLog("b-log", vpc_id=pending.id, traffic_type=unknown("ALL"),
                        log_destination="arn:aws:logs:eu-west-1:123456789012:log-group:x")
        aws.ec2.Vpc("c-unlogged", cidr_block="10.2.0.0/16")

    found = violations("vpc_flow_logs_enabled", run_function(program))
    assert set(found) == {"a-unlogged", "b-pending", "c-unlogged"}
    assert found["b-pending"][0].message.startswith("cannot decide: trafficType")
    assert "no flow log" in found["c-unlogged"][0].message
