"""The Environment every single-component test builds with (one account, one region)."""

from __future__ import annotations

from components.base import AccountContext, Tagging
from components.environment import Environment

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")


def env_of(tagging: Tagging, *, production: bool = False, protect: bool = True,
           account: AccountContext = ACCOUNT) -> Environment:
    return Environment(tagging.environment, account, tagging, production, protect)


def environment(name: str = "dev", *, production: bool = False, protect: bool = True,
                extra: dict[str, str] | None = None) -> Environment:
    return env_of(Tagging(name, "platform", "internal", dict(extra or {})), production=production, protect=protect)
