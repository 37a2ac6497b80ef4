"""VpcIsland for every Pulumi language: one island's CIDR and tiers as plain arguments."""


from typing import Any, NotRequired, TypedDict

import pulumi

from ..config import LandingZoneConfigError
from ..landing_zone import resolve_azs
from ..network.spec import NetworkSpec
from ..network.vpc_island import VpcIsland as _VpcIsland
from ..validation import network_issues
from .args import (
    Environment,
    InputPropertyErrorDetails,
    as_output,
    compact,
    environment_of,
    invalid,
    join_path,
    split_path,
    tier_docs,
    token,
    validated,
)

_NETWORK_KEYS = {"azCount": "azCount", "natStrategy": "natStrategy", "interfaceEndpoints": "interfaceEndpoints",
                 "gatewayEndpoints": "gatewayEndpoints", "flowLogs": "flowLogRetentionDays"}


class Tier(TypedDict):
    """A tier: one subnet per AZ, one route table (per AZ with per-AZ NAT), one NACL, one security group."""

    name: str
    """Tier name (lowercase letters, digits and '-'), unique in the island."""
    kind: str
    """public (internet gateway route), private or inspection (egress through NAT if any), isolated (none)."""
    prefix_length: NotRequired[int]
    """Subnet size (16-28); default: the whole AZ slot (island prefix + 6, e.g. /22 in a /16)."""
    slot: NotRequired[int]
    """Fixed allocation slot (0-6); default: the tier's position."""


class VpcIslandArgs(TypedDict):
    """One VPC island (its name is the resource name)."""

    environment: Environment
    """Where and how the island deploys."""
    cidr: str
    """IPv4 CIDR of the VPC, /16 to /20."""
    tiers: list[Tier]
    """Tiers, in slot order (1 to 7)."""
    az_count: NotRequired[int]
    """AZs the island spans (1-6, production at least 2); default 2."""
    az_names: NotRequired[list[str]]
    """The AZs to use, in order; default: the region's first `azCount` available AZs."""
    nat_strategy: NotRequired[str]
    """NAT gateways when a tier is public: none, single (default) or perAz."""
    interface_endpoints: NotRequired[list[str]]
    """Interface endpoints (service short names); default ssm, ssmmessages, ec2messages, logs, kms, sts."""
    gateway_endpoints: NotRequired[list[str]]
    """Gateway endpoints (s3, dynamodb); default both."""
    flow_log_retention_days: NotRequired[int]
    """Retention of the flow-log group (a CloudWatch value); default 365."""


def _where(loc: tuple[int | str, ...]) -> str:
    """A NetworkSpec error location in VpcIslandArgs terms."""
    if loc[:2] == ("islands", 0):
        loc = loc[2:]
    elif loc and loc[0] in _NETWORK_KEYS:
        loc = (_NETWORK_KEYS[str(loc[0])], *loc[2:]) if loc[0] == "flowLogs" else loc
    return join_path(loc) or "tiers"


def network_spec(name: str, args: dict[str, Any]) -> NetworkSpec:
    doc: dict[str, Any] = {"islands": [{"name": name, "cidr": args.get("cidr"), "tiers": tier_docs(args.get("tiers"))}]}
    for key, value in (("azCount", args.get("az_count")), ("natStrategy", args.get("nat_strategy")),
                       ("interfaceEndpoints", args.get("interface_endpoints")),
                       ("gatewayEndpoints", args.get("gateway_endpoints"))):
        if value is not None:
            doc[key] = value
    if args.get("flow_log_retention_days") is not None:
        doc["flowLogs"] = {"retentionDays": args["flow_log_retention_days"]}
    return validated("VpcIsland", NetworkSpec, doc, where=_where)


class VpcIsland(pulumi.ComponentResource):
    """A VPC island: tiered subnets across AZs, routing, NACLs, endpoints and KMS-encrypted flow logs."""

    vpc_id: pulumi.Output[str]
    """The VPC id."""
    subnet_ids: pulumi.Output[dict[str, list[str]]]
    """Subnet ids per tier, in AZ order."""
    route_table_ids: pulumi.Output[dict[str, str]]
    """Route table id per tier (per tier and AZ with per-AZ NAT)."""
    endpoint_security_group_id: pulumi.Output[str]
    """The security group of the interface endpoints (443 from the VPC)."""
    flow_log_group_name: pulumi.Output[str]
    """The CloudWatch log group the flow logs go to."""
    gateway_prefix_list_ids: pulumi.Output[dict[str, str]]
    """Prefix list of each gateway endpoint (s3, dynamodb), for security group rules to them."""

    def __init__(self, name: str, args: VpcIslandArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        raw = compact(dict(args))
        network = network_spec(name, raw)
        env = environment_of("VpcIsland", raw.get("environment") or {})
        issues = [InputPropertyErrorDetails(property_path=_where(split_path(path, "network.")), reason=message)
                  for path, message in network_issues(network, env.production)]
        if issues:
            raise invalid("VpcIsland", issues)
        try:
            az_names = list(raw.get("az_names") or resolve_azs(network.az_count))
        except LandingZoneConfigError as exc:
            raise invalid("VpcIsland", [InputPropertyErrorDetails(property_path="azCount",
                                                                  reason="; ".join(exc.errors))]) from None
        if len(az_names) < network.az_count:
            raise invalid("VpcIsland", [InputPropertyErrorDetails(
                property_path="azNames", reason=f"{len(az_names)} AZs given, azCount is {network.az_count}")])
        super().__init__(token("VpcIsland"), name, None, opts)
        island = _VpcIsland(name, network.islands[0], env=env, network=network,
                            az_names=az_names[:network.az_count], opts=pulumi.ResourceOptions(parent=self))
        self.vpc_id = island.vpc.id
        self.subnet_ids = as_output(island.subnet_ids)
        self.route_table_ids = as_output(island.route_table_ids)
        self.endpoint_security_group_id = island.endpoint_security_group_id
        self.flow_log_group_name = as_output(island.flow_log_group_name)
        self.gateway_prefix_list_ids = as_output(island.gateway_prefix_list_ids)
        self.register_outputs({"vpcId": self.vpc_id, "subnetIds": self.subnet_ids,
                               "routeTableIds": self.route_table_ids,
                               "endpointSecurityGroupId": self.endpoint_security_group_id,
                               "flowLogGroupName": self.flow_log_group_name,
                               "gatewayPrefixListIds": self.gateway_prefix_list_ids})

