"""Input contract of the organization domain (`landing-zone:organization` in the org stack).

A definition with only `homeRegion`, `governedRegions`, `accountEmail` and the Identity Center
`instanceArn` (or `identityCenter.enabled: false`) is valid and secure: the
OU tree Security / Infrastructure / Workloads (one child per environment) / Sandbox / Suspended, the
log-archive, audit and network accounts plus one workload account per environment, every guardrail
attached, the audit account as delegated administrator of every security service, Identity Center
permission sets per job function. Cross-reference errors (emails, OU tree, regions, quotas, sizes)
come from `organization_issues`, each with its config path, before any resource is registered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from email_validator import EmailNotValidError, validate_email
from pydantic import Field, ValidationError, field_validator

from ..spec_base import NAME_RE, RetentionDays, Spec

Issue = tuple[str, str]
ROOT = "Root"
#: Commercial-partition regions (aws); a governed region outside this list is a typo or another partition.
AWS_REGIONS = (
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
    "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
    "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1",
    "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1",
    "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
)
UNIT_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,127}$")
ENVIRONMENT_RE = re.compile(r"^[a-z][a-z0-9]{1,11}$")
ROLE_NAME_RE = re.compile(r"^[\w+=,.@-]{1,64}$")
JOB_FUNCTIONS = ("administrators", "operators", "developers", "auditors")
SESSION_RE = re.compile(r"^PT(?:([1-9]|1[0-2])H)?(?:([0-5]?[0-9])M)?$")


def _email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(f"{value!r} is not an email address: {exc}") from None


class UnitSpec(Spec):
    """One organizational unit; `parent` is another unit's name, or Root when left out."""

    name: str = Field(description="OU name, unique in the organization (letters, digits, '-').")
    parent: str = Field(ROOT, description="Name of the parent unit, or 'Root'.")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not UNIT_NAME_RE.match(value) or value == ROOT:
            raise ValueError(f"{value!r}: use letters, digits and '-', starting with a letter (and not 'Root')")
        return value


class AccountSpec(Spec):
    """One member account: its name (the logical-name part, a public contract), email and unit."""

    name: str = Field(description="Account name (lowercase, digits, '-'); also its logical name.")
    email: str | None = Field(None, description="Root email, unique per account. Default: accountEmail's pattern.")
    unit: str = Field(description="Name of the OU the account sits in.")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME_RE.match(value):
            raise ValueError(f"{value!r}: 1-24 lowercase letters, digits and '-', starting with a letter")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else _email(value)


class GuardrailsSpec(Spec):
    """Which documents sit where; the quotas and size limits they must fit (AWS Organizations defaults)."""

    scp_quota: int = Field(5, ge=1, le=10, description="SCPs per target, FullAWSAccess included (AWS: 5).")
    rcp_quota: int = Field(5, ge=1, le=10, description="RCPs per target, RCPFullAWSAccess included (AWS: 5).")
    attachments: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Policy name -> targets ('Root', unit or account names), replacing that policy's default.",
    )
    disabled: list[str] = Field(default_factory=list, description="Policy names to leave out entirely.")
    vpc_block_public_access: Literal["off", "block_ingress", "block_bidirectional"] = Field(
        "block_ingress", description="Declarative EC2 policy: VPC BPA mode (accounts may exclude edge subnets)."
    )
    extra_global_services: list[str] = Field(
        default_factory=list, description="Actions (service:Action or service:*) the region deny also leaves alone."
    )
    backup_retention_days: int = Field(35, ge=1, le=36500, description="Backup policy: days a daily backup is kept.")


    @field_validator("extra_global_services")
    @classmethod
    def _actions(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not re.match(r"^[a-z0-9-]+:[A-Za-z0-9*?]+$", v)]
        if bad:
            raise ValueError(f"{bad} are not IAM actions (service:Action, wildcards allowed)")
        return value


class AssignmentSpec(Spec):
    """Identity Center: a group or user gets a permission set in some accounts."""

    permission_set: Literal["administrators", "operators", "developers", "auditors"] = Field(
        description="Job function (permission set)."
    )
    principal_type: Literal["GROUP", "USER"] = Field("GROUP", description="Identity store principal type.")
    principal_id: str = Field(min_length=1, description="Identity store group or user id.")
    accounts: list[str] = Field(min_length=1, description="Account names the assignment applies to.")


class IdentityCenterSpec(Spec):
    """Permission sets per job function with session limits and boundaries; account assignments."""

    enabled: bool = Field(True, description="Create permission sets and assignments.")
    instance_arn: str | None = Field(
        None, description="The Identity Center instance (aws sso-admin list-instances); required when enabled.",
    )

    @field_validator("instance_arn")
    @classmethod
    def _instance(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$", value):
            raise ValueError(f"{value!r} is not an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-...)")
        return value
    session_durations: dict[str, str] = Field(
        default_factory=lambda: {"administrators": "PT1H", "operators": "PT2H", "developers": "PT4H",
                                 "auditors": "PT4H"},
        description="ISO-8601 session length per job function (PT1H..PT12H).",
    )
    assignments: list[AssignmentSpec] = Field(default_factory=list, description="Who gets which set where.")

    @field_validator("session_durations")
    @classmethod
    def _sessions(cls, value: dict[str, str]) -> dict[str, str]:
        problems = [f"{k!r} is not a job function {list(JOB_FUNCTIONS)}" for k in value if k not in JOB_FUNCTIONS]
        problems += [f"{k}: {v!r} is not PT<1-12>H[<m>M]" for k, v in value.items() if not SESSION_RE.match(v)
                     or v == "PT"]
        if problems:
            raise ValueError("; ".join(problems))
        return {**{"administrators": "PT1H", "operators": "PT2H", "developers": "PT4H", "auditors": "PT4H"}, **value}


class OrgTrailSpec(Spec):
    """The organization trail and its archive."""

    log_group_retention_days: RetentionDays = Field(365, description="Retention of the trail's log group.")
    s3_data_events: bool = Field(
        True, description="Record S3 object-level events of every bucket in every account (CIS 3.8, 3.9).")
    object_lock_days: int = Field(365, ge=1, le=36500, description="Object Lock (GOVERNANCE) retention of the archive.")
    replication_region: str | None = Field(
        None, description="Replicate the archive to this region (CKV_AWS_144); not the home region."
    )


class AdoptSpec(Spec):
    """Ids of what already exists: each is imported (`import_`) under the logical name the program gives it."""

    organization: str | None = Field(None, description="Organization id (o-...).")
    units: dict[str, str] = Field(default_factory=dict, description="Unit name -> OU id (ou-...).")
    accounts: dict[str, str] = Field(default_factory=dict, description="Account name -> 12-digit account id.")


class OrganizationSpec(Spec):
    """`landing-zone:organization` in the org stack (the management account)."""

    home_region: str = Field(description="Where the organization's services live; first of governedRegions.")
    governed_regions: list[str] = Field(min_length=1, description="Regions workloads may use; the rest are denied.")
    account_email: str = Field(
        description="Pattern for default account emails, with {name} (e.g. aws+{name}@example.com)."
    )
    environments: list[str] = Field(
        default_factory=lambda: ["dev", "prod"], description="One Workloads child OU and workload account each."
    )
    units: list[UnitSpec] | None = Field(None, description="The OU tree. Default: see the module docstring.")
    accounts: list[AccountSpec] | None = Field(None, description="Member accounts. Default: see the docstring.")
    log_archive_account: str = Field("log-archive", description="Account holding the central log archive.")
    audit_account: str = Field("audit", description="Delegated administrator of every security service.")
    access_role_name: str = Field(
        "OrganizationAccountAccessRole", description="Role Organizations creates in each account; pipelines assume it."
    )
    pipeline_role_name: str = Field("lz-pipeline", description="Deployment role exempt from the guardrails.")
    workload_units: list[str] = Field(
        default_factory=lambda: ["Workloads", "Sandbox"], description="Units where IAM users and keys are denied."
    )
    guardrails: GuardrailsSpec = Field(default_factory=GuardrailsSpec, description="Guardrail policies.")
    identity_center: IdentityCenterSpec = Field(default_factory=IdentityCenterSpec, description="IAM Identity Center.")
    trail: OrgTrailSpec = Field(default_factory=OrgTrailSpec, description="Organization trail and archive.")
    adopt: AdoptSpec = Field(default_factory=AdoptSpec, description="Import an existing organization and accounts.")

    @field_validator("account_email")
    @classmethod
    def _pattern(cls, value: str) -> str:
        if "{name}" not in value:
            raise ValueError(f"{value!r} needs '{{name}}' where the account name goes")
        _email(value.replace("{name}", "x"))
        return value

    @field_validator("environments")
    @classmethod
    def _environments(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not ENVIRONMENT_RE.match(v)]
        if bad:
            raise ValueError(f"{bad}: environment names are 2-12 lowercase letters and digits")
        return value

    @field_validator("access_role_name", "pipeline_role_name")
    @classmethod
    def _role(cls, value: str) -> str:
        if not ROLE_NAME_RE.match(value):
            raise ValueError(f"{value!r} is not an IAM role name")
        return value

    @property
    def unit_list(self) -> list[UnitSpec]:
        if self.units is not None:
            return self.units
        base = [UnitSpec(name="Security"), UnitSpec(name="Infrastructure"), UnitSpec(name="Workloads")]
        envs = [UnitSpec(name=e, parent="Workloads") for e in self.environments]
        return [*base, *envs, UnitSpec(name="Sandbox"), UnitSpec(name="Suspended")]

    @property
    def account_list(self) -> list[AccountSpec]:
        if self.accounts is not None:
            return self.accounts
        return [AccountSpec(name="log-archive", unit="Security"), AccountSpec(name="audit", unit="Security"),
                AccountSpec(name="network", unit="Infrastructure"),
                *[AccountSpec(name=f"workload-{e}", unit=e) for e in self.environments]]

    def email_of(self, account: AccountSpec) -> str:
        return account.email or _email(self.account_email.replace("{name}", account.name))


class OrganizationStackConfig(Spec):
    """The org stack's `landing-zone:*` keys: the organization, tags and protection."""

    organization: OrganizationSpec = Field(description="The organization definition.")
    tags: Any = Field(description="Tags on every resource (as in environment stacks).")
    protect_evidence: bool = Field(True, description="Keys, archive and trail with protect=True.")


def is_organization_definition(value: object) -> bool:
    """An organization definition, not an environment's membership ({stack, account})."""
    return isinstance(value, Mapping) and "stack" not in value


def _duplicates(values: list[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


def unit_issues(spec: OrganizationSpec) -> Iterator[Issue]:
    units = spec.unit_list
    where = "organization.units"
    names = [u.name for u in units]
    for name in _duplicates(names):
        yield where, f"unit name {name!r} is used more than once"
    parents = {u.name: u.parent for u in units}
    for n, unit in enumerate(units):
        if unit.parent != ROOT and unit.parent not in parents:
            yield f"{where}[{n}].parent", f"unknown unit {unit.parent!r}; units: {sorted(parents)} or 'Root'"
    reported: set[str] = set()
    for n, unit in enumerate(units):
        seen = [unit.name]
        current = unit.parent
        while current in parents and current not in seen:
            seen.append(current)
            current = parents[current]
        if current in seen and not reported & set(seen):
            reported |= set(seen)
            cycle = " -> ".join([*seen[seen.index(current):], current])
            yield f"{where}[{n}].parent", f"the OU tree has a cycle: {cycle}"


def account_issues(spec: OrganizationSpec) -> Iterator[Issue]:
    accounts = spec.account_list
    where = "organization.accounts"
    units = {u.name for u in spec.unit_list}
    first: dict[str, int] = {}
    for name in _duplicates([a.name for a in accounts]):
        yield where, f"account name {name!r} is used more than once"
    for n, account in enumerate(accounts):
        if account.unit not in units:
            yield f"{where}[{n}].unit", f"unknown unit {account.unit!r}; units: {sorted(units)}"
        email = spec.email_of(account)
        if email in first:
            other = accounts[first[email]].name
            yield f"{where}[{n}].email", f"{email} is already the email of accounts[{first[email]}] {other!r}"
        else:
            first[email] = n
    names = {a.name for a in accounts}
    for field, value in (("logArchiveAccount", spec.log_archive_account), ("auditAccount", spec.audit_account)):
        if value not in names:
            yield f"organization.{field}", f"unknown account {value!r}; accounts: {sorted(names)}"
    if spec.log_archive_account == spec.audit_account:
        yield "organization.auditAccount", "must differ from logArchiveAccount (separation of duties)"
    for n, unit in enumerate(spec.workload_units):
        if unit not in units:
            yield f"organization.workloadUnits[{n}]", f"unknown unit {unit!r}; units: {sorted(units)}"


def region_issues(spec: OrganizationSpec) -> Iterator[Issue]:
    for n, region in enumerate(spec.governed_regions):
        if region not in AWS_REGIONS:
            yield f"organization.governedRegions[{n}]", f"{region!r} is not an AWS region"
    for region in _duplicates(spec.governed_regions):
        yield "organization.governedRegions", f"{region!r} is listed more than once"
    if spec.home_region not in AWS_REGIONS:
        yield "organization.homeRegion", f"{spec.home_region!r} is not an AWS region"
    elif spec.home_region not in spec.governed_regions:
        yield "organization.homeRegion", (f"{spec.home_region!r} is not in governedRegions "
                                          f"{spec.governed_regions}: the home region must be governed")
    elif spec.governed_regions[0] != spec.home_region:
        yield "organization.governedRegions", f"the home region {spec.home_region!r} must come first"
    replica = spec.trail.replication_region
    if replica is not None:
        if replica not in AWS_REGIONS:
            yield "organization.trail.replicationRegion", f"{replica!r} is not an AWS region"
        elif replica == spec.home_region:
            yield "organization.trail.replicationRegion", "must differ from the home region"


def adopt_issues(spec: OrganizationSpec) -> Iterator[Issue]:
    adopt, where = spec.adopt, "organization.adopt"
    if adopt.organization is not None and not re.match(r"^o-[a-z0-9]{10,32}$", adopt.organization):
        yield f"{where}.organization", f"{adopt.organization!r} is not an organization id (o-...)"
    units = {u.name for u in spec.unit_list}
    for name, ou in adopt.units.items():
        if name not in units:
            yield f"{where}.units.{name}", f"unknown unit; units: {sorted(units)}"
        if not re.match(r"^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$", ou):
            yield f"{where}.units.{name}", f"{ou!r} is not an OU id (ou-...)"
    accounts = {a.name for a in spec.account_list}
    for name, account_id in adopt.accounts.items():
        if name not in accounts:
            yield f"{where}.accounts.{name}", f"unknown account; accounts: {sorted(accounts)}"
        if not re.match(r"^\d{12}$", account_id):
            yield f"{where}.accounts.{name}", f"{account_id!r} is not a 12-digit account id"


def identity_center_issues(spec: OrganizationSpec) -> Iterator[Issue]:
    if spec.identity_center.enabled and spec.identity_center.instance_arn is None:
        yield ("organization.identityCenter.instanceArn", "required when Identity Center is enabled: enable it "
               "in the management account and copy the ARN from `aws sso-admin list-instances`")
    names = {a.name for a in spec.account_list}
    for n, assignment in enumerate(spec.identity_center.assignments):
        for m, account in enumerate(assignment.accounts):
            if account not in names:
                yield (f"organization.identityCenter.assignments[{n}].accounts[{m}]",
                       f"unknown account {account!r}; accounts: {sorted(names)}")


def organization_issues(spec: OrganizationSpec) -> list[Issue]:
    """Every cross-reference problem of a schema-valid definition (the plan's quota checks included)."""
    from .plan import guardrail_issues

    issues = [*unit_issues(spec), *account_issues(spec), *region_issues(spec), *identity_center_issues(spec),
              *adopt_issues(spec)]
    if not issues:  # the guardrail plan needs a sound tree and known accounts
        issues += guardrail_issues(spec)
    return issues


def validate_organization(raw: Mapping[str, Any]) -> OrganizationStackConfig:
    """Validate the org stack's raw `landing-zone:*` mapping; LandingZoneConfigError lists every problem."""
    from ..config import LandingZoneConfigError, TagsSpec, _format

    errors: list[str] = []
    extra = sorted(set(raw) - {"organization", "tags", "protectEvidence"})
    errors += [f"{key}: not a key of the org stack (it belongs to environment stacks)" for key in extra]
    try:
        TagsSpec.model_validate(raw.get("tags"))
    except ValidationError as exc:
        errors += [_format({**e, "loc": ("tags", *e["loc"])}) for e in exc.errors()]
    try:
        config = OrganizationStackConfig.model_validate({k: v for k, v in raw.items() if k not in extra})
    except ValidationError as exc:
        errors += [_format(e) for e in exc.errors() if e["loc"][:1] != ("tags",)]
        raise LandingZoneConfigError(errors) from None
    errors += [f"{p}: {m}" for p, m in organization_issues(config.organization)]
    if not config.protect_evidence:
        errors.append("protectEvidence: the org stack holds the organization's trail, archive and keys: "
                      "it is production and must protect them")
    if errors:
        raise LandingZoneConfigError(errors)
    return config.model_copy(update={"tags": TagsSpec.model_validate(raw["tags"])})
