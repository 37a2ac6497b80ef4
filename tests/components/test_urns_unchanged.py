"""Dev and prod register exactly the resources they registered before the component-contract refactor.

`urns/dev.txt` and `urns/prod.txt` were captured from `lz preview <stack> --json` before any
component changed signature (one URN a line, without the `urn:pulumi:<stack>::<project>::` prefix,
sorted: the parent type chain, then `::` and the logical name; `#` lines are comments). Pulumi keys
state by URN, so a line that changes is a resource that would be replaced (or orphaned) on the next
`pulumi up`.

The refactor (one `Environment`, plans computed inside, Inputs instead of component objects, tags
from one transformation, collision-free AZ labels in Name tags) changes inputs, not URNs, with ONE
exception, listed in MOVED: IngressEdge and IdsFleet no longer change each other after creation, so
the edge owns the sensors' target group its HTTPS listener forwards to (the fleet takes its ARN).
Its new URN is under IngressEdge; it is registered with an alias to the old URN, which the engine
resolves to the existing target group (no replacement). The test checks the alias is sent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

URNS = Path(__file__).parent / "urns"
TG = "aws:lb/targetGroup:TargetGroup"
#: old URN tail -> new URN tail, per stack ({env} is the stack name).
MOVED = {
    f"lz:core:LandingZone$lz:ids:IdsFleet${TG}::{{env}}-ids-targets":
        f"lz:core:LandingZone$lz:ids:IngressEdge${TG}::{{env}}-ingress-sensor-targets",
}


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_urns_are_those_before_the_refactor(request: pytest.FixtureRequest, stack: str) -> None:
    before = [line for line in (URNS / f"{stack}.txt").read_text().splitlines() if not line.startswith("#")]
    moved = {old.format(env=stack): new.format(env=stack) for old, new in MOVED.items()}
    assert set(moved) <= set(before)
    expected = sorted([moved.get(urn, urn) for urn in before])
    graph, aliases = request.getfixturevalue(f"{stack}_run")
    prefix = f"urn:pulumi:{stack}::landing-zone::"
    assert all(r.urn.startswith(prefix) for r in graph.resources)
    actual = sorted(r.urn[len(prefix):] for r in graph.resources)
    missing, added = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    assert (missing, added) == ([], []), f"{stack}: URNs gone {missing}, URNs new {added}"
    assert actual == expected  # no duplicates either
    for old, new in moved.items():
        parent_chain, old_name = old.rsplit("::", 1)
        old_parent = f"urn:pulumi:{stack}::landing-zone::{parent_chain.rsplit('$', 1)[0]}::{stack}-ids"
        specs = [a.spec for a in aliases[new.rsplit("::", 1)[1]] if a.WhichOneof("alias") == "spec"]
        assert any(s.name == old_name and s.parentUrn == old_parent for s in specs), specs
