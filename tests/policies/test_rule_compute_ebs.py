"""ebs_volume_encrypted (resource rule) and ebs_encryption_by_default (presence stack rule)."""

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def test_volume_encrypted() -> None:
    def program() -> None:
        aws.ebs.Volume("ok-encrypted", availability_zone="us-east-1a", size=8, encrypted=True,
                       kms_key_id="arn:aws:kms:us-east-1:123456789012:key/ebs")
        aws.ebs.Volume("implicit", availability_zone="us-east-1a", size=8)
        aws.ebs.Volume("plain", availability_zone="us-east-1a", size=8, encrypted=False)

    graph = run_function(program)
    assert set(violations("ebs_volume_encrypted", graph)) == {"implicit", "plain"}
    assert set(violations("ebs_volume_encrypted", graph, {"trust_encryption_by_default": True})) == {"plain"}
    assert set(violations("ebs_volume_encrypted", graph, {"exemptions": ["pl*"]})) == {"implicit"}


def test_encryption_by_default_present_and_on() -> None:
    def on() -> None:
        aws.ebs.EncryptionByDefault("ebs-default", enabled=True)

    def implicit_on() -> None:  # `enabled` defaults to true
        aws.ebs.EncryptionByDefault("ebs-default")

    def off() -> None:
        aws.ebs.EncryptionByDefault("ebs-default-off", enabled=False)

    def absent() -> None:
        aws.ebs.Volume("ok-encrypted", availability_zone="us-east-1a", size=8, encrypted=True)

    assert evaluate_rule("ebs_encryption_by_default", on) == set()
    assert evaluate_rule("ebs_encryption_by_default", implicit_on) == set()
    assert evaluate_rule("ebs_encryption_by_default", off) == {"ebs-default-off"}
    assert evaluate_rule("ebs_encryption_by_default", absent) == {"<stack>"}
    [missing] = violations("ebs_encryption_by_default", run_function(absent))["<stack>"]
    assert "no aws.ebs.EncryptionByDefault" in missing.message


def test_encryption_by_default_unknown_is_cannot_decide_for_that_resource() -> None:
    def program() -> None:
        aws.ebs.EncryptionByDefault("pending", enabled=unknown(False))

    [only] = violations("ebs_encryption_by_default", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: enabled")
