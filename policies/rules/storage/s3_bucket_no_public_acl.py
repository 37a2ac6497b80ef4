"""No bucket ACL grants access to everyone or to every AWS account."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.s3 import BUCKET_ACL_TYPES, BUCKET_TYPES

PUBLIC_CANNED_ACLS = ("public-read", "public-read-write", "authenticated-read")
PUBLIC_GROUPS = ("/groups/global/AllUsers", "/groups/global/AuthenticatedUsers")


def _grant_uris(resource: ResourceView) -> Iterator[tuple[str, Any]]:
    if resource.type in BUCKET_TYPES:
        for i, grant in enumerate(resource.get("grants") or ()):
            yield f"grants[{i}].uri", grant.get("uri")
        return
    policy = resource.get("accessControlPolicy") or {}
    for i, grant in enumerate(policy.get("grants") or ()):
        yield f"accessControlPolicy.grants[{i}].grantee.uri", (grant.get("grantee") or {}).get("uri")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    acl = resource.get("acl")
    if acl in PUBLIC_CANNED_ACLS:
        yield Violation(f"canned ACL {acl!r} opens the bucket beyond the account", "acl")
    for path, uri in _grant_uris(resource):
        if isinstance(uri, str) and uri.rstrip("/").endswith(PUBLIC_GROUPS):
            yield Violation(f"ACL grant to {uri}", path)


RULE = ResourceRule(
    id="s3_bucket_no_public_acl",
    title="S3 bucket ACLs do not grant access to AllUsers or AuthenticatedUsers",
    description=(
        "A public-read, public-read-write or authenticated-read ACL, or a grant to the AllUsers or "
        "AuthenticatedUsers group, lets anyone (or any AWS account) list, read or write the bucket. "
        "Checks inline acl/grants on Bucket and BucketV2 and both BucketAcl tokens."
    ),
    severity=Severity.CRITICAL,
    frameworks={
        "aws-fsbp": ("S3.2", "S3.3"),
        "cis-aws-5.0": ("2.1.4",),
        "cis-aws-3.0": ("2.1.4",),
        "seed": ("isolated-and-controlled", "data-encryption"),
    },
    remediation=(
        "Remove acl= / grants= (or the BucketAcl) and disable ACLs with aws.s3.BucketOwnershipControls("
        'rule=...(object_ownership="BucketOwnerEnforced")); grant access through the bucket policy.'
    ),
    resource_types=(*BUCKET_TYPES, *BUCKET_ACL_TYPES),
    evaluate=evaluate,
)
