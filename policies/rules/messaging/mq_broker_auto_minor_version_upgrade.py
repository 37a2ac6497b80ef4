"""Amazon MQ brokers take minor engine upgrades automatically (MQ.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    upgrade = resource.get("autoMinorVersionUpgrade")
    if upgrade is not True:
        shown = "not set" if upgrade is None else repr(upgrade)
        yield Violation(f"autoMinorVersionUpgrade is {shown}: the broker keeps its engine version until "
                        "someone upgrades it by hand; true is required", "autoMinorVersionUpgrade")


RULE = ResourceRule(
    id="mq_broker_auto_minor_version_upgrade",
    title="Amazon MQ brokers have automatic minor version upgrade enabled",
    description=(
        "Minor ActiveMQ and RabbitMQ engine releases carry security fixes and stay backward compatible. "
        "The rule demands auto_minor_version_upgrade=True explicitly, so patches arrive in the "
        "maintenance window without a change to the program."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("MQ.3",), "seed": ("frequent-updates",)},
    remediation=(
        "Set auto_minor_version_upgrade=True (and a maintenance_window_start_time=) on the Broker; pin "
        "engine_version to the major.minor line (e.g. \"5.18\") so AWS can apply patches."
    ),
    resource_types=("aws:mq/broker:Broker",),
    evaluate=evaluate,
)
