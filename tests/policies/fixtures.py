"""Small builders for fixture programs (real pulumi_aws declarations, nothing hand-typed)."""

from __future__ import annotations

import asyncio
from typing import Any

import pulumi
import pulumi_aws as aws


def unknown(value: Any) -> pulumi.Output[Any]:
    """An Output whose value is unknown during preview, as a not-yet-created resource's id would be."""
    loop = asyncio.get_event_loop()
    known: asyncio.Future[bool] = loop.create_future()
    known.set_result(False)
    val: asyncio.Future[Any] = loop.create_future()
    val.set_result(value)
    return pulumi.Output(set(), val, known)


def sg_ingress(name: str, protocol: str, from_port: int, to_port: int, *, v4: list[str] | None = None,
               v6: list[str] | None = None, description: str | None = "fixture") -> aws.ec2.SecurityGroup:
    return aws.ec2.SecurityGroup(
        name,
        ingress=[
            aws.ec2.SecurityGroupIngressArgs(protocol=protocol, from_port=from_port, to_port=to_port,
                                             cidr_blocks=v4, ipv6_cidr_blocks=v6, description=description)
        ],
    )
