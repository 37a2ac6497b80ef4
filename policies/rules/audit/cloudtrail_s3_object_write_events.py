"""CloudTrail trails log S3 object-level write events (CIS 3.8)."""

from .._lib.audit import s3_data_events_rule

RULE = s3_data_events_rule("cloudtrail_s3_object_write_events", "write", cis="3.8")
