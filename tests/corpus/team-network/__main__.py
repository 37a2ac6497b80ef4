import json

import pulumi
import pulumi_aws as aws
from netplan import plan_subnets

cfg = pulumi.Config()
cidr = cfg.require("cidr")
azs = cfg.require_object("azs")

vpc = aws.ec2.Vpc("team", cidr_block=cidr, enable_dns_hostnames=True, enable_dns_support=True,
                  tags={"Name": f"team-{pulumi.get_stack()}"})
aws.ec2.DefaultSecurityGroup("team-default", vpc_id=vpc.id)
igw = aws.ec2.InternetGateway("team", vpc_id=vpc.id)

public_rt = aws.ec2.RouteTable("public", vpc_id=vpc.id, routes=[{"cidr_block": "0.0.0.0/0", "gateway_id": igw.id}])
subnets: dict[str, list[aws.ec2.Subnet]] = {"public": [], "private": []}
for slot in plan_subnets(cidr, azs):
    subnet = aws.ec2.Subnet(f"{slot.tier}-{slot.az}", vpc_id=vpc.id, cidr_block=slot.cidr, availability_zone=slot.az,
                            map_public_ip_on_launch=slot.tier == "public", tags={"tier": slot.tier})
    subnets[slot.tier].append(subnet)
    if slot.tier == "public":
        aws.ec2.RouteTableAssociation(f"public-{slot.az}", subnet_id=subnet.id, route_table_id=public_rt.id)

nat_count = len(azs) if cfg.get_bool("natPerAz") else 1
nats = []
for i in range(nat_count):
    eip = aws.ec2.Eip(f"nat-{i}", domain="vpc")
    nats.append(aws.ec2.NatGateway(f"nat-{i}", allocation_id=eip.id, subnet_id=subnets["public"][i].id))
private_rts = []
for i, subnet in enumerate(subnets["private"]):
    rt = aws.ec2.RouteTable(f"private-{i}", vpc_id=vpc.id,
                            routes=[{"cidr_block": "0.0.0.0/0", "nat_gateway_id": nats[i % nat_count].id}])
    aws.ec2.RouteTableAssociation(f"private-{i}", subnet_id=subnet.id, route_table_id=rt.id)
    private_rts.append(rt)

nacl = aws.ec2.NetworkAcl("private", vpc_id=vpc.id, subnet_ids=[s.id for s in subnets["private"]],
                          ingress=[{"protocol": "-1", "rule_no": 100, "action": "allow", "cidr_block": "0.0.0.0/0",
                                    "from_port": 0, "to_port": 0}],
                          egress=[{"protocol": "-1", "rule_no": 100, "action": "allow", "cidr_block": "0.0.0.0/0",
                                   "from_port": 0, "to_port": 0}])

if cfg.get_bool("flowLogs"):
    logs = aws.cloudwatch.LogGroup("team-flow", retention_in_days=365)
    role = aws.iam.Role("team-flow", assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                       "Action": "sts:AssumeRole"}]}))
    aws.ec2.FlowLog("team", vpc_id=vpc.id, traffic_type="ALL", log_destination=logs.arn, iam_role_arn=role.arn)

if cfg.get_bool("peerWithHub"):
    hub = pulumi.StackReference("acme/network/prod")
    peering = aws.ec2.VpcPeeringConnection("to-hub", vpc_id=vpc.id, peer_vpc_id=hub.require_output("vpcId"),
                                           auto_accept=True)
    for i, rt in enumerate(private_rts):
        aws.ec2.Route(f"private-{i}-hub", route_table_id=rt.id, destination_cidr_block=hub.require_output("vpcCidr"),
                      vpc_peering_connection_id=peering.id)

pulumi.export("vpcId", vpc.id)
pulumi.export("privateSubnetIds", [s.id for s in subnets["private"]])
pulumi.export("publicSubnetIds", [s.id for s in subnets["public"]])
