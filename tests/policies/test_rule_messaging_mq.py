"""mq_activemq_audit_logging and mq_broker_auto_minor_version_upgrade over aws.mq.Broker."""

import pulumi_aws as aws
from harness import violations

from lz.mock_engine import run_function

USER = aws.mq.BrokerUserArgs(username="admin", password="not-a-real-password-1")


def broker(name: str, engine: str = "ActiveMQ", **kwargs: object) -> aws.mq.Broker:
    return aws.mq.Broker(name, engine_type=engine, engine_version="5.18" if engine == "ActiveMQ" else "3.13",
                         host_instance_type="mq.t3.micro", users=[USER], **kwargs)  # type: ignore[arg-type]


def test_mq_activemq_audit_logging() -> None:
    def program() -> None:
        broker("ok-audit", logs=aws.mq.BrokerLogsArgs(audit=True, general=True))
        broker("ok-rabbit", "RabbitMQ", logs=aws.mq.BrokerLogsArgs(general=True))
        broker("no-logs")
        broker("general-only", logs=aws.mq.BrokerLogsArgs(general=True))

    found = violations("mq_activemq_audit_logging", run_function(program))
    assert set(found) == {"no-logs", "general-only"}
    assert "not set (default: false)" in found["no-logs"][0].message
    assert found["general-only"][0].property == "logs.audit"


def test_mq_broker_auto_minor_version_upgrade() -> None:
    def program() -> None:
        broker("ok-active", auto_minor_version_upgrade=True)
        broker("ok-rabbit", "RabbitMQ", auto_minor_version_upgrade=True)
        broker("unset")
        broker("off", "RabbitMQ", auto_minor_version_upgrade=False)

    graph = run_function(program)
    found = violations("mq_broker_auto_minor_version_upgrade", graph)
    assert set(found) == {"unset", "off"}
    assert "autoMinorVersionUpgrade is False" in found["off"][0].message
    assert set(violations("mq_broker_auto_minor_version_upgrade", graph, {"exemptions": ["un*"]})) == {"off"}
