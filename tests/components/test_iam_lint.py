"""Every IAM document the landing zone writes passes a real IAM policy linter (parliament).

The documents are taken from what the program actually sends (the captured graph of each stack),
not from the builders, so a document assembled anywhere is covered.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import parliament
import pytest

from lz.graph import ResourceGraph

#: Findings accepted, each with the document it applies to and why. Nothing else may appear.
JUSTIFIED = {
    # iam:PermissionsBoundary is a String key whose values are policy ARNs; AWS documents StringEquals
    # with the ARN for it, and parliament flags any ARN under a String operator as "usable".
    ("identity-permissions-boundary", "policy"): {"MISMATCHED_TYPE_BUT_USABLE"},
    # ec2:ModifyNetworkInterfaceAttribute / CreateSnapshot are split per resource type so each can carry
    # its own condition (interface by ec2:Vpc, group by quarantine tag, snapshot by finding tag);
    # parliament wants every resource type of an action in one statement.
    ("isolation-role-policy", "policy"): {"RESOURCE_MISMATCH"},
}


TRUSTED_ROLE = "arn:aws:iam::123456789012:role/the-role-this-trust-policy-belongs-to"


def documents(graph: ResourceGraph) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for r in graph.resources:
        if not r.type.startswith("aws:iam/"):
            continue
        for key in ("policy", "assumeRolePolicy"):
            if isinstance(r.inputs.get(key), str):
                found.append((r.name, key, json.loads(r.inputs[key])))
        for inline in r.inputs.get("inlinePolicies") or []:
            found.append((r.name, "inlinePolicies", json.loads(inline["policy"])))
    return found


def as_identity_policy(trust: dict[str, Any]) -> dict[str, Any]:
    """Parliament lints identity policies only: a trust policy has a Principal and no Resource (IAM
    forbids one; the role is the resource). Linting it with the Principal dropped and the role as its
    Resource still checks every action, condition operator and condition key, which is where trust
    policies go wrong."""
    doc = copy.deepcopy(trust)
    for statement in doc["Statement"]:
        statement.pop("Principal", None)
        statement["Resource"] = TRUSTED_ROLE
    return doc


def findings(document: dict[str, Any]) -> set[str]:
    return {f.issue for f in parliament.analyze_policy_string(json.dumps(document)).findings}


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_every_iam_document_lints_clean(request: pytest.FixtureRequest, stack: str) -> None:
    graph: ResourceGraph = request.getfixturevalue(f"{stack}_graph")
    docs = documents(graph)
    assert len(docs) >= 20
    problems = {}
    for name, key, doc in docs:
        linted = as_identity_policy(doc) if key == "assumeRolePolicy" else doc
        accepted = JUSTIFIED.get((name.removeprefix(f"{stack}-"), key), set())
        extra = findings(linted) - accepted
        if extra:
            problems[f"{name}.{key}"] = sorted(extra)
    assert problems == {}


def test_the_lint_catches_a_typo_in_a_trust_policy(dev_graph: ResourceGraph) -> None:
    name, _, trust = next(d for d in documents(dev_graph) if d[1] == "assumeRolePolicy")
    broken = copy.deepcopy(trust)
    broken["Statement"][0]["Action"] = "sts:AssumeRol"
    assert findings(as_identity_policy(broken)), name
