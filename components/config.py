"""LandingZoneConfig: the whole `landing-zone:*` config namespace, validated before any resource exists.

Layered like Landing Zone Accelerator: pydantic checks each domain's schema (types, ranges, CIDR
syntax, unknown keys), then cross-reference checks (overlaps, names, flows) run on every domain whose
schema passed. Every problem is collected with its path; `LandingZoneConfigError` carries them all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import pulumi
from pydantic import Field, ValidationError, field_validator

from .access.spec import AccessSpec, access_issues
from .audit.spec import AuditSpec, audit_issues
from .firewall.spec import FirewallSpec
from .identity.spec import IdentitySpec, identity_issues
from .ids.spec import IdsSpec, IngressSpec, ids_issues, ingress_issues
from .isolation.spec import IsolationSpec, isolation_issues
from .logging.spec import LoggingSpec, logging_issues
from .monitoring.spec import MonitoringSpec, monitoring_issues
from .network.spec import NetworkSpec
from .spec_base import Spec
from .storage.spec import StorageSpec, storage_issues
from .updates.spec import UpdatesSpec, updates_issues
from .validation import Issue, access_network_issues, edge_issues, firewall_issues, network_issues

NAMESPACE = "landing-zone"
ENVIRONMENT_RE = re.compile(r"^[a-z][a-z0-9]{1,11}$")
TAG_CHARS = re.compile(r"^[\w\s.:/=+\-@]*$", re.UNICODE)
MAX_USER_TAGS = 40  # AWS allows 50 per resource; the landing zone adds up to 10 of its own.


class LandingZoneConfigError(pulumi.RunError):
    """Invalid stack configuration; `errors` holds every problem as 'path: message'."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        lines = "\n".join(f"  - {e}" for e in errors)
        super().__init__(f"invalid landing-zone configuration ({len(errors)} problem(s)):\n{lines}")


class TagsSpec(Spec):
    """`landing-zone:tags`: tags on every resource. `owner` is required; keys follow AWS limits."""

    owner: str = Field(min_length=1, max_length=256, description="Team accountable for the environment.")
    data_classification: str = Field(
        "internal", max_length=256, description="Highest data classification stored (public/internal/confidential/...)."
    )
    extra: dict[str, str] = Field(default_factory=dict, description="Any further tags (cost-center, ...).")

    @field_validator("extra")
    @classmethod
    def _aws_tag_limits(cls, tags: dict[str, str]) -> dict[str, str]:
        problems = []
        if len(tags) > MAX_USER_TAGS:
            problems.append(f"{len(tags)} tags; at most {MAX_USER_TAGS}")
        for key, value in tags.items():
            if not 1 <= len(key) <= 128:
                problems.append(f"key {key!r} must be 1-128 characters")
            if key.lower().startswith("aws:"):
                problems.append(f"key {key!r}: the 'aws:' prefix is reserved")
            if not TAG_CHARS.match(key):
                problems.append(f"key {key!r} has characters AWS rejects (allowed: letters, digits, spaces, _.:/=+-@)")
            if len(value) > 256:
                problems.append(f"value of {key!r} is {len(value)} characters; at most 256")
            if not TAG_CHARS.match(value):
                problems.append(f"value {value!r} of {key!r} has characters AWS rejects")
        if problems:
            raise ValueError("; ".join(problems))
        return tags

    @field_validator("owner", "data_classification")
    @classmethod
    def _value_chars(cls, value: str) -> str:
        if not TAG_CHARS.match(value):
            raise ValueError(f"{value!r} has characters AWS rejects in tag values")
        return value


class OrganizationMembership(Spec):
    """`landing-zone:organization` in an environment stack: the org stack it joins and its account there.

    (In the org stack the same key is the organization definition; `__main__.py` tells them apart by
    the `stack` key.) Without it the environment is self-contained in the stack's own account.
    """

    stack: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){0,2}$",
                       description="The org stack: its name in this project, or <org>/<project>/<stack>.")
    account: str | None = Field(None, min_length=1, description="The account this environment deploys into "
                                "(a name among the org stack's accounts). Default: workload-<environment>.")


class LandingZoneConfig(Spec):
    """The root: one field per `landing-zone:<key>`."""

    environment: str = Field(description="Environment name; appears in resource names (lowercase, 2-12 chars).")
    production: bool | None = Field(
        None, description="Production rules (>= 2 AZs, protected evidence). Default: environment starts with 'prod'."
    )
    protect_evidence: bool = Field(
        True, description="The one protection switch (Environment.protect): keys, evidence buckets, trails and log "
        "groups are created with protect=True. Only non-production may turn it off."
    )
    tags: TagsSpec = Field(description="Tags on every resource.")
    network: NetworkSpec = Field(description="VPC islands and their interconnect.")
    firewall: FirewallSpec = Field(default_factory=FirewallSpec, description="Security-group whitelist.")
    storage: StorageSpec = Field(default_factory=StorageSpec, description="KMS keys per purpose, account guardrails.")
    audit: AuditSpec = Field(default_factory=AuditSpec, description="Log archive, CloudTrail, Config, GuardDuty, "
                             "Security Hub, Access Analyzer.")
    monitoring: MonitoringSpec = Field(default_factory=MonitoringSpec, description="Alerts topic, CIS alarms, "
                                       "finding rules, dashboard.")
    identity: IdentitySpec = Field(default_factory=IdentitySpec, description="Password policy, groups, roles, users.")
    access: AccessSpec = Field(default_factory=AccessSpec, description="Client VPN (on in production).")
    updates: UpdatesSpec = Field(default_factory=UpdatesSpec, description="Patch baseline, window, instance role.")
    logging: LoggingSpec = Field(default_factory=LoggingSpec, description="Log groups and their export to the archive.")
    ids: IdsSpec = Field(default_factory=IdsSpec, description="Snort sensor fleet with host IDS and antivirus.")
    ingress: IngressSpec = Field(default_factory=IngressSpec, description="Public HTTPS ALB, WAF, internal ALB.")
    isolation: IsolationSpec = Field(default_factory=IsolationSpec, description="GuardDuty finding -> quarantine.")
    organization: OrganizationMembership | None = Field(
        None, description="Join an organization: deploy into its account for this environment (see membership.py).")

    @field_validator("environment")
    @classmethod
    def _environment(cls, value: str) -> str:
        if not ENVIRONMENT_RE.match(value):
            raise ValueError(
                f"{value!r} cannot appear in resource names: use 2-12 lowercase letters and digits, "
                "starting with a letter (e.g. dev, prod, stage2)"
            )
        return value

    @property
    def is_production(self) -> bool:
        return self.production if self.production is not None else self.environment.startswith("prod")


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _format(error: Mapping[str, Any]) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    shown = "" if isinstance(value, dict | list) else f" (got {value!r})"
    if error["type"] == "extra_forbidden":
        message, shown = "unknown key (a typo?)", ""
    elif error["type"] == "missing":
        shown = ""
    return f"{_path(tuple(error['loc']))}: {message}{shown}"


def validate_config(raw: Mapping[str, Any]) -> LandingZoneConfig:
    """Validate a raw `landing-zone:*` mapping; raise LandingZoneConfigError with every problem."""
    try:
        config = LandingZoneConfig.model_validate(dict(raw))
    except ValidationError as exc:
        errors = [_format(e) for e in exc.errors()]
        errors += [f"{p}: {m}" for p, m in _cross_issues_of_valid_parts(raw)]
        raise LandingZoneConfigError(errors) from None
    issues = list(_cross_issues(config))
    if not config.protect_evidence and config.is_production:
        issues.append(("protectEvidence", "production environments must protect keys and log stores"))
    if issues:
        raise LandingZoneConfigError([f"{p}: {m}" for p, m in issues])
    return config


def _cross_issues(config: LandingZoneConfig) -> list[Issue]:
    production = config.is_production
    issues = list(network_issues(config.network, production))
    tier_names = [t.name for i in config.network.islands for t in i.tiers]
    if len(set(tier_names)) == len(tier_names):
        issues += firewall_issues(config.network, config.firewall)
    island_cidrs = {i.name: i.cidr for i in config.network.islands}
    issues += storage_issues(config.storage, production)
    issues += audit_issues(config.audit, production)
    issues += monitoring_issues(config.monitoring, production)
    issues += identity_issues(config.identity, production)
    issues += access_issues(config.access, production, island_cidrs)
    issues += access_network_issues(config.access, config.network, production)
    issues += updates_issues(config.updates, production)
    issues += logging_issues(config.logging, production)
    issues += ids_issues(config.ids, production)
    issues += ingress_issues(config.ingress, production)
    issues += isolation_issues(config.isolation, production)
    issues += edge_issues(config.ingress, config.ids, config.storage, config.network)
    return issues


def _cross_issues_of_valid_parts(raw: Mapping[str, Any]) -> list[Issue]:
    """When another domain failed its schema, still cross-check the network if it is valid alone."""
    try:
        network = NetworkSpec.model_validate(raw.get("network"))
    except ValidationError:
        return []
    production = raw.get("production")
    env = str(raw.get("environment", ""))
    return list(network_issues(network, bool(production) if production is not None else env.startswith("prod")))


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def raw_config_from_pulumi() -> dict[str, Any]:
    """Every `landing-zone:*` key of the stack, structured values decoded (as the CLI passes them)."""
    from pulumi.runtime import config as runtime_config

    keys = set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())
    prefix = f"{NAMESPACE}:"
    raw: dict[str, Any] = {}
    for key in sorted(keys):
        if key.startswith(prefix) and not key.startswith(f"{prefix}config:"):
            value = runtime_config.get_config(key)
            raw[key[len(prefix):]] = _decode(value) if isinstance(value, str) else value
    return raw


def load_config() -> LandingZoneConfig:
    """Load and validate the stack's landing-zone config (the only place that reads pulumi config)."""
    return validate_config(raw_config_from_pulumi())
