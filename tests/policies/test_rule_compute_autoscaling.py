"""Auto Scaling group rules (FSBP AutoScaling.1/2/6/9) over Group, Attachment and TrafficSourceAttachment."""

from typing import Any

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

TEMPLATE = aws.autoscaling.GroupLaunchTemplateArgs(id="lt-0123", version="$Latest")


def group(name: str, **kwargs: Any) -> aws.autoscaling.Group:
    args: dict[str, Any] = {"min_size": 1, "max_size": 2, "vpc_zone_identifiers": ["subnet-0a", "subnet-0b"],
                            "launch_template": TEMPLATE}
    args.update(kwargs)
    return aws.autoscaling.Group(name, **args)


def mixed(*types: str) -> aws.autoscaling.GroupMixedInstancesPolicyArgs:
    return aws.autoscaling.GroupMixedInstancesPolicyArgs(
        launch_template=aws.autoscaling.GroupMixedInstancesPolicyLaunchTemplateArgs(
            launch_template_specification=(
                aws.autoscaling.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs(
                    launch_template_id="lt-0123")),
            overrides=[aws.autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs(instance_type=t)
                       for t in types]))


def test_uses_launch_template() -> None:
    def program() -> None:
        group("ok-template")
        group("ok-mixed", launch_template=None, mixed_instances_policy=mixed("m7g.large"))
        group("launch-config", launch_template=None, launch_configuration="lc-old")

    graph = run_function(program)
    assert set(violations("asg_uses_launch_template", graph)) == {"launch-config"}
    assert violations("asg_uses_launch_template", graph)["launch-config"][0].property == "launchConfiguration"


def test_multiple_azs() -> None:
    def program() -> None:
        a = aws.ec2.Subnet("subnet-a", vpc_id="vpc-1", cidr_block="10.0.0.0/24", availability_zone="eu-west-1a")
        b = aws.ec2.Subnet("subnet-b", vpc_id="vpc-1", cidr_block="10.0.1.0/24", availability_zone="eu-west-1b")
        a2 = aws.ec2.Subnet("subnet-a2", vpc_id="vpc-1", cidr_block="10.0.2.0/24", availability_zone="eu-west-1a")
        group("ok-outside-stack")
        group("ok-two-azs", vpc_zone_identifiers=[a.id, b.id])
        group("ok-classic-azs", vpc_zone_identifiers=None, availability_zones=["eu-west-1a", "eu-west-1b"])
        group("one-subnet", vpc_zone_identifiers=["subnet-0a"])
        group("same-az", vpc_zone_identifiers=[a.id, a2.id])
        group("one-az", vpc_zone_identifiers=None, availability_zones=["eu-west-1a"])

    graph = run_function(program)
    assert set(violations("asg_multiple_azs", graph)) == {"one-subnet", "same-az", "one-az"}
    assert set(violations("asg_multiple_azs", graph, {"min_availability_zones": 3})) == {
        "ok-outside-stack", "ok-two-azs", "ok-classic-azs", "one-subnet", "same-az", "one-az"}
    [only] = violations("asg_multiple_azs", graph)["same-az"]
    assert "['eu-west-1a']" in only.message and only.property == "vpcZoneIdentifiers"


def test_multiple_azs_unknown_subnets_are_cannot_decide() -> None:
    def program() -> None:
        group("pending", vpc_zone_identifiers=unknown(["subnet-0a", "subnet-0b"]))

    [only] = violations("asg_multiple_azs", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: vpcZoneIdentifiers")


def test_multiple_instance_types() -> None:
    def program() -> None:
        group("ok-two-types", launch_template=None, mixed_instances_policy=mixed("m7g.large", "m6g.large"))
        group("template-only")
        group("one-override", launch_template=None, mixed_instances_policy=mixed("m7g.large", "m7g.large"))

    graph = run_function(program)
    assert set(violations("asg_multiple_instance_types", graph)) == {"template-only", "one-override"}
    assert "['m7g.large']" in violations("asg_multiple_instance_types", graph)["one-override"][0].message


def test_elb_health_check() -> None:
    def program() -> None:
        group("ok-elb", target_group_arns=["arn:tg"], health_check_type="ELB")
        group("ok-no-lb")
        group("tg-ec2", target_group_arns=["arn:tg"])
        group("clb-ec2", load_balancers=["clb"], health_check_type="EC2")
        attached = group("attached-ec2")
        aws.autoscaling.Attachment("att", autoscaling_group_name=attached.name, lb_target_group_arn="arn:tg2")
        sourced = group("traffic-source-ec2")
        aws.autoscaling.TrafficSourceAttachment(
            "src", autoscaling_group_name=sourced.name,
            traffic_source=aws.autoscaling.TrafficSourceAttachmentTrafficSourceArgs(identifier="arn:tg3", type="elbv2"))

    graph = run_function(program)
    assert set(violations("asg_elb_health_check", graph)) == {"tg-ec2", "clb-ec2", "attached-ec2",
                                                             "traffic-source-ec2"}
    assert "AWS default: EC2" in violations("asg_elb_health_check", graph)["tg-ec2"][0].message
