"""Lambda functions use a runtime Lambda still supports (FSBP Lambda.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.serverless import FUNCTION

# Runtimes whose Lambda deprecation date had passed by December 2026 (AWS Lambda "Runtime deprecation
# policy" tables; dotnet8 on 10 Nov 2026, ruby3.2 on 31 Mar 2026, nodejs20.x on 30 Apr 2026,
# python3.9 on 15 Dec 2025, nodejs18.x on 1 Sep 2025). Extend through config as AWS deprecates more.
DEPRECATED = [
    "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x",
    "nodejs14.x", "nodejs16.x", "nodejs18.x", "nodejs20.x",
    "python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
    "ruby2.5", "ruby2.7", "ruby3.2",
    "java8", "go1.x", "provided",
    "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet6", "dotnet7", "dotnet8",
]


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if str(resource.get("packageType") or "Zip") == "Image":
        return  # the image carries its own runtime; FSBP Lambda.2 skips container-image functions too
    runtime = resource.get("runtime")
    if runtime is not None and str(runtime) in set(config["deprecated_runtimes"]):
        yield Violation(f"runtime {runtime!r} is deprecated: Lambda no longer patches it; the rule demands a "
                        "supported runtime", "runtime")


RULE = ResourceRule(
    id="lambda_supported_runtime",
    title="Lambda functions use supported runtimes",
    description=(
        "A deprecated runtime gets no more security patches for its language runtime or OS, and Lambda "
        "eventually blocks updates to functions that use it. Zip-packaged functions are checked against "
        "the deprecated-runtime list (config); container-image functions are skipped."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Lambda.2",), "seed": ("frequent-updates",)},
    remediation='Set runtime= a supported identifier (e.g. "python3.13", "nodejs22.x", "java21", "dotnet10", '
                '"ruby3.4", "provided.al2023") on aws.lambda_.Function and test the code against it.',
    resource_types=(FUNCTION,),
    config={"deprecated_runtimes": {"type": "array", "items": {"type": "string"}, "default": DEPRECATED,
                                    "description": "runtime identifiers past their Lambda deprecation date"}},
    evaluate=evaluate,
)
