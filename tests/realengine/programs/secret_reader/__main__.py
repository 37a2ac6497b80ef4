"""Reads a `secure:` config value: it must arrive decrypted and never land in state in plain text."""

import hashlib

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
password = cfg.require_secret("dbPassword")
aws.ssm.Parameter("db-password", type="SecureString", value=password)
# The digest is not secret: it proves the program saw the decrypted value.
digest = password.apply(lambda p: hashlib.sha256(p.encode()).hexdigest())
pulumi.export("passwordSha256", pulumi.Output.unsecret(digest))
pulumi.export("password", password)
