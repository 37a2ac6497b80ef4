"""Dev and prod register exactly the resources they registered before the component-contract refactor.

`urns/dev.txt` and `urns/prod.txt` were captured from `lz preview <stack> --json` before any
component changed signature (one URN a line, without the `urn:pulumi:<stack>::<project>::` prefix,
sorted: the parent type chain, then `::` and the logical name). Pulumi keys state by URN, so a
line that changes is a resource that would be replaced (or orphaned) on the next `pulumi up`.

The refactor (one `Environment`, plans computed inside, Inputs instead of component objects, tags
from one transform, collision-free AZ labels in Name tags) changes inputs only, never a type, a
parent or a logical name; so the expected difference is none, and this test allows none. A change
that must move a resource belongs in the files together with an `aliases` option and a line here
saying why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lz.graph import ResourceGraph

URNS = Path(__file__).parent / "urns"


def urn_list(graph: ResourceGraph, stack: str) -> list[str]:
    prefix = f"urn:pulumi:{stack}::landing-zone::"
    assert all(r.urn.startswith(prefix) for r in graph.resources)
    return sorted(r.urn[len(prefix):] for r in graph.resources)


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_urns_are_those_before_the_refactor(request: pytest.FixtureRequest, stack: str) -> None:
    graph: ResourceGraph = request.getfixturevalue(f"{stack}_graph")
    expected = (URNS / f"{stack}.txt").read_text().splitlines()
    actual = urn_list(graph, stack)
    missing, added = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    assert (missing, added) == ([], []), f"{stack}: URNs gone {missing}, URNs new {added}"
    assert actual == expected  # no duplicates either
