"""StorageBaseline: the keys of every purpose and the account guardrails, from one StorageSpec."""

from __future__ import annotations

import pulumi

from ..base import logical_name, type_token
from ..environment import Environment
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
        env: Environment,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("storage", "StorageBaseline"), name, None, env.options(opts))
        self.keys = {
            purpose: ManagedKey(logical_name(name, purpose), spec.keys.of(purpose), purpose=purpose,
                                env=env, opts=pulumi.ResourceOptions(parent=self))
            for purpose in KEY_PURPOSES
        }
        self.key_arns = {purpose: key.arn for purpose, key in self.keys.items()}
        self.guardrails = AccountGuardrails(
            logical_name(name, "guardrails"), env=env, data_key_arn=self.keys["data"].arn,
            opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({"keyArns": self.key_arns})
