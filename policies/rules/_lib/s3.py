"""S3 buckets and every resource that configures one: the join all bucket rules share.

A bucket's settings live inline (legacy ``Bucket`` args, ``BucketV2``'s list-shaped args) or on split
resources (``BucketVersioning`` and ``BucketVersioningV2``, ...). Pulumi's own compliance policies read
only the inline ``Bucket`` args, so a bucket configured through split resources is reported compliant
(or not) by accident. ``facts`` reads every shape, so a rule asks one question and never sees tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from ...framework import ResourceView, Rule, Severity, StackRule, StackView, UnknownValueError, Violation, judged

BUCKET = "aws:s3/bucket:Bucket"
BUCKET_V2 = "aws:s3/bucketV2:BucketV2"
BUCKET_TYPES = (BUCKET, BUCKET_V2)
ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"
BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy"
BUCKET_ACL_TYPES = ("aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2")

# Split resources per setting, every token pulumi_aws 7.x accepts (the V2 names are deprecated aliases
# that still register under their own token).
SPLIT_TYPES: dict[str, tuple[str, ...]] = {
    "encryption": (
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ),
    "versioning": ("aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"),
    "public_access_block": ("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",),
    "ownership": ("aws:s3/bucketOwnershipControls:BucketOwnershipControls",),
    "logging": ("aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"),
    "policy": (BUCKET_POLICY,),
    "acl": BUCKET_ACL_TYPES,
    "lifecycle": (
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    ),
}
SPLIT_TYPES["mfa_delete"] = SPLIT_TYPES["versioning"]
PUBLIC_ACCESS_FLAGS = ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")

_MISSING = object()


def _tolerant(props: Mapping[str, Any], key: str) -> Any:
    """``props[key]``, or ``_MISSING`` when it is unknown during preview (only for joins, never verdicts)."""
    try:
        return props.get(key)
    except UnknownValueError:
        return _MISSING


@dataclass(frozen=True)
class Fact:
    """One declared value of a setting: on the bucket itself or on a split resource."""

    source: ResourceView
    path: str
    value: Any

    @property
    def where(self) -> str:
        kind = self.source.type.rsplit(":", 1)[-1]
        return f"{kind} {self.source.name}: {self.path}"


@dataclass(frozen=True)
class S3Bucket:
    stack: StackView
    resource: ResourceView

    @property
    def name(self) -> str:
        return self.resource.name

    def physical_name(self) -> Any:
        """The bucket's name as ARNs spell it (raises during preview when it is not known yet)."""
        return self.resource.get("bucket") or self.resource.get("id")

    def configured_by(self, setting: str) -> list[ResourceView]:
        by_name, pending = _split_index(self.stack, setting)
        names = {_tolerant(self.resource.props, "bucket"), _tolerant(self.resource.props, "id")} - {_MISSING, None}
        found = {r.urn: r for name in names for r in by_name.get(name, ())}
        found.update({r.urn: r for r in pending if targets(self.stack, r, self.resource)})
        return list(found.values())


def _split_index(stack: StackView, setting: str) -> tuple[dict[str, list[ResourceView]], list[ResourceView]]:
    """Split resources of ``setting`` by the bucket name/id they name; those not known yet kept apart.

    A known ``bucket`` value joins exactly as ``targets`` would (by id or name); an unknown one needs
    the dependency record, so it is checked per bucket. Built once per stack: joins stay O(n).
    """
    key = ("s3-split", setting)
    if key not in stack.memo:
        by_name: dict[str, list[ResourceView]] = {}
        pending: list[ResourceView] = []
        for r in stack.of_type(*SPLIT_TYPES[setting]):
            value = _tolerant(r.props, "bucket")
            if isinstance(value, str) and not r.property_dependencies.get("bucket"):
                by_name.setdefault(value, []).append(r)
            else:
                pending.append(r)
        stack.memo[key] = (by_name, pending)
    result: tuple[dict[str, list[ResourceView]], list[ResourceView]] = stack.memo[key]
    return result


def targets(stack: StackView, source: ResourceView, bucket: ResourceView, prop: str = "bucket") -> bool:
    """``source.<prop>`` names ``bucket``: by id or dependency (``refers_to``), or by the bucket's name."""
    if stack.refers_to(source, prop, bucket):
        return True
    value = _tolerant(source.props, prop)
    names = {_tolerant(bucket.props, "bucket"), _tolerant(bucket.props, "id")} - {_MISSING, None}
    return isinstance(value, str) and value in names


def buckets(stack: StackView) -> list[S3Bucket]:
    return [S3Bucket(stack, r) for r in stack.of_type(*BUCKET_TYPES)]


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [value]
    return list(value)


def _status(enabled: Any) -> str:
    return "Enabled" if enabled is True else "Disabled"


def _inline(bucket: ResourceView, setting: str) -> Iterator[Fact]:
    """Facts from the bucket's own args: ``Bucket`` uses objects, ``BucketV2`` lists of them."""
    p = bucket.props
    if setting == "encryption":
        for key, rule_key, default_key in (
            ("serverSideEncryptionConfiguration", "rule", "applyServerSideEncryptionByDefault"),
            ("serverSideEncryptionConfigurations", "rules", "applyServerSideEncryptionByDefaults"),
        ):
            for where, config in _entries(p, key):
                yield from _sse_rules(bucket, where, config, rule_key, default_key)
    elif setting in ("versioning", "mfa_delete"):
        field = "enabled" if setting == "versioning" else "mfaDelete"  # booleans inline
        for key in ("versioning", "versionings"):
            for path, entry in _entries(p, key):
                yield Fact(bucket, f"{path}.{field}", _status(entry.get(field)))
    elif setting == "logging":
        for key in ("logging", "loggings"):
            for path, entry in _entries(p, key):
                yield Fact(bucket, f"{path}.targetBucket", entry.get("targetBucket"))
    elif setting == "policy" and p.get("policy"):
        yield Fact(bucket, "policy", p.get("policy"))
    elif setting == "lifecycle":
        for path, entry in _entries(p, "lifecycleRules"):
            yield Fact(bucket, f"{path}.enabled", _status(entry.get("enabled")))


def _entries(props: Mapping[str, Any], key: str) -> Iterator[tuple[str, Any]]:
    value = props.get(key)
    if isinstance(value, Mapping):
        yield key, value
    else:
        for i, entry in enumerate(_items(value)):
            yield f"{key}[{i}]", entry


def _sse_rules(source: ResourceView, where: str, config: Any, rule_key: str, default_key: str
               ) -> Iterator[Fact]:
    for rule_path, rule in _entries(config, rule_key):
        defaults = list(_entries(rule, default_key))
        if not defaults:
            yield Fact(source, f"{where}.{rule_path}.{default_key}", None)
        for default_path, default in defaults:
            yield Fact(source, f"{where}.{rule_path}.{default_path}.sseAlgorithm", default.get("sseAlgorithm"))


def _split(resource: ResourceView, setting: str) -> Iterator[Fact]:
    p = resource.props
    if setting == "encryption":
        for rule_path, rule in _entries(p, "rules"):
            default = rule.get("applyServerSideEncryptionByDefault")
            path = f"{rule_path}.applyServerSideEncryptionByDefault"
            yield Fact(resource, f"{path}.sseAlgorithm" if default else path,
                       default.get("sseAlgorithm") if default else None)
    elif setting in ("versioning", "mfa_delete"):
        field = "status" if setting == "versioning" else "mfaDelete"
        config = p.get("versioningConfiguration") or {}
        yield Fact(resource, f"versioningConfiguration.{field}", config.get(field))
    elif setting == "public_access_block":
        for flag in PUBLIC_ACCESS_FLAGS:
            yield Fact(resource, flag, p.get(flag))
    elif setting == "ownership":
        yield Fact(resource, "rule.objectOwnership", (p.get("rule") or {}).get("objectOwnership"))
    elif setting == "logging":
        yield Fact(resource, "targetBucket", p.get("targetBucket"))
    elif setting == "policy":
        yield Fact(resource, "policy", p.get("policy"))
    elif setting == "lifecycle":
        for path, rule in _entries(p, "rules"):
            yield Fact(resource, f"{path}.status", rule.get("status"))


def facts(bucket: S3Bucket, setting: str) -> list[Fact]:
    """Every declared value of ``setting`` for ``bucket``: inline args, then each split resource.

    Settings: encryption (sseAlgorithm per default rule, None when a rule sets none), versioning and
    mfa_delete ("Enabled" / "Suspended" / "Disabled"), public_access_block (one fact per flag),
    ownership (objectOwnership), logging (targetBucket), policy (the document), lifecycle (rule status).
    Values unknown during preview raise, so a rule reading them cannot pass silently.
    """
    found = list(_inline(bucket.resource, setting))
    for resource in bucket.configured_by(setting):
        found.extend(_split(resource, setting))
    return found


def decided(bucket: S3Bucket, found: Callable[[], Iterable[Violation]]) -> Iterator[Violation]:
    """The bucket's violations, pinned to its URN; a preview-unknown value is 'cannot decide' for this
    bucket alone, so one pending bucket does not hide the verdicts on the others."""
    yield from judged(found, bucket.resource.urn)


BucketCheck = Callable[[S3Bucket, Mapping[str, Any]], Iterable[Violation]]


def bucket_rule(rule_id: str, check: BucketCheck, *, title: str, description: str, severity: Severity,
                frameworks: dict[str, tuple[str, ...]], remediation: str,
                config: dict[str, dict[str, Any]] | None = None) -> Rule:
    """A stack rule that runs ``check`` on every bucket (Bucket and BucketV2) with its split resources."""

    def evaluate(stack: StackView, cfg: Mapping[str, Any]) -> Iterator[Violation]:
        for bucket in buckets(stack):
            yield from decided(bucket, partial(check, bucket, cfg))

    return StackRule(id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
                remediation=remediation, config=config or {}, evaluate=evaluate)
