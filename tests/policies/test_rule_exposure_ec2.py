"""Cross-resource exposure: ec2_no_public_ip (subnet, default VPC, Elastic IP), vpc_default_sg_adopted,
default_sg_no_rules' framework ids, instance_no_public_web_ports."""

import pulumi_aws as aws
from fixtures import unknown
from harness import capture, evaluate_rule, violations

from policies import registry

AMI = "ami-0123456789abcdef0"


def instance(name: str, **kwargs: object) -> aws.ec2.Instance:
    return aws.ec2.Instance(name, ami=AMI, instance_type="t3.micro", **kwargs)  # type: ignore[arg-type]


def web_sg(resource_name: str, port: int, cidr: str, **kwargs: object) -> aws.ec2.SecurityGroup:
    return aws.ec2.SecurityGroup(resource_name, ingress=[aws.ec2.SecurityGroupIngressArgs(
        protocol="tcp", from_port=port, to_port=port, cidr_blocks=[cidr])], **kwargs)  # type: ignore[arg-type]


def test_no_public_ip_through_subnet_default_vpc_and_eip() -> None:
    def program() -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        private = aws.ec2.Subnet("private", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
        public = aws.ec2.Subnet("public", vpc_id=vpc.id, cidr_block="10.0.0.0/24", map_public_ip_on_launch=True)
        default = aws.ec2.DefaultSubnet("default-a", availability_zone="eu-west-1a")
        instance("ok-private", subnet_id=private.id)
        instance("ok-public-subnet-opted-out", subnet_id=public.id, associate_public_ip_address=False)
        instance("ok-outside-subnet", subnet_id="subnet-0123456789abcdef0")  # judged where it is declared
        instance("ok-from-template", launch_template=aws.ec2.InstanceLaunchTemplateArgs(name="base"))
        instance("in-public-subnet", subnet_id=public.id)
        instance("in-default-subnet", subnet_id=default.id)
        instance("no-subnet")
        instance("asks", subnet_id=private.id, associate_public_ip_address=True)
        eip_target = instance("with-eip", subnet_id=private.id)
        aws.ec2.Eip("eip", domain="vpc", instance=eip_target.id)
        assoc_target = instance("with-eip-association", subnet_id=private.id)
        aws.ec2.EipAssociation("assoc", instance_id=assoc_target.id, allocation_id="eipalloc-1")
        aws.ec2.SpotInstanceRequest("spot-public-subnet", ami=AMI, instance_type="t3.micro", subnet_id=public.id)
        aws.ec2.SpotInstanceRequest("ok-spot", ami=AMI, instance_type="t3.micro", subnet_id=private.id)
        nic = aws.ec2.LaunchTemplateNetworkInterfaceArgs
        aws.ec2.LaunchTemplate("ok-lt", network_interfaces=[nic(associate_public_ip_address="false")])
        aws.ec2.LaunchTemplate("lt-public", network_interfaces=[nic(associate_public_ip_address="true")])
        aws.ec2.LaunchConfiguration("lc-public", image_id=AMI, instance_type="t3.micro",
                                    associate_public_ip_address=True)
        aws.ec2.LaunchConfiguration("ok-lc", image_id=AMI, instance_type="t3.micro")

    graph = capture(program)
    found = violations("ec2_no_public_ip", graph)
    assert set(found) == {"in-public-subnet", "in-default-subnet", "no-subnet", "asks", "with-eip",
                          "with-eip-association", "spot-public-subnet", "lt-public", "lc-public"}
    assert all(len(v) == 1 for v in found.values())  # one finding per instance
    [subnet] = found["in-public-subnet"]
    assert subnet.property == "associatePublicIpAddress"
    assert "subnet public, which has map_public_ip_on_launch=True" in subnet.message
    assert found["no-subnet"][0].property == "subnetId"
    assert "default VPC" in found["no-subnet"][0].message
    assert "Elastic IP eip" in found["with-eip"][0].message
    assert "Elastic IP assoc" in found["with-eip-association"][0].message
    assert [v.property for v in found["lt-public"]] == ["networkInterfaces[0].associatePublicIpAddress"]
    assert set(violations("ec2_no_public_ip", graph, {"exemptions": ["*public*", "in-*", "no-*", "asks", "with-*"]
                                                      })) == set()


def test_no_public_ip_one_finding_for_several_reasons_and_unknown_subnet_setting() -> None:
    def program() -> None:
        public = aws.ec2.Subnet("public", vpc_id="vpc-1", cidr_block="10.0.0.0/24", map_public_ip_on_launch=True)
        target = instance("public-twice", subnet_id=public.id, associate_public_ip_address=True)
        aws.ec2.Eip("eip", domain="vpc", instance=target.id)
        pending = aws.ec2.Subnet("pending-subnet", vpc_id="vpc-1", cidr_block="10.0.1.0/24",
                                 map_public_ip_on_launch=unknown(True))
        instance("pending", subnet_id=pending.id)

    found = violations("ec2_no_public_ip", capture(program))
    assert set(found) == {"public-twice", "pending"}
    [twice] = found["public-twice"]
    assert "associate_public_ip_address=True" in twice.message and "Elastic IP eip" in twice.message
    assert found["pending"][0].message.startswith("cannot decide: mapPublicIpOnLaunch")


def test_no_public_ip_through_auto_scaling_group_subnets() -> None:
    def program() -> None:
        public = aws.ec2.Subnet("public", vpc_id="vpc-1", cidr_block="10.0.0.0/24", map_public_ip_on_launch=True)
        private = aws.ec2.Subnet("private", vpc_id="vpc-1", cidr_block="10.0.1.0/24")
        open_lt = aws.ec2.LaunchTemplate("open-lt", image_id=AMI)
        closed_lt = aws.ec2.LaunchTemplate("closed-lt", image_id=AMI, network_interfaces=[
            aws.ec2.LaunchTemplateNetworkInterfaceArgs(device_index=0, associate_public_ip_address="false")])
        open_lc = aws.ec2.LaunchConfiguration("open-lc", image_id=AMI, instance_type="t3.micro")
        group = aws.autoscaling.Group
        spec = aws.autoscaling.GroupLaunchTemplateArgs
        group("asg-public", min_size=1, max_size=1, vpc_zone_identifiers=[private.id, public.id],
              launch_template=spec(id=open_lt.id))
        group("asg-by-name", min_size=1, max_size=1, vpc_zone_identifiers=[public.id],
              launch_template=spec(name=open_lt.name))
        group("asg-lc-default-vpc", min_size=1, max_size=1, availability_zones=["eu-west-1a"],
              launch_configuration=open_lc.name)
        group("asg-mixed", min_size=1, max_size=1, vpc_zone_identifiers=[public.id],
              mixed_instances_policy=aws.autoscaling.GroupMixedInstancesPolicyArgs(
                  launch_template=aws.autoscaling.GroupMixedInstancesPolicyLaunchTemplateArgs(
                      launch_template_specification=aws.autoscaling.
                      GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs(
                          launch_template_id=open_lt.id))))
        group("ok-asg-private", min_size=1, max_size=1, vpc_zone_identifiers=[private.id],
              launch_template=spec(id=open_lt.id))
        group("ok-asg-template-says-no", min_size=1, max_size=1, vpc_zone_identifiers=[public.id],
              launch_template=spec(id=closed_lt.id))
        group("ok-asg-outside-template", min_size=1, max_size=1, vpc_zone_identifiers=[public.id],
              launch_template=spec(id="lt-0123456789abcdef0"))

    found = violations("ec2_no_public_ip", capture(program))
    assert set(found) == {"asg-public", "asg-by-name", "asg-lc-default-vpc", "asg-mixed"}
    [public_asg] = found["asg-public"]
    assert public_asg.property == "vpcZoneIdentifiers"
    assert "open-lt, which leaves associate_public_ip_address out, into subnet public" in public_asg.message
    assert "default VPC" in found["asg-lc-default-vpc"][0].message


def test_vpc_default_sg_adopted() -> None:
    def program() -> None:
        adopted = aws.ec2.Vpc("ok-adopted", cidr_block="10.0.0.0/16")
        aws.ec2.DefaultSecurityGroup("ok-adopted-default", vpc_id=adopted.id)
        aws.ec2.Vpc("never-adopted", cidr_block="10.1.0.0/16")
        other = aws.ec2.Vpc("adopted-for-other", cidr_block="10.2.0.0/16")
        aws.ec2.DefaultSecurityGroup("elsewhere-default", vpc_id="vpc-0123456789abcdef0")
        aws.ec2.SecurityGroup("not-the-default", vpc_id=other.id)
        default_vpc = aws.ec2.DefaultVpc("ok-default-vpc")
        aws.ec2.DefaultSecurityGroup("ok-default-vpc-sg", vpc_id=default_vpc.id)
        aws.ec2.DefaultVpc("default-vpc-kept")
        # Adopted but with rules: default_sg_no_rules' finding, not a second one here.
        with_rules = aws.ec2.Vpc("ok-adopted-with-rules", cidr_block="10.3.0.0/16")
        aws.ec2.DefaultSecurityGroup("rules-default", vpc_id=with_rules.id, egress=[
            aws.ec2.DefaultSecurityGroupEgressArgs(protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"])])

    graph = capture(program)
    found = violations("vpc_default_sg_adopted", graph)
    assert set(found) == {"never-adopted", "adopted-for-other", "default-vpc-kept"}
    assert "aws.ec2.DefaultSecurityGroup" in found["never-adopted"][0].message
    assert evaluate_rule("default_sg_no_rules", program) == {"rules-default"}
    assert set(violations("vpc_default_sg_adopted", graph, {"exemptions": ["default-*", "adopted-*"]})) == {
        "never-adopted"}


def test_vpc_default_sg_adopted_joins_by_dependency_during_preview() -> None:
    def program() -> None:
        vpc = aws.ec2.Vpc("ok-pending", cidr_block=unknown("10.0.0.0/16"))
        aws.ec2.DefaultSecurityGroup("pending-default", vpc_id=vpc.id)

    assert evaluate_rule("vpc_default_sg_adopted", program) == set()


def test_default_sg_rules_carry_fsbp_and_cis_ids() -> None:
    rules = registry.discover()
    for rule_id in ("default_sg_no_rules", "vpc_default_sg_adopted"):
        assert rules[rule_id].frameworks["aws-fsbp"] == ("EC2.2",)
        assert rules[rule_id].frameworks["cis-aws-3.0"] == ("5.4",)
        assert rules[rule_id].frameworks["cis-aws-5.0"] == ("5.5",)
    assert rules["ec2_no_public_ip"].frameworks["aws-fsbp"] == ("EC2.9", "EC2.25", "Autoscaling.5")


def test_instance_no_public_web_ports() -> None:
    def program() -> None:
        open_https = web_sg("open-https", 443, "0.0.0.0/0")
        internal = web_sg("internal-https", 443, "10.0.0.0/8")
        lb_sg = web_sg("lb-sg", 443, "0.0.0.0/0")
        aws.lb.LoadBalancer("alb", security_groups=[lb_sg.id], subnets=["subnet-1", "subnet-2"])
        instance("ok-internal", vpc_security_group_ids=[internal.id])
        instance("ok-no-groups")
        instance("public-https", vpc_security_group_ids=[internal.id, open_https.id])
        bare = aws.ec2.SecurityGroup("bare")
        aws.ec2.SecurityGroupRule("bare-8080", type="ingress", protocol="tcp", from_port=8000, to_port=8100,
                                  cidr_blocks=["0.0.0.0/0"], security_group_id=bare.id)
        instance("rule-8080", vpc_security_group_ids=[bare.id])
        v6 = aws.ec2.SecurityGroup("v6")
        aws.vpc.SecurityGroupIngressRule("v6-80", security_group_id=v6.id, ip_protocol="tcp", from_port=80,
                                         to_port=80, cidr_ipv6="::/0")
        aws.ec2.SpotInstanceRequest("spot-v6-80", ami=AMI, instance_type="t3.micro", vpc_security_group_ids=[v6.id])
        ssh = web_sg("ssh-only", 22, "0.0.0.0/0")
        instance("ok-ssh-is-another-rule", vpc_security_group_ids=[ssh.id])
        all_traffic = aws.ec2.SecurityGroup("all-traffic", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"])])
        aws.ec2.LaunchTemplate("lt-all-traffic", vpc_security_group_ids=[all_traffic.id])
        aws.ec2.LaunchTemplate("lt-nic-https", network_interfaces=[aws.ec2.LaunchTemplateNetworkInterfaceArgs(
            security_groups=[open_https.id])])
        aws.ec2.LaunchConfiguration("lc-https", image_id=AMI, instance_type="t3.micro",
                                    security_groups=[open_https.id])
        aws.ec2.LaunchConfiguration("ok-lc", image_id=AMI, instance_type="t3.micro", security_groups=[internal.id])
        named = web_sg("named", 8443, "0.0.0.0/0", name="legacy-web")
        instance("by-name-8443", security_groups=[named.name])

    graph = capture(program)
    found = violations("instance_no_public_web_ports", graph)
    assert set(found) == {"public-https", "rule-8080", "spot-v6-80", "lt-all-traffic", "lt-nic-https", "lc-https",
                          "by-name-8443"}
    assert all(len(v) == 1 for v in found.values())
    [https] = found["public-https"]
    assert https.property == "vpcSecurityGroupIds"
    assert "443 from 0.0.0.0/0 through open-https (ingress[0].cidrBlocks[0])" in https.message
    assert "8080 from 0.0.0.0/0 through bare (rule bare-8080)" in found["rule-8080"][0].message
    assert "80, 443, 8080, 8443 from 0.0.0.0/0" in found["lt-all-traffic"][0].message
    assert found["lt-nic-https"][0].property == "networkInterfaces[0].securityGroups"
    assert set(violations("instance_no_public_web_ports", graph, {"ports": [80]})) == {"spot-v6-80",
                                                                                     "lt-all-traffic"}


def test_instance_no_public_web_ports_with_a_preview_unknown_group_id() -> None:
    def program() -> None:
        open_https = web_sg("open-https", 443, "0.0.0.0/0")
        instance("partly-unknown", vpc_security_group_ids=[open_https.id, unknown("sg-0123456789abcdef0")])
        instance("ok-only-unknown", vpc_security_group_ids=[unknown("sg-0123456789abcdef0")])

    found = violations("instance_no_public_web_ports", capture(program))
    assert set(found) == {"partly-unknown"}
    assert "through open-https" in found["partly-unknown"][0].message
