"""Audit and monitoring families: CloudTrail S3 data events and the CIS 4.x metric filters + alarms.

``CIS_METRIC_FILTERS`` holds the CIS AWS Foundations v3.0.0 filter pattern of each 4.x control; the
landing zone reuses exactly these patterns so what it builds is what the pack accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ...framework import ResourceRule, ResourceView, Rule, Severity, StackRule, StackView, Violation, any_known

TRAIL = "aws:cloudtrail/trail:Trail"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter"
METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
SNS_TOPIC = "aws:sns/topic:Topic"
BUCKETS = ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
BUCKET_LOGGING = ("aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2")
S3_OBJECT = "AWS::S3::Object"



def is_multi_region_logging(trail: ResourceView) -> bool:
    """A trail that records every region and is not stopped (enableLogging defaults to true)."""
    return trail.get("isMultiRegionTrail") is True and trail.get("enableLogging") is not False


# -- CloudTrail S3 object-level data events (CIS 3.8 write, 3.9 read) ------------------------------

Access = Literal["write", "read"]
_READ_WRITE_TYPES: dict[str, tuple[str, ...]] = {"write": ("All", "WriteOnly"), "read": ("All", "ReadOnly")}
_READ_ONLY_VALUE: dict[str, str] = {"write": "false", "read": "true"}


def _basic_selector_logs(selector: Mapping[str, Any], access: Access) -> bool:
    if (selector.get("readWriteType") or "All") not in _READ_WRITE_TYPES[access]:
        return False
    return any(r.get("type") == S3_OBJECT for r in selector.get("dataResources") or ())


def _advanced_selector_logs(selector: Mapping[str, Any], access: Access) -> bool:
    fields = list(selector.get("fieldSelectors") or ())
    if not any(f.get("field") == "resources.type" and S3_OBJECT in (f.get("equals") or ()) for f in fields):
        return False
    read_only = [f for f in fields if f.get("field") == "readOnly"]
    # No readOnly selector logs both reads and writes; otherwise its equals must name this access.
    return not read_only or any(_READ_ONLY_VALUE[access] in (f.get("equals") or ()) for f in read_only)


def logs_s3_objects(trail: ResourceView, access: Access) -> bool:
    """Whether the trail's basic or advanced event selectors log S3 object-level ``access`` events."""
    if any(_basic_selector_logs(s, access) for s in trail.get("eventSelectors") or ()):
        return True
    return any(_advanced_selector_logs(s, access) for s in trail.get("advancedEventSelectors") or ())


def s3_data_events_rule(rule_id: str, access: Access, *, cis: str) -> Rule:
    """Each trail logs S3 object-level ``access`` events (one factory for CIS 3.8 and 3.9)."""
    kinds = "WriteOnly or All" if access == "write" else "ReadOnly or All"
    verb = "writes (PutObject, DeleteObject, ...)" if access == "write" else "reads (GetObject, ...)"

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        if not logs_s3_objects(resource, access):
            yield Violation(f"trail does not log S3 object-level {access} events", "eventSelectors")

    return ResourceRule(
        id=rule_id,
        title=f"CloudTrail trails log S3 object-level {access} events",
        description=(f"Management events do not record S3 object {verb}; without data events there is "
                     "no record of who touched which object, which is what an exfiltration or "
                     "tampering investigation needs first."),
        severity=Severity.MEDIUM,
        # CIS v5.0.0 keeps the v3.0.0 numbers for these (3.8/3.9 data events, 4.1-4.15 metric filters).
        frameworks={"cis-aws-3.0": (cis,), "cis-aws-5.0": (cis,), "seed": ("audited",)},
        remediation=(f'Add event_selectors=[aws.cloudtrail.TrailEventSelectorArgs(read_write_type="{kinds.split()[0]}"'
                     f', data_resources=[aws.cloudtrail.TrailEventSelectorDataResourceArgs(type="{S3_OBJECT}", '
                     'values=["arn:aws:s3"])])] to the trail (read_write_type may be '
                     f"{kinds}), or an advanced event selector with resources.type = {S3_OBJECT}."),
        resource_types=(TRAIL,),
        evaluate=evaluate,
    )


# -- CIS 4.1-4.15: metric filter on the trail's log group, with an alarm that notifies --------------

_SELECTOR = re.compile(r'\$\.([A-Za-z.]+)\s*(!=|=)\s*(?:"([^"]*)"|([^\s)|&]+))')


def _squash(text: str) -> str:
    return re.sub(r'[\s"]', "", text)


@dataclass(frozen=True)
class CisMetricFilter:
    """One CIS 4.x control: its filter pattern and the selectors a filter must contain to count."""

    control: str
    rule_id: str
    subject: str
    pattern: str
    extra_keys: tuple[tuple[str, str, str], ...] = ()
    severity: Severity = Severity.LOW
    keys: tuple[tuple[str, str, str], ...] = field(init=False)

    def __post_init__(self) -> None:
        # Every positive selector ($.eventName = X, $.eventSource = Y, ...) is a key; exclusions
        # ("!=" noise filters such as HeadBucket) narrow the alarm and are not required.
        found = tuple((m[1], m[2], m[3] if m[3] is not None else m[4]) for m in _SELECTOR.finditer(self.pattern))
        object.__setattr__(self, "keys", tuple(k for k in found if k[1] == "=") + self.extra_keys)

    def missing(self, pattern: str) -> list[str]:
        """Key selectors of this control absent from ``pattern`` (spacing and quoting ignored)."""
        text = _squash(pattern)
        out = []
        for name, op, value in self.keys:
            regex = re.escape(f"$.{name}") + ("!=" if op == "!=" else "==?") + re.escape(_squash(value))
            if not re.search(regex + r"(?![\w*.:-])", text):
                out.append(f"$.{name} {op} {value}")
        return out


def _names(*events: str) -> str:
    return " || ".join(f"($.eventName = {e})" for e in events)


# 4.1 and 4.13 are printed in the benchmark without the parentheses their meaning needs (as printed,
# the && binds to the last alternative only); the grouped forms below are what they mean.
_CONTROLS = (
    CisMetricFilter("4.1", "cis_4_1_unauthorized_api_calls_monitored", "unauthorized API calls",
                    '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && '
                    '($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }'),
    CisMetricFilter("4.2", "cis_4_2_console_login_without_mfa_monitored", "console sign-in without MFA",
                    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
                    extra_keys=(("additionalEventData.MFAUsed", "!=", "Yes"),)),
    CisMetricFilter("4.3", "cis_4_3_root_usage_monitored", "use of the root user",
                    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && '
                    '$.eventType != "AwsServiceEvent" }', severity=Severity.MEDIUM),
    CisMetricFilter("4.4", "cis_4_4_iam_policy_changes_monitored", "IAM policy changes",
                    "{ " + _names("DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy",
                                  "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
                                  "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy",
                                  "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy",
                                  "DetachGroupPolicy") + " }"),
    CisMetricFilter("4.5", "cis_4_5_cloudtrail_config_changes_monitored", "CloudTrail configuration changes",
                    "{ " + _names("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging")
                    + " }"),
    CisMetricFilter("4.6", "cis_4_6_console_auth_failures_monitored", "console authentication failures",
                    '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'),
    CisMetricFilter("4.7", "cis_4_7_cmk_disable_or_deletion_monitored",
                    "disabling or scheduled deletion of KMS CMKs",
                    "{ ($.eventSource = kms.amazonaws.com) && ("
                    + _names("DisableKey", "ScheduleKeyDeletion") + ") }"),
    CisMetricFilter("4.8", "cis_4_8_s3_bucket_policy_changes_monitored", "S3 bucket policy changes",
                    "{ ($.eventSource = s3.amazonaws.com) && ("
                    + _names("PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle",
                             "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors",
                             "DeleteBucketLifecycle", "DeleteBucketReplication") + ") }"),
    CisMetricFilter("4.9", "cis_4_9_config_changes_monitored", "AWS Config configuration changes",
                    "{ ($.eventSource = config.amazonaws.com) && ("
                    + _names("StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel",
                             "PutConfigurationRecorder") + ") }"),
    CisMetricFilter("4.10", "cis_4_10_security_group_changes_monitored", "security group changes",
                    "{ " + _names("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                                  "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup",
                                  "DeleteSecurityGroup") + " }"),
    CisMetricFilter("4.11", "cis_4_11_nacl_changes_monitored", "network ACL changes",
                    "{ " + _names("CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl",
                                  "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")
                    + " }"),
    CisMetricFilter("4.12", "cis_4_12_network_gateway_changes_monitored", "network gateway changes",
                    "{ " + _names("CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway",
                                  "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway")
                    + " }"),
    CisMetricFilter("4.13", "cis_4_13_route_table_changes_monitored", "route table changes",
                    "{ ($.eventSource = ec2.amazonaws.com) && ("
                    + _names("CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
                             "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable") + ") }"),
    CisMetricFilter("4.14", "cis_4_14_vpc_changes_monitored", "VPC changes",
                    "{ " + _names("CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
                                  "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
                                  "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
                                  "DisableVpcClassicLink", "EnableVpcClassicLink") + " }"),
    CisMetricFilter("4.15", "cis_4_15_organizations_changes_monitored", "AWS Organizations changes",
                    "{ ($.eventSource = organizations.amazonaws.com) && ("
                    + _names("AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit",
                             "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit",
                             "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType",
                             "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
                             "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit") + ") }"),
)

CIS_METRIC_FILTERS: dict[str, CisMetricFilter] = {c.control: c for c in _CONTROLS}
CIS_PATTERNS: dict[str, str] = {c.control: c.pattern for c in _CONTROLS}


def _alarm_watches(alarm: ResourceView, name: Any, namespace: Any) -> bool:
    if alarm.get("metricName") == name and alarm.get("namespace") == namespace:
        return True
    for query in alarm.get("metricQueries") or ():
        metric = query.get("metric") or {}
        if metric.get("metricName") == name and metric.get("namespace") == namespace:
            return True
    return False


def _notifies(alarm: ResourceView) -> bool:
    return alarm.get("actionsEnabled") is not False and len(alarm.get("alarmActions") or ()) > 0


def _feeds_alarm(stack: StackView, flt: ResourceView) -> bool:
    metric = flt.get("metricTransformation") or {}
    name, namespace = metric.get("name"), metric.get("namespace")
    return any_known(stack.of_type(METRIC_ALARM), lambda a: _alarm_watches(a, name, namespace) and _notifies(a))


def unmonitored(stack: StackView, control: CisMetricFilter) -> str | None:
    """None when a filter with the control's key selectors feeds an alarm that notifies; else why not."""
    filters = stack.of_type(METRIC_FILTER)
    if any_known(filters, lambda f: not control.missing(str(f.get("pattern") or "")) and _feeds_alarm(stack, f)):
        return None
    gaps = sorted(((control.missing(str(f.get("pattern") or "")), f.name) for f in filters), key=lambda g: len(g[0]))
    if gaps and not gaps[0][0]:
        names = ", ".join(name for missing, name in gaps if not missing)
        return f"metric filter {names} matches but no alarm on its metric has alarm_actions"
    if gaps and len(gaps[0][0]) < len(control.keys):
        missing, name = gaps[0]
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        return f"metric filter {name} lacks {', '.join(missing[:3])}{more}"
    return "no metric filter matches the CIS pattern"


def cis_monitoring_rule(control: str) -> Rule:
    """Presence rule for one CIS 4.x control: filter on CloudTrail's log group plus a notifying alarm."""
    spec = CIS_METRIC_FILTERS[control]

    def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
        why = unmonitored(stack, spec)
        if why:
            yield Violation(f"CIS {spec.control} ({spec.subject}) is not monitored: {why}")

    return StackRule(
        id=spec.rule_id,
        title=f"A metric filter and alarm exist for {spec.subject} (CIS {spec.control})",
        description=(f"CloudTrail records {spec.subject}, but nobody reads a trail in real time: a "
                     "metric filter on the trail's log group and an alarm that notifies turn the record "
                     "into an alert while there is still time to respond. Checks the filter's key "
                     "selectors and the alarm's actions, not which log group the filter reads."),
        severity=spec.severity,
        frameworks={"cis-aws-3.0": (spec.control,), "cis-aws-5.0": (spec.control,),
                    "seed": ("centralized-alerts", "audited")},
        remediation=(f"On the trail's CloudWatch log group add aws.cloudwatch.LogMetricFilter(pattern="
                     f"CIS_PATTERNS[{spec.control!r}] from rules/_lib/audit.py, metric_transformation="
                     "...(name=, namespace=, value=\"1\")) and aws.cloudwatch.MetricAlarm(metric_name=, "
                     "namespace= of that transformation, statistic=\"Sum\", threshold=1, "
                     "comparison_operator=\"GreaterThanOrEqualToThreshold\", alarm_actions=[alerts_topic.arn])."),
        # On an empty stack it looks for filters only; the alarm and the topic it notifies satisfy it too.
        satisfied_by=(METRIC_FILTER, METRIC_ALARM, SNS_TOPIC),
        evaluate=evaluate,
    )
