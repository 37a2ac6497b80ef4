"""Which rules run at which enforcement level, per pack. Levels live here and nowhere else."""

from __future__ import annotations

from typing import Any

from framework import Rule, Severity

DEFAULT_PACK = "aws-landing-zone"
MANDATORY_SEVERITIES = (Severity.CRITICAL, Severity.HIGH)

# Rules whose level differs from what their severity implies in the blocking pack, with the reason.
PINNED: dict[str, str] = {
    # Descriptions are cheap to add and the only record of why a hole exists: block on them.
    "sg_rule_has_description": "mandatory",
}


def _blocking(rules: dict[str, Rule]) -> dict[str, str]:
    return {
        rid: PINNED.get(rid, "mandatory" if rule.severity in MANDATORY_SEVERITIES else "advisory")
        for rid, rule in rules.items()
    }


def _advisory(rules: dict[str, Rule]) -> dict[str, str]:
    return dict.fromkeys(rules, "advisory")


PACKS = {
    DEFAULT_PACK: _blocking,
    "aws-landing-zone-advisory": _advisory,
}


def pack_levels(pack: str, rules: dict[str, Rule]) -> dict[str, str]:
    """Rule id -> enforcement level for ``pack``; raises KeyError naming the known packs."""
    if pack not in PACKS:
        raise KeyError(f"unknown policy pack {pack!r}; known: {', '.join(sorted(PACKS))}")
    return PACKS[pack](rules)


def build_policies(pack: str) -> list[Any]:
    """The pulumi_policy policies for ``pack``, in rule-id order."""
    import adapter
    import registry
    from pulumi_policy import EnforcementLevel

    rules = registry.discover()
    levels = pack_levels(pack, rules)
    return [adapter.to_policy(rules[rid], EnforcementLevel(level)) for rid, level in levels.items()]
