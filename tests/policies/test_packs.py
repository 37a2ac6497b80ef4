"""Pins each pack's rule list and enforcement levels: changing either must change this table."""

import packs
import pytest
import registry

LANDING_ZONE = {
    "default_sg_no_rules": "mandatory",
    "nacl_no_public_all_ports": "advisory",
    "nacl_no_public_rdp": "mandatory",
    "nacl_no_public_ssh": "mandatory",
    "no_default_vpc": "mandatory",
    "no_peering_route_to_anywhere": "mandatory",
    "sg_no_public_all_ports": "mandatory",
    "sg_no_public_rdp": "mandatory",
    "sg_no_public_ssh": "mandatory",
    "sg_rule_has_description": "mandatory",
    "subnet_no_public_ip_on_launch": "advisory",
    "tgw_default_route_table_disabled": "mandatory",
    "vpc_flow_logs_enabled": "mandatory",
}


def test_landing_zone_pack() -> None:
    assert packs.pack_levels("aws-landing-zone", registry.discover()) == LANDING_ZONE


def test_advisory_pack_has_every_rule_advisory() -> None:
    assert packs.pack_levels("aws-landing-zone-advisory", registry.discover()) == dict.fromkeys(
        LANDING_ZONE, "advisory"
    )


def test_unknown_pack_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="aws-landing-zone-advisory"):
        packs.pack_levels("nope", registry.discover())


def test_pinned_rules_exist() -> None:
    assert set(packs.PINNED) <= set(registry.discover())
