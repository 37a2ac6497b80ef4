"""Deterministic AWS-shaped mocks: ids, ARNs and computed attributes a program may read."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pulumi
from pulumi.runtime import rpc
from pulumi.runtime.mocks import MockCallArgs, MockResourceArgs

from lz.aws_invokes import INVOKES, InvokeContext
from lz.aws_tables import (
    ARN_TEMPLATE,
    DEFAULT_ACCOUNT_ID,
    ID_IS_ARN,
    ID_IS_NAME,
    ID_PREFIX,
    NAME_PROPERTY,
    OWNER_ID_TYPES,
    UUID_ID_TYPES,
    availability_zones,
    default_arn_template,
    partition_of,
)

STACK_REFERENCE = "pulumi:pulumi:StackReference"


def _digest(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def create_resource(
    ctx: InvokeContext,
    typ: str,
    name: str,
    inputs: dict[str, Any],
    resource_id: str | None = None,
    used_ids: set[str] | None = None,
) -> tuple[str, dict[str, Any]]:
    """The id and state AWS (through the provider) gives a new custom resource of type `typ` named `name`.

    Same inputs, same answers: ids derive from a hash of type and logical name. `resource_id` is an
    import's id. `used_ids` holds the ids handed out so far; the new one joins it, so a second resource
    of the same type and name (under another parent) gets another id. Both the offline engine's mocks and
    the stand-in provider the real engine runs (lz.standin) answer from here, so they cannot drift.
    """
    used_ids = set() if used_ids is None else used_ids
    physical_name = _physical_name(typ, name, inputs)
    seed = f"{typ}::{name}"
    rid = resource_id or _physical_id(typ, name, seed, physical_name, used_ids)
    state = dict(inputs)
    prop = NAME_PROPERTY.get(typ)
    if prop and physical_name:
        state[prop] = physical_name
    template = ARN_TEMPLATE.get(typ)
    if template is None and "arn" not in inputs:
        template = default_arn_template(typ)
    path = inputs.get("path") if isinstance(inputs.get("path"), str) else "/"
    if template and typ in ID_IS_ARN and not resource_id:
        rid = template.format(partition=ctx.partition, region=ctx.region, account=ctx.account_id,
                              id=rid, name=physical_name or rid, path=path, rulegroup="")
    if template and typ in ID_IS_ARN:
        state["arn"] = rid
    elif template:
        rule_kind = "stateless-rulegroup" if inputs.get("type") == "STATELESS" else "stateful-rulegroup"
        state["arn"] = template.format(
            partition=ctx.partition, region=ctx.region, account=ctx.account_id,
            id=rid, name=physical_name or rid, path=path, rulegroup=rule_kind,
        )
    if typ in OWNER_ID_TYPES:
        state["ownerId"] = ctx.account_id
    if "tags" in inputs and "tagsAll" not in inputs:
        state["tagsAll"] = inputs["tags"]
    state.update(_computed(ctx, typ, name, rid, inputs))
    return rid, state


def _physical_id(typ: str, name: str, seed: str, physical_name: str | None, used_ids: set[str]) -> str:
    if typ in ID_IS_NAME and physical_name:
        return physical_name
    if typ in UUID_ID_TYPES:
        candidate = str(uuid.UUID(_digest(seed)[:32]))
    elif typ in ID_PREFIX:
        prefix = ID_PREFIX[typ]
        candidate = f"{prefix}-{_digest(seed)[:17]}" if prefix else _digest(seed)[:32]
    else:
        candidate = f"{name}-{_digest(seed)[:8]}"
    if candidate in used_ids:  # same type and name under different parents
        return _physical_id(typ, name, seed + "'", physical_name, used_ids)
    used_ids.add(candidate)
    return candidate


def _physical_name(typ: str, name: str, inputs: dict[str, Any]) -> str | None:
    prop = NAME_PROPERTY.get(typ)
    if prop is None:
        return inputs.get("name") if isinstance(inputs.get("name"), str) else None
    given = inputs.get(prop)
    if isinstance(given, str) and given:
        return given
    prefix = inputs.get(f"{prop}Prefix")
    suffix = _digest(f"{typ}::{name}")
    if isinstance(prefix, str) and prefix:
        return prefix + suffix[:26]
    autonamed = f"{name}-{suffix[:7]}"
    return autonamed.lower() if prop == "bucket" else autonamed


def _child_id(prefix: str, seed: str) -> str:
    return f"{prefix}-{_digest(seed)[:17]}"


def _computed(ctx: InvokeContext, typ: str, name: str, rid: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """Type-specific attributes AWS computes, under their camelCase wire names."""
    seed = f"{typ}::{name}"
    if typ == "aws:ec2/vpc:Vpc":
        main_rtb = _child_id("rtb", seed + ":main")
        return {
            "defaultSecurityGroupId": _child_id("sg", seed + ":default"),
            "defaultNetworkAclId": _child_id("acl", seed + ":default"),
            "defaultRouteTableId": main_rtb,
            "mainRouteTableId": main_rtb,
            "dhcpOptionsId": _child_id("dopt", seed),
            "instanceTenancy": inputs.get("instanceTenancy", "default"),
            "enableDnsSupport": inputs.get("enableDnsSupport", True),
            "enableDnsHostnames": inputs.get("enableDnsHostnames", False),
        }
    if typ == "aws:ec2/subnet:Subnet":
        zones = dict(availability_zones(ctx.region))
        az = inputs.get("availabilityZone") or availability_zones(ctx.region)[0][0]
        return {"availabilityZone": az, "availabilityZoneId": zones.get(az, f"{az}-id")}
    if typ == "aws:ec2/vpcEndpoint:VpcEndpoint":
        kind = inputs.get("vpcEndpointType") or "Gateway"
        out: dict[str, Any] = {"vpcEndpointType": kind, "state": "available"}
        service = str(inputs.get("serviceName", ""))
        if kind == "Gateway":
            out.update(prefixListId="pl-" + _digest(service)[:8], cidrBlocks=["10.255.0.0/16"],
                       dnsEntries=[], networkInterfaceIds=[])
        else:
            host = f"{rid}.{service.split('.')[-1]}.{ctx.region}.vpce.{ctx.dns_suffix}"
            subnets = inputs.get("subnetIds") or []
            enis = [_child_id("eni", f"{seed}:{i}") for i in range(len(subnets))]
            out.update(dnsEntries=[{"dnsName": host, "hostedZoneId": "Z" + _digest(host)[:13].upper()}],
                       networkInterfaceIds=enis, cidrBlocks=[])
        return out
    if typ == "aws:ec2transitgateway/transitGateway:TransitGateway":
        rtb = _child_id("tgw-rtb", seed + ":default")
        return {"associationDefaultRouteTableId": rtb, "propagationDefaultRouteTableId": rtb,
                "amazonSideAsn": inputs.get("amazonSideAsn", 64512)}
    if typ in ("aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey"):
        return {"keyId": rid}
    if typ in ("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"):
        prefix = "internal-" if inputs.get("internal") else ""
        return {"dnsName": f"{prefix}{name[:20]}-{_digest(seed)[:10]}.{ctx.region}.elb.{ctx.dns_suffix}",
                "zoneId": "Z32O12XQLNTSW2", "arnSuffix": rid.split(":loadbalancer/", 1)[-1]}
    if typ == "aws:ec2/natGateway:NatGateway":
        digest = _digest(seed)
        private = f"10.{int(digest[0:2], 16)}.{int(digest[2:4], 16)}.{int(digest[4:6], 16) or 1}"
        out = {"privateIp": private, "networkInterfaceId": _child_id("eni", seed)}
        if inputs.get("connectivityType", "public") == "public":
            out["publicIp"] = f"198.51.100.{int(digest[6:8], 16) % 254 + 1}"
        return out
    if typ == "aws:ec2/eip:Eip":
        digest = _digest(seed)
        return {"publicIp": f"203.0.113.{int(digest[0:2], 16) % 254 + 1}", "allocationId": rid,
                "domain": inputs.get("domain", "vpc"),
                "publicDns": f"ec2-203-0-113-{int(digest[0:2], 16) % 254 + 1}.compute-1.amazonaws.com"}
    if typ == "aws:iam/role:Role":
        return {"uniqueId": "AROA" + _digest(seed)[:17].upper(), "name": rid}
    if typ == "aws:cloudwatch/logGroup:LogGroup":
        return {"name": rid}
    if typ == "aws:ec2/securityGroup:SecurityGroup":
        return {"name": inputs.get("name") or _physical_name(typ, name, inputs)}
    if typ in ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"):
        return {"bucketDomainName": f"{rid}.s3.{ctx.dns_suffix}",
                "bucketRegionalDomainName": f"{rid}.s3.{ctx.region}.{ctx.dns_suffix}",
                "region": ctx.region}
    if typ == "aws:sqs/queue:Queue":
        return {"url": f"https://sqs.{ctx.region}.{ctx.dns_suffix}/{ctx.account_id}/{rid}"}
    if typ == "aws:ec2/instance:Instance":
        return {"privateIp": "10.0.0." + str(int(_digest(seed)[:2], 16) % 250 + 4),
                "primaryNetworkInterfaceId": _child_id("eni", seed)}
    if typ == "aws:ec2/launchTemplate:LaunchTemplate":
        return {"latestVersion": 1, "defaultVersion": 1}
    return {}


class AwsMocks(pulumi.runtime.Mocks):
    """Answers resource registrations and invokes the way AWS (through the provider) would.

    Same program, same answers: ids derive from a hash of type and logical name (see create_resource).
    Invokes without a mock return {} and are listed in `unmocked_calls`.
    """

    def __init__(self, account_id: str = DEFAULT_ACCOUNT_ID, region: str = "us-east-1") -> None:
        self.account_id = account_id
        self.region = region
        self.partition, self.dns_suffix = partition_of(region)
        self.unmocked_calls: list[str] = []
        self.stack_references: list[str] = []
        self._context = InvokeContext(account_id, region)
        self._used_ids: set[str] = set()

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        inputs = dict(args.inputs)
        if not args.custom:
            return None, inputs
        if args.typ.startswith("pulumi:providers:"):
            return str(uuid.UUID(_digest(f"{args.typ}::{args.name}")[:32])), inputs
        if args.typ == STACK_REFERENCE:
            # Another stack's outputs are not knowable offline: unknown, as in a preview before that
            # stack exists, so rules say "cannot decide" instead of judging a made-up value.
            ref = str(inputs.get("name") or args.resource_id or args.name)
            self.stack_references.append(ref)
            return ref, {"name": ref, "outputs": rpc.UNKNOWN, "secretOutputNames": []}
        return create_resource(self._context, args.typ, args.name, inputs, args.resource_id or None, self._used_ids)

    # -- invokes -----------------------------------------------------------------------------

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        handler = INVOKES.get(args.token)
        if handler is None:
            self.unmocked_calls.append(args.token)
            return {}, []
        return handler(self._context, dict(args.args)), []
