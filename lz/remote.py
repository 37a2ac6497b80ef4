"""Multi-language components (awsx, aws-apigateway) under the offline engine.

The real engine constructs a remote component (``remote=True``) in its provider plugin, which
registers the children and answers with the component's outputs. Offline there is no plugin, so
lz answers for it:

* Every remote component gets the outputs its Python SDK class declares (the ``pulumi.getter``
  names of the class the package registered for the type), each the unknown sentinel unless modelled
  below: a program can chain on them without crashing, and nothing claims a value lz cannot know.
* ``awsx:ec2:Vpc`` and ``awsx:ecs:FargateService`` are *expanded*: lz registers the child resources
  awsx would create, under the component's URN with the component's inputs, so the pack checks them,
  and the outputs that name them (``vpcId``, ``privateSubnetIds``, ``service`` ...) are real.

Fidelity (what awsx really creates vs what lz models), pinned by the ``awsx`` test program:

* ec2.Vpc: the VPC (``cidrBlock`` default 10.0.0.0/16, tags ``Name`` = component name), one Internet
  Gateway, for each availability zone (``availabilityZoneNames``, else the first
  ``numberOfAvailabilityZones``, default 3, of the region's mocked zones) a subnet per spec (default:
  one private, one public) with its route table, association and 0.0.0.0/0 route (public to the IGW,
  private to a NAT gateway), and per ``natGateways.strategy`` (``OnePerAz`` default, ``Single``,
  ``None``) an EIP and NAT gateway in the public subnets. Names and the parent chain are awsx's.
  CIDRs follow awsx's Legacy layout (the default ``subnetStrategy``) exactly when no
  ``subnetSpecs`` are given; with ``subnetSpecs``, or under ``Auto``/``Exact``, lz packs the blocks one
  after the other per zone, so sizes, types, zones and names are faithful but addresses may differ.
  VPC endpoints, IPv6, IPAM pools and ``subnetNameTagStrategy`` are not modelled.
* ecs.FargateService: the ``aws:ecs/service:Service`` (``desiredCount`` 1, ``launchType`` FARGATE,
  the given ``networkConfiguration``, else awsx's default: a security group open to 0.0.0.0/0 in the
  default VPC with ``assignPublicIp``), and for ``taskDefinitionArgs`` a FargateTaskDefinition
  component with its task definition (``containerDefinitions`` JSON from ``container`` or
  ``containers``, cpu 256 / memory 512 unless given, awsvpc, FARGATE), a log group (1 day unless
  given) that each container without its own ``logConfiguration`` logs to through awslogs, an
  execution role with AmazonECSTaskExecutionRolePolicy and a task role, unless given. Load balancer
  wiring (target groups, port mappings' ``targetGroup``) and the role policies beyond those are not
  modelled; container definitions keep awsx's input shape (camelCase keys, as the ECS JSON wants).

* lb.ApplicationLoadBalancer: the ``aws:lb/loadBalancer:LoadBalancer`` with the other inputs and
  the subnets, a security group from ``defaultSecurityGroup.args`` (no rules unless given) unless
  one is given or skipped, the default target group (``ip`` targets) and one listener per
  ``listeners`` entry (else one) forwarding to it, port and protocol defaulted as awsx does (80/HTTP,
  443 <-> HTTPS). The VPC id awsx looks up from the first subnet (getSubnet) is unknown here.

Anything else (NetworkLoadBalancer, EC2Service, aws-apigateway RestAPI ...) is opaque: the gate
reports that its internals were not checked.
"""

from __future__ import annotations

import importlib
import ipaddress
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pulumi import _types
from pulumi.runtime import rpc

from lz.aws_tables import availability_zones

#: register(type, name, parent URN, inputs) -> (URN, id, outputs) of a child custom (or component) resource.
Register = Callable[[str, str, str, dict[str, Any]], "Child"]


@dataclass(frozen=True)
class Child:
    urn: str
    type: str
    name: str
    id: str | None
    outputs: dict[str, Any]

    def ref(self) -> dict[str, Any]:
        """A resource reference on the wire, as a provider answers with it."""
        ref: dict[str, Any] = {rpc._special_sig_key: rpc._special_resource_sig, "urn": self.urn,
                               "type": self.type, "name": self.name}
        if self.id is not None:
            ref["id"] = self.id
        return ref


def _obj(values: dict[str, Any], key: str) -> dict[str, Any]:
    """``values[key]`` when it is an object, else {} (absent, unknown or of another shape)."""
    found = values.get(key)
    return found if isinstance(found, dict) else {}


def output_names(type_token: str) -> list[str]:
    """The wire names of the outputs the package's Python class declares for ``type_token``."""
    pkg, mod, _ = [*type_token.split(":"), "", ""][:3]
    module = rpc.get_resource_module(pkg, mod, "")
    info = getattr(module, "mod_info", None)
    if not isinstance(info, dict):
        return []
    class_name = info.get("classes", {}).get(type_token)
    try:
        cls = getattr(importlib.import_module(info["fqn"]), class_name)
    except (ImportError, AttributeError, KeyError, TypeError):
        return []
    names = []
    for attr in vars(cls).values():
        getter = getattr(attr, "fget", None)
        name = getattr(getter, _types._PULUMI_NAME, None)
        if isinstance(name, str):
            names.append(name)
    return sorted(names)


def unknown_outputs(type_token: str) -> dict[str, Any]:
    return {name: rpc.UNKNOWN for name in output_names(type_token)}


def construct(type_token: str, name: str, urn: str, inputs: dict[str, Any], register: Register,
              region: str) -> tuple[dict[str, Any], bool]:
    """The component's outputs and whether lz expanded it into children (see the module docstring)."""
    outputs = unknown_outputs(type_token)
    expand = _EXPANSIONS.get(type_token)
    if expand is None:
        return outputs, False
    outputs.update(expand(name, urn, inputs, register, region))
    return outputs, True


# -- awsx.ec2.Vpc ------------------------------------------------------------------------------

_VPC_ARGS = ("cidrBlock", "enableDnsHostnames", "enableDnsSupport", "instanceTenancy", "ipv4IpamPoolId",
             "ipv4NetmaskLength", "assignGeneratedIpv6CidrBlock", "enableNetworkAddressUsageMetrics")
_DEFAULT_MASK = {"Private": 19, "Public": 20, "Isolated": 24}


@dataclass(frozen=True)
class SubnetPlan:
    az_index: int
    az: str
    type: str  # Public, Private or Isolated
    name: str
    cidr: str
    tags: dict[str, Any]


def _next_pow2(n: int) -> int:
    return 1 if n <= 1 else 1 << (n - 1).bit_length()


def plan_subnets(name: str, cidr: str, azs: list[str], specs: list[dict[str, Any]] | None) -> list[SubnetPlan]:
    """awsx's Legacy layout: the VPC split evenly between zones; default private /(az+1), public next quarter."""
    vpc = ipaddress.IPv4Network(cidr, strict=False)
    az_prefix = vpc.prefixlen + _next_pow2(len(azs)).bit_length() - 1
    bases = list(vpc.subnets(new_prefix=az_prefix))[: len(azs)]
    plans: list[SubnetPlan] = []
    if not specs:
        for i, az in enumerate(azs):
            private, rest = list(bases[i].subnets(prefixlen_diff=1))
            public = next(rest.subnets(prefixlen_diff=1))
            plans.append(SubnetPlan(i, az, "Private", f"{name}-private-{i + 1}", str(private), {}))
            plans.append(SubnetPlan(i, az, "Public", f"{name}-public-{i + 1}", str(public), {}))
        return plans
    order = {"Private": 0, "Public": 1, "Isolated": 2}
    ordered = sorted((s for s in specs if str(s.get("type", "")).title() in order),
                     key=lambda s: order[str(s["type"]).title()])
    for i, az in enumerate(azs):
        cursor = int(bases[i].network_address)
        for spec in ordered:
            kind = str(spec["type"]).title()
            mask = spec.get("cidrMask")
            mask = int(mask) if isinstance(mask, (int, float)) else max(bases[i].prefixlen + 1, _DEFAULT_MASK[kind])
            size = 1 << (32 - mask)
            cursor = (cursor + size - 1) // size * size
            block = ipaddress.IPv4Network((cursor, mask))
            cursor += size
            label = spec.get("name") or kind.lower()
            tags = _obj(spec, "tags")
            plans.append(SubnetPlan(i, az, kind, f"{name}-{label}-{i + 1}", str(block), tags))
    return plans


def _vpc(name: str, urn: str, inputs: dict[str, Any], register: Register, region: str) -> dict[str, Any]:
    zones = [z for z, _ in availability_zones(region)]
    azs = inputs.get("availabilityZoneNames")
    if not isinstance(azs, list) or not azs:
        count = inputs.get("numberOfAvailabilityZones")
        azs = zones[: int(count) if isinstance(count, (int, float)) else 3]
    strategy = str(_obj(inputs, "natGateways").get("strategy") or "OnePerAz")
    user_tags = _obj(inputs, "tags")
    shared_tags = {"Name": name, **user_tags}
    given = inputs.get("cidrBlock")
    cidr = given if isinstance(given, str) and given != "<unknown>" else "10.0.0.0/16"
    vpc_args = {k: inputs[k] for k in _VPC_ARGS if k in inputs}
    vpc = register("aws:ec2/vpc:Vpc", name, urn, {**vpc_args, "cidrBlock": cidr, "tags": shared_tags})
    igw = register("aws:ec2/internetGateway:InternetGateway", name, vpc.urn, {"vpcId": vpc.id, "tags": shared_tags})
    specs = inputs.get("subnetSpecs") if isinstance(inputs.get("subnetSpecs"), list) else None
    plans = plan_subnets(name, cidr, list(azs), specs)
    subnets: list[Child] = []
    by_type: dict[str, list[Child]] = {"Public": [], "Private": [], "Isolated": []}
    tables: list[Child] = []
    assocs: list[Child] = []
    routes: list[Child] = []
    nats: list[Child] = []
    eips: list[Child] = []
    type_order = {"Public": 0, "Private": 1, "Isolated": 2}  # awsx creates the public subnet first
    for i in range(len(azs)):
        for plan in sorted((p for p in plans if p.az_index == i), key=lambda p: type_order[p.type]):
            tags = {**shared_tags, **plan.tags, "Name": plan.name, "SubnetType": plan.type}
            subnet = register("aws:ec2/subnet:Subnet", plan.name, vpc.urn, {
                "vpcId": vpc.id, "availabilityZone": plan.az, "mapPublicIpOnLaunch": plan.type == "Public",
                "cidrBlock": plan.cidr, "tags": tags})
            subnets.append(subnet)
            by_type[plan.type].append(subnet)
            table = register("aws:ec2/routeTable:RouteTable", plan.name, subnet.urn, {
                "vpcId": vpc.id, "tags": {**shared_tags, "Name": plan.name, "SubnetType": plan.type}})
            tables.append(table)
            assocs.append(register("aws:ec2/routeTableAssociation:RouteTableAssociation", plan.name, table.urn,
                                   {"routeTableId": table.id, "subnetId": subnet.id}))
            wants_nat = strategy == "OnePerAz" or (strategy == "Single" and not nats)
            if plan.type == "Public" and wants_nat:
                nat_tags = {**user_tags, "Name": f"{name}-{i + 1}"}
                eip = register("aws:ec2/eip:Eip", f"{name}-{i + 1}", subnet.urn, {"tags": nat_tags})
                eips.append(eip)
                nats.append(register("aws:ec2/natGateway:NatGateway", f"{name}-{i + 1}", subnet.urn, {
                    "subnetId": subnet.id, "allocationId": eip.outputs.get("allocationId", eip.id),
                    "tags": nat_tags}))
            route: dict[str, Any] | None = None
            if plan.type == "Public":
                route = {"gatewayId": igw.id}
            elif plan.type == "Private" and strategy != "None" and nats:
                route = {"natGatewayId": (nats[0] if strategy == "Single" else nats[min(i, len(nats) - 1)]).id}
            if route is not None:
                routes.append(register("aws:ec2/route:Route", plan.name, table.urn, {
                    "routeTableId": table.id, "destinationCidrBlock": "0.0.0.0/0", **route}))
    return {
        "vpc": vpc.ref(), "vpcId": vpc.id, "internetGateway": igw.ref(),
        "subnets": [s.ref() for s in subnets], "routeTables": [t.ref() for t in tables],
        "routeTableAssociations": [a.ref() for a in assocs], "routes": [r.ref() for r in routes],
        "natGateways": [n.ref() for n in nats], "eips": [e.ref() for e in eips], "vpcEndpoints": [],
        **{f"{kind.lower()}Subnets": [s.ref() for s in of_kind] for kind, of_kind in by_type.items()},
        **{f"{kind.lower()}SubnetIds": [s.id for s in of_kind] for kind, of_kind in by_type.items()},
    }


# -- awsx.ecs.FargateService -------------------------------------------------------------------

_SERVICE_ARGS = ("cluster", "desiredCount", "name", "tags", "enableExecuteCommand", "healthCheckGracePeriodSeconds",
                 "platformVersion", "propagateTags", "serviceRegistries", "deploymentCircuitBreaker",
                 "enableEcsManagedTags", "forceNewDeployment", "capacityProviderStrategies", "loadBalancers")
_ASSUME_ECS_TASKS = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]})
_EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"


def _containers(args: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(args.get("container"), dict):
        single = dict(args["container"])
        single.setdefault("name", "container")
        return [single]
    named = _obj(args, "containers")
    return [{"name": key, **value} for key, value in named.items() if isinstance(value, dict)]


def _role(name: str, parent: str, given: dict[str, Any], register: Register, policy: str | None) -> Any:
    """awsx's DefaultRoleWithPolicy: the given role's ARN, else a role ECS tasks assume (plus ``policy``)."""
    if isinstance(given.get("roleArn"), str):
        return given["roleArn"]
    role = register("aws:iam/role:Role", name, parent, {"assumeRolePolicy": _ASSUME_ECS_TASKS})
    if policy is not None:
        register("aws:iam/rolePolicyAttachment:RolePolicyAttachment", f"{name}-0", parent,
                 {"role": role.id, "policyArn": policy})
    return role.outputs.get("arn", role.id)


def _task_definition(name: str, parent: str, args: dict[str, Any], register: Register, region: str) -> Child:
    component = register("awsx:ecs:FargateTaskDefinition", name, parent, {})
    execution_role = _role(f"{name}-execution", component.urn, _obj(args, "executionRole"), register,
                           _EXECUTION_POLICY)
    task_role = _role(f"{name}-task", component.urn, _obj(args, "taskRole"), register, None)
    log_group = _obj(args, "logGroup")
    log_group_name: Any = None
    if _obj(log_group, "existing"):
        log_group_name = _obj(log_group, "existing").get("name")
    elif not log_group.get("skip"):
        group = register("aws:cloudwatch/logGroup:LogGroup", name, component.urn,
                         {"retentionInDays": _obj(log_group, "args").get("retentionInDays", 1)})
        log_group_name = group.outputs.get("name", group.id)
    containers = _containers(args)
    if log_group_name is not None:  # awsx points every container without its own at the task's log group
        for container in containers:
            container.setdefault("logConfiguration", {"logDriver": "awslogs", "options": {
                "awslogs-group": log_group_name, "awslogs-region": region,
                "awslogs-stream-prefix": container["name"]}})
    props: dict[str, Any] = {
        "family": args.get("family") or name, "cpu": str(args.get("cpu") or "256"),
        "memory": str(args.get("memory") or "512"), "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"], "executionRoleArn": execution_role, "taskRoleArn": task_role,
        "containerDefinitions": json.dumps(containers),
    }
    for key in ("runtimePlatform", "ephemeralStorage", "volumes", "tags"):
        if key in args:
            props[key] = args[key]
    return register("aws:ecs/taskDefinition:TaskDefinition", name, component.urn, props)


def _fargate_service(name: str, urn: str, inputs: dict[str, Any], register: Register, region: str) -> dict[str, Any]:
    outputs: dict[str, Any] = {}
    task_definition = inputs.get("taskDefinition")
    if isinstance(inputs.get("taskDefinitionArgs"), dict):
        definition = _task_definition(name, urn, inputs["taskDefinitionArgs"], register, region)
        outputs["taskDefinition"] = definition.ref()
        task_definition = definition.outputs.get("arn", definition.id)
    network = inputs.get("networkConfiguration")
    if not isinstance(network, dict):
        # awsx's default: a security group open to the world in the default VPC (vpc id unknown here).
        sg = register("aws:ec2/securityGroup:SecurityGroup", f"{name}-sg", urn, {
            "vpcId": rpc.UNKNOWN,
            "ingress": [{"fromPort": 0, "toPort": 0, "protocol": "-1", "cidrBlocks": ["0.0.0.0/0"],
                         "ipv6CidrBlocks": ["::/0"]}],
            "egress": [{"fromPort": 0, "toPort": 65535, "protocol": "tcp", "cidrBlocks": ["0.0.0.0/0"],
                        "ipv6CidrBlocks": ["::/0"]}],
        })
        network = {"subnets": rpc.UNKNOWN, "assignPublicIp": bool(inputs.get("assignPublicIp", False)),
                   "securityGroups": [sg.id]}
    props: dict[str, Any] = {"desiredCount": 1, **{k: inputs[k] for k in _SERVICE_ARGS if k in inputs},
                             "networkConfiguration": network, "taskDefinition": task_definition,
                             "waitForSteadyState": not inputs.get("continueBeforeSteadyState", False)}
    if "capacityProviderStrategies" not in inputs and not inputs.get("useClusterDefaultCapacityProviderStrategy"):
        props["launchType"] = "FARGATE"
    service = register("aws:ecs/service:Service", name, urn, props)
    outputs["service"] = service.ref()
    return outputs


# -- awsx.lb.ApplicationLoadBalancer ------------------------------------------------------------

_ALB_OWN_ARGS = ("subnetIds", "subnets", "defaultTargetGroup", "defaultSecurityGroup", "listener", "listeners")


def _listener_protocol(listener: dict[str, Any] | None) -> dict[str, Any]:
    """awsx's getListenerProtocol: port and protocol, each derived from the other, else 80/HTTP."""
    if listener:
        port, protocol = listener.get("port"), listener.get("protocol")
        if port is not None or protocol is not None:
            return {"port": port if port is not None else (443 if protocol == "HTTPS" else 80),
                    "protocol": protocol if protocol is not None else ("HTTPS" if port == 443 else "HTTP")}
    return {"port": 80, "protocol": "HTTP"}


def _application_load_balancer(name: str, urn: str, inputs: dict[str, Any], register: Register,
                               region: str) -> dict[str, Any]:
    outputs: dict[str, Any] = {}
    lb_args = {k: v for k, v in inputs.items() if k not in _ALB_OWN_ARGS}
    subnets = inputs.get("subnetIds", inputs.get("subnets"))
    if subnets is not None:
        lb_args["subnets"] = subnets
    security_group = _obj(inputs, "defaultSecurityGroup")
    if "securityGroups" not in lb_args and not security_group.get("skip"):
        if isinstance(security_group.get("securityGroupId"), str):
            lb_args["securityGroups"] = [security_group["securityGroupId"]]
        else:  # awsx's default: a security group with the given args, no rules unless given
            sg = register("aws:ec2/securityGroup:SecurityGroup", name, urn, _obj(security_group, "args"))
            outputs["defaultSecurityGroup"] = sg.ref()
            lb_args["securityGroups"] = [sg.id]
    balancer = register("aws:lb/loadBalancer:LoadBalancer", name, urn, lb_args)
    listeners = inputs.get("listeners") if isinstance(inputs.get("listeners"), list) else None
    listener = _obj(inputs, "listener") or None
    if listeners is None:
        default = _listener_protocol(listener)
    else:
        default = _listener_protocol(listeners[0]) if len(listeners) != 1 else {}
    group = register("aws:lb/targetGroup:TargetGroup", name, urn, {
        "vpcId": rpc.UNKNOWN, "targetType": "ip", **default, **_obj(inputs, "defaultTargetGroup")})
    actions = [{"type": "forward", "targetGroupArn": group.outputs.get("arn", group.id)}]
    arn = balancer.outputs.get("arn", balancer.id)
    made = []
    if listeners is not None:
        for i, args in enumerate(listeners):
            given = args if isinstance(args, dict) else {}
            made.append(register("aws:lb/listener:Listener", f"{name}-{i}", urn, {
                "defaultActions": actions, **_listener_protocol(given), **given, "loadBalancerArn": arn}))
    else:
        made.append(register("aws:lb/listener:Listener", f"{name}-0", urn, {
            "defaultActions": actions, **default, **(listener or {}), "loadBalancerArn": arn}))
    outputs.update(loadBalancer=balancer.ref(), defaultTargetGroup=group.ref(), listeners=[m.ref() for m in made])
    return outputs


_EXPANSIONS: dict[str, Callable[[str, str, dict[str, Any], Register, str], dict[str, Any]]] = {
    "awsx:ec2:Vpc": _vpc,
    "awsx:ecs:FargateService": _fargate_service,
    "awsx:lb:ApplicationLoadBalancer": _application_load_balancer,
}
