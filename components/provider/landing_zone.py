"""LandingZone for every Pulumi language: the whole `landing-zone:*` configuration as one argument."""

from typing import Any, NotRequired, TypedDict

import pulumi

from ..config import LandingZoneConfigError, validate_config
from ..environment import Environment
from ..landing_zone import LandingZone as _LandingZone
from ..landing_zone import resolve_account, resolve_azs
from .args import InputPropertyErrorDetails, as_output, invalid, token


class LandingZoneArgs(TypedDict):
    """One environment's landing zone."""

    config: dict[str, Any]
    """The `landing-zone:*` keys of a stack file as one object (environment, tags, network, ...), validated whole."""
    az_names: NotRequired[list[str]]
    """The AZs to use, in order; default: the region's first `network.azCount` available AZs."""


class LandingZone(pulumi.ComponentResource):
    """The whole landing zone of one environment: keys, audit, network, firewall, logging, identity and the rest."""

    environment: pulumi.Output[str]
    """The environment name."""
    vpc_ids: pulumi.Output[dict[str, str]]
    """VPC id per island."""
    subnet_ids: pulumi.Output[dict[str, dict[str, list[str]]]]
    """Subnet ids per island and tier, in AZ order."""
    security_group_ids: pulumi.Output[dict[str, str]]
    """Security group id per tier."""
    transit_gateway_id: pulumi.Output[str]
    """The Transit Gateway between the islands."""
    log_archive_bucket: pulumi.Output[str]
    """The central log archive bucket."""
    alerts_topic_arn: pulumi.Output[str]
    """The SNS topic every alert goes to."""

    def __init__(self, name: str, args: LandingZoneArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        raw = dict(args.get("config") or {})
        try:
            config = validate_config(raw)
        except LandingZoneConfigError as exc:
            raise invalid("LandingZone", [
                InputPropertyErrorDetails(property_path=f"config.{path}", reason=message.strip())
                for path, _, message in (e.partition(": ") for e in exc.errors)]) from None
        account = resolve_account()
        az_names = args.get("az_names")
        if az_names is None and config.organization is None:
            # Before the wrapper registers: too few AZs leaves nothing half-built. A member of an
            # organization has its AZ names looked up by LandingZone, through its account's provider.
            try:
                az_names = resolve_azs(config.network.az_count)
            except LandingZoneConfigError as exc:
                raise invalid("LandingZone", [InputPropertyErrorDetails(property_path="config.network.azCount",
                                                                        reason="; ".join(exc.errors))]) from None
        super().__init__(token("LandingZone"), name, None, opts)
        zone = _LandingZone(name, config, env=Environment.from_config(config, account),
                            az_names=list(az_names) if az_names is not None else None,
                            opts=pulumi.ResourceOptions(parent=self))
        self.environment = as_output(config.environment)
        self.vpc_ids = as_output({k: i.vpc.id for k, i in zone.islands.items()})
        self.subnet_ids = as_output({k: i.subnet_ids for k, i in zone.islands.items()})
        self.security_group_ids = as_output(zone.tiers.security_group_ids)
        self.transit_gateway_id = zone.interconnect.transit_gateway.id
        self.log_archive_bucket = as_output(zone.audit.log_archive_bucket_name)
        self.alerts_topic_arn = as_output(zone.monitoring.topic_arn)
        self.register_outputs({"environment": self.environment, "vpcIds": self.vpc_ids})
