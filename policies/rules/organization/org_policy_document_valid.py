"""Every organization policy document parses and fits its type's size limit."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.organizations import POLICY, RCP, SCP, SIZE_LIMITS, document, policy_type, statements


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    kind = policy_type(resource)
    content = resource.get("content")
    text = content if isinstance(content, str) else str(content or "")
    doc = document(resource)
    if doc is None:
        yield Violation(f"the {kind} document does not parse as a JSON object", "content")
        return
    limit = SIZE_LIMITS.get(kind)
    if limit is not None and len(text) > limit:
        yield Violation(f"the {kind} document is {len(text)} characters; AWS Organizations accepts at most "
                        f"{limit} (whitespace counts when it is sent through the API)", "content")
    if kind in (SCP, RCP):
        if doc.get("Version") != "2012-10-17":
            yield Violation(f"the {kind} has Version {doc.get('Version')!r}, not '2012-10-17'", "content")
        found = statements(doc)
        if not found:
            yield Violation(f"the {kind} has no Statement", "content")
        for i, statement in enumerate(found):
            if statement.get("Effect") not in ("Allow", "Deny"):
                yield Violation(f"Statement[{i}] has Effect {statement.get('Effect')!r}", "content")
            if "Action" not in statement and "NotAction" not in statement:
                yield Violation(f"Statement[{i}] has neither Action nor NotAction", "content")
            if kind == RCP and statement.get("Effect") != "Deny":
                yield Violation(f"Statement[{i}]: resource control policies support only Deny (RCPFullAWSAccess "
                                "aside)", "content")


RULE = ResourceRule(
    id="org_policy_document_valid",
    title="Organization policy documents parse and fit the size limit of their type",
    description=("AWS Organizations rejects a document over its type's limit (SCPs and RCPs 5,120 characters; tag, "
                 "backup and declarative policies 10,000) or one that is not valid policy grammar; the deployment "
                 "then fails half-way, with some guardrails changed and others not."),
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-accounts",)},
    remediation=("Shorten the document (merge statements, use wildcards in NotAction lists, drop whitespace) or "
                 "split it into two policies within the per-target quota; fix its JSON."),
    resource_types=(POLICY,),
    evaluate=evaluate,
)
