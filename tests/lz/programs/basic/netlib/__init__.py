"""A program-local package: the engine must purge it between runs of different programs."""

import pulumi
import pulumi_aws as aws


class Island(pulumi.ComponentResource):
    def __init__(self, name: str, cidr: str, azs: list[str], opts: pulumi.ResourceOptions | None = None):
        super().__init__("test:network:Island", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.vpc = aws.ec2.Vpc(
            f"{name}-vpc", cidr_block=cidr, enable_dns_hostnames=True, enable_dns_support=True,
            tags={"Name": name}, opts=child,
        )
        base = cidr.split(".")
        self.subnets = []
        for i, az in enumerate(azs):
            for j, tier in enumerate(["public", "private"]):
                self.subnets.append(aws.ec2.Subnet(
                    f"{name}-{tier}-{i}", vpc_id=self.vpc.id, availability_zone=az,
                    cidr_block=f"{base[0]}.{base[1]}.{i * 2 + j}.0/24",
                    tags={"tier": tier, "Name": f"{name}-{tier}-{az}"}, opts=child,
                ))
        self.register_outputs({"vpcId": self.vpc.id})
