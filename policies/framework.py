"""Rule metadata and the views a rule's pure ``evaluate`` receives.

A rule never imports pulumi_policy: ``adapter.py`` turns it into a Resource/StackValidationPolicy.
Values unknown during preview become verdicts here and nowhere else: ``judged`` runs an evaluate and
turns the first unknown it reads into ``cannot_decide``'s violation, one message for every rule family.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

# The SDK's exception for a value unknown during preview: the one part of pulumi_policy a rule meets.
# Rules that branch on an unknown catch it from here (``from ...framework import UnknownValueError``);
# turning it into a verdict is this module's alone (``cannot_decide``, ``judged``).
from pulumi_policy.proxy import UnknownValueError
from pydantic import BaseModel, ConfigDict, Field, field_validator

_ID_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_TOKEN_RE = re.compile(r"^aws:[a-z0-9]+/[a-z][A-Za-z0-9]*:[A-Z][A-Za-z0-9]*$")
_T = TypeVar("_T")
SEED_FRAMEWORK = "seed"
# The seed article's security characteristics, numbered as the rows of CONTROLS.md.
SEED_CHARACTERISTICS: dict[str, int] = {
    "isolated-and-controlled": 1, "firewalled": 2, "secure-access": 3, "audited": 4,
    "intrusion-detection": 5, "configuration-analysis": 6, "data-encryption": 7, "antivirus": 8,
    "frequent-updates": 9, "user-management": 10, "one-time-password": 11, "one-spot-monitoring": 12,
    "centralized-alerts": 13, "regulatory-compliance": 14, "rate-limiting-isolation": 15, "logging": 16,
    "high-availability": 17,
    # A landing zone is an organization (CONTROLS.md rows 18-20).
    "isolated-accounts": 18, "organization-monitoring": 19, "governed-regions": 20,
}
CIS_FRAMEWORK = "cis-aws-3.0"
CIS5_FRAMEWORK = "cis-aws-5.0"
# CIS AWS Foundations v7.0.0: its section 2.1 holds the AWS Organizations controls.
CIS7_FRAMEWORK = "cis-aws-7.0"
# AWS Foundational Security Best Practices (Security Hub), control ids such as "EC2.19", "RDS.3".
FSBP_FRAMEWORK = "aws-fsbp"
FRAMEWORKS = (SEED_FRAMEWORK, CIS_FRAMEWORK, CIS5_FRAMEWORK, CIS7_FRAMEWORK, FSBP_FRAMEWORK)
_CONTROL_RE = {
    CIS_FRAMEWORK: re.compile(r"^\d+(\.\d+)+$"),
    CIS5_FRAMEWORK: re.compile(r"^\d+(\.\d+)+$"),
    CIS7_FRAMEWORK: re.compile(r"^\d+(\.\d+)+$"),
    FSBP_FRAMEWORK: re.compile(r"^[A-Z][A-Za-z0-9]*\.\d+$"),
}


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Violation:
    """One finding. ``property`` is a path such as ``ingress[0].cidrBlocks``; ``urn`` is for stack rules."""

    message: str
    property: str | None = None
    urn: str | None = None


_ROLE_ACCOUNT = re.compile(r"^arn:[a-z-]+:iam::(\d{12}):role/")


@dataclass(frozen=True)
class ProviderView:
    """The provider that manages a resource, as the engine sends it: type, URN, name and its inputs.

    ``account_id`` and ``region`` say where its resources land: the account of its first assumed role
    (else its single allowed account), and its region. None means "the stack's own": the credentials'
    account, the stack's region (a default provider, or a value not known until apply).
    """

    type: str
    urn: str
    name: str
    props: Mapping[str, Any]

    def _input(self, key: str) -> Any:
        try:
            value = self.props.get(key)
        except UnknownValueError:
            return None
        if isinstance(value, str) and value[:1] in "[{":  # the SDK sends structured provider config as JSON
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    @property
    def region(self) -> str | None:
        region = self._input("region")
        return region if isinstance(region, str) and region else None

    @property
    def account_id(self) -> str | None:
        roles = self._input("assumeRoles")
        if isinstance(roles, list) and roles and isinstance(roles[0], Mapping):
            match = _ROLE_ACCOUNT.match(str(roles[0].get("roleArn") or ""))
            return match.group(1) if match else None
        allowed = self._input("allowedAccountIds")
        if isinstance(allowed, list) and len(allowed) == 1 and re.fullmatch(r"\d{12}", str(allowed[0])):
            return str(allowed[0])
        return None


@dataclass(frozen=True)
class ResourceView:
    """What a rule sees of one resource: engine wire names (camelCase), numbers as floats.

    ``props`` raises ``UnknownValueError`` on values unknown during preview; ``judged`` (which the
    adapter runs every rule through) turns that into a ``cannot decide: <property>`` violation, so
    rules just read what they need.
    """

    type: str
    name: str
    urn: str
    props: Mapping[str, Any]
    parent: str | None = None
    dependencies: tuple[str, ...] = ()
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Its provider (which account and region it lands in); None when the engine sent none.
    provider: ProviderView | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)

    @property
    def account_id(self) -> str | None:
        """The account it lands in, when its provider names one; None: the stack credentials' account."""
        return self.provider.account_id if self.provider is not None else None

    @property
    def region(self) -> str | None:
        """The region it lands in, when its provider names one; None: the stack's region."""
        return self.provider.region if self.provider is not None else None


@dataclass(frozen=True)
class StackView:
    """Every resource of the stack, for rules that join facts across resources."""

    resources: tuple[ResourceView, ...]
    _by_type: dict[str, list[ResourceView]] = field(default_factory=dict, init=False, repr=False, compare=False)
    #: Per-stack memo for rule libraries' join indexes (one StackView lives for one AnalyzeStack call).
    memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Stack rules join N x M resources; an index keeps of_type O(matches) instead of O(stack).
        for r in self.resources:
            self._by_type.setdefault(r.type, []).append(r)

    def of_type(self, *types: str) -> list[ResourceView]:
        if len(types) == 1:
            return list(self._by_type.get(types[0], ()))
        wanted = set(types)
        return [r for r in self.resources if r.type in wanted]

    def refers_to(self, source: ResourceView, prop: str, target: ResourceView, target_prop: str = "id") -> bool:
        """True when ``source.<prop>`` points at ``target``.

        Joins by value when both are known (``prop`` equals the target's ``target_prop``, its ``id``
        by default); during a preview, when a value is still unknown, by the engine's dependency
        record instead.
        """
        if target.urn in source.property_dependencies.get(prop, ()):
            return True
        value = _known(source.props, prop)
        target_id = _known(target.props, target_prop)
        if value is not _UNKNOWN and target_id is not _UNKNOWN:
            return value is not None and value == target_id
        return target.urn in source.dependencies


_UNKNOWN = object()


def _known(props: Mapping[str, Any], key: str) -> Any:
    try:
        return props.get(key)
    except UnknownValueError:
        return _UNKNOWN


def any_known(items: Iterable[_T], predicate: Callable[[_T], bool]) -> bool:
    """Whether ``predicate`` holds for some item whose values are all known.

    A presence rule is satisfied by one fully known match even if another candidate is still
    unknown during preview; with no known match, the first unknown is re-raised so ``judged``
    reports ``cannot decide`` rather than a pass or a false failure.
    """
    pending: UnknownValueError | None = None
    for item in items:
        try:
            if predicate(item):
                return True
        except UnknownValueError as err:
            pending = pending or err
    if pending is not None:
        raise pending
    return False


def cannot_decide(path: str, urn: str | None = None) -> Violation:
    """The verdict on a value unknown during preview: never a pass, never a false failure."""
    return Violation(f"cannot decide: {path} is not known until apply", path, urn)


def judged(evaluate: Callable[[], Iterable[Violation]], urn: str | None = None) -> list[Violation]:
    """Runs ``evaluate``; the violations it found, then, if it read a value unknown during preview, one
    ``cannot_decide`` for that value's property. ``urn`` pins the violations that name none (stack rules:
    the resource being judged). The adapter runs every rule through this; rules call it (or
    ``each_resource``) to judge many subjects one by one."""
    found: list[Violation] = []
    try:
        for violation in evaluate():
            found.append(violation if violation.urn or urn is None else replace(violation, urn=urn))
    except UnknownValueError as err:
        found.append(cannot_decide(format_path(err.props), urn))
    return found


def unknown_path(fn: Callable[[], _T]) -> tuple[_T | None, str | None]:
    """Runs ``fn``; returns (result, None), or (None, property path) when it read a preview-unknown value.
    For rules that decide what an unknown means themselves (a join that falls back, a presence test)."""
    try:
        return fn(), None
    except UnknownValueError as err:
        return None, format_path(err.props)


def each_resource(resources: Iterable[ResourceView],
                  check: Callable[[ResourceView], Iterable[Violation]]) -> Iterator[Violation]:
    """Judge a stack rule's subjects one by one (``judged`` per resource, pinned to its URN): a value
    unknown during preview makes *that* resource "cannot decide" while the others are still judged.
    Stack rules loop through this instead of letting one unknown end the whole rule."""
    for resource in resources:
        yield from judged(partial(check, resource), resource.urn)


ResourceEvaluate = Callable[[ResourceView, Mapping[str, Any]], Iterable[Violation]]
StackEvaluate = Callable[[StackView, Mapping[str, Any]], Iterable[Violation]]


class Rule(BaseModel):
    """What every rule carries: metadata (enforcement levels live in packs.py, never here).

    A rule is a ``ResourceRule`` (judges one resource of its ``resource_types`` at a time) or a
    ``StackRule`` (judges the whole stack, for facts that live on another resource); ``Rule`` itself
    is only their common part, for annotations and ``isinstance``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: str = Field(description="snake_case; equals the rule file's stem")
    title: str = Field(min_length=1, description="one line, shown as the policy description")
    description: str = Field(min_length=1, description="what is checked and why it matters")
    severity: Severity
    frameworks: dict[str, tuple[str, ...]] = Field(
        description='control ids per framework, e.g. {"cis-aws-3.0": ("5.2",), "seed": ("firewalled",)}'
    )
    remediation: str = Field(min_length=1, description="what to change, in the user's terms")
    config: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="JSON schema fragments per config property; each has a default"
    )

    def __init__(self, /, **data: Any) -> None:
        if type(self) is Rule:
            raise TypeError("Rule is the common part of ResourceRule(resource_types=..., evaluate=...) and "
                            "StackRule(evaluate=...): declare one of those")
        super().__init__(**data)

    @field_validator("id")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not _ID_RE.match(value):
            raise ValueError(f"rule id {value!r} is not snake_case")
        return value

    @field_validator("frameworks")
    @classmethod
    def _seed_present(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        if not value.get(SEED_FRAMEWORK):
            raise ValueError(f"frameworks needs at least one {SEED_FRAMEWORK!r} characteristic")
        unknown = [c for c in value[SEED_FRAMEWORK] if c not in SEED_CHARACTERISTICS]
        if unknown:
            raise ValueError(f"unknown seed characteristic(s) {unknown}; known: {sorted(SEED_CHARACTERISTICS)}")
        other = [name for name in value if name not in FRAMEWORKS]
        if other:
            raise ValueError(f"unknown framework(s) {other}; known: {list(FRAMEWORKS)}")
        for name, pattern in _CONTROL_RE.items():
            bad = [c for c in value.get(name, ()) if not pattern.match(c)]
            if bad:
                raise ValueError(f"{name} control id(s) {bad} do not look like {pattern.pattern}")
        return value

    @field_validator("config")
    @classmethod
    def _defaults(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        missing = [k for k, schema in value.items() if "default" not in schema]
        if missing:
            raise ValueError(f"config properties {missing} need a default")
        if "exemptions" in value:
            raise ValueError("'exemptions' is added to every rule by the framework; do not declare it")
        return value

    def defaults(self) -> dict[str, Any]:
        return {key: schema["default"] for key, schema in self.config.items()}

    def tags(self) -> list[str]:
        """Frameworks as protocol tags (``cis-aws-3.0:5.2``, ``seed:firewalled``) the gate can parse."""
        return [f"{name}:{control}" for name, ids in sorted(self.frameworks.items()) for control in ids]


class ResourceRule(Rule):
    """A rule over one resource at a time: the adapter makes it a ResourceValidationPolicy that runs
    ``evaluate(resource, config)`` on each resource of ``resource_types``."""

    resource_types: tuple[str, ...] = Field(
        description="type tokens it applies to; every token a user can write for the same thing")
    evaluate: ResourceEvaluate

    @field_validator("resource_types")
    @classmethod
    def _tokens(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("a resource rule must list the resource_types it applies to")
        bad = [t for t in value if not _TOKEN_RE.match(t)]
        if bad:
            raise ValueError(f"type tokens {bad} do not look like aws:<module>/<lowerCamel>:<Name>")
        return value


class StackRule(Rule):
    """A rule over the whole stack (facts joined across resources): the adapter makes it a
    StackValidationPolicy that runs ``evaluate(stack, config)`` once per stack."""

    satisfied_by: tuple[str, ...] = Field(
        default=(),
        description=("for a presence rule (it fails on a stack without something): the type tokens of the "
                     "resources that satisfy it, when more than the ones it asks for on an empty stack "
                     "(a CIS 4.x filter also needs its alarm and topic)"))
    evaluate: StackEvaluate

    @field_validator("satisfied_by")
    @classmethod
    def _satisfying_tokens(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [t for t in value if not _TOKEN_RE.match(t)]
        if bad:
            raise ValueError(f"type tokens {bad} do not look like aws:<module>/<lowerCamel>:<Name>")
        return value


def format_path(parts: Iterable[Any]) -> str:
    """``["ingress", "0", "cidrBlocks"]`` -> ``ingress[0].cidrBlocks``."""
    out = ""
    for part in parts:
        text = str(part)
        out += f"[{text}]" if text.isdigit() else (f".{text}" if out else text)
    return out
