"""Security Hub reaches every member: central configuration with an enabling policy on the root."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation
from .._lib.organizations import organization_configurations, targets_root

CONFIGURATION = "aws:securityhub/organizationConfiguration:OrganizationConfiguration"
POLICY = "aws:securityhub/configurationPolicy:ConfigurationPolicy"
ASSOCIATION = "aws:securityhub/configurationPolicyAssociation:ConfigurationPolicyAssociation"


def _enables(policy: ResourceView) -> bool:
    body = policy.get("configurationPolicy") or {}
    return isinstance(body, Mapping) and body.get("serviceEnabled") is True


def _check(stack: StackView) -> Any:
    def check(configuration: ResourceView) -> Iterator[Violation]:
        kind = (configuration.get("organizationConfiguration") or {}).get("configurationType", "LOCAL")
        if kind != "CENTRAL":
            if configuration.get("autoEnable") is True:
                yield Violation("LOCAL configuration with autoEnable enables only accounts that join later; use "
                                "CENTRAL configuration with a policy on the root", "organizationConfiguration")
            else:
                yield Violation("Security Hub is not enabled for member accounts (LOCAL configuration, autoEnable "
                                "off)", "autoEnable")
            return
        enabling = [p for p in stack.of_type(POLICY) if _enables(p)]
        rooted = [a for a in stack.of_type(ASSOCIATION) if targets_root(stack, a)
                  and any(stack.refers_to(a, "policyId", p) for p in enabling)]
        if not rooted:
            yield Violation("CENTRAL configuration, but no configuration policy with serviceEnabled is associated "
                            "with the root: member accounts are not enabled", "organizationConfiguration")
    return check


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from organization_configurations(
        stack, CONFIGURATION, _check(stack),
        missing="the organization declares no Security Hub organization configuration")


RULE = StackRule(
    id="org_securityhub_auto_enable_all",
    title="Security Hub is enabled in every member through central configuration on the root",
    description=("Central configuration with a policy (service enabled, standards) associated with the root "
                 "enables Security Hub in every account and governed region, existing ones included."),
    severity=Severity.HIGH,
    frameworks={"cis-aws-5.0": ("4.16",), "seed": ("one-spot-monitoring", "organization-monitoring")},
    remediation=("In the delegated administrator account: aws.securityhub.OrganizationConfiguration("
                 "auto_enable=False, organization_configuration={\"configuration_type\": \"CENTRAL\"}), an "
                 "aws.securityhub.ConfigurationPolicy(service_enabled=True, ...) and a "
                 "ConfigurationPolicyAssociation with target_id=<root id>."),
    evaluate=evaluate,
)
