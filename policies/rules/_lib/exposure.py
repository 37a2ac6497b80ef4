"""Cross-resource exposure joins: which subnet an instance launches into, which security groups it
wears and what those groups let in, resolved through the stack view.

Joins follow ``StackView.refers_to`` (by id when known, by the engine's dependency record during a
preview); list properties (``vpcSecurityGroupIds``) join element-wise the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from framework import ResourceView, StackView

from rules._lib.compute import INSTANCE_TYPES, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE
from rules._lib.ingress import DEFAULT_SG, SG, SG_RULE, VPC_INGRESS, Opening, sg_ingress

SUBNET = "aws:ec2/subnet:Subnet"
DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet"
VPC_TYPES = ("aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc")
EIP = "aws:ec2/eip:Eip"
EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation"
GROUP_TYPES = (SG, DEFAULT_SG)

_MISSING = object()


def tolerant(resource: ResourceView, key: str) -> Any:
    """``resource.props[key]``, or ``_MISSING`` while unknown (for joins only, never for verdicts)."""
    from pulumi_policy.proxy import UnknownValueError  # the pack's SDK; only its exception is used

    try:
        return resource.props.get(key)
    except UnknownValueError:
        return _MISSING


def _known_items(value: Any) -> tuple[list[Any], bool]:
    """Known elements of a list property and whether some element is still unknown."""
    from pulumi_policy.proxy import UnknownValueError  # the pack's SDK; only its exception is used

    if value is _MISSING:
        return [], True
    if value is None or isinstance(value, str):
        return ([value] if value else []), False
    known, pending = [], False
    for i in range(len(value)):
        try:
            known.append(value[i])
        except UnknownValueError:
            pending = True
    return known, pending


def lists(stack: StackView, source: ResourceView, prop: str, target: ResourceView, *, by_name: bool = False) -> bool:
    """``target`` is one of ``source.<prop>`` (a list of ids, or of names with ``by_name``)."""
    if target.urn in source.property_dependencies.get(prop, ()):
        return True
    items, pending = _known_items(tolerant(source, prop))
    keys = {tolerant(target, "id")} | ({tolerant(target, "name")} if by_name else set())
    if any(item in keys for item in items if item is not None):
        return True
    return pending and target.urn in source.dependencies


def subnets_of(stack: StackView, instance: ResourceView) -> list[ResourceView]:
    return [s for s in stack.of_type(SUBNET, DEFAULT_SUBNET) if stack.refers_to(instance, "subnetId", s)]


def maps_public_ip(subnet: ResourceView) -> bool:
    """Whether the subnet gives launches a public IPv4. A DefaultSubnet that leaves the setting out
    keeps the default subnet's true; a new Subnet defaults to false. Raises while unknown."""
    value = subnet.get("mapPublicIpOnLaunch")
    return value is True or (value is None and subnet.type == DEFAULT_SUBNET)


def elastic_ips(stack: StackView, instance: ResourceView) -> list[ResourceView]:
    found = [e for e in stack.of_type(EIP) if stack.refers_to(e, "instance", instance)]
    found += [a for a in stack.of_type(EIP_ASSOCIATION) if stack.refers_to(a, "instanceId", instance)]
    return found


def attached_group_props(resource: ResourceView) -> Iterator[tuple[str, bool]]:
    """(property path, joins by name) of every place a launch shape names its security groups."""
    if resource.type in INSTANCE_TYPES:
        yield "vpcSecurityGroupIds", False
        yield "securityGroups", True
    elif resource.type == LAUNCH_TEMPLATE:
        yield "vpcSecurityGroupIds", False
        yield "securityGroupNames", True
    elif resource.type == LAUNCH_CONFIGURATION:
        yield "securityGroups", False


def attached_groups(stack: StackView, resource: ResourceView) -> list[tuple[str, ResourceView]]:
    """(property, group) for each security group of the stack the launch shape attaches."""
    found: list[tuple[str, ResourceView]] = []
    for prop, by_name in attached_group_props(resource):
        found += [(prop, g) for g in stack.of_type(*GROUP_TYPES) if lists(stack, resource, prop, g, by_name=by_name)]
    if resource.type == LAUNCH_TEMPLATE:
        for i, nic in enumerate(resource.get("networkInterfaces") or ()):
            ids = set(nic.get("securityGroups") or ())
            found += [(f"networkInterfaces[{i}].securityGroups", g) for g in stack.of_type(*GROUP_TYPES)
                      if tolerant(g, "id") in ids]
    return found


def group_openings(stack: StackView, group: ResourceView) -> Iterator[tuple[ResourceView, Opening]]:
    """Ingress of ``group``: its inline rules and every SecurityGroupRule / vpc ingress rule naming it."""
    for opening in sg_ingress(group):
        yield group, opening
    for rule in stack.of_type(SG_RULE, VPC_INGRESS):
        if stack.refers_to(rule, "securityGroupId", group):
            for opening in sg_ingress(rule):
                yield rule, opening
