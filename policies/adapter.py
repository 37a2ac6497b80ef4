"""Turns a ``ResourceRule`` or ``StackRule`` into a pulumi_policy policy, the only place that knows the SDK's shape."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyComplianceFramework,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)

from . import wire
from .applicability import stack_rule_subjects
from .framework import ProviderView, ResourceRule, ResourceView, Rule, StackRule, StackView, Violation, judged
from .inspection import resource_rule_inspects

EXEMPTIONS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {"type": "string"},
    "default": [],
    "description": "fnmatch patterns on resource names that this rule skips",
}


def config_schema(rule: Rule) -> PolicyConfigSchema:
    return PolicyConfigSchema(properties={**rule.config, "exemptions": EXEMPTIONS_SCHEMA})


def effective_config(rule: Rule, given: Mapping[str, Any] | None) -> dict[str, Any]:
    """The rule's defaults with the pack config over them; integer fields as ints (the engine's JSON numbers
    arrive as floats: a message would say 365.0 days)."""
    merged = {**rule.defaults(), "exemptions": [], **dict(given or {})}
    return {key: _as_schema_int(value, rule.config.get(key)) for key, value in merged.items()}


def _as_schema_int(value: Any, schema: Any) -> Any:
    if not isinstance(schema, Mapping):
        return value
    if schema.get("type") == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if schema.get("type") == "array" and isinstance(value, list | tuple):
        return [_as_schema_int(item, schema.get("items")) for item in value]
    return value


def exempt(name: str, config: Mapping[str, Any]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in config.get("exemptions") or ())


def render(rule: Rule, violation: Violation) -> str:
    return wire.compose(violation.message, violation.property, rule.remediation)


def _name_of(urn: str) -> str:
    return urn.rsplit("::", 1)[-1]


def provider_view(provider: Any) -> ProviderView | None:
    """The SDK's PolicyProviderResource (what the engine sent as the resource's provider) as a view."""
    if provider is None:
        return None
    return ProviderView(provider.resource_type, provider.urn, provider.name, provider.props)


def resource_view(args: ResourceValidationArgs) -> ResourceView:
    return ResourceView(args.resource_type, args.name, args.urn, args.props, args.opts.parent,
                        provider=provider_view(args.provider))


def stack_view(args: StackValidationArgs) -> StackView:
    views = []
    for res in args.resources:
        views.append(
            ResourceView(
                type=res.resource_type,
                name=res.name,
                urn=res.urn,
                props=res.props,
                parent=res.parent.urn if res.parent is not None else None,
                dependencies=tuple(d.urn for d in res.dependencies),
                property_dependencies={
                    k: tuple(d.urn for d in deps) for k, deps in res.property_dependencies.items()
                },
                provider=provider_view(res.provider),
            )
        )
    return StackView(tuple(views))


def evaluate_resource(rule: ResourceRule, view: ResourceView, given: Mapping[str, Any] | None) -> list[Violation]:
    config = effective_config(rule, given)
    if view.type not in rule.resource_types or exempt(view.name, config):
        return []
    return judged(lambda: rule.evaluate(view, config))


def evaluate_stack(rule: StackRule, stack: StackView, given: Mapping[str, Any] | None) -> list[Violation]:
    config = effective_config(rule, given)
    return [
        v
        for v in judged(lambda: rule.evaluate(stack, config))
        if not (v.urn and exempt(_name_of(v.urn), config))
    ]


def _subjects(rule: Rule) -> tuple[str, ...]:
    if isinstance(rule, ResourceRule):
        return rule.resource_types
    if isinstance(rule, StackRule):
        return stack_rule_subjects(rule, effective_config(rule, None))
    return ()


def _report_tags(rule: Rule) -> list[str]:
    """applies-to:<type> says where silence means "passed"; inspects:<property>@<type>, which values decided it
    (both for readers of GetAnalyzerInfo such as lz report; lz.policy_config keeps them out of frameworks)."""
    inspects = resource_rule_inspects(rule, effective_config(rule, None)) if isinstance(rule, ResourceRule) else {}
    return [*(f"applies-to:{t}" for t in _subjects(rule)),
            *(f"inspects:{prop}@{token}" for token, props in inspects.items() for prop in props)]


def to_policy(rule: Rule, level: EnforcementLevel) -> Policy:
    cis = rule.frameworks.get("cis-aws-3.0")
    common: dict[str, Any] = {
        "name": rule.id,
        "description": rule.title,
        "enforcement_level": level,
        "config_schema": config_schema(rule),
        "display_name": rule.title,
        "severity": Severity(rule.severity.value),
        "framework": PolicyComplianceFramework("cis-aws", "3.0.0", ", ".join(cis)) if cis else None,
        "tags": [*rule.tags(), *_report_tags(rule)],
        "remediation_steps": rule.remediation,
    }

    if isinstance(rule, StackRule):
        return _stack_policy(rule, common)
    if isinstance(rule, ResourceRule):
        return _resource_policy(rule, common)
    raise TypeError(f"rule {rule.id!r} is a {type(rule).__name__}, neither a ResourceRule nor a StackRule")


def _stack_policy(rule: StackRule, common: dict[str, Any]) -> Policy:
    def validate_stack(args: StackValidationArgs, report: ReportViolation) -> None:
        for v in evaluate_stack(rule, stack_view(args), args.get_config()):
            report(render(rule, v), v.urn)

    return StackValidationPolicy(validate=validate_stack, **common)


def _resource_policy(rule: ResourceRule, common: dict[str, Any]) -> Policy:
    types = frozenset(rule.resource_types)

    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        if args.resource_type not in types:  # most (rule, resource) pairs: leave before any work
            return
        for v in evaluate_resource(rule, resource_view(args), args.get_config()):
            report(render(rule, v), None)

    policy = ResourceValidationPolicy(validate=validate, **common)
    policy.lz_resource_types = types  # type: ignore[attr-defined]  # read by fastpath.PolicyList
    return policy
