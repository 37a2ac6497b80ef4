"""Per-property dependencies are captured and reach stack policies, as the real engine sends them."""

import pulumi_aws as aws

from lz.mock_engine import run_function


def test_property_dependencies_are_recorded_per_input() -> None:
    def program() -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        aws.ec2.Subnet("subnet", vpc_id=vpc.id, cidr_block="10.0.1.0/24")

    graph = run_function(program)
    vpc, subnet = graph.get("vpc"), graph.get("subnet")
    assert subnet.property_dependencies == {"vpcId": (vpc.urn,)}
    assert vpc.property_dependencies == {}
