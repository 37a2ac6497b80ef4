"""ThreatDetection: IAM Access Analyzer, GuardDuty with its protection plans, Security Hub standards."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .catalog import standard_arn
from .plan import analyzer_name
from .spec import AuditSpec

ALWAYS_ON_FEATURES = ("S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION")


class ThreatDetection(pulumi.ComponentResource):
    """Children: `<name>-access-analyzer`, `<name>-guardduty[-<feature>]`, `<name>-securityhub[-<standard>]`."""

    detector: aws.guardduty.Detector
    detector_id: pulumi.Output[str]
    security_hub: aws.securityhub.Account

    def __init__(
        self,
        name: str,
        spec: AuditSpec,
        *,
        env: Environment,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging = env.account, env.tagging
        super().__init__(type_token("audit", "ThreatDetection"), name, None, env.options(opts))
        env_name, guard_duty, security_hub = env.name, spec.guard_duty, spec.security_hub
        aws.accessanalyzer.Analyzer(
            logical_name(name, "access-analyzer"), analyzer_name=analyzer_name(env_name), type="ACCOUNT",
            tags=tagging.name(analyzer_name(env_name)), opts=child(self))
        self.detector = aws.guardduty.Detector(
            logical_name(name, "guardduty"), enable=True,
            finding_publishing_frequency=guard_duty.finding_publishing_frequency,
            tags=tagging.name(logical_name(env_name, "guardduty")), opts=child(self))
        self.detector_id = self.detector.id
        for feature in ALWAYS_ON_FEATURES:
            aws.guardduty.DetectorFeature(
                logical_name(name, "guardduty", feature.lower().replace("_", "-")), detector_id=self.detector.id,
                name=feature, status="ENABLED", opts=child(self))
        if guard_duty.runtime_monitoring:
            aws.guardduty.DetectorFeature(
                logical_name(name, "guardduty", "runtime-monitoring"), detector_id=self.detector.id,
                name="RUNTIME_MONITORING", status="ENABLED",
                additional_configurations=[aws.guardduty.DetectorFeatureAdditionalConfigurationArgs(
                    name="EC2_AGENT_MANAGEMENT", status="ENABLED")],
                opts=child(self))
        # Default standards off: exactly the subscriptions the spec lists, each named and reviewable.
        self.security_hub = aws.securityhub.Account(
            logical_name(name, "securityhub"), enable_default_standards=False, auto_enable_controls=True,
            control_finding_generator="SECURITY_CONTROL", opts=child(self))
        for standard in security_hub.standards:
            slug = standard.replace("/v/", "-v").replace(".", "-").replace("/", "-")
            aws.securityhub.StandardsSubscription(
                logical_name(name, "securityhub", slug), standards_arn=standard_arn(account, standard),
                opts=child(self, depends_on=[self.security_hub]))
        self.register_outputs({"detectorId": self.detector_id})
