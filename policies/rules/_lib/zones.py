"""Which Availability Zones a resource's subnets are in, from the subnets declared in the same stack.

Shared by the multi-AZ rules (Lambda.5, AutoScaling.2). Subnets are matched by id when both ids are
known and, during a preview, by the engine's dependency record for the property that lists them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from ...framework import ResourceView, StackView, unknown_path

SUBNET_TYPES = ("aws:ec2/subnet:Subnet", "aws:ec2/defaultSubnet:DefaultSubnet")


@dataclass(frozen=True)
class Zones:
    """``zones`` is None when some subnet lives outside the stack; ``undecided`` names a declared subnet
    that leaves its Availability Zone to AWS."""

    zones: frozenset[str] | None
    undecided: ResourceView | None = None


def subnet_zones(stack: StackView, resource: ResourceView, dependency_key: str, subnet_ids: Sequence[Any]) -> Zones:
    count = len(subnet_ids)
    ids = [v for i in range(count) if (v := unknown_path(partial(subnet_ids.__getitem__, i))[0]) is not None]
    deps = resource.property_dependencies.get(dependency_key, ())
    declared = []
    for subnet in stack.of_type(*SUBNET_TYPES):
        subnet_id, _ = unknown_path(partial(subnet.get, "id"))
        if subnet.urn in deps or (subnet_id is not None and subnet_id in ids):
            declared.append(subnet)
    if len(declared) < count:
        return Zones(None)  # the landing zone's subnets, passed by id, are spread across AZs by design
    zones = set()
    for subnet in declared:
        zone = subnet.get("availabilityZone") or subnet.get("availabilityZoneId")
        if zone is None:
            return Zones(None, subnet)
        zones.add(str(zone))
    return Zones(frozenset(zones))
