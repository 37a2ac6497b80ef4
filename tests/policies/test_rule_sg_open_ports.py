"""sg_no_public_ssh / sg_no_public_rdp / sg_no_public_all_ports over every way to write SG ingress."""

import pulumi_aws as aws
from fixtures import sg_ingress, unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def declare() -> None:
    sg_ingress("ok-https-anywhere", "tcp", 443, 443, v4=["0.0.0.0/0"])
    sg_ingress("ok-ssh-private", "tcp", 22, 22, v4=["10.0.0.0/8"])
    sg_ingress("ok-icmp-anywhere", "icmp", -1, -1, v4=["0.0.0.0/0"])
    sg_ingress("ssh-v4", "tcp", 22, 22, v4=["0.0.0.0/0"])
    sg_ingress("ssh-v6", "tcp", 22, 22, v6=["::/0"])
    sg_ingress("rdp-range", "tcp", 3000, 4000, v4=["0.0.0.0/0"])
    sg_ingress("all-proto", "-1", 0, 0, v4=["0.0.0.0/0"])
    sg_ingress("all-tcp-ports", "tcp", 0, 65535, v6=["::/0"])
    base = aws.ec2.SecurityGroup("ok-base")
    aws.ec2.SecurityGroupRule("rule-ssh", type="ingress", protocol="tcp", from_port=22, to_port=22,
                              cidr_blocks=["0.0.0.0/0"], security_group_id=base.id, description="x")
    aws.ec2.SecurityGroupRule("ok-rule-egress", type="egress", protocol="-1", from_port=0, to_port=0,
                              cidr_blocks=["0.0.0.0/0"], security_group_id=base.id, description="x")
    aws.vpc.SecurityGroupIngressRule("vpc-rdp", security_group_id=base.id, ip_protocol="tcp", from_port=3389,
                                     to_port=3389, cidr_ipv4="0.0.0.0/0", description="x")
    aws.vpc.SecurityGroupIngressRule("vpc-all", security_group_id=base.id, ip_protocol="-1",
                                     cidr_ipv6="::/0", description="x")
    aws.vpc.SecurityGroupIngressRule("ok-vpc-sg-ref", security_group_id=base.id, ip_protocol="tcp",
                                     from_port=22, to_port=22, referenced_security_group_id=base.id)
    aws.ec2.DefaultSecurityGroup("default-open", vpc_id="vpc-123", ingress=[
        aws.ec2.DefaultSecurityGroupIngressArgs(protocol="tcp", from_port=22, to_port=22,
                                                cidr_blocks=["0.0.0.0/0"])
    ])


GRAPH = run_function(declare)


def test_ssh_fails_exactly_the_resources_open_to_the_internet_on_22() -> None:
    # all-proto, all-tcp-ports and vpc-all reach 22 too, but they are sg_no_public_all_ports' finding.
    assert set(violations("sg_no_public_ssh", GRAPH)) == {"ssh-v4", "ssh-v6", "rule-ssh", "default-open"}


def test_rdp_fails_exactly_the_resources_open_to_the_internet_on_3389() -> None:
    assert set(violations("sg_no_public_rdp", GRAPH)) == {"rdp-range", "vpc-rdp"}


def test_an_entry_open_on_every_port_is_one_finding_not_three() -> None:
    def program() -> None:
        aws.ec2.SecurityGroup("wide-open", ingress=[
            aws.ec2.SecurityGroupIngressArgs(protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"]),
            aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"]),
        ])

    graph = run_function(program)
    found = {rid: [(v.property, v.message) for v in violations(rid, graph).get("wide-open", [])]
             for rid in ("sg_no_public_all_ports", "sg_no_public_ssh", "sg_no_public_rdp")}
    assert found == {
        "sg_no_public_all_ports": [("ingress[0].cidrBlocks[0]", "ingress from 0.0.0.0/0 reaches all ports")],
        # the separate port-22 entry is its own defect and still reported
        "sg_no_public_ssh": [("ingress[1].cidrBlocks[0]", "ingress from 0.0.0.0/0 reaches port 22")],
        "sg_no_public_rdp": [],
    }


def test_all_ports_fails_only_protocol_minus_one_or_full_range() -> None:
    assert set(violations("sg_no_public_all_ports", GRAPH)) == {"all-proto", "all-tcp-ports", "vpc-all"}


def test_violation_names_the_offending_property() -> None:
    found = violations("sg_no_public_ssh", GRAPH)
    assert [v.property for v in found["ssh-v6"]] == ["ingress[0].ipv6CidrBlocks[0]"]
    assert [v.property for v in violations("sg_no_public_all_ports", GRAPH)["vpc-all"]] == ["cidrIpv6"]


def test_allowed_cidrs_and_strict_mode_are_configurable() -> None:
    def program() -> None:
        sg_ingress("vpn", "tcp", 22, 22, v4=["8.8.8.0/24"])
        sg_ingress("office", "tcp", 22, 22, v4=["1.1.1.1/32"])

    assert evaluate_rule("sg_no_public_ssh", program) == set()
    assert evaluate_rule("sg_no_public_ssh", program, {"strict": True}) == {"vpn", "office"}
    assert evaluate_rule("sg_no_public_ssh", program, {"strict": True, "allowed_cidrs": ["8.8.8.0/24"]}) == {
        "office"
    }


def test_exemptions_match_resource_names() -> None:
    def program() -> None:
        sg_ingress("bastion-legacy", "tcp", 22, 22, v4=["0.0.0.0/0"])
        sg_ingress("web", "tcp", 22, 22, v4=["0.0.0.0/0"])

    assert evaluate_rule("sg_no_public_ssh", program, {"exemptions": ["bastion-*"]}) == {"web"}


def test_unknown_cidr_during_preview_is_cannot_decide_not_a_pass() -> None:
    def program() -> None:
        aws.ec2.SecurityGroup("pending", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=22, to_port=22, cidr_blocks=[unknown("0.0.0.0/0")])])

    found = violations("sg_no_public_ssh", run_function(program))
    [only] = found["pending"]
    assert only.message.startswith("cannot decide: ingress[0].cidrBlocks[0]")
    assert only.property == "ingress[0].cidrBlocks[0]"
