"""Security Hub (CSPM) is enabled (CIS 4.16; a presence rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation

# Only the CSPM account: securityhub/accountV2 enables the unified Security Hub, a different
# service that does not run the CIS standard CIS 4.16 asks for.
ACCOUNT = "aws:securityhub/account:Account"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not stack.of_type(ACCOUNT):
        yield Violation("the stack does not enable Security Hub (no aws.securityhub.Account)")


RULE = StackRule(
    id="securityhub_enabled",
    title="Security Hub is enabled",
    description=("Security Hub gathers GuardDuty, Config and Inspector findings and scores the account "
                 "against the CIS and AWS Foundational standards: the one place to look."),
    severity=Severity.MEDIUM,
    frameworks={"cis-aws-5.0": ("4.16",), "cis-aws-3.0": ("4.16",), "seed": ("one-spot-monitoring",)},
    remediation=("Declare aws.securityhub.Account(enable_default_standards=False) plus "
                 "aws.securityhub.StandardsSubscription for the CIS and AWS Foundational standards in the "
                 "account-baseline stack."),
    evaluate=evaluate,
)
