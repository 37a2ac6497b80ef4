"""Pure planning of the organization: OU tree order, account placements, guardrail documents and attachments.

No pulumi import. The component loops over these plans; the quota and size checks run here, so a bad
definition fails before anything is registered. Logical names come from here and are a public contract
(`pulumi import` of an existing organization lines up with them).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from ..base import MANAGED_BY
from .spec import ROOT, Issue, OrganizationSpec

#: The policy documents ship as package data (importlib.resources, so an installed wheel works).
ASSETS = files(__name__.rpartition(".")[0]) / "assets"

SCP = "SERVICE_CONTROL_POLICY"
RCP = "RESOURCE_CONTROL_POLICY"
DECLARATIVE = "DECLARATIVE_POLICY_EC2"
TAG = "TAG_POLICY"
BACKUP = "BACKUP_POLICY"
POLICY_TYPES = (SCP, RCP, DECLARATIVE, TAG, BACKUP)
#: Maximum size of a policy document, in characters (AWS Organizations quotas).
SIZE_LIMITS = {SCP: 5120, RCP: 5120, DECLARATIVE: 10000, TAG: 10000, BACKUP: 10000}
#: Policies of a type per target where the quota is not configurable (AWS Organizations quotas).
FIXED_QUOTAS = {DECLARATIVE: 10, TAG: 10, BACKUP: 10}
#: AWS attaches these to the root, every OU and every account; they count against the quota.
AWS_MANAGED = {SCP: "FullAWSAccess", RCP: "RCPFullAWSAccess"}
#: The longest organization id AWS hands out (o- and up to 32 characters): sizes are checked with it.
#: The longest partition name: a document that fits with it fits in every partition.
WORST_CASE_PARTITION = "aws-us-gov"
WORST_CASE_ORG_ID = "o-" + "x" * 32
PROTECTED_TAG_KEY = "managed-by"
SERVICE_PRINCIPALS = (
    "access-analyzer.amazonaws.com", "account.amazonaws.com", "backup.amazonaws.com", "cloudtrail.amazonaws.com",
    "config.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "detective.amazonaws.com",
    "guardduty.amazonaws.com", "malware-protection.guardduty.amazonaws.com", "iam.amazonaws.com",
    "inspector2.amazonaws.com", "macie.amazonaws.com", "securityhub.amazonaws.com", "sso.amazonaws.com",
    "tagpolicies.tag.amazonaws.com",
)


@dataclass(frozen=True)
class UnitPlan:
    name: str
    parent: str  # a unit name or ROOT
    logical: str
    import_id: str | None = None


@dataclass(frozen=True)
class AccountPlan:
    name: str
    email: str
    unit: str
    logical: str
    import_id: str | None = None


@dataclass(frozen=True)
class PolicyDef:
    name: str
    type: str
    description: str
    default_targets: tuple[str, ...]

    @property
    def asset(self) -> str:
        prefix = {SCP: "scp", RCP: "rcp", DECLARATIVE: "declarative", TAG: "tag", BACKUP: "backup"}[self.type]
        return f"{prefix}/{self.name}.json"


@dataclass(frozen=True)
class PolicyPlan:
    name: str
    type: str
    description: str
    targets: tuple[str, ...]  # ROOT, unit or account names
    logical: str

    def attachment_logical(self, target: str) -> str:
        return f"{self.logical}-{target}"


def catalog(spec: OrganizationSpec) -> tuple[PolicyDef, ...]:
    """Every guardrail the landing zone ships, with the targets it sits on by default."""
    units = {u.name for u in spec.unit_list}
    workload = tuple(u for u in spec.workload_units if u in units)
    return (
        PolicyDef("lz-baseline", SCP, "Deny leaving the organization, the root user (except centralized root "
                  "access), default VPCs and turning off EBS default encryption.", (ROOT,)),
        PolicyDef("lz-security-services", SCP, "Deny stopping, deleting or changing CloudTrail, Config, GuardDuty, "
                  "Security Hub, Access Analyzer and Macie (pipeline role exempt).", (ROOT,)),
        PolicyDef("lz-protect-landing-zone", SCP, "Protect the landing zone's roles, log groups, topics and keys "
                  "by tag (pipeline role exempt).", (ROOT,)),
        PolicyDef("lz-region-deny", SCP, "Deny regional services outside the governed regions (global services "
                  "and the pipeline role exempt).", (ROOT,)),
        PolicyDef("lz-deny-iam-users", SCP, "No IAM users or access keys: people come in through IAM Identity "
                  "Center.", workload),
        PolicyDef("lz-suspended", SCP, "Suspended accounts can do nothing (pipeline role exempt).",
                  ("Suspended",) if "Suspended" in units else ()),
        PolicyDef("lz-rcp-tls-only", RCP, "S3, KMS, SQS, Secrets Manager and STS only over TLS.", (ROOT,)),
        PolicyDef("lz-rcp-org-principals", RCP, "No principals from outside the organization.", (ROOT,)),
        PolicyDef("lz-rcp-confused-deputy", RCP, "AWS services act only for the organization (aws:SourceOrgID).",
                  (ROOT,)),
        PolicyDef("lz-ec2-baseline", DECLARATIVE, "VPC block public access, IMDSv2 by default, no public AMIs or "
                  "snapshots.", (ROOT,)),
        PolicyDef("lz-tags", TAG, "The landing zone's tag keys and allowed values.", (ROOT,)),
        PolicyDef("lz-backup", BACKUP, "Daily backups of resources tagged backup=daily in the governed regions.",
                  (ROOT,)),
    )


def plan_units(spec: OrganizationSpec) -> tuple[UnitPlan, ...]:
    """Units parents first (OU creation order), in config order otherwise. Assumes unit_issues passed."""
    pending = list(spec.unit_list)
    placed: list[UnitPlan] = []
    done = {ROOT}
    while pending:
        ready = [u for u in pending if u.parent in done]
        if not ready:
            raise ValueError(f"units {[u.name for u in pending]} have no path to Root")
        for unit in ready:
            placed.append(UnitPlan(unit.name, unit.parent, f"ou-{unit.name}", spec.adopt.units.get(unit.name)))
            done.add(unit.name)
        pending = [u for u in pending if u.name not in done]
    return tuple(placed)


def plan_accounts(spec: OrganizationSpec) -> tuple[AccountPlan, ...]:
    return tuple(AccountPlan(a.name, spec.email_of(a), a.unit, f"account-{a.name}", spec.adopt.accounts.get(a.name))
                 for a in spec.account_list)


def plan_policies(spec: OrganizationSpec) -> tuple[PolicyPlan, ...]:
    chosen = spec.guardrails.attachments
    disabled = set(spec.guardrails.disabled)
    return tuple(
        PolicyPlan(d.name, d.type, d.description, tuple(chosen.get(d.name, d.default_targets)), f"policy-{d.name}")
        for d in catalog(spec) if d.name not in disabled
    )


def exempt_role_arns(spec: OrganizationSpec) -> list[str]:
    """The deployment roles the guardrails leave alone, in every account."""
    return [f"arn:*:iam::*:role/{spec.pipeline_role_name}", f"arn:*:iam::*:role/{spec.access_role_name}"]


def parameters(spec: OrganizationSpec, organization_id: str, partition: str = "aws") -> dict[str, Any]:
    """What the `{{name}}` placeholders of the documents stand for (`partition`: the resolved one)."""
    return {
        "organization_id": organization_id,
        "partition": partition,
        "governed_regions": list(spec.governed_regions),
        "extra_global_services": list(spec.guardrails.extra_global_services),
        "exempt_role_arns": exempt_role_arns(spec),
        "protected_tag_key": PROTECTED_TAG_KEY,
        "protected_tag_value": MANAGED_BY,
        "environments": list(spec.environments),
        "vpc_block_public_access": spec.guardrails.vpc_block_public_access,
        "backup_retention_days": str(spec.guardrails.backup_retention_days),
    }


def _substitute(node: Any, params: Mapping[str, Any]) -> Any:
    if isinstance(node, dict):
        return {_substitute(k, params): _substitute(v, params) for k, v in node.items()}
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            value = _substitute(item, params)
            # A list placeholder inside a list splices its items in.
            out.extend(value if isinstance(value, list) and isinstance(item, str) else [value])
        return out
    if isinstance(node, str):
        for key, value in params.items():
            token = "{{" + key + "}}"
            if node == token:
                return value
            if token in node:
                if not isinstance(value, str):
                    raise ValueError(f"placeholder {token} stands for a list: it must be a whole JSON value")
                node = node.replace(token, value)
        if "{{" in node:
            raise ValueError(f"unknown placeholder in {node!r}")
        return node
    return node


def read_asset(name: str) -> str:
    kind, _, file = name.partition("/")
    return (ASSETS / kind / file).read_text(encoding="utf-8")


def render(asset_text: str, params: Mapping[str, Any]) -> str:
    """The document with its placeholders filled, minified (what is sent and counted against the size limit)."""
    return json.dumps(_substitute(json.loads(asset_text), params), separators=(",", ":"))


def render_policy(policy: PolicyPlan | PolicyDef, spec: OrganizationSpec, organization_id: str,
                  partition: str = "aws") -> str:
    asset = policy.asset if isinstance(policy, PolicyDef) else _def_of(spec, policy.name).asset
    return render(read_asset(asset), parameters(spec, organization_id, partition))


def _def_of(spec: OrganizationSpec, name: str) -> PolicyDef:
    return next(d for d in catalog(spec) if d.name == name)


def attachments_by_target(policies: Sequence[PolicyPlan]) -> dict[str, dict[str, list[str]]]:
    """target -> policy type -> policy names attached directly (AWS-managed ones included)."""
    by_target: dict[str, dict[str, list[str]]] = {}
    for policy in policies:
        for target in policy.targets:
            by_target.setdefault(target, {}).setdefault(policy.type, []).append(policy.name)
    return by_target


def guardrail_issues(spec: OrganizationSpec) -> list[Issue]:
    """Unknown names and targets, targets over their quota, documents over their size limit."""
    return list(_guardrail_issues(spec))


def _guardrail_issues(spec: OrganizationSpec) -> Iterator[Issue]:
    where = "organization.guardrails"
    known = {d.name: d for d in catalog(spec)}
    for n, name in enumerate(spec.guardrails.disabled):
        if name not in known:
            yield f"{where}.disabled[{n}]", f"unknown policy {name!r}; policies: {sorted(known)}"
    targets = {ROOT} | {u.name for u in spec.unit_list} | {a.name for a in spec.account_list}
    for name, chosen in spec.guardrails.attachments.items():
        if name not in known:
            yield f"{where}.attachments.{name}", f"unknown policy; policies: {sorted(known)}"
        for n, target in enumerate(chosen):
            if target not in targets:
                yield (f"{where}.attachments.{name}[{n}]",
                       f"unknown target {target!r}; 'Root', units or accounts: {sorted(targets - {ROOT})}")
        for target in sorted(t for t, c in Counter(chosen).items() if c > 1):
            yield f"{where}.attachments.{name}", f"target {target!r} is listed more than once"
    policies = plan_policies(spec)
    quotas = {SCP: spec.guardrails.scp_quota, RCP: spec.guardrails.rcp_quota, **FIXED_QUOTAS}
    field = {SCP: "scpQuota", RCP: "rcpQuota"}
    for target, kinds in sorted(attachments_by_target(policies).items()):
        for kind, names in sorted(kinds.items()):
            count = len(names) + (1 if kind in AWS_MANAGED else 0)
            if count > quotas[kind]:
                managed = f" + {AWS_MANAGED[kind]} (attached by AWS)" if kind in AWS_MANAGED else ""
                quota = f"{where}.{field[kind]}" if kind in field else "the AWS quota"
                yield (f"{where}.attachments",
                       f"target {target!r} would carry {count} {kind} policies ({', '.join(names)}{managed}); "
                       f"{quota} allows {quotas[kind]}")
    for policy in policies:
        size = len(render_policy(policy, spec, WORST_CASE_ORG_ID, WORST_CASE_PARTITION))
        if size > SIZE_LIMITS[policy.type]:
            yield (f"{where}.policies.{policy.name}",
                   f"the rendered document is {size} characters; a {policy.type} may have at most "
                   f"{SIZE_LIMITS[policy.type]}")
