"""RDS DB instances copy their tags to snapshots (FSBP RDS.17)."""

from ...framework import Severity
from .._lib.data import RDS_INSTANCE, flag_rule

RULE = flag_rule(
    "rds_instance_copy_tags_to_snapshot",
    types=(RDS_INSTANCE,),
    prop="copyTagsToSnapshot",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="RDS DB instances copy their tags to snapshots",
    description=(
        "Snapshots without the instance's tags lose their owner and data classification, so tag-based "
        "access policies and retention jobs miss them. AWS copies no tags unless copyTagsToSnapshot is true."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("RDS.17",), "seed": ("configuration-analysis",)},
    remediation="Set copy_tags_to_snapshot=True on the aws.rds.Instance.",
)
