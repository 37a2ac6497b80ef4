"""The base of every config model: strict, frozen, camelCase in YAML, every field described."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class Spec(BaseModel):
    """Frozen, unknown keys rejected (typos surface as errors), YAML keys in camelCase."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=to_camel,
        populate_by_name=True,
        str_strip_whitespace=True,
    )


NAME_PATTERN = r"^[a-z][a-z0-9-]{0,22}[a-z0-9]$|^[a-z]$"
NAME_RE = re.compile(NAME_PATTERN)


#: CloudWatch Logs accepts only these retention values.
LOG_RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
)
ACM_ARN_RE = re.compile(r"^arn:aws(-[a-z]+)*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate/[0-9a-f-]{36}$")


def check_retention(value: int) -> int:
    if value not in LOG_RETENTION_DAYS:
        raise ValueError(f"{value} is not a CloudWatch retention value; use one of {LOG_RETENTION_DAYS}")
    return value


def check_acm_arn(value: str) -> str:
    if not ACM_ARN_RE.match(value):
        raise ValueError(f"{value!r} is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)")
    return value


#: A log group retention in days, one of the values CloudWatch accepts.
RetentionDays = Annotated[int, AfterValidator(check_retention)]
#: An ACM certificate ARN.
AcmArn = Annotated[str, AfterValidator(check_acm_arn)]
