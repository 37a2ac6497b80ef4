"""Deterministic AWS-shaped mocks: ids, ARNs and computed attributes a program may read."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Mapping
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
AWS_PROVIDER = "pulumi:providers:aws"
_ROLE_ACCOUNT = re.compile(r"^arn:[a-z-]+:iam::(\d{12}):role/")


def _config_value(value: Any) -> Any:
    """A provider input as the program meant it: the SDK sends non-string provider config as JSON text."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def provider_context(inputs: Mapping[str, Any], default: InvokeContext) -> InvokeContext:
    """The account and region an `aws.Provider` with these inputs deploys into.

    The region is its `region` (else the default's); the account is the one its first assumed role
    lives in (`assumeRoles[0].roleArn`, as pulumi-aws v7 spells it), else its single allowed account,
    else the default's. A value still unknown (a preview) keeps the default, as the credentials do.
    """
    region = inputs.get("region")
    region = region if isinstance(region, str) and region and not _is_unknown(region) else default.region
    account = default.account_id
    roles = _config_value(inputs.get("assumeRoles"))
    if isinstance(roles, list) and roles and isinstance(roles[0], dict):
        match = _ROLE_ACCOUNT.match(str(roles[0].get("roleArn") or ""))
        if match:
            account = match.group(1)
    else:
        allowed = _config_value(inputs.get("allowedAccountIds"))
        if isinstance(allowed, list) and len(allowed) == 1 and re.fullmatch(r"\d{12}", str(allowed[0])):
            account = str(allowed[0])
    if account == default.account_id and region == default.region:
        return default
    return InvokeContext(account, region)


def _is_unknown(value: str) -> bool:
    return value == rpc.UNKNOWN


def account_id_for(name: str) -> str:
    """The 12-digit id AWS Organizations gives a new account, derived from its name (no leading zero)."""
    return str(10**11 + int(_digest(f"account::{name}"), 16) % (9 * 10**11))


def organization_id_for(management_account_id: str) -> str:
    """The organization id (o- and 10 characters) of the organization this management account created."""
    return "o-" + _digest(f"organization::{management_account_id}")[:10]


def _mentions_secret(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_mentions_secret(v) for v in value.values())
    if isinstance(value, list):
        return any(_mentions_secret(v) for v in value)
    return value == "[secret]"


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
    if typ == "aws:organizations/organization:Organization" and not resource_id:
        rid = organization_id_for(ctx.account_id)
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
    if typ == "aws:organizations/account:Account":
        candidate = account_id_for(physical_name or name)
        if candidate in used_ids:
            return _physical_id(typ, name + "'", seed, (physical_name or name) + "'", used_ids)
        used_ids.add(candidate)
        return candidate
    if typ in UUID_ID_TYPES:
        candidate = str(uuid.UUID(_digest(seed)[:32]))
    elif typ == "aws:organizations/organizationalUnit:OrganizationalUnit":
        digest = _digest(seed)
        candidate = f"ou-{digest[:4]}-{digest[4:12]}"
    elif typ == "aws:organizations/policy:Policy":
        candidate = "p-" + _digest(seed)[:8]
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
    if typ.startswith("aws:organizations/"):
        return _organizations(ctx, typ, rid, inputs)
    return {}


def _organizations(ctx: InvokeContext, typ: str, rid: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """AWS Organizations answers: ARNs name the management account (ctx) and the organization's id."""
    org = organization_id_for(ctx.account_id)
    base = f"arn:{ctx.partition}:organizations::{ctx.account_id}:"
    if typ == "aws:organizations/organization:Organization":
        root = "r-" + _digest(org)[:4]
        types = inputs.get("enabledPolicyTypes") or []
        return {
            "arn": f"{base}organization/{org}", "masterAccountId": ctx.account_id,
            "masterAccountArn": f"{base}account/{org}/{ctx.account_id}",
            "masterAccountEmail": f"management+{ctx.account_id}@example.com", "masterAccountName": "management",
            "featureSet": inputs.get("featureSet", "ALL"),
            "roots": [{"id": root, "name": "Root", "arn": f"{base}root/{org}/{root}",
                       "policyTypes": [{"type": t, "status": "ENABLED"} for t in types if isinstance(t, str)]}],
        }
    if typ == "aws:organizations/account:Account":
        return {"arn": f"{base}account/{org}/{rid}", "status": "ACTIVE", "joinedMethod": "CREATED",
                "govcloudId": ""}
    if typ == "aws:organizations/organizationalUnit:OrganizationalUnit":
        return {"arn": f"{base}ou/{org}/{rid}"}
    if typ == "aws:organizations/policy:Policy":
        kind = str(inputs.get("type") or "SERVICE_CONTROL_POLICY").lower()
        return {"arn": f"{base}policy/{org}/{kind}/{rid}"}
    return {}


class AwsMocks(pulumi.runtime.Mocks):
    """Answers resource registrations and invokes the way AWS (through the provider) would.

    Same program, same answers: ids derive from a hash of type and logical name (see create_resource).
    Invokes without a mock return {} and are listed in `unmocked_calls`.
    """

    def __init__(
        self,
        account_id: str = DEFAULT_ACCOUNT_ID,
        region: str = "us-east-1",
        *,
        stack_outputs: Mapping[str, Mapping[str, Any]] | None = None,
        local_stack: Callable[[str], str | None] | None = None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition, self.dns_suffix = partition_of(region)
        self.unmocked_calls: list[str] = []
        self.stack_references: list[str] = []
        self._context = InvokeContext(account_id, region)
        self._used_ids: set[str] = set()
        # Each explicit aws.Provider's account and region, by the provider id its resources refer to.
        self._providers: dict[str, InvokeContext] = {}
        # Outputs of this project's other stacks, evaluated first (lz.mock_engine.run_program), by stack.
        self._stack_outputs = dict(stack_outputs or {})
        self._local_stack = local_stack or (lambda _ref: None)
        #: The first referenced stack of this project whose outputs are not here yet: this run is a probe.
        self.needed_stack: str | None = None

    def context_of(self, provider_ref: str | None) -> InvokeContext:
        """Where a resource or call through this provider reference (`<urn>::<id>`) lands."""
        if not provider_ref:
            return self._context
        return self._providers.get(provider_ref.rsplit("::", 1)[-1], self._context)

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        inputs = dict(args.inputs)
        # A read (ReadResource) comes without `custom`; a StackReference is one.
        if args.typ == STACK_REFERENCE:
            ref = str(inputs.get("name") or args.resource_id or args.name)
            self.stack_references.append(ref)
            local = self._local_stack(ref)
            if local is None:
                # A stack of another project is not knowable offline: unknown, as in a preview before
                # that stack exists, so rules say "cannot decide" instead of judging a made-up value.
                return ref, {"name": ref, "outputs": rpc.UNKNOWN, "secretOutputNames": []}
            if local not in self._stack_outputs:
                # The run is a probe now (lz.mock_engine evaluates that stack and runs again): unknown
                # outputs let it end as a program would. Raising here instead would leave failed Output
                # tasks behind that the SDK tracks outside this run's context.
                self.needed_stack = self.needed_stack or local
                return ref, {"name": ref, "outputs": rpc.UNKNOWN, "secretOutputNames": []}
            outputs = dict(self._stack_outputs[local])
            secret = sorted(k for k, v in outputs.items() if _mentions_secret(v))
            return ref, {"name": ref, "outputs": outputs, "secretOutputNames": secret}
        if not args.custom:
            return None, inputs
        if args.typ.startswith("pulumi:providers:"):
            pid = str(uuid.UUID(_digest(f"{args.typ}::{args.name}")[:32]))
            if args.typ == AWS_PROVIDER:
                self._providers[pid] = provider_context(inputs, self._context)
            return pid, inputs

        return create_resource(self.context_of(args.provider), args.typ, args.name, inputs, args.resource_id or None,
                               self._used_ids)

    # -- invokes -----------------------------------------------------------------------------

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        handler = INVOKES.get(args.token)
        if handler is None:
            self.unmocked_calls.append(args.token)
            return {}, []
        return handler(self.context_of(args.provider), dict(args.args)), []
