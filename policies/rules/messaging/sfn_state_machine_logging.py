"""Step Functions state machines log executions to CloudWatch Logs (StepFunctions.1)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

ORDER = {"OFF": 0, "FATAL": 1, "ERROR": 2, "ALL": 3}


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    logging = resource.get("loggingConfiguration") or {}
    level = logging.get("level")
    wanted = config["min_level"]
    if ORDER.get(str(level or "OFF").upper(), 0) < ORDER[wanted]:
        shown = "not set (AWS default: OFF)" if level is None else repr(level)
        yield Violation(f"loggingConfiguration.level is {shown}; {wanted} or more verbose is required",
                        "loggingConfiguration.level")
    elif not logging.get("logDestination"):
        yield Violation(f"loggingConfiguration.level is {level!r} but no logDestination log group is set",
                        "loggingConfiguration.logDestination")


RULE = ResourceRule(
    id="sfn_state_machine_logging",
    title="Step Functions state machines send execution logs to CloudWatch Logs",
    description=(
        "Without a logging configuration failed or unexpected executions leave only the (90-day, "
        "Standard-only) execution history. AWS's default level is OFF; the rule demands a level of at "
        "least min_level (FATAL by default: any logging at all) and a log group destination."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("StepFunctions.1",), "seed": ("logging",)},
    remediation=(
        'Set logging_configuration=aws.sfn.StateMachineLoggingConfigurationArgs(level="ERROR", '
        'log_destination=pulumi.Output.concat(log_group.arn, ":*")); the role needs logs:CreateLogDelivery '
        "and related permissions."
    ),
    resource_types=("aws:sfn/stateMachine:StateMachine",),
    config={"min_level": {"type": "string", "enum": ["FATAL", "ERROR", "ALL"], "default": "FATAL",
                          "description": "least verbose acceptable log level (FATAL: any logging, as "
                                         "Security Hub's default; ERROR or ALL to demand more)"}},
    evaluate=evaluate,
)
