"""Classic load balancer HTTPS/SSL listeners use a strong predefined security policy (a stack rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.compute import CLASSIC_LOAD_BALANCERS
from .._lib.edge import LISTENER_POLICY, LOAD_BALANCER_POLICY, TLS_LISTENER_PROTOCOLS, joined

REFERENCE = "Reference-Security-Policy"


def _reference(policy: ResourceView) -> str | None:
    if policy.get("policyTypeName") != "SSLNegotiationPolicyType":
        return None
    for attribute in policy.get("policyAttributes") or ():
        if attribute.get("name") == REFERENCE:
            return str(attribute.get("value"))
    return None


def _named(stack: StackView, listener_policy: ResourceView, policy: ResourceView) -> bool:
    if policy.urn in listener_policy.property_dependencies.get("policyNames", ()):
        return True
    return policy.get("policyName") in (listener_policy.get("policyNames") or ())


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    allowed = set(config["allowed_policies"])
    listener_policies = stack.of_type(LISTENER_POLICY)
    policies = stack.of_type(LOAD_BALANCER_POLICY)

    def check(lb: ResourceView) -> Iterator[Violation]:
        mine = [lp for lp in listener_policies if joined(stack, lp, "loadBalancerName", lb, "name")]
        own_policies = [p for p in policies if joined(stack, p, "loadBalancerName", lb, "name")]
        for i, listener in enumerate(lb.get("listeners") or ()):
            if str(listener.get("lbProtocol") or "").upper() not in TLS_LISTENER_PROTOCOLS:
                continue
            port = listener.get("lbPort")
            attached = [lp for lp in mine if lp.get("loadBalancerPort") == port]
            references = sorted({ref for lp in attached for p in own_policies if _named(stack, lp, p)
                                 for ref in [_reference(p)] if ref})
            path = f"listeners[{i}]"
            if not attached:
                yield Violation(f"classic load balancer {lb.name} listener on port {port:g} has no "
                                "aws.elb.ListenerPolicy, so AWS applies its default (ELBSecurityPolicy-2016-08, "
                                f"TLS 1.0); the rule demands {sorted(allowed)}", path)
            elif not allowed.intersection(references):
                shown = ", ".join(references) or "no predefined SSL negotiation policy"
                yield Violation(f"classic load balancer {lb.name} listener on port {port:g} uses {shown}; the rule "
                                f"demands {sorted(allowed)}", path)

    yield from each_resource(stack.of_type(*CLASSIC_LOAD_BALANCERS), check)


RULE = StackRule(
    id="elb_classic_predefined_tls_policy",
    title="Classic load balancer HTTPS/SSL listeners use a strong predefined security policy",
    description=(
        "A classic listener negotiates what its SSLNegotiationPolicyType policy allows; without one AWS "
        "attaches a TLS 1.0 policy. Joins each HTTPS/SSL listener to an aws.elb.ListenerPolicy on its port "
        "and that to an aws.elb.LoadBalancerPolicy whose Reference-Security-Policy is allowed."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access",), "aws-fsbp": ("ELB.8",)},
    remediation=(
        'Add aws.elb.LoadBalancerPolicy(load_balancer_name=lb.name, policy_name="tls12", policy_type_name='
        '"SSLNegotiationPolicyType", policy_attributes=[{"name": "Reference-Security-Policy", "value": '
        '"ELBSecurityPolicy-TLS-1-2-2017-01"}]) and aws.elb.ListenerPolicy(load_balancer_name=lb.name, '
        "load_balancer_port=443, policy_names=[policy.policy_name]); better, move to aws.lb.LoadBalancer."
    ),
    config={"allowed_policies": {"type": "array", "items": {"type": "string"},
                                 "default": ["ELBSecurityPolicy-TLS-1-2-2017-01"],
                                 "description": "predefined classic security policies accepted (FSBP default)"}},
    evaluate=evaluate,
)
