"""Isolate an EC2 instance named by a GuardDuty finding (EventBridge "GuardDuty Finding" event).

Runs on the Lambda python3.12 runtime with boto3 only. For a finding at or above MIN_SEVERITY on an
instance (resource.resourceType "Instance") it:

1. tags the instance with the finding (`lz:finding-id`, `lz:finding-type`) and the security groups of
   each network interface (`lz:previous-security-groups`, written once, so a retry never records the
   quarantine group as the original);
2. replaces the groups of EVERY network interface with the quarantine group of the instance's VPC;
3. tags it `lz:isolated=true` and `lz:isolated-at`;
4. snapshots every attached EBS volume (SNAPSHOT_VOLUMES), tagged with the finding;
5. publishes one JSON message to ALERTS_TOPIC_ARN.

The quarantine group is found by tag: the security group tagged `purpose=quarantine` in the instance's
VPC (the firewall domain creates exactly one per island). A tag lookup needs no list of group ids in the
function's configuration, so a new island is covered without redeploying the function; zero or several
such groups is an error (never a guess).

Idempotent: ENIs already in quarantine are left alone, the previous-groups tag is never overwritten and a
volume that already has a snapshot tagged with this finding id is skipped. A second identical event
changes nothing and publishes nothing (status "already-isolated"): the monitoring domain already forwards
every GuardDuty finding update to the same topic, so a repeat would only be noise.

Outcomes (the returned dict's "status"): "isolated", "already-isolated", "skipped" (severity below
MIN_SEVERITY, not an instance, another account's finding) and "failed" (nothing to isolate or nowhere to
put it: InstanceNotFound, QuarantineGroupNotFound, OutsideLandingZone; notified, not raised, because a retry
cannot succeed). A malformed event raises InvalidFinding; any other error is notified and re-raised, so
Lambda retries the event and finally sends it to the dead-letter queue.

Throttling: the clients use botocore's standard retry mode, and every call also goes through `_call`,
which retries throttling errors with a bounded exponential backoff (the sleep is injectable).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

LOG = logging.getLogger(__name__)
LOG.setLevel(logging.INFO)

QUARANTINE_TAG = ("purpose", "quarantine")
TAG_PREFIX = "lz:"
TAG_VALUE_MAX = 256
SUBJECT_MAX = 100
THROTTLING_CODES = frozenset({
    "RequestLimitExceeded", "Throttling", "ThrottlingException", "TooManyRequestsException",
    "RequestThrottled", "RequestThrottledException", "SnapshotCreationPerVolumeRateExceeded",
})
NOT_FOUND_CODES = frozenset({"InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed"})
# total_max_attempts counts the first call too (botocore reads plain max_attempts as retries + 1).
CLIENT_CONFIG = Config(retries={"mode": "standard", "total_max_attempts": 5}, connect_timeout=5, read_timeout=20)


class InvalidFinding(ValueError):
    """The event is not a GuardDuty finding this function understands; the message names the field."""


class IsolationFailed(Exception):
    """Isolation cannot proceed and a retry would not help; `code` names the reason."""

    code = "IsolationFailed"


class InstanceNotFound(IsolationFailed):
    code = "InstanceNotFound"


class QuarantineGroupNotFound(IsolationFailed):
    code = "QuarantineGroupNotFound"


class OutsideLandingZone(IsolationFailed):
    code = "OutsideLandingZone"


@dataclass(frozen=True)
class Finding:
    id: str
    type: str
    severity: float
    account_id: str
    region: str
    resource_type: str
    instance_id: str | None
    title: str

    def summary(self) -> dict[str, Any]:
        return {"findingId": self.id, "findingType": self.type, "severity": self.severity,
                "accountId": self.account_id, "region": self.region, "instanceId": self.instance_id}


def _field(data: Any, path: str) -> Any:
    """The value at dotted `path` of the event; InvalidFinding names the first missing part."""
    value = data
    walked: list[str] = []
    for part in path.split("."):
        walked.append(part)
        if not isinstance(value, Mapping) or part not in value or value[part] in (None, ""):
            raise InvalidFinding(f"the event has no {'.'.join(walked)} (expected a GuardDuty finding event "
                                 f"with {path})")
        value = value[part]
    return value


def parse_finding(event: Any) -> Finding:
    """Validate the parts of the event the function relies on; the instance id only for Instance findings."""
    if not isinstance(event, Mapping):
        raise InvalidFinding(f"the event is a {type(event).__name__}, not an EventBridge event object")
    source, detail_type = _field(event, "source"), _field(event, "detail-type")
    if source != "aws.guardduty" or detail_type != "GuardDuty Finding":
        raise InvalidFinding(f"the event is {source!r} / {detail_type!r}, not aws.guardduty / 'GuardDuty Finding'")
    severity = _field(event, "detail.severity")
    if isinstance(severity, bool) or not isinstance(severity, int | float):
        raise InvalidFinding(f"detail.severity is {severity!r}, not a number")
    resource_type = str(_field(event, "detail.resource.resourceType"))
    instance_id = None
    if resource_type == "Instance":
        instance_id = str(_field(event, "detail.resource.instanceDetails.instanceId"))
    detail = event["detail"]
    return Finding(
        id=str(_field(event, "detail.id")), type=str(_field(event, "detail.type")), severity=float(severity),
        account_id=str(detail.get("accountId") or event.get("account") or ""),
        region=str(detail.get("region") or event.get("region") or ""),
        resource_type=resource_type, instance_id=instance_id, title=str(detail.get("title") or ""),
    )


@dataclass(frozen=True)
class Settings:
    """The function's configuration, from its (KMS-encrypted) environment."""

    topic_arn: str
    min_severity: float = 7.0
    snapshot_volumes: bool = True
    vpc_ids: frozenset[str] | None = None  # None: any VPC (the IAM policy still decides)
    account_id: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str], account_id: str | None = None) -> Settings:
        if not env.get("ALERTS_TOPIC_ARN"):
            raise RuntimeError("ALERTS_TOPIC_ARN is not set: the function cannot report what it does")
        vpcs = env.get("VPC_IDS")
        return cls(
            topic_arn=env["ALERTS_TOPIC_ARN"],
            min_severity=float(env.get("MIN_SEVERITY", "7.0")),
            snapshot_volumes=env.get("SNAPSHOT_VOLUMES", "true").lower() == "true",
            vpc_ids=frozenset(json.loads(vpcs)) if vpcs else None,
            account_id=account_id,
        )


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _tags(resource: Mapping[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in resource.get("Tags") or ()}


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _ascii(text: str) -> str:
    return "".join(c if 32 <= ord(c) < 127 else "?" for c in text)


@dataclass
class Isolation:
    """One run's collaborators: EC2 and SNS clients, settings, and the clock and sleep (injectable)."""

    ec2: Any
    sns: Any
    settings: Settings
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0

    # -- calls -------------------------------------------------------------------------------

    def _call(self, method: Callable[..., Any], **kwargs: Any) -> Any:
        """`method(**kwargs)`, retrying throttling errors with exponential backoff capped at max_delay."""
        for attempt in range(self.attempts):
            try:
                return method(**kwargs)
            except ClientError as error:
                if _code(error) not in THROTTLING_CODES or attempt == self.attempts - 1:
                    raise
                delay = min(self.max_delay, self.base_delay * 2**attempt)
                LOG.warning("throttled (%s) on %s; retrying in %.1fs", _code(error),
                            getattr(method, "__name__", "call"), delay)
                self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- steps -------------------------------------------------------------------------------

    def _instance(self, instance_id: str) -> dict[str, Any]:
        try:
            found = self._call(self.ec2.describe_instances, InstanceIds=[instance_id])
        except ClientError as error:
            if _code(error) in NOT_FOUND_CODES:
                raise InstanceNotFound(f"InstanceNotFound: instance {instance_id} does not exist "
                                       f"({_code(error)}); nothing was isolated") from error
            raise
        for reservation in found.get("Reservations", ()):
            for instance in reservation.get("Instances", ()):
                if instance.get("InstanceId") == instance_id:
                    return dict(instance)
        raise InstanceNotFound(f"InstanceNotFound: instance {instance_id} does not exist; nothing was isolated")

    def _quarantine_group(self, vpc_id: str) -> str:
        key, value = QUARANTINE_TAG
        groups = self._call(self.ec2.describe_security_groups, Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]}, {"Name": f"tag:{key}", "Values": [value]}])["SecurityGroups"]
        ids = sorted(g["GroupId"] for g in groups)
        if len(ids) != 1:
            what = "no security group" if not ids else f"{len(ids)} security groups ({', '.join(ids)})"
            raise QuarantineGroupNotFound(
                f"QuarantineGroupNotFound: {what} tagged {key}={value} in {vpc_id}; exactly one is required")
        return ids[0]

    def _interfaces(self, instance: Mapping[str, Any]) -> list[dict[str, Any]]:
        return [{"id": eni["NetworkInterfaceId"], "groups": [g["GroupId"] for g in eni.get("Groups", ())]}
                for eni in instance.get("NetworkInterfaces", ())]

    def _snapshot(self, finding: Finding, instance_id: str, volume_id: str, isolated_at: str) -> dict[str, Any]:
        existing = self._call(self.ec2.describe_snapshots, OwnerIds=["self"], Filters=[
            {"Name": "volume-id", "Values": [volume_id]},
            {"Name": f"tag:{TAG_PREFIX}finding-id", "Values": [finding.id]}])["Snapshots"]
        if existing:
            return {"volumeId": volume_id, "snapshotId": existing[0]["SnapshotId"], "created": False}
        tags = {f"{TAG_PREFIX}finding-id": finding.id, f"{TAG_PREFIX}finding-type": finding.type,
                f"{TAG_PREFIX}instance-id": instance_id, f"{TAG_PREFIX}isolated-at": isolated_at,
                "Name": f"isolation-{instance_id}-{volume_id}"}
        created = self._call(
            self.ec2.create_snapshot, VolumeId=volume_id,
            Description=_fit(f"lz isolation of {instance_id}: GuardDuty {finding.type} {finding.id}", 255),
            TagSpecifications=[{"ResourceType": "snapshot", "Tags": [
                {"Key": k, "Value": _fit(v, TAG_VALUE_MAX)} for k, v in tags.items()]}])
        return {"volumeId": volume_id, "snapshotId": created["SnapshotId"], "created": True}

    def _isolate(self, finding: Finding, instance_id: str) -> dict[str, Any]:
        instance = self._instance(instance_id)
        vpc_id = instance.get("VpcId")
        if not vpc_id:
            raise OutsideLandingZone(f"OutsideLandingZone: instance {instance_id} is in no VPC")
        allowed = self.settings.vpc_ids
        if allowed is not None and vpc_id not in allowed:
            raise OutsideLandingZone(f"OutsideLandingZone: instance {instance_id} is in {vpc_id}, not in one of "
                                     f"the landing zone's VPCs ({', '.join(sorted(allowed))})")
        quarantine = self._quarantine_group(vpc_id)
        interfaces = self._interfaces(instance)
        tags = _tags(instance)
        isolated_at = self.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        result: dict[str, Any] = {**finding.summary(), "vpcId": vpc_id, "quarantineSecurityGroupId": quarantine}

        # The previous groups are recorded before the swap and only once: after a partial run the
        # interfaces already show the quarantine group, which must never be mistaken for the original.
        pending = {f"{TAG_PREFIX}finding-id": finding.id, f"{TAG_PREFIX}finding-type": finding.type}
        if f"{TAG_PREFIX}previous-security-groups" not in tags:
            previous = ";".join(f"{eni['id']}:{','.join(eni['groups'])}" for eni in interfaces)
            pending[f"{TAG_PREFIX}previous-security-groups"] = _fit(previous, TAG_VALUE_MAX)
        was_isolated = tags.get(f"{TAG_PREFIX}isolated") == "true"
        if was_isolated:
            pending = {}  # keep the first finding's record; the instance is already quarantined
        elif any(tags.get(k) != v for k, v in pending.items()):
            self._tag(instance_id, pending)

        changed = []
        for eni in interfaces:
            eni["changed"] = eni["groups"] != [quarantine]
            if eni["changed"]:
                self._call(self.ec2.modify_network_interface_attribute, NetworkInterfaceId=eni["id"],
                           Groups=[quarantine])
                changed.append(eni["id"])
        result["networkInterfaces"] = [
            {"id": e["id"], "previousSecurityGroups": e["groups"], "changed": e["changed"]} for e in interfaces]

        tagged = not was_isolated
        if tagged:
            self._tag(instance_id, {f"{TAG_PREFIX}isolated": "true", f"{TAG_PREFIX}isolated-at": isolated_at})
        result["tagged"] = tagged

        snapshots: list[dict[str, Any]] = []
        if self.settings.snapshot_volumes:
            at = tags.get(f"{TAG_PREFIX}isolated-at", isolated_at)
            volumes = [m["Ebs"]["VolumeId"] for m in instance.get("BlockDeviceMappings", ()) if m.get("Ebs")]
            snapshots = [self._snapshot(finding, instance_id, v, at) for v in volumes]
        result["snapshots"] = snapshots

        did_something = changed or tagged or any(s["created"] for s in snapshots)
        result["status"] = "isolated" if did_something else "already-isolated"
        return result

    def _tag(self, instance_id: str, tags: Mapping[str, str]) -> None:
        self._call(self.ec2.create_tags, Resources=[instance_id],
                   Tags=[{"Key": k, "Value": _fit(v, TAG_VALUE_MAX)} for k, v in tags.items()])

    def _notify(self, subject: str, body: Mapping[str, Any]) -> None:
        self._call(self.sns.publish, TopicArn=self.settings.topic_arn,
                   Subject=_fit(_ascii(subject), SUBJECT_MAX), Message=json.dumps(body, indent=2, sort_keys=True))

    # -- entry -------------------------------------------------------------------------------

    def _skip_reason(self, finding: Finding) -> str | None:
        if finding.resource_type != "Instance":
            return f"the finding's resource is a {finding.resource_type}, not an Instance"
        if finding.severity < self.settings.min_severity:
            return f"severity {finding.severity:g} is below MIN_SEVERITY {self.settings.min_severity:g}"
        own = self.settings.account_id
        if own and finding.account_id and finding.account_id != own:
            return f"the finding is for account {finding.account_id}; this function isolates in {own} only"
        return None

    def run(self, event: Any) -> dict[str, Any]:
        finding = parse_finding(event)
        reason = self._skip_reason(finding)
        if reason is not None:
            LOG.info("skipped finding %s: %s", finding.id, reason)
            return {**finding.summary(), "status": "skipped", "reason": reason}
        instance_id = str(finding.instance_id)
        try:
            result = self._isolate(finding, instance_id)
        except IsolationFailed as failure:
            result = {**finding.summary(), "status": "failed", "error": failure.code, "message": str(failure)}
            LOG.error("isolation of %s failed: %s", instance_id, failure)
            self._notify(f"[lz] Isolation FAILED for {instance_id} ({finding.type})", result)
            return {**result, "notified": True}
        except Exception as error:
            LOG.exception("isolation of %s failed unexpectedly", instance_id)
            body = {**finding.summary(), "status": "failed", "error": type(error).__name__, "message": str(error),
                    "retry": "Lambda retries the event; then it goes to the dead-letter queue"}
            try:
                self._notify(f"[lz] Isolation FAILED for {instance_id} ({finding.type})", body)
            except Exception:  # the original error matters more than the failed notification
                LOG.exception("could not notify the isolation failure")
            raise
        if result["status"] == "already-isolated":
            LOG.info("instance %s is already isolated for finding %s", instance_id, finding.id)
            return {**result, "notified": False}
        self._notify(f"[lz] Isolated {instance_id} ({finding.type}, severity {finding.severity:g})", result)
        LOG.info("isolated %s: %s", instance_id, json.dumps(result, sort_keys=True))
        return {**result, "notified": True}


def _account_of(context: Any) -> str | None:
    arn = getattr(context, "invoked_function_arn", None)
    parts = arn.split(":") if isinstance(arn, str) else []
    return parts[4] if len(parts) > 4 and parts[4] else None


def handler(event: Any, context: Any) -> dict[str, Any]:
    """Lambda entry point: build the clients from the environment and isolate."""
    settings = Settings.from_env(os.environ, _account_of(context))
    isolation = Isolation(ec2=boto3.client("ec2", config=CLIENT_CONFIG),
                          sns=boto3.client("sns", config=CLIENT_CONFIG), settings=settings)
    return isolation.run(event)
