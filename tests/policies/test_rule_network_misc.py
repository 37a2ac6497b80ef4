"""default_sg_no_rules, sg_rule_has_description, subnet_no_public_ip_on_launch,
tgw_default_route_table_disabled, no_default_vpc, no_peering_route_to_anywhere,
vpc_bpa_exclusion_per_subnet."""

import pulumi_aws as aws
from fixtures import sg_ingress
from harness import capture, evaluate_rule, violations


def test_default_sg_no_rules() -> None:
    def program() -> None:
        aws.ec2.DefaultSecurityGroup("ok-empty", vpc_id="vpc-1")
        egress = aws.ec2.DefaultSecurityGroupEgressArgs(protocol="-1", from_port=0, to_port=0,
                                                        cidr_blocks=["0.0.0.0/0"])
        aws.ec2.DefaultSecurityGroup("with-egress", vpc_id="vpc-2", egress=[egress])
        aws.ec2.DefaultSecurityGroup("with-ingress", vpc_id="vpc-3", ingress=[
            aws.ec2.DefaultSecurityGroupIngressArgs(protocol="-1", from_port=0, to_port=0, self=True)])
        sg_ingress("ok-not-default", "tcp", 443, 443, v4=["10.0.0.0/8"])

    assert evaluate_rule("default_sg_no_rules", program) == {"with-egress", "with-ingress"}


def test_sg_rule_has_description() -> None:
    def program() -> None:
        sg_ingress("ok-described", "tcp", 443, 443, v4=["10.0.0.0/8"])
        sg_ingress("inline-blank", "tcp", 443, 443, v4=["10.0.0.0/8"], description=None)
        aws.ec2.SecurityGroup("egress-blank", egress=[aws.ec2.SecurityGroupEgressArgs(
            protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"], description="  ")])
        aws.ec2.SecurityGroupRule("rule-blank", type="ingress", protocol="tcp", from_port=1, to_port=1,
                                  cidr_blocks=["10.0.0.0/8"], security_group_id="sg-1")
        aws.vpc.SecurityGroupEgressRule("vpc-egress-blank", security_group_id="sg-1", ip_protocol="-1",
                                        cidr_ipv4="10.0.0.0/8")
        aws.vpc.SecurityGroupIngressRule("ok-vpc-described", security_group_id="sg-1", ip_protocol="tcp",
                                         from_port=443, to_port=443, cidr_ipv4="10.0.0.0/8", description="lb")

    assert evaluate_rule("sg_rule_has_description", program) == {
        "inline-blank", "egress-blank", "rule-blank", "vpc-egress-blank"
    }


def test_subnet_no_public_ip_on_launch() -> None:
    def program() -> None:
        aws.ec2.Subnet("ok-implicit", vpc_id="vpc-1", cidr_block="10.0.0.0/24")
        aws.ec2.Subnet("ok-explicit", vpc_id="vpc-1", cidr_block="10.0.1.0/24", map_public_ip_on_launch=False)
        aws.ec2.Subnet("maps-public", vpc_id="vpc-1", cidr_block="10.0.2.0/24", map_public_ip_on_launch=True)
        aws.ec2.DefaultSubnet("default-implicit", availability_zone="us-east-1a")
        aws.ec2.DefaultSubnet("ok-default-off", availability_zone="us-east-1b", map_public_ip_on_launch=False)

    assert evaluate_rule("subnet_no_public_ip_on_launch", program) == {"maps-public", "default-implicit"}


def test_tgw_default_route_table_disabled() -> None:
    def program() -> None:
        aws.ec2transitgateway.TransitGateway("ok-isolated", default_route_table_association="disable",
                                             default_route_table_propagation="disable")
        aws.ec2transitgateway.TransitGateway("implicit-defaults")
        aws.ec2transitgateway.TransitGateway("propagates", default_route_table_association="disable",
                                             default_route_table_propagation="enable")

    assert evaluate_rule("tgw_default_route_table_disabled", program) == {"implicit-defaults", "propagates"}


def test_no_default_vpc() -> None:
    def program() -> None:
        aws.ec2.Vpc("ok-island", cidr_block="10.0.0.0/16")
        aws.ec2.DefaultVpc("adopted-default")

    assert evaluate_rule("no_default_vpc", program) == {"adopted-default"}


def test_no_peering_route_to_anywhere() -> None:
    def program() -> None:
        aws.ec2.Route("ok-peer-specific", route_table_id="rtb-1", destination_cidr_block="10.1.0.0/16",
                      vpc_peering_connection_id="pcx-1")
        aws.ec2.Route("ok-igw-default", route_table_id="rtb-1", destination_cidr_block="0.0.0.0/0",
                      gateway_id="igw-1")
        aws.ec2.Route("peer-default-v4", route_table_id="rtb-1", destination_cidr_block="0.0.0.0/0",
                      vpc_peering_connection_id="pcx-1")
        aws.ec2.Route("peer-default-v6", route_table_id="rtb-1", destination_ipv6_cidr_block="::/0",
                      vpc_peering_connection_id="pcx-1")
        aws.ec2.RouteTable("table-peer-default", vpc_id="vpc-1", routes=[
            aws.ec2.RouteTableRouteArgs(cidr_block="10.2.0.0/16", vpc_peering_connection_id="pcx-2"),
            aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0", vpc_peering_connection_id="pcx-2")])
        aws.ec2.DefaultRouteTable("ok-default-table", default_route_table_id="rtb-2", routes=[
            aws.ec2.DefaultRouteTableRouteArgs(cidr_block="0.0.0.0/0", nat_gateway_id="nat-1")])

    assert evaluate_rule("no_peering_route_to_anywhere", program) == {
        "peer-default-v4", "peer-default-v6", "table-peer-default"
    }


def test_vpc_bpa_exclusion_per_subnet() -> None:
    def program() -> None:
        vpc = aws.ec2.Vpc("island", cidr_block="10.0.0.0/16")
        public = aws.ec2.Subnet("public", vpc_id=vpc.id, cidr_block="10.0.0.0/24")
        aws.ec2.VpcBlockPublicAccessExclusion("ok-subnet", subnet_id=public.id,
                                              internet_gateway_exclusion_mode="allow-bidirectional")
        aws.ec2.VpcBlockPublicAccessExclusion("ok-subnet-egress", subnet_id="subnet-0nat",
                                              internet_gateway_exclusion_mode="allow-egress")
        aws.ec2.VpcBlockPublicAccessExclusion("whole-vpc", vpc_id=vpc.id,
                                              internet_gateway_exclusion_mode="allow-bidirectional")
        aws.ec2.VpcBlockPublicAccessExclusion("whole-vpc-egress", vpc_id="vpc-0ab",
                                              internet_gateway_exclusion_mode="allow-egress")

    found = violations("vpc_bpa_exclusion_per_subnet", capture(program))
    assert sorted(found) == ["whole-vpc", "whole-vpc-egress"]
    assert "be reached from the internet and reach it" in found["whole-vpc"][0].message
    assert "can reach the internet through" in found["whole-vpc-egress"][0].message
    assert {v.property for vs in found.values() for v in vs} == {"vpcId"}
