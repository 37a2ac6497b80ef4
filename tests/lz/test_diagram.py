"""`lz diagram` and lz.diagram: the network SVG shows what the graph holds, and nothing the routes forbid."""

from __future__ import annotations

import ipaddress
import os
import random
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lz.cli import app
from lz.diagram import SVG_NS, render_network_svg
from lz.gate import run_gate
from lz.graph import ResourceGraph, ResourceRecord
from lz.mock_engine import run_program

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT / "tests" / "corpus"
SVG = f"{{{SVG_NS}}}"
runner = CliRunner()


@pytest.fixture(scope="module")
def own_graphs() -> dict[str, ResourceGraph]:
    return {stack: run_program(REPO_ROOT, stack, preview=True) for stack in ("dev", "prod")}


def _elements(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _by_urn(root: ET.Element) -> dict[str, ET.Element]:
    return {e.get("data-urn", ""): e for e in root.iter() if e.get("data-urn")}


def _title(element: ET.Element) -> str:
    title = element.find(f"{SVG}title")
    assert title is not None and title.text, f"{element.get('data-urn')} has no tooltip"
    return title.text


def _peer_paths(root: ET.Element) -> set[tuple[str, str, str]]:
    """(kind, from island URN, to island URN) for every direction of every drawn peer path."""
    drawn = set()
    for g in root.iter(f"{SVG}g"):
        classes = g.get("class", "").split()
        if "peer-path" in classes:
            kind = "peering" if "peering" in classes else "tgw"
            for direction in g.get("data-directions", "").split():
                src, dst = direction.split(">")
                drawn.add((kind, src, dst))
    return drawn


def _by_type(graph: ResourceGraph, token: str) -> list[ResourceRecord]:
    return graph.by_type(token)


def _allowed_tgw_directions(graph: ResourceGraph) -> set[tuple[str, str, str]]:
    """Computed here from the graph's own records, apart from lz.diagram: A reaches B through the TGW when a
    route table used by A's subnets sends B's CIDR to the TGW and the TGW route table A's attachment is
    associated with has B's attachment propagated into it (or a static route to it)."""
    by_id = {r.id: r for r in graph.resources if r.id}
    vpc_cidr = {v.urn: v.inputs["cidrBlock"] for v in _by_type(graph, "aws:ec2/vpc:Vpc")}
    used_tables = {a.inputs["routeTableId"]
                   for a in _by_type(graph, "aws:ec2/routeTableAssociation:RouteTableAssociation")}
    to_tgw: set[tuple[str, str]] = set()  # (vpc URN, destination CIDR) routed to a TGW
    for route in _by_type(graph, "aws:ec2/route:Route"):
        if route.inputs.get("transitGatewayId") and route.inputs["routeTableId"] in used_tables:
            table = by_id[route.inputs["routeTableId"]]
            to_tgw.add((by_id[table.inputs["vpcId"]].urn, route.inputs["destinationCidrBlock"]))
    attachment_vpc = {a.id: by_id[a.inputs["vpcId"]].urn
                      for a in _by_type(graph, "aws:ec2transitgateway/vpcAttachment:VpcAttachment")}
    associated = {a.inputs["transitGatewayAttachmentId"]: a.inputs["transitGatewayRouteTableId"]
                  for a in _by_type(graph, "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation")}
    reaches: dict[str, set[str]] = {}  # TGW route table id -> VPC URNs it routes to
    for p in _by_type(graph, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation"):
        reaches.setdefault(p.inputs["transitGatewayRouteTableId"], set()).add(
            attachment_vpc[p.inputs["transitGatewayAttachmentId"]])
    for r in _by_type(graph, "aws:ec2transitgateway/route:Route"):
        if not r.inputs.get("blackhole"):
            reaches.setdefault(r.inputs["transitGatewayRouteTableId"], set()).add(
                attachment_vpc[r.inputs["transitGatewayAttachmentId"]])
    allowed = set()
    for attachment_id, src in attachment_vpc.items():
        for dst in reaches.get(associated.get(attachment_id, ""), set()):
            dst_net = ipaddress.IPv4Network(vpc_cidr[dst])
            if dst != src and any(v == src and dst_net.subnet_of(ipaddress.IPv4Network(c)) for v, c in to_tgw):
                allowed.add(("tgw", src, dst))
    return allowed


# -- the document ---------------------------------------------------------------------------------


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_svg_is_a_standalone_svg_document(own_graphs: dict[str, ResourceGraph], stack: str) -> None:
    svg = render_network_svg(own_graphs[stack])
    root = _elements(svg)
    assert root.tag == f"{SVG}svg"
    view_box = [float(v) for v in root.get("viewBox", "").split()]
    assert len(view_box) == 4 and view_box[2] > 600 and view_box[3] > 400
    assert (float(root.get("width", 0)), float(root.get("height", 0))) == (view_box[2], view_box[3])
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}foreignObject"))
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on"), f"event handler {name} on {element.tag}"
            assert "href" not in name or value.startswith("#"), f"external reference {value}"
    assert not re.search(r"url\((?!#)", svg) and "@import" not in svg
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "element ids are unique"


def test_same_graph_same_bytes_whatever_the_registration_order(own_graphs: dict[str, ResourceGraph]) -> None:
    graph = own_graphs["prod"]
    shuffled = list(graph.resources)
    random.Random(7).shuffle(shuffled)
    assert render_network_svg(graph) == render_network_svg(graph)
    assert render_network_svg(replace(graph, resources=shuffled)) == render_network_svg(graph)


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    """Set and dict orders change with the hash seed between processes; the SVG must not."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"net-{seed}.svg"
        subprocess.run([sys.executable, "-m", "lz", "diagram", "dev", "--program", str(CORPUS / "awsx-network"),
                        "--no-findings", "-o", str(out)], check=True, cwd=REPO_ROOT, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


# -- what the graph holds is drawn ----------------------------------------------------------------


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_every_vpc_subnet_and_tgw_attachment_is_drawn(own_graphs: dict[str, ResourceGraph], stack: str) -> None:
    graph = own_graphs[stack]
    drawn = _by_urn(_elements(render_network_svg(graph)))
    for token in ("aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
                  "aws:ec2transitgateway/transitGateway:TransitGateway", "aws:ec2/routeTable:RouteTable",
                  "aws:ec2/natGateway:NatGateway", "aws:ec2/internetGateway:InternetGateway",
                  "aws:ec2transitgateway/routeTable:RouteTable", "aws:lb/loadBalancer:LoadBalancer",
                  "aws:wafv2/webAcl:WebAcl", "aws:lb/targetGroup:TargetGroup"):
        records = graph.by_type(token)
        assert records, f"{stack} declares {token}"
        missing = [r.name for r in records if r.urn not in drawn]
        assert not missing, f"{token} not drawn: {missing}"
    for subnet in graph.by_type("aws:ec2/subnet:Subnet"):
        assert subnet.inputs["cidrBlock"] in _title(drawn[subnet.urn])
        assert subnet.inputs["availabilityZone"] in _title(drawn[subnet.urn])


def test_prod_draws_the_client_vpn_and_the_ingress_chain(own_graphs: dict[str, ResourceGraph]) -> None:
    graph = own_graphs["prod"]
    root = _elements(render_network_svg(graph))
    drawn = _by_urn(root)
    vpn = graph.only("aws:ec2clientvpn/endpoint:Endpoint")
    assert "node vpn" in drawn[vpn.urn].get("class", "")
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for label in ("Internet", "WAF lz-prod-edge", "public ALB lz-prod-edge", "internal ALB lz-prod-app",
                  "inspection tier (prod-edge)", "app tier (prod-workloads)"):
        assert label in texts
    public, internal = (next(lb for lb in graph.by_type("aws:lb/loadBalancer:LoadBalancer")
                             if lb.inputs["internal"] is flag) for flag in (False, True))
    assert "public" in _title(drawn[public.urn]) and "internal" in _title(drawn[internal.urn])


# -- exactly the peer paths the routes allow ------------------------------------------------------


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_peer_paths_are_exactly_the_ones_the_routes_allow(own_graphs: dict[str, ResourceGraph], stack: str) -> None:
    graph = own_graphs[stack]
    allowed = _allowed_tgw_directions(graph)
    assert allowed, "the stack peers islands"
    assert _peer_paths(_elements(render_network_svg(graph))) == allowed


def test_dev_peer_path_by_hand_from_the_config(own_graphs: dict[str, ResourceGraph]) -> None:
    # Pulumi.dev.yaml: islands edge and workloads, peers [[edge, workloads]]: one path, both ways.
    graph = own_graphs["dev"]
    vpc = {r.inputs["tags"]["Name"]: r.urn for r in graph.by_type("aws:ec2/vpc:Vpc")}
    assert set(vpc) == {"dev-edge", "dev-workloads"}
    assert _peer_paths(_elements(render_network_svg(graph))) == {
        ("tgw", vpc["dev-edge"], vpc["dev-workloads"]), ("tgw", vpc["dev-workloads"], vpc["dev-edge"])}


HUB_PROGRAM = '''
import pulumi_aws as aws

# Defaults left on: the TGW would associate every attachment with its default route table.
tgw = aws.ec2transitgateway.TransitGateway("hub")
cidrs = {"a": "10.1.0.0/16", "b": "10.2.0.0/16", "c": "10.3.0.0/16"}
vpcs, tables, attachments = {}, {}, {}
for n, cidr in cidrs.items():
    vpcs[n] = aws.ec2.Vpc(n, cidr_block=cidr, tags={"Name": f"island-{n}"})
    subnet = aws.ec2.Subnet(f"{n}-app-a", vpc_id=vpcs[n].id, cidr_block=cidr.replace(".0.0/16", ".1.0/24"),
                            availability_zone="eu-west-1a", map_public_ip_on_launch=n == "a")
    tables[n] = aws.ec2.RouteTable(f"{n}-app", vpc_id=vpcs[n].id)
    aws.ec2.RouteTableAssociation(f"{n}-app-a", subnet_id=subnet.id, route_table_id=tables[n].id)
    attachments[n] = aws.ec2transitgateway.VpcAttachment(
        n, transit_gateway_id=tgw.id, vpc_id=vpcs[n].id, subnet_ids=[subnet.id],
        transit_gateway_default_route_table_association=False, transit_gateway_default_route_table_propagation=False)
tgw_tables = {n: aws.ec2transitgateway.RouteTable(f"rt-{n}", transit_gateway_id=tgw.id) for n in cidrs}
for n in cidrs:
    aws.ec2transitgateway.RouteTableAssociation(f"rt-{n}", transit_gateway_attachment_id=attachments[n].id,
                                                transit_gateway_route_table_id=tgw_tables[n].id)
for table, source in [("a", "b"), ("a", "c"), ("b", "a"), ("c", "a"), ("c", "b")]:
    aws.ec2transitgateway.RouteTablePropagation(f"rt-{table}-from-{source}",
                                                transit_gateway_attachment_id=attachments[source].id,
                                                transit_gateway_route_table_id=tgw_tables[table].id)
# A static blackhole wins over the propagated route: a may not reach c.
aws.ec2transitgateway.Route("rt-a-no-c", destination_cidr_block=cidrs["c"], blackhole=True,
                            transit_gateway_route_table_id=tgw_tables["a"].id)
# VPC routes to the TGW; c has none to a.
for source, dest in [("a", "b"), ("a", "c"), ("b", "a"), ("c", "b")]:
    aws.ec2.Route(f"{source}-to-{dest}", route_table_id=tables[source].id, destination_cidr_block=cidrs[dest],
                  transit_gateway_id=tgw.id)
# b reaches c over a peering connection instead (one way: c's route to b goes to the TGW).
pcx = aws.ec2.VpcPeeringConnection("b-c", vpc_id=vpcs["b"].id, peer_vpc_id=vpcs["c"].id, auto_accept=True)
aws.ec2.Route("b-to-c", route_table_id=tables["b"].id, destination_cidr_block=cidrs["c"],
              vpc_peering_connection_id=pcx.id)
aws.ec2.SecurityGroup("a-ssh", vpc_id=vpcs["a"].id, description="ssh from anywhere",
                      ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"],
                                "description": "ssh"}])
'''


def _program(tmp_path: Path, name: str, body: str) -> Path:
    program = tmp_path / name
    program.mkdir()
    (program / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n")
    (program / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (program / "__main__.py").write_text(textwrap.dedent(body))
    return program


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _program(tmp_path_factory.mktemp("diagram"), "hub", HUB_PROGRAM)


def test_hand_checked_paths_blackhole_missing_route_and_peering(hub: Path) -> None:
    graph = run_program(hub, "dev", preview=True)
    vpc = {r.name: r.urn for r in graph.by_type("aws:ec2/vpc:Vpc")}
    drawn = _peer_paths(_elements(render_network_svg(graph)))
    assert drawn == {
        ("tgw", vpc["a"], vpc["b"]), ("tgw", vpc["b"], vpc["a"]),  # both ways
        ("tgw", vpc["c"], vpc["b"]),  # b's route to c goes to the peering connection, not the TGW
        ("peering", vpc["b"], vpc["c"]),
    }  # a -> c: blackholed in rt-a; c -> a: c has no VPC route to a


# -- other programs: awsx and a plain VPC ---------------------------------------------------------


def _named(graph: ResourceGraph, token: str, name: str) -> ResourceRecord:
    return next(r for r in graph.by_type(token) if r.name == name)


def _classes(drawn: dict[str, ET.Element], graph: ResourceGraph, name: str) -> list[str]:
    """The classes of the drawn subnet named (or with URN) ``name``."""
    subnet = next(s for s in graph.by_type("aws:ec2/subnet:Subnet") if name in (s.name, s.urn))
    return drawn[subnet.urn].get("class", "").split()


def test_awsx_expanded_vpc(tmp_path: Path) -> None:
    graph = run_program(CORPUS / "awsx-network", "dev", preview=True)
    root = _elements(render_network_svg(graph))
    drawn = _by_urn(root)
    subnets = graph.by_type("aws:ec2/subnet:Subnet")
    assert len(subnets) == 9 and all(s.urn in drawn for s in subnets)
    assert graph.only("aws:ec2/vpc:Vpc").urn in drawn
    assert graph.only("aws:ec2/natGateway:NatGateway").urn in drawn
    assert graph.only("aws:ec2/internetGateway:InternetGateway").urn in drawn
    # Tiers are the subnet specs' names; their kind comes from the routes awsx made.
    assert "public" in _classes(drawn, graph, "team-edge-1")
    assert "private" in _classes(drawn, graph, "team-app-2")
    assert "isolated" in _classes(drawn, graph, "team-data-3")
    tier_labels = {t.text for t in root.iter(f"{SVG}text") if t.get("class") == "h"}
    assert {"edge", "app", "data"} <= tier_labels


def test_plain_vpc_with_inline_routes() -> None:
    graph = run_program(CORPUS / "team-network", "dev", preview=True)
    drawn = _by_urn(_elements(render_network_svg(graph)))
    subnets = graph.by_type("aws:ec2/subnet:Subnet")
    assert subnets and all(s.urn in drawn for s in subnets)
    for subnet in subnets:  # public: inline 0.0.0.0/0 to the IGW; private: to a NAT gateway
        assert subnet.inputs["tags"]["tier"] in _classes(drawn, graph, subnet.urn)
    assert not _peer_paths(_elements(render_network_svg(graph)))


# -- findings -------------------------------------------------------------------------------------


def test_findings_mark_the_element_they_concern(hub: Path) -> None:
    result = run_gate(hub, "dev", pack_name="aws-landing-zone")
    assert result.graph is not None
    graph = result.graph
    by_rule = {f.policy: f for f in result.findings}
    drawn = _by_urn(_elements(render_network_svg(graph, result.findings)))
    public_subnet = _named(graph, "aws:ec2/subnet:Subnet", "a-app-a")
    # On a drawn resource: the element itself.
    finding = by_rule["subnet_no_public_ip_on_launch"]
    assert finding.urn == public_subnet.urn
    element = drawn[public_subnet.urn]
    assert "violation" in element.get("class", "").split()
    assert f"subnet_no_public_ip_on_launch ({finding.enforcement_level}): {finding.message}" in _title(element)
    assert "tgw_default_route_table_disabled" in _title(drawn[graph.only(
        "aws:ec2transitgateway/transitGateway:TransitGateway").urn])
    # On a resource the map does not draw (a security group): the VPC it belongs to.
    assert by_rule["sg_no_public_ssh"].urn == graph.get("a-ssh").urn
    assert "sg_no_public_ssh" in _title(drawn[_named(graph, "aws:ec2/vpc:Vpc", "a").urn])
    assert "sg_no_public_ssh" not in _title(drawn[_named(graph, "aws:ec2/vpc:Vpc", "b").urn])
    # Unmarked elements stay unmarked.
    clean = drawn[_named(graph, "aws:ec2/subnet:Subnet", "c-app-a").urn]
    assert "violation" not in clean.get("class", "").split() and "VIOLATION" not in _title(clean)


def test_a_finding_outside_the_network_marks_nothing(own_graphs: dict[str, ResourceGraph]) -> None:
    result = run_gate(REPO_ROOT, "dev")
    buckets = [f for f in result.findings if f.resource_type and f.resource_type.startswith("aws:s3/")]
    assert buckets, "the dev stack has a bucket finding to try"
    root = _elements(render_network_svg(result.graph or own_graphs["dev"], buckets))
    assert not [e for e in root.iter() if "violation" in e.get("class", "").split()]


# -- a program without VPCs, and the command --------------------------------------------------------


def test_a_program_without_vpcs_gets_a_valid_svg_that_says_so() -> None:
    graph = run_program(CORPUS / "ci-deploy-users", "dev", preview=True)
    assert not graph.by_type("aws:ec2/vpc:Vpc")
    root = _elements(render_network_svg(graph))
    assert root.tag == f"{SVG}svg"
    assert any("declares no VPC" in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_command_writes_the_svg(tmp_path: Path) -> None:
    out = tmp_path / "net.svg"
    result = runner.invoke(app, ["diagram", "dev", "--program", str(CORPUS / "awsx-network"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert _elements(out.read_text()).tag == f"{SVG}svg"
    assert [p.name for p in tmp_path.iterdir()] == ["net.svg"]  # written atomically: no temporary left
    assert "wrote" in result.stderr


def test_command_without_findings_to_stdout() -> None:
    result = runner.invoke(app, ["diagram", "dev", "--program", str(CORPUS / "team-network"), "--no-findings"])
    assert result.exit_code == 0, result.stderr
    assert _elements(result.stdout).tag == f"{SVG}svg"


def test_command_bad_input(tmp_path: Path) -> None:
    awsx = str(CORPUS / "awsx-network")
    unknown = runner.invoke(app, ["diagram", "qa", "--program", awsx, "--no-findings", "-o", str(tmp_path / "a.svg")])
    assert unknown.exit_code == 2 and "unknown stack 'qa'" in unknown.stderr
    no_dir = runner.invoke(app, ["diagram", "dev", "--program", awsx, "-o", str(tmp_path / "nope" / "a.svg")])
    assert no_dir.exit_code == 2 and "directory" in no_dir.stderr and str(tmp_path / "nope") in no_dir.stderr
    a_file = runner.invoke(app, ["diagram", "dev", "--program", str(CORPUS / "awsx-network" / "__main__.py")])
    assert a_file.exit_code == 2 and "is not a directory" in a_file.stderr
    no_vpc = runner.invoke(app, ["diagram", "dev", "--program", str(CORPUS / "ci-deploy-users"), "--no-findings",
                                 "-o", str(tmp_path / "b.svg")])
    assert no_vpc.exit_code == 2 and "declares no VPC" in no_vpc.stderr
    assert list(tmp_path.iterdir()) == []


def test_command_load_balancers_in_looked_up_subnets_get_their_ingress_path(tmp_path: Path) -> None:
    program = CORPUS / "ecs-fargate-web"
    out = tmp_path / "ingress.svg"
    result = runner.invoke(app, ["diagram", "dev", "--program", str(program), "--no-findings", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "declares no VPC" in result.stderr and "only its ingress path" in result.stderr
    graph = run_program(program, "dev", preview=True)
    drawn = _by_urn(_elements(out.read_text()))
    for token in ("aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup", "aws:ecs/service:Service"):
        assert all(r.urn in drawn for r in graph.by_type(token)), token


def test_command_program_crash_exits_3(programs: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["diagram", "dev", "--program", str(programs / "crash"), "--no-findings",
                                 "-o", str(tmp_path / "c.svg")])
    assert result.exit_code == 3 and "the program crashed" in result.stderr
    assert not (tmp_path / "c.svg").exists()
