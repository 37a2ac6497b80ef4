"""RDS DB instances are deployed across multiple Availability Zones (FSBP RDS.5)."""

from ...framework import Severity
from .._lib.data import RDS_INSTANCE, flag_rule

RULE = flag_rule(
    "rds_instance_multi_az",
    types=(RDS_INSTANCE,),
    prop="multiAz",
    want=True,
    default=False,
    default_note="AWS default: single-AZ",
    title="RDS DB instances are Multi-AZ deployments",
    description=(
        "A Multi-AZ instance keeps a synchronous standby in another Availability Zone and fails over to "
        "it during an AZ outage or maintenance. AWS creates single-AZ instances unless multiAz is true. "
        "Aurora replicates storage across AZs itself and is not judged here."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.5",), "cis-aws-5.0": ("2.2.4",), "seed": ("high-availability",)},
    remediation="Set multi_az=True on the aws.rds.Instance (exempt throw-away dev databases by name).",
)
