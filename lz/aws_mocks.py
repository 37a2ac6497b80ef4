"""Deterministic AWS-shaped mocks: ids, ARNs and computed attributes a program may read."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pulumi
from pulumi.runtime.mocks import MockCallArgs, MockResourceArgs

from lz.aws_invokes import INVOKES, InvokeContext
from lz.aws_tables import (
    ARN_TEMPLATE,
    ID_IS_ARN,
    ID_IS_NAME,
    ID_PREFIX,
    NAME_PROPERTY,
    OWNER_ID_TYPES,
    UUID_ID_TYPES,
    availability_zones,
    partition_of,
)


def _digest(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


class AwsMocks(pulumi.runtime.Mocks):
    """Answers resource registrations and invokes the way AWS (through the provider) would.

    Same program, same answers: ids derive from a hash of type and logical name.
    Invokes without a mock return {} and are listed in `unmocked_calls`.
    """

    def __init__(self, account_id: str = "123456789012", region: str = "us-east-1") -> None:
        self.account_id = account_id
        self.region = region
        self.partition, self.dns_suffix = partition_of(region)
        self.unmocked_calls: list[str] = []
        self._used_ids: set[str] = set()

    # -- resources ---------------------------------------------------------------------------

    def _physical_id(self, typ: str, name: str, seed: str, physical_name: str | None) -> str:
        if typ in ID_IS_NAME and physical_name:
            return physical_name
        if typ in UUID_ID_TYPES:
            candidate = str(uuid.UUID(_digest(seed)[:32]))
        elif typ in ID_PREFIX:
            prefix = ID_PREFIX[typ]
            candidate = f"{prefix}-{_digest(seed)[:17]}" if prefix else _digest(seed)[:32]
        else:
            candidate = f"{name}-{_digest(seed)[:8]}"
        if candidate in self._used_ids:  # same type and name under different parents
            return self._physical_id(typ, name, seed + "'", physical_name)
        self._used_ids.add(candidate)
        return candidate

    def _physical_name(self, typ: str, name: str, inputs: dict[str, Any]) -> str | None:
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

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        inputs = dict(args.inputs)
        if not args.custom:
            return None, inputs
        typ, name = args.typ, args.name
        if typ.startswith("pulumi:providers:"):
            return str(uuid.UUID(_digest(f"{typ}::{name}")[:32])), inputs
        physical_name = self._physical_name(typ, name, inputs)
        seed = f"{typ}::{name}"
        rid = args.resource_id or self._physical_id(typ, name, seed, physical_name)
        state = dict(inputs)
        prop = NAME_PROPERTY.get(typ)
        if prop and physical_name:
            state[prop] = physical_name
        template = ARN_TEMPLATE.get(typ)
        if template and typ in ID_IS_ARN and not args.resource_id:
            path = inputs.get("path") if isinstance(inputs.get("path"), str) else "/"
            rid = template.format(partition=self.partition, region=self.region, account=self.account_id,
                                  id=rid, name=physical_name or rid, path=path, rulegroup="")
        if template and typ in ID_IS_ARN:
            state["arn"] = rid
        elif template:
            path = inputs.get("path") if isinstance(inputs.get("path"), str) else "/"
            rule_kind = "stateless-rulegroup" if inputs.get("type") == "STATELESS" else "stateful-rulegroup"
            state["arn"] = template.format(
                partition=self.partition, region=self.region, account=self.account_id,
                id=rid, name=physical_name or rid, path=path, rulegroup=rule_kind,
            )
        if typ in OWNER_ID_TYPES:
            state["ownerId"] = self.account_id
        if "tags" in inputs and "tagsAll" not in inputs:
            state["tagsAll"] = inputs["tags"]
        state.update(self._computed(typ, name, rid, inputs))
        return rid, state

    def _child_id(self, prefix: str, seed: str) -> str:
        return f"{prefix}-{_digest(seed)[:17]}"

    def _computed(self, typ: str, name: str, rid: str, inputs: dict[str, Any]) -> dict[str, Any]:
        """Type-specific attributes AWS computes, under their camelCase wire names."""
        seed = f"{typ}::{name}"
        if typ == "aws:ec2/vpc:Vpc":
            main_rtb = self._child_id("rtb", seed + ":main")
            return {
                "defaultSecurityGroupId": self._child_id("sg", seed + ":default"),
                "defaultNetworkAclId": self._child_id("acl", seed + ":default"),
                "defaultRouteTableId": main_rtb,
                "mainRouteTableId": main_rtb,
                "dhcpOptionsId": self._child_id("dopt", seed),
                "instanceTenancy": inputs.get("instanceTenancy", "default"),
                "enableDnsSupport": inputs.get("enableDnsSupport", True),
                "enableDnsHostnames": inputs.get("enableDnsHostnames", False),
            }
        if typ == "aws:ec2/subnet:Subnet":
            zones = dict(availability_zones(self.region))
            az = inputs.get("availabilityZone") or availability_zones(self.region)[0][0]
            return {"availabilityZone": az, "availabilityZoneId": zones.get(az, f"{az}-id")}
        if typ == "aws:ec2/vpcEndpoint:VpcEndpoint":
            kind = inputs.get("vpcEndpointType") or "Gateway"
            out: dict[str, Any] = {"vpcEndpointType": kind, "state": "available"}
            service = str(inputs.get("serviceName", ""))
            if kind == "Gateway":
                out.update(prefixListId="pl-" + _digest(service)[:8], cidrBlocks=["10.255.0.0/16"],
                           dnsEntries=[], networkInterfaceIds=[])
            else:
                host = f"{rid}.{service.split('.')[-1]}.{self.region}.vpce.{self.dns_suffix}"
                subnets = inputs.get("subnetIds") or []
                enis = [self._child_id("eni", f"{seed}:{i}") for i in range(len(subnets))]
                out.update(dnsEntries=[{"dnsName": host, "hostedZoneId": "Z" + _digest(host)[:13].upper()}],
                           networkInterfaceIds=enis, cidrBlocks=[])
            return out
        if typ == "aws:ec2transitgateway/transitGateway:TransitGateway":
            rtb = self._child_id("tgw-rtb", seed + ":default")
            return {"associationDefaultRouteTableId": rtb, "propagationDefaultRouteTableId": rtb,
                    "amazonSideAsn": inputs.get("amazonSideAsn", 64512)}
        if typ in ("aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey"):
            return {"keyId": rid}
        if typ in ("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"):
            prefix = "internal-" if inputs.get("internal") else ""
            return {"dnsName": f"{prefix}{name[:20]}-{_digest(seed)[:10]}.{self.region}.elb.{self.dns_suffix}",
                    "zoneId": "Z32O12XQLNTSW2", "arnSuffix": rid.split(":loadbalancer/", 1)[-1]}
        if typ == "aws:ec2/natGateway:NatGateway":
            digest = _digest(seed)
            private = f"10.{int(digest[0:2], 16)}.{int(digest[2:4], 16)}.{int(digest[4:6], 16) or 1}"
            out = {"privateIp": private, "networkInterfaceId": self._child_id("eni", seed)}
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
            return {"name": inputs.get("name") or self._physical_name(typ, name, inputs)}
        if typ in ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"):
            return {"bucketDomainName": f"{rid}.s3.{self.dns_suffix}",
                    "bucketRegionalDomainName": f"{rid}.s3.{self.region}.{self.dns_suffix}",
                    "region": self.region}
        if typ == "aws:sqs/queue:Queue":
            return {"url": f"https://sqs.{self.region}.{self.dns_suffix}/{self.account_id}/{rid}"}
        if typ == "aws:ec2/instance:Instance":
            return {"privateIp": "10.0.0." + str(int(_digest(seed)[:2], 16) % 250 + 4),
                    "primaryNetworkInterfaceId": self._child_id("eni", seed)}
        if typ == "aws:ec2/launchTemplate:LaunchTemplate":
            return {"latestVersion": 1, "defaultVersion": 1}
        return {}

    # -- invokes -----------------------------------------------------------------------------

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        handler = INVOKES.get(args.token)
        if handler is None:
            self.unmocked_calls.append(args.token)
            return {}, []
        return handler(InvokeContext(self.account_id, self.region), dict(args.args)), []
