"""The landing zone program: validate the stack config, build every domain, export the wiring."""

import pulumi

from components import Environment, LandingZone, load_config, resolve_account
from components.config import raw_config_from_pulumi
from components.organization import (
    OrganizationLandingZone,
    is_organization_definition,
    organization_environment,
    validate_organization,
)

raw = raw_config_from_pulumi()
if is_organization_definition(raw.get("organization")):
    # The org stack (management account): the organization, its guardrails, archive, trail, delegated
    # security and Identity Center; its outputs are what environment stacks read through a StackReference.
    org_config = validate_organization(raw)  # raises with every problem before any resource is registered
    org = OrganizationLandingZone("org", org_config, env=organization_environment(org_config, resolve_account()))
    for key, value in org.outputs().items():
        pulumi.export(key, value)
else:
    config = load_config()  # raises with every problem before any resource is registered
    env = Environment.from_config(config, resolve_account())
    # The AZs are looked up inside, through the member account's provider in organization mode.
    zone = LandingZone(f"lz-{config.environment}", config, account=env.account, env=env)

    pulumi.export("environment", config.environment)
    pulumi.export("vpcIds", {name: island.vpc_id for name, island in zone.islands.items()})
    pulumi.export("subnetIds", {name: island.subnet_ids for name, island in zone.islands.items()})
    pulumi.export("securityGroupIds", zone.tiers.security_group_ids)
    pulumi.export("quarantineSecurityGroupIds", zone.tiers.quarantine_security_group_ids)
    pulumi.export("transitGatewayId", zone.interconnect.transit_gateway_id)
    pulumi.export("logArchiveBucket", zone.audit.log_archive_bucket_name)
    pulumi.export("alertsTopicArn", zone.monitoring.topic_arn)
    pulumi.export("ingressDnsName", zone.edge.dns_name if zone.edge else None)
    pulumi.export("clientVpnEndpointId", zone.access.endpoint_id if zone.access else None)
