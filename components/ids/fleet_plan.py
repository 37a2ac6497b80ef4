"""Pure planning of the IDS sensor fleet (no pulumi import): names, image, sizes, the alert metric, GWLB routes.

Gateway Load Balancer routing, mode `gwlb` (ingress routing on the edge island):

- an edge route table associated with the internet gateway sends each public subnet's CIDR to a GWLB
  endpoint, so traffic from the internet is inspected before it reaches the public tier;
- each public tier table gets 0.0.0.0/1 and 128.0.0.0/1 to the same endpoint: the return path of that
  traffic, and the NAT gateways' egress (the private tiers' 0.0.0.0/0 leads to a NAT gateway in a public
  subnet, so their internet traffic passes the sensors after NAT). The two halves are more specific than
  the island's own 0.0.0.0/0 to the IGW, so they win without replacing it (AWS refuses a second route
  to the same destination); deleting them restores the uninspected path;
- each endpoint subnet table gets the same two halves to the internet gateway: the endpoint's onward
  hop once the sensors have passed the traffic.

Private tiers get no route to an endpoint of their own: an endpoint forwards by its subnet's table, whose
next hop is the IGW, which cannot carry private source addresses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .spec import IdsMode, IdsSpec
from .userdata import SENSOR_HEALTH_PATH

SENSOR_AMI_PARAMETER = "/lz/{environment}/ids/sensor-ami"
AL2023_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
IDS_NAMESPACE = "LandingZone/IDS"
ALERT_METRIC = "SnortAlerts"
#: Every event in the Snort log group is one alert (the sensors ship alert_json lines there and nothing else).
ALERT_PATTERN = ""
HEALTH_CHECK_PATH = SENSOR_HEALTH_PATH  # nginx answers it on the proxy port, through Snort like any request
GENEVE_PORT = 6081
INTERNET_HALVES = (("low", "0.0.0.0/1"), ("high", "128.0.0.0/1"))
ROOT_DEVICE = "/dev/xvda"  # Amazon Linux 2023's root device name


@dataclass(frozen=True)
class FleetPlan:
    """Everything the IdsFleet component creates, decided from the spec alone."""

    environment: str
    mode: IdsMode
    image_id: str
    instance_type: str
    min_size: int
    max_size: int
    desired_size: int
    proxy_port: int
    rate_limit_per_second: int
    rate_limit_burst: int
    wazuh_manager: str | None
    golden_image: bool
    detailed_monitoring: bool
    volume_size_gb: int
    health_check_grace_seconds: int
    alert_threshold: int
    launch_template_name: str
    group_name: str
    target_group_name: str
    gateway_name: str
    endpoint_service_name: str
    alert_filter_name: str
    alarm_name: str

    @property
    def target_protocol(self) -> str:
        return "GENEVE" if self.mode == "gwlb" else "HTTP"

    @property
    def target_port(self) -> int:
        return GENEVE_PORT if self.mode == "gwlb" else self.proxy_port


def image_parameter(spec: IdsSpec, environment: str) -> str:
    """The SSM parameter the launch template resolves at launch time."""
    return SENSOR_AMI_PARAMETER.format(environment=environment) if spec.golden_image else AL2023_PARAMETER


def plan_fleet(spec: IdsSpec, environment: str) -> FleetPlan:
    prefix = f"lz-{environment}-ids"
    return FleetPlan(
        environment=environment, mode=spec.mode,
        # EC2 launch templates accept `resolve:ssm:<parameter>` as ImageId and resolve it at each launch,
        # so a new golden image reaches the fleet without a Pulumi update (the refresh replaces sensors).
        image_id=f"resolve:ssm:{image_parameter(spec, environment)}",
        instance_type=spec.instance_type, min_size=spec.min_size, max_size=spec.max_size,
        desired_size=spec.desired_size, proxy_port=spec.proxy_port,
        rate_limit_per_second=spec.rate_limit_per_second, rate_limit_burst=spec.rate_limit_burst,
        wazuh_manager=spec.wazuh_manager, golden_image=spec.golden_image,
        detailed_monitoring=spec.detailed_monitoring, volume_size_gb=spec.volume_size_gb,
        health_check_grace_seconds=spec.health_check_grace_seconds, alert_threshold=spec.alert_threshold,
        launch_template_name=f"{prefix}-sensor", group_name=f"{prefix}-sensors",
        target_group_name=f"{prefix}-{'geneve' if spec.mode == 'gwlb' else 'sensors'}",
        gateway_name=f"{prefix}-gwlb", endpoint_service_name=f"{prefix}-inspection",
        alert_filter_name=f"{prefix}-snort-alerts", alarm_name=f"{prefix}-snort-alerts",
    )


@dataclass(frozen=True)
class GwlbRoutePlan:
    """One route: in `table` (edge, protected[i] or endpoint[i]) to `target` (endpoint[i] or the IGW)."""

    key: str
    table: Literal["edge", "protected", "endpoint"]
    table_index: int
    destination: str
    target: Literal["endpoint", "igw"]
    endpoint_index: int = 0


def plan_gwlb_routes(protected_cidrs: Sequence[str], protected_tables: int, endpoint_tables: int,
                     endpoints: int) -> tuple[GwlbRoutePlan, ...]:
    """The routes described in the module docstring.

    `protected_cidrs` are the public subnets (one per AZ); `protected_tables` is 1 (one table shared by the
    tier) or one per CIDR. A subnet's inbound and outbound traffic use the same endpoint, the one its
    table points at, so each flow meets the same sensor both ways; with one shared table that is endpoint 0.
    """
    if endpoints < 1:
        raise ValueError("gwlb mode needs at least one endpoint subnet")
    if protected_tables not in (1, len(protected_cidrs)):
        raise ValueError(f"{protected_tables} protected route tables for {len(protected_cidrs)} public subnets: "
                         "give one shared table or one per subnet, in the same order")
    routes: list[GwlbRoutePlan] = []
    for i, cidr in enumerate(protected_cidrs):
        table = i if protected_tables > 1 else 0
        routes.append(GwlbRoutePlan(f"edge-{i}", "edge", 0, cidr, "endpoint", table % endpoints))
    for table in range(protected_tables):
        for half, cidr in INTERNET_HALVES:
            routes.append(GwlbRoutePlan(f"protected-{table}-{half}", "protected", table, cidr, "endpoint",
                                        table % endpoints))
    for table in range(endpoint_tables):
        for half, cidr in INTERNET_HALVES:
            routes.append(GwlbRoutePlan(f"endpoint-{table}-{half}", "endpoint", table, cidr, "igw"))
    return tuple(routes)
