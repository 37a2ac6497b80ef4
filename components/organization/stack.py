"""OrganizationLandingZone: the org stack (management account) composed from one validated definition."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from ..base import AccountContext, Tagging, type_token
from ..environment import Environment
from ..monitoring.cis_alarms import CisAlarms
from .baseline import OrgAccountBaseline
from .guardrails import GuardrailPolicies
from .identity_center import IdentityCenter
from .organization import Organization
from .security import DelegatedSecurity
from .spec import OrganizationSpec, OrganizationStackConfig
from .trail import OrganizationTrail


def organization_baselined(spec: OrganizationSpec) -> list[str]:
    """The accounts whose regional baseline the org stack makes: all but the environments' accounts.

    An environment's account is `workload-<environment>` or any account in an environment's unit (the OU
    named after it): its environment stack records Config and encrypts EBS there, and a second
    recorder would conflict. Every other account (Security, Infrastructure, Sandbox, Suspended, or a
    unit of one's own) gets it here, so vending one adds its baseline with it.
    """
    environments = set(spec.environments)
    return [a.name for a in spec.account_list
            if a.unit not in environments and a.name not in {f"workload-{e}" for e in environments}]


def organization_environment(config: OrganizationStackConfig, account: AccountContext) -> Environment:
    """The org stack's Environment; the stack's provider must run in the home region."""
    from ..config import LandingZoneConfigError

    home = config.organization.home_region
    if account.region != home:
        raise LandingZoneConfigError([f"organization.homeRegion: {home!r}, but the stack's aws:region is "
                                      f"{account.region!r}: the org stack runs in its home region"])
    tags = config.tags
    return Environment("org", account, Tagging("org", tags.owner, tags.data_classification, dict(tags.extra)),
                       production=True, protect=config.protect_evidence)


class OrganizationLandingZone(pulumi.ComponentResource):
    """The organization, its guardrails, archive and trail, delegated security and Identity Center."""

    def __init__(
        self, name: str, config: OrganizationStackConfig, *, env: Environment,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("organization", "OrganizationLandingZone"), name, None, env.options(opts))
        spec = self._spec = config.organization
        self._partition = env.partition  # the resolved partition: aws, aws-cn or aws-us-gov
        here = pulumi.ResourceOptions(parent=self)
        self.organization = org = Organization("organization", spec, env=env, opts=here)
        self.guardrails = GuardrailPolicies("guardrails", spec, env=env, organization_id=org.organization_id,
                                            target_ids=org.target_ids(), opts=here)
        self.account_ids = {n: a.id for n, a in org.accounts.items()}
        audit, archive = spec.audit_account, spec.log_archive_account
        regions = list(dict.fromkeys([*spec.governed_regions, *filter(None, [spec.trail.replication_region])]))
        self.management_providers = {
            r: aws.Provider(f"provider-management-{r}", region=r, opts=here) for r in spec.governed_regions}
        self.providers = {
            (account, r): self._account_provider(account, r, spec.access_role_name, here)
            for account in dict.fromkeys([audit, archive, *organization_baselined(spec)])
            for r in (regions if account in (audit, archive) else spec.governed_regions)
        }
        replica = spec.trail.replication_region
        self.trail = OrganizationTrail(
            "trail", spec, env=env, organization_id=org.organization_id,
            management_account_id=org.management_account_id, audit_account_id=self.account_ids[audit],
            log_archive_account_id=self.account_ids[archive], audit=self.providers[(audit, spec.home_region)],
            log_archive=self.providers[(archive, spec.home_region)],
            audit_replica=self.providers[(audit, replica)] if replica else None,
            log_archive_replica=self.providers[(archive, replica)] if replica else None, opts=here)
        # CIS 4.1-4.15 on the organization trail's log group (management account), alarming to the
        # organization's alerts topic (audit account): member accounts have no trail of their own.
        self.cis_alarms = CisAlarms("cis", env=env, log_group_name=self.trail.log_group_name,
                                    topic_arn=self.trail.alerts_topic_arn, opts=here)
        self.security = DelegatedSecurity(
            "security", spec, env=env, audit_account_id=self.account_ids[audit], root_id=org.root_id,
            management=self.management_providers,
            audit={r: self.providers[(audit, r)] for r in spec.governed_regions},
            opts=pulumi.ResourceOptions(parent=self, depends_on=[org.organization]))
        # Every account but the environments' (their environment stack makes it, once per account).
        for account in dict.fromkeys(a for a, _ in self.providers):
            OrgAccountBaseline(
                f"baseline-{account}", spec, env=env,
                providers={r: self.providers[(account, r)] for r in spec.governed_regions},
                archive_bucket_name=self.trail.bucket_name, logs_key_arn=self.trail.logs_key_arn, opts=here)
        OrgAccountBaseline("baseline-management", spec, env=env, providers=self.management_providers,
                           archive_bucket_name=self.trail.bucket_name, logs_key_arn=self.trail.logs_key_arn,
                           opts=here)
        self.identity_center: IdentityCenter | None = None
        if spec.identity_center.enabled:
            self.identity_center = IdentityCenter("identity-center", spec.identity_center, env=env,
                                                  account_ids=self.account_ids, opts=here)
        self.register_outputs({})

    def _account_provider(self, account: str, region: str, role: str, opts: pulumi.ResourceOptions) -> aws.Provider:
        """Into `account` in `region`, assuming the access role Organizations created there."""
        account_id = self.organization.accounts[account].id
        return aws.Provider(
            f"provider-{account}-{region}", region=region, allowed_account_ids=[account_id],
            assume_roles=[aws.ProviderAssumeRoleArgs(
                role_arn=pulumi.Output.concat("arn:", self._partition, ":iam::", account_id, ":role/", role),
                session_name="landing-zone")],
            opts=opts)

    def outputs(self) -> dict[str, object]:
        """The org stack's exports: the contract environment stacks read through a StackReference."""
        spec = self._spec
        role = spec.access_role_name
        # Who makes each account's regional baseline: this stack, or the environment stack deploying there.
        here = {spec.audit_account, spec.log_archive_account, *organization_baselined(spec)}
        accounts = {
            a.name: {"id": self.account_ids[a.name], "email": spec.email_of(a), "unit": a.unit,
                     "roleArn": pulumi.Output.concat("arn:", self._partition, ":iam::", self.account_ids[a.name],
                                                     ":role/", role),
                     "baseline": "organization" if a.name in here else "environment"}
            for a in spec.account_list
        }
        return {
            "organizationId": self.organization.organization_id,
            "managementAccountId": self.organization.management_account_id,
            "homeRegion": spec.home_region,
            "governedRegions": list(spec.governed_regions),
            "accounts": accounts,
            "auditAccountId": self.account_ids[spec.audit_account],
            "logArchiveAccountId": self.account_ids[spec.log_archive_account],
            "logArchiveBucketName": self.trail.bucket_name,
            "logArchiveBucketArn": self.trail.bucket_arn,
            "logsKeyArn": self.trail.logs_key_arn,
            "alertsTopicArn": self.trail.alerts_topic_arn,
            "pipelineRoleName": spec.pipeline_role_name,
            "accessRoleName": role,
        }
