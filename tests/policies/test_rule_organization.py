"""The aws-organization pack's rules (policies/rules/organization/), through the real pack process.

Fixtures are real pulumi_aws declarations captured under the mock engine; the pack gets them over the
Analyzer protocol with each resource's provider, as the engine sends them, so the account rules see
which account a resource lands in. Each test asserts exactly which resources (or the stack) fail.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest

from lz.analyzer import Diagnostic, analyze_resources
from lz.mock_engine import run_function

PACK = Path(__file__).resolve().parents[2] / "policies"
MANAGEMENT = "123456789012"
ORG_RULES = ("org_scp_deny_leave_organization", "org_scp_region_deny", "org_trail_hardened",
             "org_guardduty_auto_enable_all", "org_securityhub_auto_enable_all",
             "org_delegated_admin_not_management", "org_management_account_no_workloads",
             "org_policy_document_valid", "org_policy_attachment_quota")


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


DENY_LEAVE = doc({"Sid": "NoLeaving", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"})
REGION_DENY = doc({"Sid": "GovernedRegions", "Effect": "Deny", "NotAction": ["iam:*", "organizations:*", "sts:*"],
                   "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}})


def scp(name: str, content: str, kind: str = "SERVICE_CONTROL_POLICY") -> aws.organizations.Policy:
    return aws.organizations.Policy(name, name=name, type=kind, content=content)


def attach(name: str, policy: aws.organizations.Policy, target: pulumi.Input[str]) -> None:
    aws.organizations.PolicyAttachment(name, policy_id=policy.id, target_id=target)


def member_provider(name: str, account: aws.organizations.Account, region: str = "eu-west-1") -> aws.Provider:
    return aws.Provider(name, region=region, assume_roles=[aws.ProviderAssumeRoleArgs(
        role_arn=account.id.apply(lambda i: f"arn:aws:iam::{i}:role/OrganizationAccountAccessRole"))])


def declare_good() -> None:
    org = aws.organizations.Organization("org", feature_set="ALL", enabled_policy_types=[
        "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"], aws_service_access_principals=[
        "cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com"])
    root = org.roots[0].id
    security = aws.organizations.OrganizationalUnit("security", name="Security", parent_id=root)
    workloads = aws.organizations.OrganizationalUnit("workloads", name="Workloads", parent_id=root)
    audit = aws.organizations.Account("audit", name="audit", email="audit@example.com", parent_id=security.id)
    dev = aws.organizations.Account("workload-dev", name="workload-dev", email="dev@example.com",
                                    parent_id=workloads.id)
    attach("deny-leave-root", scp("deny-leave", DENY_LEAVE), root)
    region = scp("region-deny", REGION_DENY)
    attach("region-deny-security", region, security.id)
    attach("region-deny-workloads", region, workloads.id)
    into_audit = member_provider("audit", audit)
    aws.cloudtrail.Trail("org-trail", s3_bucket_name="archive", is_organization_trail=True,
                         is_multi_region_trail=True, enable_log_file_validation=True,
                         kms_key_id="arn:aws:kms:eu-west-1:111111111111:key/k")
    aws.organizations.DelegatedAdministrator("delegated-config", account_id=audit.id,
                                             service_principal="config.amazonaws.com")
    aws.guardduty.OrganizationAdminAccount("delegated-guardduty", admin_account_id=audit.id)
    sh_admin = aws.securityhub.OrganizationAdminAccount("delegated-securityhub", admin_account_id=audit.id)
    at_audit = pulumi.ResourceOptions(provider=into_audit)
    detector = aws.guardduty.Detector("detector", enable=True, opts=at_audit)
    aws.guardduty.OrganizationConfiguration("guardduty-org", detector_id=detector.id,
                                            auto_enable_organization_members="ALL", opts=at_audit)
    aws.guardduty.OrganizationConfigurationFeature("guardduty-s3", detector_id=detector.id, name="S3_DATA_EVENTS",
                                                   auto_enable="ALL", opts=at_audit)
    aws.securityhub.OrganizationConfiguration(
        "securityhub-org", auto_enable=False, auto_enable_standards="NONE",
        organization_configuration={"configuration_type": "CENTRAL"},
        opts=pulumi.ResourceOptions(provider=into_audit, depends_on=[sh_admin]))
    policy = aws.securityhub.ConfigurationPolicy("securityhub-policy", name="lz", configuration_policy={
        "service_enabled": True, "enabled_standard_arns": ["arn:aws:securityhub:eu-west-1::standards/x"],
        "security_controls_configuration": {"disabled_control_identifiers": []}}, opts=at_audit)
    aws.securityhub.ConfigurationPolicyAssociation("securityhub-root", target_id=root, policy_id=policy.id,
                                                   opts=at_audit)
    # Workloads in a member account are fine: only the management account must stay empty.
    aws.ec2.Vpc("dev-vpc", cidr_block="10.0.0.0/16",
                opts=pulumi.ResourceOptions(provider=member_provider("dev", dev)))


def declare_bad() -> None:
    org = aws.organizations.Organization("org", feature_set="ALL", enabled_policy_types=["SERVICE_CONTROL_POLICY"])
    root = org.roots[0].id
    security = aws.organizations.OrganizationalUnit("security", name="Security", parent_id=root)
    workloads = aws.organizations.OrganizationalUnit("workloads", name="Workloads", parent_id=root)
    audit = aws.organizations.Account("audit", name="audit", email="audit@example.com", parent_id=security.id)
    # Only on one of the two OUs.
    attach("deny-leave-security", scp("deny-leave", DENY_LEAVE), security.id)
    # Regions named, but no condition on aws:RequestedRegion: no region deny at all.
    scp("not-a-region-deny", doc({"Effect": "Deny", "NotAction": ["iam:*"], "Resource": "*"}))
    aws.cloudtrail.Trail("org-trail", s3_bucket_name="archive", is_organization_trail=True)
    aws.cloudtrail.Trail("account-trail", s3_bucket_name="archive")  # not an organization trail: not judged
    aws.guardduty.OrganizationAdminAccount("delegated-guardduty", admin_account_id=audit.id)
    aws.securityhub.OrganizationAdminAccount("delegated-securityhub", admin_account_id=MANAGEMENT)
    detector = aws.guardduty.Detector("detector", enable=True)
    aws.guardduty.OrganizationConfiguration("guardduty-org", detector_id=detector.id,
                                            auto_enable_organization_members="NEW")
    aws.guardduty.OrganizationConfigurationFeature("guardduty-s3", detector_id=detector.id, name="S3_DATA_EVENTS",
                                                   auto_enable="NEW")
    aws.securityhub.OrganizationConfiguration("securityhub-org", auto_enable=True)
    # Workloads on the management account's own credentials (the default provider).
    aws.ec2.Vpc("mgmt-vpc", cidr_block="10.0.0.0/16")
    aws.rds.Instance("mgmt-db", instance_class="db.t3.micro", engine="postgres", allocated_storage=20)
    # Broken and oversized documents; one OU over the SCP quota (4 of ours + FullAWSAccess is 5: fine; 5 + 1: not).
    scp("not-json", "{Statement: nope")
    scp("too-big", doc(*({"Sid": f"S{i}", "Effect": "Deny", "Action": f"ec2:Action{i:04d}", "Resource": "*"}
                        for i in range(80))))
    scp("rcp-allow", doc({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Principal": "*"}),
        kind="RESOURCE_CONTROL_POLICY")
    for i in range(5):
        attach(f"extra-{i}", scp(f"extra-{i}", doc({"Effect": "Deny", "Action": f"ec2:X{i}", "Resource": "*"})),
               workloads.id)


def declare_not_an_organization() -> None:
    aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
    aws.guardduty.OrganizationAdminAccount("delegated", admin_account_id=MANAGEMENT)


def _findings(declare: Callable[[], None]) -> dict[str, list[Diagnostic]]:
    graph = run_function(declare, config={"aws:region": "eu-west-1"}, account_id=MANAGEMENT)
    analysis = analyze_resources(PACK, graph.resources, pack_name="aws-organization")
    out: dict[str, list[Diagnostic]] = {}
    for d in analysis.diagnostics:
        if d.policy.startswith("org_"):
            out.setdefault(d.policy, []).append(d)
    return out


@pytest.fixture(scope="module")
def good() -> dict[str, list[Diagnostic]]:
    return _findings(declare_good)


@pytest.fixture(scope="module")
def bad() -> dict[str, list[Diagnostic]]:
    return _findings(declare_bad)


def _where(found: dict[str, list[Diagnostic]], rule: str) -> set[str]:
    return {d.urn.rsplit("::", 1)[-1] if d.urn else "<stack>" for d in found.get(rule, [])}


def test_a_well_built_organization_passes_every_organization_rule(good: dict[str, list[Diagnostic]]) -> None:
    assert {rule: [d.message for d in ds] for rule, ds in good.items()} == {}


def test_every_organization_rule_is_mandatory_in_the_pack(bad: dict[str, list[Diagnostic]]) -> None:
    assert set(bad) == set(ORG_RULES)
    assert {d.enforcement_level for ds in bad.values() for d in ds} == {"mandatory"}


def test_leave_organization_scp_on_one_ou_of_two_fails(bad: dict[str, list[Diagnostic]]) -> None:
    [finding] = bad["org_scp_deny_leave_organization"]
    assert "attached neither to the root nor to every OU" in finding.message and "deny-leave" in finding.message


def test_a_deny_without_a_region_condition_is_no_region_deny(bad: dict[str, list[Diagnostic]]) -> None:
    [finding] = bad["org_scp_region_deny"]
    assert "no service control policy denies requests outside the governed regions" in finding.message


def test_organization_trail_settings_each_fail_on_the_organization_trail_only(bad: dict) -> None:
    assert _where(bad, "org_trail_hardened") == {"org-trail"}
    assert sorted(d.message.split(" [property: ")[1].split("]")[0] for d in bad["org_trail_hardened"]) == [
        "enableLogFileValidation", "isMultiRegionTrail", "kmsKeyId"]


def test_guardduty_new_only_fails_for_members_and_features(bad: dict[str, list[Diagnostic]]) -> None:
    assert _where(bad, "org_guardduty_auto_enable_all") == {"guardduty-org", "guardduty-s3"}


def test_securityhub_local_auto_enable_is_new_accounts_only(bad: dict[str, list[Diagnostic]]) -> None:
    [finding] = bad["org_securityhub_auto_enable_all"]
    assert finding.urn.endswith("::securityhub-org") and "only accounts that join later" in finding.message


def test_delegation_to_a_literal_account_that_is_no_member_fails(bad: dict[str, list[Diagnostic]]) -> None:
    assert _where(bad, "org_delegated_admin_not_management") == {"delegated-securityhub"}
    assert MANAGEMENT in bad["org_delegated_admin_not_management"][0].message


def test_workloads_on_the_management_accounts_credentials_fail(bad: dict[str, list[Diagnostic]]) -> None:
    assert _where(bad, "org_management_account_no_workloads") == {"mgmt-vpc", "mgmt-db"}


def test_documents_that_do_not_parse_are_too_big_or_allow_in_an_rcp_fail(bad: dict[str, list[Diagnostic]]) -> None:
    assert _where(bad, "org_policy_document_valid") == {"not-json", "too-big", "rcp-allow"}
    text = " ".join(d.message for d in bad["org_policy_document_valid"])
    assert "does not parse as a JSON object" in text and "at most 5120" in text and "support only Deny" in text


def test_six_scps_on_one_ou_exceed_the_quota(bad: dict[str, list[Diagnostic]]) -> None:
    [finding] = bad["org_policy_attachment_quota"]
    assert "would carry 6 SERVICE_CONTROL_POLICY policies" in finding.message
    assert "plus FullAWSAccess" in finding.message


def test_a_stack_without_an_organization_has_no_organization_findings() -> None:
    assert _findings(declare_not_an_organization) == {}


def test_the_quota_is_configurable() -> None:
    graph = run_function(declare_bad, config={"aws:region": "eu-west-1"}, account_id=MANAGEMENT)
    analysis = analyze_resources(PACK, graph.resources, pack_name="aws-organization",
                                 policy_config={"org_policy_attachment_quota": {"scp_quota": 6}})
    assert not [d for d in analysis.diagnostics if d.policy == "org_policy_attachment_quota"]


def test_rules_read_the_account_and_region_from_the_provider_the_engine_sends() -> None:
    from harness import pack_props

    from lz.analyzer import _provider
    from policies.framework import ProviderView, ResourceView

    def declare() -> None:
        role = aws.Provider("role", region="eu-central-1", assume_roles=[
            aws.ProviderAssumeRoleArgs(role_arn="arn:aws:iam::111122223333:role/lz-access")])
        pinned = aws.Provider("pinned", allowed_account_ids=["444455556666"])
        aws.sqs.Queue("by-role", opts=pulumi.ResourceOptions(provider=role))
        aws.sqs.Queue("by-pin", opts=pulumi.ResourceOptions(provider=pinned))
        aws.sqs.Queue("default")

    graph = run_function(declare, config={"aws:region": "eu-west-1"})
    where = {}
    for name in ("by-role", "by-pin", "default"):
        sent = _provider(graph.get(name))
        assert sent is not None
        view = ResourceView("aws:sqs/queue:Queue", name, "urn", {}, provider=ProviderView(
            sent.type, sent.urn, sent.name, pack_props(sent.properties)))
        where[name] = (view.account_id, view.region)
    # The default provider carries the stack's region from config; its account is the credentials' own.
    assert where == {"by-role": ("111122223333", "eu-central-1"), "by-pin": ("444455556666", None),
                     "default": (None, "eu-west-1")}


def declare_bare_organization() -> None:
    """An organization with one SCP (the region deny, on one OU of two) and nothing else."""
    org = aws.organizations.Organization("org", feature_set="ALL")
    root = org.roots[0].id
    security = aws.organizations.OrganizationalUnit("security", name="Security", parent_id=root)
    aws.organizations.OrganizationalUnit("workloads", name="Workloads", parent_id=root)
    attach("region-deny-security", scp("region-deny", REGION_DENY), security.id)


def test_a_bare_organization_misses_each_scp_and_each_organization_configuration() -> None:
    found = {rule: [d.message for d in ds] for rule, ds in _findings(declare_bare_organization).items()}
    [leave] = found["org_scp_deny_leave_organization"]
    assert "no service control policy denies organizations:LeaveOrganization" in leave
    [region] = found["org_scp_region_deny"]
    assert "the region-deny SCP (region-deny) is attached neither to the root nor to every OU" in region
    [guardduty] = found["org_guardduty_auto_enable_all"]
    assert "declares no GuardDuty organization configuration" in guardduty
    [securityhub] = found["org_securityhub_auto_enable_all"]
    assert "declares no Security Hub organization configuration" in securityhub
