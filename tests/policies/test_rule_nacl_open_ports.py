"""nacl_no_public_ssh / _rdp / _all_ports: DENY entries and shadowed ALLOWs are not violations."""

import pulumi_aws as aws
from harness import violations

from lz.mock_engine import run_function


def entry(rule_no: int, action: str, protocol: str, low: int, high: int, cidr: str = "0.0.0.0/0",
          ) -> aws.ec2.NetworkAclIngressArgs:
    if ":" in cidr:
        return aws.ec2.NetworkAclIngressArgs(rule_no=rule_no, action=action, protocol=protocol, from_port=low,
                                             to_port=high, ipv6_cidr_block=cidr)
    return aws.ec2.NetworkAclIngressArgs(rule_no=rule_no, action=action, protocol=protocol, from_port=low,
                                         to_port=high, cidr_block=cidr)


def declare() -> None:
    acl = lambda name, *entries: aws.ec2.NetworkAcl(name, vpc_id="vpc-1", ingress=list(entries))  # noqa: E731
    acl("ok-https", entry(100, "allow", "tcp", 443, 443))
    acl("ok-deny-ssh", entry(100, "deny", "tcp", 22, 22))
    acl("ok-shadowed-ssh", entry(200, "allow", "tcp", 22, 22), entry(100, "deny", "tcp", 22, 22))
    acl("ok-ssh-private", entry(100, "allow", "tcp", 22, 22, "10.0.0.0/8"))
    acl("ssh-open", entry(100, "allow", "tcp", 22, 22))
    acl("ssh-deny-after", entry(100, "allow", "tcp", 22, 22), entry(200, "deny", "tcp", 22, 22))
    acl("ssh-v6-not-shadowed", entry(100, "deny", "tcp", 22, 22), entry(110, "allow", "tcp", 22, 22, "::/0"))
    acl("rdp-range", entry(100, "allow", "tcp", 1024, 65535))
    acl("all-open", entry(100, "allow", "-1", 0, 0))
    acl("ok-all-shadowed", entry(32000, "allow", "-1", 0, 0), entry(1, "deny", "-1", 0, 0))
    aws.ec2.DefaultNetworkAcl("default-all-open", default_network_acl_id="acl-1",
                              ingress=[aws.ec2.DefaultNetworkAclIngressArgs(
                                  rule_no=100, action="allow", protocol="-1", from_port=0, to_port=0,
                                  cidr_block="0.0.0.0/0")])
    aws.ec2.NetworkAclRule("rule-ssh", network_acl_id="acl-1", rule_number=100, rule_action="allow",
                           protocol="tcp", from_port=22, to_port=22, cidr_block="0.0.0.0/0")
    aws.ec2.NetworkAclRule("ok-rule-egress", network_acl_id="acl-1", rule_number=100, rule_action="allow",
                           egress=True, protocol="-1", from_port=0, to_port=0, cidr_block="0.0.0.0/0")
    aws.ec2.NetworkAclRule("ok-rule-deny", network_acl_id="acl-1", rule_number=90, rule_action="deny",
                           protocol="tcp", from_port=3389, to_port=3389, cidr_block="0.0.0.0/0")


GRAPH = run_function(declare)


def test_ssh() -> None:
    # all-open and default-all-open reach 22 too, but they are nacl_no_public_all_ports' finding.
    assert set(violations("nacl_no_public_ssh", GRAPH)) == {
        "ssh-open", "ssh-deny-after", "ssh-v6-not-shadowed", "rule-ssh"
    }


def test_rdp() -> None:
    assert set(violations("nacl_no_public_rdp", GRAPH)) == {"rdp-range"}


def test_an_entry_open_on_every_port_is_one_finding_not_three() -> None:
    def program() -> None:
        aws.ec2.NetworkAcl("wide-open", vpc_id="vpc-1", ingress=[
            entry(100, "allow", "-1", 0, 0), entry(110, "allow", "tcp", 3389, 3389)])
        aws.ec2.NetworkAclRule("rule-all", network_acl_id="acl-1", rule_number=100, rule_action="allow",
                               protocol="-1", from_port=0, to_port=0, cidr_block="0.0.0.0/0")

    graph = run_function(program)
    found = {rid: {name: [v.property for v in vs] for name, vs in violations(rid, graph).items()}
             for rid in ("nacl_no_public_all_ports", "nacl_no_public_ssh", "nacl_no_public_rdp")}
    assert found == {
        "nacl_no_public_all_ports": {"wide-open": ["ingress[0].cidrBlock"], "rule-all": ["cidrBlock"]},
        "nacl_no_public_ssh": {},
        # entry 110 is its own defect: it stays open on 3389 even once the all-ports entry is removed
        "nacl_no_public_rdp": {"wide-open": ["ingress[1].cidrBlock"]},
    }


def test_all_ports() -> None:
    assert set(violations("nacl_no_public_all_ports", GRAPH)) == {"all-open", "default-all-open"}


def test_message_names_the_entry_and_its_property() -> None:
    [v] = violations("nacl_no_public_ssh", GRAPH)["ssh-deny-after"]
    assert v.property == "ingress[0].cidrBlock"
    assert "entry 100" in v.message
