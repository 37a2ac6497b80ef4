"""DelegatedSecurity: the audit account administers every security service of the organization.

From the management account: the delegated administrators (per governed region where the service is
regional) and centralized root access. In the audit account, through providers that assume the
organization's access role (one per governed region): GuardDuty auto-enabling every member and
feature, Security Hub central configuration (FSBP + CIS v5.0.0 everywhere, findings aggregated in the
home region), an organization Config aggregator and an organization Access Analyzer per region.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from ..base import child, type_token
from ..environment import Environment
from .documents import assume_role_policy
from .spec import OrganizationSpec

GUARDDUTY_FEATURES = ("S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS",
                      "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING")
#: Delegated through Organizations itself (global); the others have a regional API of their own.
ORGANIZATIONS_DELEGATED = ("config.amazonaws.com", "access-analyzer.amazonaws.com")
SECURITY_HUB_STANDARDS = ("aws-foundational-security-best-practices/v/1.0.0", "cis-aws-foundations-benchmark/v/5.0.0")


class DelegatedSecurity(pulumi.ComponentResource):
    """`management` and `audit` map each governed region to a provider (management: the account itself)."""

    def __init__(
        self,
        name: str,
        spec: OrganizationSpec,
        *,
        env: Environment,
        audit_account_id: pulumi.Input[str],
        root_id: pulumi.Input[str],
        management: Mapping[str, aws.Provider],
        audit: Mapping[str, aws.Provider],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("organization", "DelegatedSecurity"), name, None, env.options(opts))
        home, regions, tags = spec.home_region, spec.governed_regions, env.tagging
        self.delegations: list[pulumi.CustomResource] = [
            aws.organizations.DelegatedAdministrator(
                f"delegated-{principal.split('.')[0]}", account_id=audit_account_id, service_principal=principal,
                opts=child(self, provider=management[home]))
            for principal in ORGANIZATIONS_DELEGATED
        ]
        aws.iam.OrganizationsFeatures(
            "centralized-root-access", enabled_features=["RootCredentialsManagement", "RootSessions"],
            opts=child(self, provider=management[home]))
        sh_admin = aws.securityhub.OrganizationAdminAccount(
            "delegated-securityhub", admin_account_id=audit_account_id, opts=child(self, provider=management[home]))
        self.delegations.append(sh_admin)
        for region in regions:
            at_management = child(self, provider=management[region])
            gd_admin = aws.guardduty.OrganizationAdminAccount(
                f"delegated-guardduty-{region}", admin_account_id=audit_account_id, opts=at_management)
            self.delegations += [
                gd_admin,
                aws.inspector2.DelegatedAdminAccount(f"delegated-inspector-{region}", account_id=audit_account_id,
                                                     opts=at_management),
                aws.macie2.OrganizationAdminAccount(f"delegated-macie-{region}", admin_account_id=audit_account_id,
                                                    opts=at_management),
                aws.detective.OrganizationAdminAccount(f"delegated-detective-{region}", account_id=audit_account_id,
                                                       opts=at_management),
            ]
            self._guardduty(region, audit[region], gd_admin)
            aws.accessanalyzer.Analyzer(
                f"access-analyzer-{region}", analyzer_name=f"lz-organization-{region}", type="ORGANIZATION",
                tags=tags.name(f"lz-organization-{region}"),
                opts=child(self, provider=audit[region], depends_on=self.delegations[:2]))
        self._security_hub(spec, audit[home], sh_admin, root_id, env)
        self._config_aggregator(spec, audit[home], env)
        self.register_outputs({})

    def _guardduty(self, region: str, provider: aws.Provider, admin: pulumi.CustomResource) -> None:
        at = child(self, provider=provider, depends_on=[admin])
        detector = aws.guardduty.Detector(f"guardduty-{region}", enable=True,
                                          finding_publishing_frequency="FIFTEEN_MINUTES", opts=at)
        aws.guardduty.OrganizationConfiguration(
            f"guardduty-organization-{region}", detector_id=detector.id, auto_enable_organization_members="ALL",
            opts=at)
        for feature in GUARDDUTY_FEATURES:
            aws.guardduty.OrganizationConfigurationFeature(
                f"guardduty-{feature.lower().replace('_', '-')}-{region}", detector_id=detector.id, name=feature,
                auto_enable="ALL", opts=at)

    def _security_hub(self, spec: OrganizationSpec, provider: aws.Provider, admin: pulumi.CustomResource,
                      root_id: pulumi.Input[str], env: Environment) -> None:
        home, others = spec.home_region, [r for r in spec.governed_regions if r != spec.home_region]
        aggregator = aws.securityhub.FindingAggregator(
            "securityhub-aggregator", linking_mode="SPECIFIED_REGIONS" if others else "NO_REGIONS",
            specified_regions=others or None, opts=child(self, provider=provider, depends_on=[admin]))
        central = aws.securityhub.OrganizationConfiguration(
            "securityhub-organization", auto_enable=False, auto_enable_standards="NONE",
            organization_configuration={"configuration_type": "CENTRAL"},
            opts=child(self, provider=provider, depends_on=[aggregator]))
        arns = [f"arn:{env.partition}:securityhub:{home}::standards/{s}" for s in SECURITY_HUB_STANDARDS]
        policy = aws.securityhub.ConfigurationPolicy(
            "securityhub-policy", name="lz-organization", description="FSBP and CIS v5.0.0 in every account and region",
            configuration_policy={"service_enabled": True, "enabled_standard_arns": arns,
                                  "security_controls_configuration": {"disabled_control_identifiers": []}},
            opts=child(self, provider=provider, depends_on=[central]))
        aws.securityhub.ConfigurationPolicyAssociation(
            "securityhub-policy-root", target_id=root_id, policy_id=policy.id, opts=child(self, provider=provider))

    def _config_aggregator(self, spec: OrganizationSpec, provider: aws.Provider, env: Environment) -> None:
        at = child(self, provider=provider)
        role = aws.iam.Role("config-aggregator-role", name="lz-config-aggregator",
                            assume_role_policy=json.dumps(assume_role_policy("config.amazonaws.com")),
                            tags=env.tagging.name("lz-config-aggregator"), opts=at)
        attachment = aws.iam.RolePolicyAttachment(
            "config-aggregator-role-policy", role=role.name,
            policy_arn=f"arn:{env.partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations", opts=at)
        aws.cfg.ConfigurationAggregator(
            "config-aggregator", name="lz-organization",
            organization_aggregation_source={"role_arn": role.arn, "regions": list(spec.governed_regions),
                                             "all_regions": False},
            tags=env.tagging.name("lz-organization"),
            opts=child(self, provider=provider, depends_on=[attachment, *self.delegations[:1]]))
