"""CloudTrail trails log S3 object-level read events (CIS 3.9)."""

from .._lib.audit import s3_data_events_rule

RULE = s3_data_events_rule("cloudtrail_s3_object_read_events", "read", cis="3.9")
