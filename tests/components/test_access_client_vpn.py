"""ClientVpn under the mock engine: authentication, logging, split tunnel, SG egress, routes."""

from __future__ import annotations

from typing import Any

from components.access.client_vpn import ClientVpn
from components.access.spec import AccessSpec
from components.base import AccountContext, Tagging
from lz.graph import ResourceGraph
from lz.mock_engine import run_function
from tests.components.envs import env_of

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TAGGING = Tagging("prod", "platform", "confidential", {})
KEY = "arn:aws:kms:eu-west-1:123456789012:key/logs"
SERVER = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
ROOT_CA = "arn:aws:acm:eu-west-1:123456789012:certificate/abcdefab-1234-1234-1234-123456789012"
SAML = "arn:aws:iam::123456789012:saml-provider/corp-idp"
ISLANDS = {"mgmt": "10.0.0.0/16", "web": "10.1.0.0/16", "data": "10.2.0.0/16"}
SUBNETS = ["subnet-mgmt-a", "subnet-mgmt-b"]
TLS = {"homeIsland": "mgmt", "serverCertificateArn": SERVER, "clientRootCertificateArn": ROOT_CA,
       "clientCidr": "172.16.0.0/22", "islands": [{"name": "mgmt"}, {"name": "web", "ports": [443]}]}
ENDPOINT = "aws:ec2clientvpn/endpoint:Endpoint"
EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
ROUTE = "aws:ec2clientvpn/route:Route"
AUTHORIZATION = "aws:ec2clientvpn/authorizationRule:AuthorizationRule"


def build(raw: dict[str, Any], *, production: bool = True, log_group_name: str | None = None) -> ResourceGraph:
    spec = AccessSpec.model_validate(raw)

    def program() -> None:
        ClientVpn("prod-vpn", spec, vpc_id="vpc-mgmt", subnet_ids=SUBNETS, island_cidrs=ISLANDS,
                  logs_key_arn=KEY, env=env_of(TAGGING, production=production),
                  log_group_name=log_group_name)

    return run_function(program)


DEFAULT = build(TLS)
SAML_GRAPH = build({**TLS, "clientRootCertificateArn": None, "samlProviderArn": SAML,
                    "islands": [{"name": "web", "accessGroupId": "vpn-web"}, {"name": "data"}]})


def endpoint(graph: ResourceGraph) -> dict[str, Any]:
    (record,) = graph.by_type(ENDPOINT)
    return record.inputs


def test_resource_count_is_pinned() -> None:
    # component, sg, 3 egress rules, log group, stream, endpoint, 2 associations, 2 authorizations, 2 routes
    assert len(DEFAULT.resources) == 1 + 1 + 3 + 2 + 1 + 2 + 2 + 2


def test_mutual_tls_uses_the_root_ca_from_config() -> None:
    assert endpoint(DEFAULT)["authenticationOptions"] == [
        {"type": "certificate-authentication", "rootCertificateChainArn": ROOT_CA}]
    assert endpoint(DEFAULT)["serverCertificateArn"] == SERVER


def test_saml_uses_the_provider_from_config() -> None:
    assert endpoint(SAML_GRAPH)["authenticationOptions"] == [
        {"type": "federated-authentication", "samlProviderArn": SAML}]


def test_every_session_start_and_end_is_logged_to_an_encrypted_group() -> None:
    logging = endpoint(DEFAULT)["connectionLogOptions"]
    assert logging == {"enabled": True, "cloudwatchLogGroup": "/lz/prod/client-vpn",
                       "cloudwatchLogStream": "connections"}
    group = DEFAULT.get("prod-vpn-connections")
    assert group.inputs["kmsKeyId"] == KEY
    assert group.inputs["retentionInDays"] == 365
    assert group.protect
    assert DEFAULT.get("prod-vpn-connections-stream").inputs["logGroupName"] == "/lz/prod/client-vpn"


def test_an_existing_log_group_is_used_instead_of_a_new_one() -> None:
    graph = build(TLS, log_group_name="/lz/prod/vpn")
    assert graph.by_type("aws:cloudwatch/logGroup:LogGroup") == []
    assert endpoint(graph)["connectionLogOptions"]["cloudwatchLogGroup"] == "/lz/prod/vpn"
    assert graph.get("prod-vpn-connections-stream").inputs["logGroupName"] == "/lz/prod/vpn"


def test_tunnel_settings_are_hardened() -> None:
    inputs = endpoint(DEFAULT)
    assert inputs["splitTunnel"] is True
    assert (inputs["transportProtocol"], inputs["vpnPort"]) == ("tcp", 443)
    assert inputs["selfServicePortal"] == "disabled"
    assert inputs["sessionTimeoutHours"] == 8
    assert inputs["disconnectOnSessionTimeout"] is True
    assert inputs["clientRouteEnforcementOptions"] == {"enforced": True}
    assert inputs["clientLoginBannerOptions"]["enabled"] is True
    assert inputs["clientLoginBannerOptions"]["bannerText"].startswith("Authorized use only")


def test_session_timeout_comes_from_config() -> None:
    assert endpoint(build({**TLS, "sessionTimeoutHours": 12}))["sessionTimeoutHours"] == 12


def test_endpoint_sits_in_the_vpc_behind_its_own_security_group() -> None:
    inputs = endpoint(DEFAULT)
    sg = DEFAULT.get("prod-vpn-sg")
    assert inputs["vpcId"] == "vpc-mgmt"
    assert inputs["securityGroupIds"] == [sg.id]


def test_egress_reaches_only_authorized_islands_on_their_ports() -> None:
    rules = {(r.inputs["cidrIpv4"], r.inputs["ipProtocol"], r.inputs["fromPort"], r.inputs["toPort"])
             for r in DEFAULT.by_type(EGRESS)}
    assert rules == {("10.0.0.0/16", "tcp", 22, 22), ("10.0.0.0/16", "tcp", 443, 443),
                     ("10.1.0.0/16", "tcp", 443, 443)}
    assert all(r.inputs["description"] for r in DEFAULT.by_type(EGRESS))


def test_endpoint_is_associated_with_each_management_subnet() -> None:
    subnets = sorted(r.inputs["subnetId"] for r in DEFAULT.by_type(
        "aws:ec2clientvpn/networkAssociation:NetworkAssociation"))
    assert subnets == SUBNETS


def test_authorization_per_listed_island_only() -> None:
    targets = {r.inputs["targetNetworkCidr"]: r.inputs for r in DEFAULT.by_type(AUTHORIZATION)}
    assert set(targets) == {"10.0.0.0/16", "10.1.0.0/16"}
    assert all(a["authorizeAllGroups"] is True for a in targets.values())


def test_saml_groups_narrow_the_authorization() -> None:
    rules = {r.inputs["targetNetworkCidr"]: r.inputs for r in SAML_GRAPH.by_type(AUTHORIZATION)}
    assert rules["10.1.0.0/16"]["accessGroupId"] == "vpn-web"
    assert "authorizeAllGroups" not in rules["10.1.0.0/16"]
    assert rules["10.2.0.0/16"]["authorizeAllGroups"] is True


def test_routes_to_other_islands_through_each_associated_subnet() -> None:
    routes = {(r.inputs["destinationCidrBlock"], r.inputs["targetVpcSubnetId"]) for r in DEFAULT.by_type(ROUTE)}
    # The home island (mgmt) is routed by the association itself: a route for it would collide.
    assert routes == {("10.1.0.0/16", "subnet-mgmt-a"), ("10.1.0.0/16", "subnet-mgmt-b")}
    route = DEFAULT.get("prod-vpn-route-web-0")
    assert DEFAULT.get("prod-vpn-association-0").urn in route.dependencies


def test_disabled_outside_production_creates_nothing() -> None:
    graph = build({}, production=False)
    assert [r.type for r in graph.resources] == ["lz:access:ClientVpn"]


def test_every_child_is_parented_and_tagged() -> None:
    (component,) = DEFAULT.by_type("lz:access:ClientVpn")
    children = DEFAULT.children_of(component.urn)
    assert len(children) == len(DEFAULT.resources) - 1
    assert endpoint(DEFAULT)["tags"]["environment"] == "prod"
    assert DEFAULT.get("prod-vpn-sg").inputs["tags"]["managed-by"] == "pulumi-landing-zone"


def test_disabled_component_exposes_no_endpoint() -> None:
    made: list[ClientVpn] = []

    def program() -> None:
        made.append(ClientVpn("dev-vpn", AccessSpec(), vpc_id="vpc-1", subnet_ids=[], island_cidrs=ISLANDS,
                              logs_key_arn=KEY, env=env_of(TAGGING, production=False)))

    run_function(program)
    assert made[0].endpoint_id is None
    assert made[0].security_group_id is None
