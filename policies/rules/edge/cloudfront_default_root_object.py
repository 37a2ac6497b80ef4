"""CloudFront distributions with S3 origins name a default root object."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTIONS, is_s3_origin, origin_id, origins


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    s3 = [origin_id(o) for _, o in origins(resource) if is_s3_origin(o)]
    if s3 and not resource.get("defaultRootObject"):
        yield Violation(f"distribution serves S3 origin(s) {', '.join(s3)} but has no default root object, so a "
                        "request for / is passed to the bucket root", "defaultRootObject")


RULE = ResourceRule(
    id="cloudfront_default_root_object",
    title="CloudFront distributions with S3 origins have a default root object",
    description=(
        "Without a default root object a request for the distribution's root URL goes to the bucket root, "
        "which can list or expose content the site never meant to publish. Distributions with only custom "
        "origins are not judged, as in FSBP."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-and-controlled",), "aws-fsbp": ("CloudFront.1",)},
    remediation='Set default_root_object="index.html" (or your entry object) on the aws.cloudfront.Distribution.',
    resource_types=DISTRIBUTIONS,
    evaluate=evaluate,
)
