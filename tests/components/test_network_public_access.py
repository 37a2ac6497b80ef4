"""PublicAccessExclusions: one VPC Block Public Access exclusion per subnet, in the group's mode."""

from __future__ import annotations

import pulumi_aws as aws
import pytest

from components.network import PublicAccessExclusions
from lz.graph import ResourceGraph
from lz.mock_engine import run_function
from tests.components.envs import environment

ENV = environment("dev")
EXCLUSION = "aws:ec2/vpcBlockPublicAccessExclusion:VpcBlockPublicAccessExclusion"


def team_program() -> None:
    vpc = aws.ec2.Vpc("team-vpc", cidr_block="10.0.0.0/16")
    public = [aws.ec2.Subnet(f"team-public-{az}", vpc_id=vpc.id, cidr_block=f"10.0.{k}.0/24")
              for k, az in enumerate("ab")]
    PublicAccessExclusions("team-bpa", env=ENV, subnets={
        "edge-public": ("allow-bidirectional", [s.id for s in public]),
        "nat": ("allow-egress", ["subnet-0nat"])})


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    return run_function(team_program, config={"aws:region": "eu-west-1"}, preview=False)


def test_each_subnet_gets_one_exclusion_in_its_groups_mode(graph: ResourceGraph) -> None:
    subnets = {r.id: r.name for r in graph.by_type("aws:ec2/subnet:Subnet")}
    found = {r.name: (r.inputs["internetGatewayExclusionMode"], subnets.get(r.inputs["subnetId"], r.inputs["subnetId"]))
             for r in graph.by_type(EXCLUSION)}
    assert found == {
        "team-bpa-edge-public-az0": ("allow-bidirectional", "team-public-a"),
        "team-bpa-edge-public-az1": ("allow-bidirectional", "team-public-b"),
        "team-bpa-nat-az0": ("allow-egress", "subnet-0nat"),
    }
    component = graph.get("team-bpa")
    assert component.type == "lz:network:PublicAccessExclusions"
    assert {r.parent for r in graph.by_type(EXCLUSION)} == {component.urn}


def test_exclusions_carry_the_base_tags_and_their_name(graph: ResourceGraph) -> None:
    for record in graph.by_type(EXCLUSION):
        tags = record.inputs["tags"]
        assert tags["Name"] == record.name
        base = {"environment": "dev", "owner": "platform", "managed-by": "pulumi-landing-zone"}
        assert base.items() <= tags.items(), tags


def test_the_subnet_is_what_the_exclusion_depends_on(graph: ResourceGraph) -> None:
    team = {r.urn: r.name for r in graph.by_type("aws:ec2/subnet:Subnet")}
    deps = {r.name: {team[u] for u in r.property_dependencies.get("subnetId", ()) if u in team}
            for r in graph.by_type(EXCLUSION)}
    assert deps["team-bpa-edge-public-az0"] == {"team-public-a"}
    assert deps["team-bpa-nat-az0"] == set()


def test_an_unknown_mode_names_the_group_and_the_modes() -> None:
    def bad() -> None:
        PublicAccessExclusions("team-bpa", env=ENV, subnets={"edge": ("allow-ingress", ["subnet-1"])})  # type: ignore[dict-item]

    with pytest.raises(Exception, match=r"team-bpa: unknown exclusion mode for 'edge': 'allow-ingress' "
                                        r"\(one of allow-bidirectional, allow-egress\)"):
        run_function(bad, config={"aws:region": "eu-west-1"}, preview=False)
