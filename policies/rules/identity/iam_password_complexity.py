"""The account password policy requires all four character classes and expires passwords."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.iam import PASSWORD_POLICY

CLASSES = {
    "requireUppercaseCharacters": "uppercase letters",
    "requireLowercaseCharacters": "lowercase letters",
    "requireNumbers": "numbers",
    "requireSymbols": "symbols",
}


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for prop, what in CLASSES.items():
        if resource.get(prop) is not True:
            yield Violation(f"passwords need not contain {what}", prop)
    max_age = config["max_password_age"]
    if max_age:
        age = resource.get("maxPasswordAge")
        if age is None or float(age) <= 0:
            yield Violation(f"passwords never expire (at most {max_age} days required)", "maxPasswordAge")
        elif float(age) > max_age:
            yield Violation(f"passwords expire after {float(age):g} days, more than {max_age}", "maxPasswordAge")


RULE = ResourceRule(
    id="iam_password_complexity",
    title="The IAM password policy requires upper, lower, numbers and symbols, and expires passwords",
    description=(
        "Each required character class multiplies the search space of a console password; an expiry "
        "bounds how long a leaked password stays useful."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("IAM.7",), "seed": ("user-management",)},
    remediation=(
        "On aws.iam.AccountPasswordPolicy set require_uppercase_characters=True, "
        "require_lowercase_characters=True, require_numbers=True, require_symbols=True and "
        "max_password_age=90 (or the configured limit)."
    ),
    resource_types=(PASSWORD_POLICY,),
    config={"max_password_age": {
        "type": "integer", "default": 90, "minimum": 0,
        "description": "the longest acceptable password lifetime in days; 0 skips the expiry check "
                       "(NIST SP 800-63B advises against forced rotation when MFA is enforced)",
    }},
    evaluate=evaluate,
)
