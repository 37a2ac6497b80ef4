"""appsync_field_level_logging, appsync_no_api_key_auth, appsync_waf_associated."""

import pulumi_aws as aws
from harness import violations

from lz.mock_engine import run_function

ROLE = "arn:aws:iam::111122223333:role/appsync-logs"


def api(name: str, **kwargs: object) -> aws.appsync.GraphQLApi:
    return aws.appsync.GraphQLApi(name, authentication_type=kwargs.pop("authentication_type", "AWS_IAM"),
                                  **kwargs)  # type: ignore[arg-type]


def test_field_level_logging() -> None:
    def program() -> None:
        api("ok-error", log_config=aws.appsync.GraphQLApiLogConfigArgs(field_log_level="ERROR",
                                                                      cloudwatch_logs_role_arn=ROLE))
        api("ok-all", log_config=aws.appsync.GraphQLApiLogConfigArgs(field_log_level="ALL",
                                                                    cloudwatch_logs_role_arn=ROLE))
        api("no-config")
        api("none", log_config=aws.appsync.GraphQLApiLogConfigArgs(field_log_level="NONE",
                                                                  cloudwatch_logs_role_arn=ROLE))

    graph = run_function(program)
    found = violations("appsync_field_level_logging", graph)
    assert set(found) == {"no-config", "none"}
    assert found["none"][0].property == "logConfig.fieldLogLevel"
    assert "'NONE'" in found["none"][0].message
    assert set(violations("appsync_field_level_logging", graph, {"levels": ["ALL"]})) == {
        "no-config", "none", "ok-error"}


def test_no_api_key_auth() -> None:
    def program() -> None:
        api("ok-iam")
        api("ok-cognito-plus-iam", authentication_type="AWS_IAM", additional_authentication_providers=[
            aws.appsync.GraphQLApiAdditionalAuthenticationProviderArgs(authentication_type="AWS_IAM")])
        api("api-key", authentication_type="API_KEY")
        api("extra-api-key", additional_authentication_providers=[
            aws.appsync.GraphQLApiAdditionalAuthenticationProviderArgs(authentication_type="AWS_IAM"),
            aws.appsync.GraphQLApiAdditionalAuthenticationProviderArgs(authentication_type="API_KEY")])

    found = violations("appsync_no_api_key_auth", run_function(program))
    assert set(found) == {"api-key", "extra-api-key"}
    assert found["extra-api-key"][0].property == "additionalAuthenticationProviders[1].authenticationType"


def test_waf_associated() -> None:
    def program() -> None:
        acl = aws.wafv2.WebAcl("acl", scope="REGIONAL",
                               default_action=aws.wafv2.WebAclDefaultActionArgs(allow={}),
                               visibility_config=aws.wafv2.WebAclVisibilityConfigArgs(
                                   cloudwatch_metrics_enabled=True, metric_name="acl", sampled_requests_enabled=True))
        protected = api("ok-protected")
        aws.wafv2.WebAclAssociation("assoc", resource_arn=protected.arn, web_acl_arn=acl.arn)
        api("ok-private", visibility="PRIVATE")
        api("exposed")

    found = violations("appsync_waf_associated", run_function(program))
    assert set(found) == {"exposed"}
    assert found["exposed"][0].message == "public GraphQL API exposed has no WAF web ACL association"
