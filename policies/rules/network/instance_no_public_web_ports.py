"""Security groups on instances do not open web ports to the internet: the edge tier does."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.compute import COMPUTE_TYPES
from .._lib.exposure import attached_groups, group_openings
from .._lib.net import covers_port, is_anywhere


def _check(stack: StackView, resource: ResourceView, ports: list[int]) -> Iterator[Violation]:
    findings: list[str] = []
    first_prop = ""
    for prop, group in attached_groups(stack, resource):
        for source, opening in group_openings(stack, group):
            if not is_anywhere(opening.cidr):
                continue
            hit = [p for p in ports if covers_port(opening.protocol, opening.from_port, opening.to_port, p)]
            if hit:
                where = group.name if source is group else f"{group.name} (rule {source.name})"
                findings.append(f"{', '.join(map(str, hit))} from {opening.cidr} through {where} "
                                f"({opening.path})")
                first_prop = first_prop or prop
    if findings:  # one finding per instance, listing every open path
        yield Violation(f"web port(s) open to the internet on the instance itself: {'; '.join(findings)}; the "
                        "rule demands web traffic arrive through a load balancer, with the instance's group "
                        "admitting only the load balancer's security group", first_prop)


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    ports = [int(p) for p in config["ports"]]
    yield from each_resource(stack.of_type(*COMPUTE_TYPES), lambda r: _check(stack, r, ports))


RULE = StackRule(
    id="instance_no_public_web_ports",
    title="Security groups attached to instances do not open web ports to 0.0.0.0/0 or ::/0",
    description=(
        "Web ports open to the world belong on a load balancer (TLS termination, WAF, access logs, health "
        "checks); on an instance they expose the application server directly. Resolves each Instance, "
        "SpotInstanceRequest, LaunchTemplate and LaunchConfiguration to the security groups of this stack it "
        "attaches (vpc_security_group_ids, security groups by name, launch-template network interfaces) and "
        "reads their inline ingress plus every SecurityGroupRule / vpc.SecurityGroupIngressRule naming "
        "them. Groups attached only to load balancers are not judged. FSBP EC2.18 authorizes 80 and 443 "
        "by default, so no FSBP control demands this."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("firewalled",)},
    remediation=(
        "Put an aws.lb.LoadBalancer in front; on the instance's group replace the 0.0.0.0/0 ingress with "
        "aws.vpc.SecurityGroupIngressRule(security_group_id=instance_sg.id, referenced_security_group_id="
        "lb_sg.id, from_port=..., to_port=..., ip_protocol=\"tcp\")."
    ),
    config={"ports": {"type": "array", "items": {"type": "integer"}, "default": [80, 443, 8080, 8443],
                      "description": "TCP ports counted as web ports"}},
    evaluate=evaluate,
)
