"""CodeBuild source repository URLs carry no credentials (CodeBuild.1)."""

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from ...framework import ResourceRule, ResourceView, Severity, Violation


def _userinfo(location: Any) -> str | None:
    """The user[:secret] part of an http(s) URL, or None."""
    if not isinstance(location, str) or "://" not in location:
        return None
    parts = urlsplit(location.strip())
    if parts.scheme.lower() not in ("http", "https") or "@" not in parts.netloc:
        return None
    return parts.netloc.rsplit("@", 1)[0]


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    sources = [("source", resource.get("source") or {})]
    sources += [(f"secondarySources[{i}]", s) for i, s in enumerate(resource.get("secondarySources") or [])]
    for path, source in sources:
        userinfo = _userinfo(source.get("location"))
        if userinfo is not None:
            kind = "a user name and password" if ":" in userinfo else "a user name or access token"
            yield Violation(f"{path}.location embeds {kind} before the host: the credential is readable by "
                            "anyone who can read the project, its state or CloudTrail", f"{path}.location")


RULE = ResourceRule(
    id="codebuild_source_url_no_credentials",
    title="CodeBuild source repository URLs do not contain credentials",
    description=(
        "A Bitbucket or GitHub URL such as https://user:token@bitbucket.org/team/repo.git stores the "
        "credential in clear text in the project definition, Pulumi state and CloudTrail. Checks the "
        "primary source and every secondary source."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("CodeBuild.1",), "seed": ("secure-access",)},
    remediation=(
        "Remove the user:token@ part of location= and authorize the provider through an "
        "aws.codebuild.SourceCredential or a CodeConnections connection (source auth); rotate the exposed token."
    ),
    resource_types=("aws:codebuild/project:Project",),
    evaluate=evaluate,
)
