import json

import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("docs")
aws.s3.BucketWebsiteConfiguration("docs", bucket=bucket.id, index_document={"suffix": "index.html"},
                                  error_document={"key": "404.html"})
access = aws.s3.BucketPublicAccessBlock("docs", bucket=bucket.id, block_public_acls=False,
                                        block_public_policy=False, ignore_public_acls=False,
                                        restrict_public_buckets=False)
aws.s3.BucketPolicy("docs-public-read", bucket=bucket.id, policy=bucket.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"],
                   "Resource": [f"{arn}/*"]}],
})), opts=pulumi.ResourceOptions(depends_on=[access]))

uploads = aws.s3.Bucket("docs-uploads", acl="public-read-write")

pulumi.export("website", bucket.website_endpoint)
