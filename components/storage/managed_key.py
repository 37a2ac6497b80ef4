"""ManagedKey: one purpose's KMS customer managed key, its alias and least-privilege key policy."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .documents import key_policy
from .plan import key_alias
from .spec import KeyPurpose, KeySpec


class ManagedKey(pulumi.ComponentResource):
    """Children: `<name>-key` (protected unless relaxed) and `<name>-alias`."""

    key: aws.kms.Key
    alias: aws.kms.Alias
    arn: pulumi.Output[str]
    key_id: pulumi.Output[str]
    alias_name: str

    def __init__(
        self,
        name: str,
        spec: KeySpec,
        *,
        env: Environment,
        purpose: KeyPurpose,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging, protect = env.account, env.tagging, env.protect
        super().__init__(type_token("storage", "ManagedKey"), name, None, env.options(opts))
        self.alias_name = key_alias(tagging.environment, purpose)
        self.key = aws.kms.Key(
            logical_name(name, "key"),
            description=f"Landing zone {tagging.environment}: {purpose} key",
            key_usage="ENCRYPT_DECRYPT", customer_master_key_spec="SYMMETRIC_DEFAULT",
            enable_key_rotation=True, rotation_period_in_days=spec.rotation_period_days,
            deletion_window_in_days=spec.deletion_window_days,
            policy=json.dumps(key_policy(purpose, account)),
            tags=tagging.name(logical_name(tagging.environment, purpose, "key"), purpose=purpose),
            opts=child(self, protect=protect),
        )
        self.alias = aws.kms.Alias(
            logical_name(name, "alias"), name=self.alias_name, target_key_id=self.key.key_id, opts=child(self))
        self.arn = self.key.arn
        self.key_id = self.key.key_id
        self.register_outputs({"arn": self.arn, "keyId": self.key_id, "alias": self.alias_name})
