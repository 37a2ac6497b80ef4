"""Environment: where and how every component deploys, resolved once by the caller.

Every component takes `env: Environment` (the one contract:
`Component(name, spec, *, env, <Input references>, opts=None)`). It holds the plain values a
component needs before it can register anything: the account and region (for ARNs and policy
documents), the tagging, whether the rules of production apply, and whether evidence is protected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .base import AccountContext, Tagging


@dataclass(frozen=True)
class Environment:
    """The account, region, tags, production flag and protection of one deployment (plain values)."""

    name: str
    account: AccountContext
    tagging: Tagging
    production: bool = False
    protect: bool = True

    @property
    def region(self) -> str:
        return self.account.region

    @property
    def account_id(self) -> str:
        return self.account.account_id

    @property
    def partition(self) -> str:
        return self.account.partition

    @classmethod
    def resolve(
        cls,
        name: str,
        *,
        owner: str,
        data_classification: str = "internal",
        extra_tags: Mapping[str, str] | None = None,
        production: bool | None = None,
        protect: bool | None = None,
    ) -> Environment:
        """Resolve account, region and partition from the default provider (for programs of your own).

        `production` defaults to names starting with "prod"; `protect` defaults to True and may only be
        turned off outside production.
        """
        from .landing_zone import resolve_account

        prod = name.startswith("prod") if production is None else production
        guarded = True if protect is None else protect
        if prod and not guarded:
            raise ValueError(f"Environment {name!r}: production environments must protect keys and evidence")
        tags = dict(extra_tags or {})
        return cls(name, resolve_account(), Tagging(name, owner, data_classification, tags), prod, guarded)
