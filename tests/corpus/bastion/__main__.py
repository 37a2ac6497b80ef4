import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()

ami = aws.ec2.get_ami(
    most_recent=True,
    owners=["amazon"],
    filters=[
        aws.ec2.GetAmiFilterArgs(name="name", values=["al2023-ami-*-x86_64"]),
        aws.ec2.GetAmiFilterArgs(name="virtualization-type", values=["hvm"]),
    ],
)

vpc_id = cfg.get("vpcId") or aws.ec2.get_vpc(default=True).id

sg = aws.ec2.SecurityGroup(
    "bastion",
    vpc_id=vpc_id,
    description="ssh to the bastion",
    ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=22, to_port=22,
                                              cidr_blocks=cfg.require_object("allowedCidrs"),
                                              description="ssh from the office")],
    egress=[aws.ec2.SecurityGroupEgressArgs(protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"],
                                            description="anywhere")],
)

host = aws.ec2.Instance(
    "bastion",
    ami=ami.id,
    instance_type=cfg.require("instanceType"),
    key_name=cfg.require("keyName"),
    subnet_id=cfg.get("subnetId"),
    vpc_security_group_ids=[sg.id],
    associate_public_ip_address=True,
    metadata_options=aws.ec2.InstanceMetadataOptionsArgs(http_tokens="required")
    if pulumi.get_stack() == "prod" else None,
    root_block_device=aws.ec2.InstanceRootBlockDeviceArgs(encrypted=pulumi.get_stack() == "prod", volume_size=20),
    user_data="#!/bin/bash\ndnf install -y postgresql15\n",
    tags={"Name": f"bastion-{pulumi.get_stack()}"},
)
eip = aws.ec2.Eip("bastion", instance=host.id, domain="vpc")

pulumi.export("ssh", eip.public_ip.apply(lambda ip: f"ssh ec2-user@{ip}"))
