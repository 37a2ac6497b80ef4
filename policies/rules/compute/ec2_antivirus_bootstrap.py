"""Every instance and launch specification gets an antivirus agent (ClamAV) at boot or through SSM."""

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, cannot_decide, unknown_path
from .._lib.compute import (
    COMPUTE_TYPES,
    SSM_ASSOCIATION,
    from_launch_template,
    mentions,
    user_data,
)


def _runs_antivirus(association: ResourceView, markers: list[str]) -> bool:
    # Associations that run a Command document on instances always target them through `targets`.
    return mentions(str(association.get("name") or ""), markers) and bool(association.get("targets"))


def _boots_antivirus(resource: ResourceView, markers: list[str]) -> bool:
    texts = [text for _, text in user_data(resource)]
    if not texts and from_launch_template(resource):
        return True  # the template's user data runs instead, and the template is judged itself
    return any(mentions(text, markers) for text in texts)


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    markers = list(config["markers"])
    undecided: ResourceView | None = None  # an association whose document or targets are unknown
    for association in stack.of_type(SSM_ASSOCIATION):
        runs, path = unknown_path(partial(_runs_antivirus, association, markers))
        if runs:
            return  # one fleet-wide association covers every instance in the stack
        if path is not None and undecided is None:
            undecided = association
    for resource in stack.of_type(*COMPUTE_TYPES):
        boots, path = unknown_path(partial(_boots_antivirus, resource, markers))
        if boots:
            continue
        if path is not None:
            yield cannot_decide(path, resource.urn)
        elif undecided is not None:
            yield cannot_decide(f"SSM association {undecided.name}", resource.urn)
        else:
            yield Violation(f"{resource.name} neither installs an antivirus agent in its user data nor is "
                            f"covered by an SSM association running one (looked for {markers})",
                            "userData", resource.urn)


RULE = StackRule(
    id="ec2_antivirus_bootstrap",
    title="EC2 instances install an antivirus agent (user data or SSM association)",
    description=(
        "Hosts without an on-host scanner leave malware in uploads, build caches and compromised "
        "packages unnoticed. Passes when an instance's or template's user data (base64 and gzip decoded) "
        "mentions a marker, or when the stack has an SSM association with targets whose document name "
        "mentions one. Instances launched from a template rely on the template's user data."
    ),
    severity=Severity.LOW,
    frameworks={"seed": ("antivirus",)},
    remediation=(
        "Install and schedule ClamAV (clamd, freshclam) in user_data, or add aws.ssm.Association(name=<a "
        "ClamAV/Antivirus document>, targets=[{\"key\": \"tag:PatchGroup\", \"values\": [...]}]) "
        "covering the fleet."
    ),
    config={"markers": {"type": "array", "items": {"type": "string"},
                        "default": ["clamav", "clamd", "freshclam", "antivirus"],
                        "description": "case-insensitive words whose presence in user data or in an SSM "
                                       "association's document name shows an antivirus agent is set up"}},
    evaluate=evaluate,
)
