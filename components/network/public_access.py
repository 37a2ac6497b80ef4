"""PublicAccessExclusions: the VPC Block Public Access exclusions of the subnets that must meet the internet.

An organization's declarative EC2 policy (`lz-ec2-baseline`) turns VPC Block Public Access on in
every member account: `block_ingress` by default, `block_bidirectional` if the organization asks,
with exclusions allowed. Under `block_ingress` an internet-facing load balancer in a public subnet
receives nothing from its internet gateway; under `block_bidirectional` a NAT gateway sends nothing
out either. So a member environment excludes exactly its public subnets, per purpose:

- `allow-bidirectional` for the subnets of the ingress edge (the public ALB lives there);
- `allow-egress` for the other public subnets (NAT gateways only: outbound, never inbound).

AWS accepts exclusions while BPA is off, so they are made whatever the organization's mode is, and
turning BPA on later disrupts nothing. Private tiers are never excluded: BPA stays their backstop.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, get_args

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment

ExclusionMode = Literal["allow-bidirectional", "allow-egress"]
MODES: tuple[ExclusionMode, ...] = get_args(ExclusionMode)


class PublicAccessExclusions(pulumi.ComponentResource):
    """One `aws.ec2.VpcBlockPublicAccessExclusion` per subnet, named `<name>-<group>-az<n>`.

    `subnets` maps a group name (say `edge-public`) to its exclusion mode and subnet ids, in AZ order.
    """

    exclusion_ids: dict[str, list[pulumi.Output[str]]]

    def __init__(
        self,
        name: str,
        *,
        env: Environment,
        subnets: Mapping[str, tuple[ExclusionMode, Sequence[pulumi.Input[str]]]],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        bad = {group: mode for group, (mode, _) in subnets.items() if mode not in MODES}
        if bad:
            raise ValueError(f"PublicAccessExclusions {name}: unknown exclusion mode for "
                             + ", ".join(f"{g!r}: {m!r}" for g, m in bad.items()) + f" (one of {', '.join(MODES)})")
        super().__init__(type_token("network", "PublicAccessExclusions"), name, None, env.options(opts))
        self.exclusion_ids = {}
        for group, (mode, ids) in subnets.items():
            self.exclusion_ids[group] = []
            for i, subnet_id in enumerate(ids):
                each = logical_name(name, group, f"az{i}")
                self.exclusion_ids[group].append(aws.ec2.VpcBlockPublicAccessExclusion(
                    each, internet_gateway_exclusion_mode=mode, subnet_id=subnet_id,
                    tags=env.tagging.name(each), opts=child(self)).id)
        self.register_outputs({"exclusionIds": self.exclusion_ids})
