"""Every VPC has a flow log capturing ALL traffic (a stack rule: the fact lives on FlowLog)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource

VPC = "aws:ec2/vpc:Vpc"
FLOW_LOG = "aws:ec2/flowLog:FlowLog"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    wanted = config["traffic_type"]
    logs = stack.of_type(FLOW_LOG)

    def check(vpc: ResourceView) -> Iterator[Violation]:
        attached = [log for log in logs if stack.refers_to(log, "vpcId", vpc)]
        if not attached:
            yield Violation(f"VPC {vpc.name} has no flow log", "vpcId")
        elif not any(log.get("trafficType") in (wanted, "ALL") for log in attached):
            kinds = sorted(str(log.get("trafficType")) for log in attached)
            yield Violation(f"VPC {vpc.name} flow logs capture {kinds}, not {wanted}", "trafficType")

    return each_resource(stack.of_type(VPC), check)


RULE = StackRule(
    id="vpc_flow_logs_enabled",
    title="Every VPC has a flow log capturing ALL traffic",
    description="Flow logs are the record of who talked to whom; accepted and rejected traffic both matter.",
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EC2.6",), "cis-aws-5.0": ("3.7",), "cis-aws-3.0": ("3.7",), "seed": ("audited",)},
    remediation='Add aws.ec2.FlowLog(vpc_id=vpc.id, traffic_type="ALL", ...) to a KMS-encrypted destination.',
    config={"traffic_type": {"type": "string", "enum": ["ALL", "ACCEPT", "REJECT"], "default": "ALL",
                             "description": "traffic each VPC must log; an ALL log satisfies any value"}},
    evaluate=evaluate,
)
