"""AccountGuardrails: account-wide defaults that protect resources nobody remembered to configure."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment


class AccountGuardrails(pulumi.ComponentResource):
    """EBS encryption by default with the data CMK (CIS 2.2.1) and the account S3 public access block."""

    def __init__(
        self,
        name: str,
        *,
        env: Environment,
        data_key_arn: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account = env.account
        super().__init__(type_token("storage", "AccountGuardrails"), name, None, env.options(opts))
        self.ebs_encryption = aws.ebs.EncryptionByDefault(
            logical_name(name, "ebs-encryption-by-default"), enabled=True, opts=child(self))
        aws.ebs.DefaultKmsKey(logical_name(name, "ebs-default-key"), key_arn=data_key_arn,
                              opts=child(self, depends_on=[self.ebs_encryption]))
        self.public_access_block = aws.s3.AccountPublicAccessBlock(
            logical_name(name, "s3-public-access-block"), account_id=account.account_id,
            block_public_acls=True, block_public_policy=True, ignore_public_acls=True,
            restrict_public_buckets=True, opts=child(self))
        self.register_outputs({})
