"""Rule metadata validation and the adapter's contract (messages, config schema, exemptions)."""

import pytest
from harness import rule
from pulumi_policy import EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy
from pydantic import ValidationError

from policies import adapter
from policies.framework import ResourceRule, Rule, Severity, StackRule, Violation


def make(**overrides: object) -> Rule:
    fields: dict[str, object] = {
        "id": "demo_rule", "title": "t", "description": "d", "severity": Severity.LOW,
        "frameworks": {"seed": ["firewalled"]}, "remediation": "fix it",
        "resource_types": ["aws:ec2/vpc:Vpc"], "evaluate": lambda r, c: [],
    }
    fields.update(overrides)
    return ResourceRule(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id": "DemoRule"}, "snake_case"),
        ({"frameworks": {"cis-aws-3.0": ["5.2"]}}, "seed"),
        ({"remediation": ""}, "remediation"),
        ({"resource_types": ["aws:ec2:Vpc"]}, "aws:<module>/<lowerCamel>:<Name>"),
        ({"config": {"ports": {"type": "array"}}}, "need a default"),
        ({"config": {"exemptions": {"type": "array", "default": []}}}, "exemptions"),
        ({"resource_types": []}, "must list the resource_types"),
    ],
)
def test_bad_metadata_is_rejected_with_a_clear_message(overrides: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        make(**overrides)


def test_rule_becomes_a_policy_with_metadata_the_gate_can_read() -> None:
    policy = adapter.to_policy(rule("sg_no_public_ssh"), EnforcementLevel.MANDATORY)
    assert isinstance(policy, ResourceValidationPolicy)
    assert policy.name == "sg_no_public_ssh"
    assert policy.tags == ["aws-fsbp:EC2.13", "cis-aws-3.0:5.2", "cis-aws-3.0:5.3", "cis-aws-5.0:5.3",
                           "cis-aws-5.0:5.4", "seed:firewalled",
                           *(f"applies-to:{t}" for t in rule("sg_no_public_ssh").resource_types),
                           "inspects:ingress@aws:ec2/securityGroup:SecurityGroup",
                           *(t for t in policy.tags if t.startswith("inspects:") and not t.endswith(":SecurityGroup"))]
    assert "inspects:cidrIpv4@aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" in policy.tags
    assert "applies-to:aws:ec2/securityGroup:SecurityGroup" in policy.tags
    assert policy.remediation_steps
    assert policy.config_schema is not None
    assert set(policy.config_schema.properties) == {"allowed_cidrs", "strict", "exemptions"}
    assert isinstance(adapter.to_policy(rule("vpc_flow_logs_enabled"), EnforcementLevel.ADVISORY),
                      StackValidationPolicy)


def test_rendered_message_carries_property_and_remediation() -> None:
    text = adapter.render(rule("sg_no_public_ssh"), Violation("open", "ingress[0].cidrBlocks[0]"))
    assert "[property: ingress[0].cidrBlocks[0]]" in text
    assert "Remediation: " in text


def test_framework_ids_are_checked_per_framework() -> None:
    def make(frameworks: dict[str, tuple[str, ...]]) -> Rule:
        return ResourceRule(id="x_rule", title="t", description="d", severity=Severity.LOW, frameworks=frameworks,
                    remediation="r", resource_types=("aws:s3/bucket:Bucket",), evaluate=lambda r, c: ())

    assert make({"seed": ("logging",), "aws-fsbp": ("S3.9",), "cis-aws-5.0": ("3.4",)}).tags() == [
        "aws-fsbp:S3.9", "cis-aws-5.0:3.4", "seed:logging"]
    with pytest.raises(ValidationError, match="aws-fsbp control id"):
        make({"seed": ("logging",), "aws-fsbp": ("s3-9",)})
    with pytest.raises(ValidationError, match="unknown framework"):
        make({"seed": ("logging",), "nist": ("AC-2",)})


def test_a_rule_is_a_resource_rule_or_a_stack_rule() -> None:
    base = {"id": "demo_rule", "title": "t", "description": "d", "severity": Severity.LOW,
            "frameworks": {"seed": ["firewalled"]}, "remediation": "fix it", "evaluate": lambda r, c: []}
    with pytest.raises(TypeError, match=r"ResourceRule\(resource_types=\.\.\., evaluate=\.\.\.\) and StackRule"):
        Rule(**base)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="resource_types"):
        ResourceRule(**base)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="resource_types"):  # a stack rule judges the stack, no types
        StackRule(**base, resource_types=("aws:ec2/vpc:Vpc",))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="kind"):  # the old single type's switch is gone
        StackRule(**base, kind="stack")  # type: ignore[arg-type]
    stack_rule = StackRule(**base)  # type: ignore[arg-type]
    assert isinstance(stack_rule, Rule) and not isinstance(stack_rule, ResourceRule)
    assert isinstance(adapter.to_policy(stack_rule, EnforcementLevel.ADVISORY), StackValidationPolicy)


def test_every_registered_rule_is_exactly_one_of_the_two_types() -> None:
    from policies import registry

    rules = registry.discover()
    kinds = {rid: type(r) for rid, r in rules.items()}
    assert set(kinds.values()) == {ResourceRule, StackRule}
    assert isinstance(rule("vpc_flow_logs_enabled"), StackRule) and isinstance(rule("sg_no_public_ssh"), ResourceRule)
