"""Instances and launch specifications require IMDSv2 session tokens (CIS 5.6)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import COMPUTE_TYPES, from_launch_template


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    options = resource.get("metadataOptions")
    if not options:
        if not from_launch_template(resource):
            yield Violation("metadataOptions is not set, so AWS allows IMDSv1 (httpTokens defaults to optional)",
                            "metadataOptions.httpTokens")
        return
    tokens = options.get("httpTokens")
    if tokens != "required":
        shown = "not set (AWS default: optional)" if tokens is None else repr(tokens)
        yield Violation(f"httpTokens is {shown}, so IMDSv1 requests without a session token are answered",
                        "metadataOptions.httpTokens")
    hops = options.get("httpPutResponseHopLimit")
    if hops is not None and float(hops) > config["max_hop_limit"]:
        yield Violation(f"httpPutResponseHopLimit {float(hops):g} exceeds {config['max_hop_limit']}: "
                        "containers further away can fetch the instance's credentials",
                        "metadataOptions.httpPutResponseHopLimit")


RULE = ResourceRule(
    id="ec2_imdsv2_required",
    title="EC2 instances, launch templates and launch configurations require IMDSv2",
    description=(
        "IMDSv1 answers any GET, so an SSRF bug or an open proxy on the host hands out the instance "
        "role's credentials. IMDSv2 needs a PUT-issued session token whose hop limit keeps it on the "
        "host. AWS defaults httpTokens to optional, so leaving metadata options out is a violation. "
        "An instance launched from a launch template inherits what it leaves out; the template is "
        "checked itself."
    ),
    severity=Severity.HIGH,
    frameworks={
        "aws-fsbp": ("EC2.8",),
        "cis-aws-5.0": ("5.7",),
        "cis-aws-3.0": ("5.6",),
        "seed": ("intrusion-detection",),
    },
    remediation=(
        'Set metadata_options={"http_tokens": "required", "http_put_response_hop_limit": 1} '
        "(2 for containers on the host) on the Instance, LaunchTemplate, LaunchConfiguration or "
        "SpotInstanceRequest."
    ),
    resource_types=COMPUTE_TYPES,
    config={"max_hop_limit": {"type": "integer", "default": 2, "minimum": 1, "maximum": 64,
                              "description": "highest httpPutResponseHopLimit accepted (2 lets one "
                                             "container hop reach IMDS)"}},
    evaluate=evaluate,
)
