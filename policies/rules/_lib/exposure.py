"""Cross-resource exposure joins: which subnet an instance launches into, which security groups it
wears and what those groups let in, resolved through the stack view.

Joins follow ``StackView.refers_to`` (by id when known, by the engine's dependency record during a
preview); list properties (``vpcSecurityGroupIds``) join element-wise the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, StackView, UnknownValueError
from .compute import INSTANCE_TYPES, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE
from .ingress import DEFAULT_SG, SG, SG_RULE, VPC_INGRESS, Opening, sg_ingress

SUBNET = "aws:ec2/subnet:Subnet"
DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet"
VPC_TYPES = ("aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc")
EIP = "aws:ec2/eip:Eip"
EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation"
AUTOSCALING_GROUP = "aws:autoscaling/group:Group"
GROUP_TYPES = (SG, DEFAULT_SG)

_MISSING = object()


def tolerant(resource: ResourceView, key: str) -> Any:
    """``resource.props[key]``, or ``_MISSING`` while unknown (for joins only, never for verdicts)."""
    try:
        return resource.props.get(key)
    except UnknownValueError:
        return _MISSING


def _known_items(value: Any) -> tuple[list[Any], bool]:
    """Known elements of a list property and whether some element is still unknown."""
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


def subnets_of(stack: StackView, resource: ResourceView, prop: str = "subnetId") -> list[ResourceView]:
    """Subnets of this stack that ``resource.<prop>`` (one id or a list of ids) names."""
    return _listed(_index(stack, SUBNET, DEFAULT_SUBNET), resource, prop, tolerant(resource, prop))


def asg_launch_specs(stack: StackView, group: ResourceView) -> list[ResourceView]:
    """Launch templates (by id or name, plain or in a mixed-instances policy) and launch configurations
    (by name) of this stack that an Auto Scaling group launches from."""
    templates = _index(stack, LAUNCH_TEMPLATE)
    found: list[ResourceView] = []
    spec = tolerant(group, "launchTemplate")
    if isinstance(spec, Mapping):
        found += _listed(templates, group, "launchTemplate", _field(spec, "id"))
        found += _listed(templates, group, "launchTemplate", _field(spec, "name"), by_name=True)
    policy = tolerant(group, "mixedInstancesPolicy")
    if isinstance(policy, Mapping):
        inner = _field(_field(policy, "launchTemplate") or {}, "launchTemplateSpecification") or {}
        found += _listed(templates, group, "mixedInstancesPolicy", _field(inner, "launchTemplateId"))
        found += _listed(templates, group, "mixedInstancesPolicy", _field(inner, "launchTemplateName"), by_name=True)
    if tolerant(group, "launchConfiguration") is not None:
        configurations = _index(stack, LAUNCH_CONFIGURATION)
        found += _listed(configurations, group, "launchConfiguration", tolerant(group, "launchConfiguration"),
                         by_name=True)
    return list({r.urn: r for r in found}.values())


def _field(mapping: Any, key: str) -> Any:
    if not isinstance(mapping, Mapping):
        return None
    try:
        return mapping.get(key)
    except UnknownValueError:
        return _MISSING


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


Index = tuple[dict[str, list[ResourceView]], dict[str, list[ResourceView]], dict[str, ResourceView]]


def _index(stack: StackView, *types: str) -> Index:
    """Resources of ``types`` by known id, by known name and by URN; built once per stack."""
    key = ("exposure", types)
    if key not in stack.memo:
        by_id: dict[str, list[ResourceView]] = {}
        by_name: dict[str, list[ResourceView]] = {}
        by_urn: dict[str, ResourceView] = {}
        for resource in stack.of_type(*types):
            by_urn[resource.urn] = resource
            for index, prop in ((by_id, "id"), (by_name, "name")):
                value = tolerant(resource, prop)
                if isinstance(value, str):
                    index.setdefault(value, []).append(resource)
        stack.memo[key] = (by_id, by_name, by_urn)
    result: Index = stack.memo[key]
    return result


def _listed(index: Index, resource: ResourceView, prop: str, value: Any, *, by_name: bool = False
            ) -> list[ResourceView]:
    """Indexed resources that ``value`` (``resource.<prop>`` or a field inside it; one id or a list)
    names: by the engine's record of what fed ``prop``, by known id (or name) element-wise, and, while
    an element is still unknown, by the resource's dependencies."""
    by_id, names, by_urn = index
    found = {urn: by_urn[urn] for urn in resource.property_dependencies.get(prop, ()) if urn in by_urn}
    items, pending = _known_items(value)
    for item in items:
        for target in (names if by_name else by_id).get(item, ()) if isinstance(item, str) else ():
            found[target.urn] = target
    if pending:
        found.update({urn: by_urn[urn] for urn in resource.dependencies if urn in by_urn})
    return list(found.values())


def attached_groups(stack: StackView, resource: ResourceView) -> list[tuple[str, ResourceView]]:
    """(property, group) for each security group of the stack the launch shape attaches."""
    found: list[tuple[str, ResourceView]] = []
    groups = _index(stack, *GROUP_TYPES)
    for prop, by_name in attached_group_props(resource):
        found += [(prop, g) for g in _listed(groups, resource, prop, tolerant(resource, prop), by_name=by_name)]
    if resource.type == LAUNCH_TEMPLATE:
        by_id = groups[0]
        for i, nic in enumerate(resource.get("networkInterfaces") or ()):
            items, _ = _known_items(_field(nic, "securityGroups"))
            found += [(f"networkInterfaces[{i}].securityGroups", group)
                      for item in items if isinstance(item, str) for group in by_id.get(item, ())]
    return found


def _rule_index(stack: StackView) -> tuple[dict[str, list[ResourceView]], dict[str, list[ResourceView]],
                                            list[ResourceView]]:
    """SG rule resources by the group id they name, by the URN that fed an unknown id, and the rest."""
    key = ("exposure", "rules")
    if key not in stack.memo:
        by_id: dict[str, list[ResourceView]] = {}
        by_urn: dict[str, list[ResourceView]] = {}
        loose: list[ResourceView] = []
        for rule in stack.of_type(SG_RULE, VPC_INGRESS):
            value = tolerant(rule, "securityGroupId")
            fed_by = rule.property_dependencies.get("securityGroupId", ())
            if isinstance(value, str):
                by_id.setdefault(value, []).append(rule)
            for urn in fed_by:
                by_urn.setdefault(urn, []).append(rule)
            if not isinstance(value, str) and not fed_by:
                loose.append(rule)
        stack.memo[key] = (by_id, by_urn, loose)
    result: tuple[dict[str, list[ResourceView]], dict[str, list[ResourceView]], list[ResourceView]]
    result = stack.memo[key]
    return result


def group_openings(stack: StackView, group: ResourceView) -> Iterator[tuple[ResourceView, Opening]]:
    """Ingress of ``group``: its inline rules and every SecurityGroupRule / vpc ingress rule naming it
    (the same join as ``refers_to``, through an index built once per stack)."""
    for opening in sg_ingress(group):
        yield group, opening
    by_id, by_urn, loose = _rule_index(stack)
    group_id = tolerant(group, "id")
    rules = {r.urn: r for r in by_urn.get(group.urn, ())}
    rules.update({r.urn: r for r in by_id.get(group_id, ())} if isinstance(group_id, str) else {})
    rules.update({r.urn: r for r in loose if stack.refers_to(r, "securityGroupId", group)})
    for rule in rules.values():
        for opening in sg_ingress(rule):
            yield rule, opening
