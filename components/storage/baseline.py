"""StorageBaseline: the keys of every purpose and the account guardrails, from one StorageSpec."""

from __future__ import annotations

import pulumi

from ..base import AccountContext, Tagging, logical_name, type_token
from .guardrails import AccountGuardrails
from .managed_key import ManagedKey
from .spec import KEY_PURPOSES, KeyPurpose, StorageSpec


class StorageBaseline(pulumi.ComponentResource):
    """Children: `<name>-<purpose>` ManagedKeys and `<name>-guardrails`."""

    keys: dict[KeyPurpose, ManagedKey]
    key_arns: dict[KeyPurpose, pulumi.Output[str]]
    guardrails: AccountGuardrails

    def __init__(
        self,
        name: str,
        spec: StorageSpec,
        *,
        account: AccountContext,
        tagging: Tagging,
        production: bool,
        protect: bool = True,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("storage", "StorageBaseline"), name, None, opts)
        # Production always protects, whatever the flags say (storage_issues also reports it).
        protected = (protect and spec.protect) or production
        self.keys = {
            purpose: ManagedKey(logical_name(name, purpose), spec.keys.of(purpose), purpose=purpose,
                                account=account, tagging=tagging, protect=protected,
                                opts=pulumi.ResourceOptions(parent=self))
            for purpose in KEY_PURPOSES
        }
        self.key_arns = {purpose: key.arn for purpose, key in self.keys.items()}
        self.guardrails = AccountGuardrails(
            logical_name(name, "guardrails"), data_key_arn=self.keys["data"].arn, account=account,
            opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({"keyArns": self.key_arns})
