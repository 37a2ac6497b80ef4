"""s3_bucket_tls_only, s3_bucket_policy_no_public_principal and s3_bucket_no_public_acl."""

import json
from typing import Any

import pulumi
import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

s3 = aws.s3
SECURE_TRANSPORT = {"Bool": {"aws:SecureTransport": "false"}}


def deny_http(arn: str, *, resources: list[str] | None = None, condition: Any = None, action: str = "s3:*",
              ) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyPlainHttp", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": action,
        "Resource": resources if resources is not None else [arn, f"{arn}/*"],
        "Condition": condition if condition is not None else SECURE_TRANSPORT,
    }]})


def tls_policy(name: str, bucket: s3.BucketV2 | s3.Bucket, **kwargs: Any) -> None:
    s3.BucketPolicy(name, bucket=bucket.id, policy=bucket.arn.apply(lambda arn: deny_http(arn, **kwargs)))


def test_tls_only() -> None:
    def program() -> None:
        tls_policy("ok-pol", s3.BucketV2("ok-split"))
        s3.Bucket("ok-inline", bucket="ok-inline-bucket", policy=deny_http("arn:aws:s3:::ok-inline-bucket"))
        tls_policy("star-pol", s3.BucketV2("ok-star-resource"), resources=["*"])
        tls_policy("bool-pol", s3.BucketV2("ok-boolean-false"),
                   condition={"Bool": {"aws:SecureTransport": False}})
        b = s3.BucketV2("objects-only")
        s3.BucketPolicy("objects-pol", bucket=b.id, policy=b.arn.apply(
            lambda arn: deny_http(arn, resources=[f"{arn}/*"])))
        tls_policy("true-pol", s3.BucketV2("wrong-condition"), condition={"Bool": {"aws:SecureTransport": "true"}})
        tls_policy("get-pol", s3.BucketV2("get-only"), action="s3:GetObject")
        other = s3.BucketV2("ok-other")
        tls_policy("ok-other-pol", other)
        mismatched = s3.BucketV2("names-another-bucket")
        s3.BucketPolicy("mismatch-pol", bucket=mismatched.id, policy=other.arn.apply(deny_http))
        s3.BucketV2("no-policy")

    assert evaluate_rule("s3_bucket_tls_only", program) == {
        "objects-only", "wrong-condition", "get-only", "names-another-bucket", "no-policy"
    }


def public_read(principal: Any, condition: dict[str, Any] | None = None, effect: str = "Allow",
                key: str = "Principal") -> str:
    statement: dict[str, Any] = {"Effect": effect, key: principal, "Action": "s3:GetObject",
                                 "Resource": "arn:aws:s3:::site/*"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def test_policy_no_public_principal() -> None:
    def program() -> None:
        pol = lambda name, doc: s3.BucketPolicy(name, bucket="site", policy=doc)  # noqa: E731
        pol("star", public_read("*"))
        pol("aws-star", public_read({"AWS": ["*"]}))
        pol("not-principal", public_read({"AWS": "arn:aws:iam::123456789012:root"}, key="NotPrincipal"))
        pol("ok-account", public_read({"AWS": "arn:aws:iam::123456789012:root"}))
        pol("ok-org", public_read("*", {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}))
        pol("ok-cloudfront", public_read({"Service": "cloudfront.amazonaws.com"},
                                         {"ArnLike": {"aws:SourceArn": "arn:aws:cloudfront::1:distribution/E1"}}))
        pol("ok-vpce", public_read("*", {"StringEquals": {"aws:SourceVpce": ["vpce-1"]}}))
        pol("ok-deny-star", public_read("*", effect="Deny"))
        pol("negated", public_read("*", {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}}))
        pol("if-exists", public_read("*", {"StringEqualsIfExists": {"aws:SourceAccount": "123456789012"}}))
        pol("wildcard-value", public_read("*", {"StringLike": {"aws:SourceArn": "*"}}))
        pol("ip-anywhere", public_read("*", {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}))
        pol("ok-ip-office", public_read("*", {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}))
        pol("unreadable", "{not json")
        s3.Bucket("inline-star", policy=public_read("*"))
        s3.BucketV2("inline-v2-star", policy=public_read("*"))
        s3.BucketV2("ok-no-policy")

    assert evaluate_rule("s3_bucket_policy_no_public_principal", program) == {
        "star", "aws-star", "not-principal", "negated", "if-exists", "wildcard-value", "ip-anywhere",
        "unreadable", "inline-star", "inline-v2-star",
    }
    # A team that trusts source-IP pins alone can drop the key; the office range then counts as public.
    keys = {"restricting_condition_keys": ["aws:PrincipalOrgID", "aws:SourceArn", "aws:SourceVpce"]}
    assert "ok-ip-office" in evaluate_rule("s3_bucket_policy_no_public_principal", program, keys)


def test_unknown_policy_during_preview_is_cannot_decide() -> None:
    def program() -> None:
        s3.BucketPolicy("pending", bucket="site", policy=unknown(public_read("*")))

    [only] = violations("s3_bucket_policy_no_public_principal", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: policy")


def test_no_public_acl() -> None:
    def program() -> None:
        all_users = "http://acs.amazonaws.com/groups/global/AllUsers"
        s3.Bucket("public-read", acl="public-read")
        s3.BucketV2("auth-read", acl="authenticated-read")
        s3.Bucket("ok-private", acl="private")
        s3.BucketV2("ok-log-delivery", acl="log-delivery-write")
        s3.Bucket("grant-all-users", grants=[s3.BucketGrantArgs(type="Group", uri=all_users, permissions=["READ"])])
        s3.BucketAcl("acl-public-rw", bucket="b", acl="public-read-write")
        s3.BucketAclV2("ok-acl-private", bucket="b", acl="private")
        grantee = pulumi.Output.from_input(all_users.replace("AllUsers", "AuthenticatedUsers"))
        s3.BucketAclV2("acl-grant-authenticated", bucket="b", access_control_policy=(
            s3.BucketAclV2AccessControlPolicyArgs(
                owner=s3.BucketAclV2AccessControlPolicyOwnerArgs(id="owner"),
                grants=[s3.BucketAclV2AccessControlPolicyGrantArgs(
                    permission="READ", grantee=s3.BucketAclV2AccessControlPolicyGrantGranteeArgs(
                        type="Group", uri=grantee))])))
        s3.BucketAcl("ok-acl-canonical", bucket="b", access_control_policy=s3.BucketAclAccessControlPolicyArgs(
            owner=s3.BucketAclAccessControlPolicyOwnerArgs(id="owner"),
            grants=[s3.BucketAclAccessControlPolicyGrantArgs(
                permission="FULL_CONTROL",
                grantee=s3.BucketAclAccessControlPolicyGrantGranteeArgs(type="CanonicalUser", id="owner"))]))

    assert evaluate_rule("s3_bucket_no_public_acl", program) == {
        "public-read", "auth-read", "grant-all-users", "acl-public-rw", "acl-grant-authenticated"
    }
    found = violations("s3_bucket_no_public_acl", run_function(program))
    assert [v.property for v in found["acl-grant-authenticated"]] == ["accessControlPolicy.grants[0].grantee.uri"]
    assert evaluate_rule("s3_bucket_no_public_acl", program, {"exemptions": ["*-read", "acl-*", "grant-*"]}) == set()
