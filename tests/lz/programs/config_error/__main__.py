import pulumi_aws as aws
from netlib import MARKER, InvalidStackConfig

assert MARKER == "config_error", "stale netlib module from another program"
aws.s3.BucketV2("before-failure")
raise InvalidStackConfig([
    "network.cidr: 10.0.0.0/33 is not a valid IPv4 network",
    "network.islands: at least one island is required",
])
