"""IdsFleet for every Pulumi language: sensor sizing as plain arguments, the network and keys as ids."""

from typing import NotRequired, TypedDict

import pulumi

from ..ids.fleet import IdsFleet as _IdsFleet
from ..ids.spec import IdsSpec, ids_issues
from .args import Environment, InputPropertyErrorDetails, compact, environment_of, invalid, token, validated

#: The log groups the sensors write to, by what writes them.
LOG_STREAMS = ("snort", "hids", "antivirus", "nginx")


class IdsFleetArgs(TypedDict):
    """Snort sensors behind nginx (mode alb-proxy): they inspect the public ALB's HTTP and proxy it upstream."""

    environment: Environment
    """Where and how the fleet deploys."""
    vpc_id: pulumi.Input[str]
    """The VPC of the inspection subnets."""
    subnet_ids: list[pulumi.Input[str]]
    """Inspection subnets, one per AZ."""
    security_group_id: pulumi.Input[str]
    """The sensors' security group."""
    data_key_arn: pulumi.Input[str]
    """KMS key of the sensors' EBS volumes."""
    instance_profile_name: pulumi.Input[str]
    """Instance profile of the sensors (SSM-managed)."""
    log_group_names: dict[str, pulumi.Input[str]]
    """Log group per stream: snort, hids, antivirus and nginx."""
    alerts_topic_arn: pulumi.Input[str]
    """SNS topic the IDS alarm notifies."""
    upstream_url: pulumi.Input[str]
    """Where the sensors proxy inspected traffic (the internal ALB, https://...)."""
    target_group_arn: pulumi.Input[str]
    """Target group the public ALB forwards to; the sensors register in it (instance targets on proxyPort)."""
    upstream_tls_name: NotRequired[str]
    """TLS server name the sensors verify on the upstream; default: the URL's host."""
    instance_tags: NotRequired[dict[str, str]]
    """Tags the patch baseline selects the sensors by."""
    instance_type: NotRequired[str]
    """Sensor instance type (x86_64); default c6i.large."""
    min_size: NotRequired[int]
    """Fewest sensors (production: at least 2); default 2."""
    max_size: NotRequired[int]
    """Most sensors; default 4."""
    desired_size: NotRequired[int]
    """Sensors at launch; default 2."""
    proxy_port: NotRequired[int]
    """Port nginx listens on for the ALB; default 8080."""
    golden_image: NotRequired[bool]
    """Launch from the environment's sensor image (SSM /lz/<env>/ids/sensor-ami); default true."""
    volume_size_gb: NotRequired[int]
    """Root volume size (GiB); default 30."""
    alert_threshold: NotRequired[int]
    """Snort alerts in 5 minutes that raise the alarm; default 1."""


_SPEC_KEYS = ("instance_type", "min_size", "max_size", "desired_size", "proxy_port", "golden_image",
              "volume_size_gb", "alert_threshold")


class IdsFleet(pulumi.ComponentResource):
    """The IDS sensor fleet: launch template (IMDSv2, encrypted gp3), auto-scaling group, Snort alert alarm."""

    launch_template_id: pulumi.Output[str]
    """The sensors' launch template."""
    group_name: pulumi.Output[str]
    """The auto-scaling group."""
    alarm_arn: pulumi.Output[str]
    """The alarm on Snort alerts."""

    def __init__(self, name: str, args: IdsFleetArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        raw = compact(dict(args))
        spec = validated("IdsFleet", IdsSpec, {k: raw[k] for k in _SPEC_KEYS if k in raw})
        env = environment_of("IdsFleet", raw.get("environment") or {})
        problems = [InputPropertyErrorDetails(property_path=p.removeprefix("ids."), reason=m)
                    for p, m in ids_issues(spec, env.production)]
        logs = dict(raw.get("log_group_names") or {})
        missing = [s for s in LOG_STREAMS if s not in logs]
        if missing:
            problems.append(InputPropertyErrorDetails(
                property_path="logGroupNames", reason=f"no log group for {missing}; give one per {list(LOG_STREAMS)}"))
        if problems:
            raise invalid("IdsFleet", problems)
        super().__init__(token("IdsFleet"), name, None, opts)
        fleet = _IdsFleet(
            name, spec, env=env, vpc_id=raw["vpc_id"], subnet_ids=list(raw["subnet_ids"]),
            security_group_id=raw["security_group_id"], data_key_arn=raw["data_key_arn"],
            instance_profile_name=raw["instance_profile_name"], instance_tags=dict(raw.get("instance_tags") or {}),
            log_group_names={s: logs[s] for s in LOG_STREAMS}, alerts_topic_arn=raw["alerts_topic_arn"],
            upstream_url=raw["upstream_url"], upstream_tls_name=raw.get("upstream_tls_name"),
            target_group_arn=raw["target_group_arn"],
            opts=pulumi.ResourceOptions(parent=self))
        self.launch_template_id = fleet.launch_template_id
        self.group_name = fleet.group_name
        self.alarm_arn = fleet.alarm_arn
        self.register_outputs({"groupName": self.group_name, "alarmArn": self.alarm_arn})
