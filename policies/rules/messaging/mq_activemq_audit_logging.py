"""ActiveMQ brokers stream audit logs to CloudWatch Logs (MQ.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if str(resource.get("engineType") or "").lower() != "activemq":
        return  # RabbitMQ has no audit log
    audit = (resource.get("logs") or {}).get("audit")
    if audit is not True:
        shown = "not set (default: false)" if audit is None else repr(audit)
        yield Violation(f"logs.audit is {shown}: user-management actions on the broker are not streamed to "
                        "CloudWatch Logs", "logs.audit")


RULE = ResourceRule(
    id="mq_activemq_audit_logging",
    title="Amazon MQ ActiveMQ brokers stream audit logs to CloudWatch Logs",
    description=(
        "ActiveMQ audit logs record who created, changed or deleted users, queues and topics through JMX "
        "or the web console. The provider defaults logs.audit to false. RabbitMQ brokers are not "
        "applicable."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("MQ.2",), "seed": ("audited", "logging")},
    remediation="Set logs=aws.mq.BrokerLogsArgs(audit=True, general=True) on the ActiveMQ Broker.",
    resource_types=("aws:mq/broker:Broker",),
    evaluate=evaluate,
)
