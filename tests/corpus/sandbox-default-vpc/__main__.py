import pulumi
import pulumi_aws as aws

devs = pulumi.Config().require_object("developers")

vpc = aws.ec2.get_vpc(default=True)
subnets = aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [vpc.id]},
                                       {"name": "default-for-az", "values": ["true"]}])
ubuntu = aws.ec2.get_ami(most_recent=True, owners=["099720109477"],
                         filters=[{"name": "name",
                                   "values": ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]}])

sg = aws.ec2.SecurityGroup("sandbox", vpc_id=vpc.id, description="dev sandbox",
                           ingress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}],
                           egress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}])

for i, dev in enumerate(devs):
    box = aws.ec2.Instance(f"sandbox-{dev}", ami=ubuntu.id, instance_type="t3.medium",
                           subnet_id=subnets.ids[i % len(subnets.ids)] if subnets.ids else None,
                           vpc_security_group_ids=[sg.id], tags={"Owner": dev})
    aws.ebs.Volume(f"scratch-{dev}", availability_zone=box.availability_zone, size=100, type="gp3")
    pulumi.export(f"{dev}Ip", box.public_ip)

lt = aws.ec2.LaunchTemplate("sandbox-spot", image_id=ubuntu.id, instance_type="t3.large",
                            network_interfaces=[{"associate_public_ip_address": "true",
                                                 "security_groups": [sg.id]}])
aws.autoscaling.Group("sandbox-spot", min_size=0, max_size=3, vpc_zone_identifiers=subnets.ids,
                      launch_template={"id": lt.id, "version": "$Latest"})
