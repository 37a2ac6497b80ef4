"""AppSync GraphQL APIs log field resolvers (log_config.field_log_level other than NONE)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    log_config = resource.get("logConfig")
    if not log_config:
        yield Violation("no log_config: AppSync logs nothing by default; field-level logging required",
                        "logConfig")
        return
    level = log_config.get("fieldLogLevel")
    if level not in config["levels"]:
        yield Violation(f"field_log_level is {level!r}; one of {', '.join(config['levels'])} required",
                        "logConfig.fieldLogLevel")


RULE = ResourceRule(
    id="appsync_field_level_logging",
    title="AppSync GraphQL APIs have field-level logging enabled",
    description=(
        "Without field resolver logs there is no record of which queries touched which resolvers or what "
        "failed, neither for debugging nor for investigating abuse of the API. AppSync logs nothing unless "
        "log_config is set."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("AppSync.2",), "seed": ("logging", "audited")},
    remediation=(
        'Set log_config=aws.appsync.GraphQLApiLogConfigArgs(field_log_level="ERROR", '
        "cloudwatch_logs_role_arn=appsync_logs_role.arn) on aws.appsync.GraphQLApi (ALL for full request logs)."
    ),
    resource_types=("aws:appsync/graphQLApi:GraphQLApi",),
    config={"levels": {"type": "array", "items": {"type": "string"}, "default": ["ERROR", "ALL", "INFO", "DEBUG"],
                       "description": "acceptable field_log_level values (FSBP's fieldLoggingLevel parameter)"}},
    evaluate=evaluate,
)
