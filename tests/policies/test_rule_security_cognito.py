"""cognito_threat_protection_enforced, cognito_threat_protection_custom_auth,
cognito_identity_pool_no_unauthenticated, cognito_user_pool_password_policy, cognito_user_pool_mfa_enabled,
cognito_user_pool_deletion_protection."""

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

ENFORCED = aws.cognito.UserPoolUserPoolAddOnsArgs(advanced_security_mode="ENFORCED")


def test_threat_protection_standard_and_custom_auth_one_finding_per_defect() -> None:
    def program() -> None:
        aws.cognito.UserPool("ok-full", user_pool_add_ons=aws.cognito.UserPoolUserPoolAddOnsArgs(
            advanced_security_mode="ENFORCED",
            advanced_security_additional_flows=aws.cognito.UserPoolUserPoolAddOnsAdvancedSecurityAdditionalFlowsArgs(
                custom_auth_mode="ENFORCED")))
        aws.cognito.UserPool("default")
        aws.cognito.UserPool("audit", user_pool_add_ons=aws.cognito.UserPoolUserPoolAddOnsArgs(
            advanced_security_mode="AUDIT"))
        aws.cognito.UserPool("standard-only", user_pool_add_ons=ENFORCED)

    graph = run_function(program)
    standard = violations("cognito_threat_protection_enforced", graph)
    assert set(standard) == {"default", "audit"}
    assert standard["default"][0].property == "userPoolAddOns.advancedSecurityMode"
    assert "'OFF'" in standard["default"][0].message
    assert set(violations("cognito_threat_protection_enforced", graph, {"accept_audit": True})) == {"default"}
    custom = violations("cognito_threat_protection_custom_auth", graph)
    assert set(custom) == {"standard-only"}
    assert "custom_auth_mode is None" in custom["standard-only"][0].message


def test_identity_pool_no_unauthenticated() -> None:
    def program() -> None:
        aws.cognito.IdentityPool("ok-default", identity_pool_name="a")
        aws.cognito.IdentityPool("ok-off", identity_pool_name="b", allow_unauthenticated_identities=False)
        aws.cognito.IdentityPool("guests", identity_pool_name="c", allow_unauthenticated_identities=True)

    found = violations("cognito_identity_pool_no_unauthenticated", run_function(program))
    assert set(found) == {"guests"}
    assert found["guests"][0].property == "allowUnauthenticatedIdentities"


def test_password_policy() -> None:
    strong = dict(minimum_length=14, require_lowercase=True, require_uppercase=True, require_numbers=True,
                  require_symbols=True, temporary_password_validity_days=7)

    def program() -> None:
        aws.cognito.UserPool("ok-aws-default")
        aws.cognito.UserPool("ok-strong", password_policy=aws.cognito.UserPoolPasswordPolicyArgs(**strong))
        aws.cognito.UserPool("short", password_policy=aws.cognito.UserPoolPasswordPolicyArgs(
            **{**strong, "minimum_length": 6}))
        aws.cognito.UserPool("length-only", password_policy=aws.cognito.UserPoolPasswordPolicyArgs(minimum_length=12))
        aws.cognito.UserPool("long-temporary", password_policy=aws.cognito.UserPoolPasswordPolicyArgs(
            **{**strong, "temporary_password_validity_days": 30}))

    graph = run_function(program)
    found = violations("cognito_user_pool_password_policy", graph)
    assert set(found) == {"short", "length-only", "long-temporary"}
    assert [v.property for v in found["length-only"]] == [
        "passwordPolicy.requireLowercase", "passwordPolicy.requireUppercase", "passwordPolicy.requireNumbers",
        "passwordPolicy.requireSymbols"]
    assert found["short"][0].message == "minimum_length is 6, below 8"
    assert set(violations("cognito_user_pool_password_policy", graph, {"min_length": 16})) == {
        "ok-strong", "short", "length-only", "long-temporary"}


def test_mfa_enabled_for_password_pools() -> None:
    def program() -> None:
        aws.cognito.UserPool("ok-on", mfa_configuration="ON", software_token_mfa_configuration=(
            aws.cognito.UserPoolSoftwareTokenMfaConfigurationArgs(enabled=True)))
        aws.cognito.UserPool("ok-passwordless", sign_in_policy=aws.cognito.UserPoolSignInPolicyArgs(
            allowed_first_auth_factors=["PASSWORD", "WEB_AUTHN"]))
        aws.cognito.UserPool("default")
        aws.cognito.UserPool("optional", mfa_configuration="OPTIONAL")
        aws.cognito.UserPool("password-only", sign_in_policy=aws.cognito.UserPoolSignInPolicyArgs(
            allowed_first_auth_factors=["PASSWORD"]))

    graph = run_function(program)
    found = violations("cognito_user_pool_mfa_enabled", graph)
    assert set(found) == {"default", "optional", "password-only"}
    assert found["optional"][0].message == "mfa_configuration is 'OPTIONAL'; ON required"
    assert set(violations("cognito_user_pool_mfa_enabled", graph, {"accept_optional": True})) == {
        "default", "password-only"}


def test_deletion_protection() -> None:
    def program() -> None:
        aws.cognito.UserPool("ok-active", deletion_protection="ACTIVE")
        aws.cognito.UserPool("default")
        aws.cognito.UserPool("inactive", deletion_protection="INACTIVE")
        aws.cognito.UserPool("pending", deletion_protection=unknown("ACTIVE"))

    found = violations("cognito_user_pool_deletion_protection", run_function(program))
    assert set(found) == {"default", "inactive", "pending"}
    assert found["default"][0].message == "deletion_protection is 'INACTIVE'; ACTIVE required"
    assert found["pending"][0].message.startswith("cannot decide")
