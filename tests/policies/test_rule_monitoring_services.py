"""guardduty_enabled and securityhub_enabled: presence rules for the account's detective services."""

import pulumi_aws as aws
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def test_guardduty_needs_a_detector_and_fails_a_disabled_one_by_name() -> None:
    def enabled() -> None:
        aws.guardduty.Detector("ok-explicit", enable=True)
        aws.guardduty.Detector("ok-default")

    def suspended() -> None:
        aws.guardduty.Detector("ok-on")
        aws.guardduty.Detector("suspended", enable=False)

    def absent() -> None:
        aws.securityhub.Account("hub")

    assert evaluate_rule("guardduty_enabled", enabled) == set()
    found = violations("guardduty_enabled", run_function(suspended))
    assert set(found) == {"suspended"}
    assert [v.property for v in found["suspended"]] == ["enable"]
    assert evaluate_rule("guardduty_enabled", suspended, {"exemptions": ["susp*"]}) == set()
    assert evaluate_rule("guardduty_enabled", absent) == {"<stack>"}


def test_securityhub_needs_the_cspm_account() -> None:
    def enabled() -> None:
        aws.securityhub.Account("hub", enable_default_standards=False)

    def only_v2() -> None:
        aws.securityhub.AccountV2("unified")  # the unified Security Hub, not the CSPM CIS 4.16 checks
        aws.guardduty.Detector("detector")

    assert evaluate_rule("securityhub_enabled", enabled) == set()
    assert evaluate_rule("securityhub_enabled", only_v2) == {"<stack>"}
