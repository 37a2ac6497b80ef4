"""An IAM Access Analyzer for external access exists (CIS 1.20; presence rule)."""

from collections.abc import Mapping
from typing import Any

from ...framework import ResourceView, Severity
from .._lib.iam import presence_rule

ANALYZER = "aws:accessanalyzer/analyzer:Analyzer"


def _counts(analyzer: ResourceView, config: Mapping[str, Any]) -> bool:
    return (analyzer.get("type") or "ACCOUNT") in config["accepted_types"]  # AWS's default is ACCOUNT


RULE = presence_rule(
    "iam_access_analyzer_enabled",
    (ANALYZER,),
    missing="the stack declares no external-access aws.accessanalyzer.Analyzer (ACCOUNT or ORGANIZATION)",
    counts=_counts,
    title="IAM Access Analyzer is enabled for external access",
    description=(
        "Access Analyzer finds buckets, keys, roles and queues shared outside the account or "
        "organization. Unused-access and internal-access analyzers do not report external sharing. "
        "A presence check: it belongs in the account-baseline stack of every region."
    ),
    severity=Severity.MEDIUM,
    frameworks={"cis-aws-5.0": ("1.19",), "cis-aws-3.0": ("1.20",), "seed": ("user-management",)},
    remediation='Declare aws.accessanalyzer.Analyzer(type="ACCOUNT") (or "ORGANIZATION" in the delegated '
                "administrator account) in every region's baseline stack.",
    config={"accepted_types": {
        "type": "array", "items": {"type": "string"}, "default": ["ACCOUNT", "ORGANIZATION"],
        "description": "analyzer types that count as external-access analysis",
    }},
)
