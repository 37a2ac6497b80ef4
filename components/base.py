"""Shared anatomy of every landing-zone component: type tokens, logical names, tags, child options.

Logical names are an identity contract: Pulumi keys state by them, so renaming one replaces the
resource. They come from `logical_name` only, and tests pin them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi

TYPE_PREFIX = "lz"
MANAGED_BY = "pulumi-landing-zone"


def type_token(domain: str, name: str) -> str:
    """`lz:<domain>:<Name>`, the token every component registers under."""
    return f"{TYPE_PREFIX}:{domain}:{name}"


def logical_name(*parts: str | int) -> str:
    """Join name parts with '-' (the one naming function; resource names are a public contract)."""
    return "-".join(str(p) for p in parts if str(p) != "")


@dataclass(frozen=True)
class Tagging:
    """The tags every taggable resource carries, merged once here."""

    environment: str
    owner: str
    data_classification: str
    extra: Mapping[str, str]

    def base(self) -> dict[str, str]:
        return {
            **dict(self.extra),
            "environment": self.environment,
            "owner": self.owner,
            "data-classification": self.data_classification,
            "managed-by": MANAGED_BY,
        }

    def of(self, name: str, **extra: str) -> dict[str, str]:
        """The full tag set (base, Name, extras) for tags nested in a resource (launch-template specs)."""
        return {**self.base(), "Name": name, **extra}

    def name(self, name: str, **extra: str) -> dict[str, str]:
        """A resource's own tags: its Name and extras; `Environment`'s transformation adds the base set."""
        return {"Name": name, **extra}


@dataclass(frozen=True)
class AccountContext:
    """Where the landing zone is deployed, resolved once by the composition (plain values)."""

    account_id: str
    region: str
    partition: str = "aws"

    @property
    def root_arn(self) -> str:
        return f"arn:{self.partition}:iam::{self.account_id}:root"


def child(parent: pulumi.Resource, **kwargs: object) -> pulumi.ResourceOptions:
    """Options for a child resource: always parented, anything else passed through."""
    return pulumi.ResourceOptions(parent=parent, **kwargs)  # type: ignore[arg-type]
