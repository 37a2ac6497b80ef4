"""AuditBaseline: the log archive, the trail, AWS Config and threat detection of one environment."""

from __future__ import annotations

import pulumi

from ..base import logical_name, type_token
from ..environment import Environment
from ..storage.spec import StorageSpec
from .config_recorder import ConfigRecorder
from .log_archive import LogArchive
from .spec import AuditSpec
from .threat_detection import ThreatDetection
from .trail import Trail


class AuditBaseline(pulumi.ComponentResource):
    """Children: `<name>-log-archive`, `<name>-cloudtrail`, `<name>-config`, `<name>-threat-detection`."""

    def __init__(
        self,
        name: str,
        spec: AuditSpec,
        *,
        env: Environment,
        storage: StorageSpec,
        logs_key_arn: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("audit", "AuditBaseline"), name, None, env.options(opts))
        mine = pulumi.ResourceOptions(parent=self)
        self.log_archive = LogArchive(
            logical_name(name, "log-archive"), storage, logs_key_arn=logs_key_arn, env=env, opts=mine)
        archive = self.log_archive.archive
        assert archive is not None  # made by default (archive=True)
        # CloudTrail and Config check the bucket policy when they are created: wait for the archive.
        # (depends_on on a component is not inherited by its children, so it is passed down.)
        after_archive = [self.log_archive]
        self.trail = Trail(
            logical_name(name, "cloudtrail"), spec.trail, log_archive_bucket=archive.bucket_name,
            logs_key_arn=logs_key_arn, env=env,
            delivery_after=after_archive, opts=mine)
        self.config = ConfigRecorder(
            logical_name(name, "config"), spec.config_recorder, log_archive_bucket=archive.bucket_name,
            logs_key_arn=logs_key_arn, env=env, delivery_after=after_archive, opts=mine)
        self.threat_detection = ThreatDetection(
            logical_name(name, "threat-detection"), spec, env=env, opts=mine)
        self.log_archive_bucket_name = archive.bucket_name
        self.log_archive_bucket_arn = archive.arn
        self.access_log_bucket_name = self.log_archive.access_log_bucket_name
        self.elb_log_bucket_name = self.log_archive.elb_log_bucket_name
        self.trail_arn = self.trail.trail_arn
        self.trail_log_group_name = self.trail.log_group_name
        self.trail_log_group_arn = self.trail.log_group_arn
        self.detector_id = self.threat_detection.detector_id
        self.register_outputs({
            "logArchiveBucketName": self.log_archive_bucket_name, "accessLogBucketName": self.access_log_bucket_name,
            "elbLogBucketName": self.elb_log_bucket_name, "trailArn": self.trail_arn,
            "trailLogGroupName": self.trail_log_group_name, "detectorId": self.detector_id,
        })
