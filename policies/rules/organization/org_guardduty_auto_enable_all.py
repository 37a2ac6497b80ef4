"""GuardDuty's organization configuration auto-enables every member account and feature."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.organizations import organization_configurations

CONFIGURATION = "aws:guardduty/organizationConfiguration:OrganizationConfiguration"
FEATURE = "aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature"


def _configuration(resource: ResourceView) -> Iterator[Violation]:
    value = resource.get("autoEnableOrganizationMembers")
    if value != "ALL":
        yield Violation(f"autoEnableOrganizationMembers is {value!r}, not 'ALL': existing member accounts stay "
                        "unwatched", "autoEnableOrganizationMembers")


def _feature(resource: ResourceView) -> Iterator[Violation]:
    value = resource.get("autoEnable")
    if value != "ALL":
        yield Violation(f"feature {resource.get('name')} auto-enables {value!r}, not 'ALL'", "autoEnable")


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from organization_configurations(
        stack, CONFIGURATION, _configuration,
        missing="the organization declares no GuardDuty organization configuration: member accounts get no detector")
    yield from each_resource(stack.of_type(FEATURE), _feature)


RULE = StackRule(
    id="org_guardduty_auto_enable_all",
    title="GuardDuty's organization configuration auto-enables all members and features",
    description=("With 'NEW' only accounts created later are protected; with 'ALL' the delegated administrator "
                 "enables GuardDuty (and each protection plan) in every existing account as well."),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("GuardDuty.1",), "seed": ("intrusion-detection", "organization-monitoring")},
    remediation=("In the audit (delegated administrator) account, per governed region: "
                 "aws.guardduty.OrganizationConfiguration(auto_enable_organization_members=\"ALL\") and "
                 "aws.guardduty.OrganizationConfigurationFeature(auto_enable=\"ALL\") per feature."),
    evaluate=evaluate,
)
