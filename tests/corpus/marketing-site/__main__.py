import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
domain = cfg.require("domain")
zone = aws.route53.get_zone(name=cfg.require("zone"), private_zone=False)
log_bucket = cfg.get("logBucket")

content = aws.s3.Bucket("site-content", force_destroy=True)
aws.s3.BucketPublicAccessBlock("site-content", bucket=content.id, block_public_acls=True, block_public_policy=True,
                               ignore_public_acls=True, restrict_public_buckets=True)
aws.s3.BucketServerSideEncryptionConfiguration("site-content", bucket=content.id, rules=[{
    "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}])
aws.s3.BucketVersioning("site-content", bucket=content.id, versioning_configuration={"status": "Enabled"})
aws.s3.BucketOwnershipControls("site-content", bucket=content.id, rule={"object_ownership": "BucketOwnerEnforced"})

cert = aws.acm.Certificate("site", domain_name=domain, validation_method="DNS")
validation = aws.route53.Record(
    "site-validation", zone_id=zone.zone_id,
    name=cert.domain_validation_options[0].resource_record_name,
    type=cert.domain_validation_options[0].resource_record_type,
    records=[cert.domain_validation_options[0].resource_record_value], ttl=60)
validated = aws.acm.CertificateValidation("site", certificate_arn=cert.arn,
                                          validation_record_fqdns=[validation.fqdn])

oac = aws.cloudfront.OriginAccessControl("site", origin_access_control_origin_type="s3",
                                         signing_behavior="always", signing_protocol="sigv4")

distribution = aws.cloudfront.Distribution(
    "site",
    enabled=True,
    aliases=[domain],
    default_root_object="index.html",
    web_acl_id=cfg.get("webAclArn"),
    origins=[{"domain_name": content.bucket_regional_domain_name, "origin_id": "s3",
              "origin_access_control_id": oac.id}],
    default_cache_behavior={
        "target_origin_id": "s3", "viewer_protocol_policy": "redirect-to-https", "compress": True,
        "allowed_methods": ["GET", "HEAD"], "cached_methods": ["GET", "HEAD"],
        "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6",
    },
    restrictions={"geo_restriction": {"restriction_type": "none"}},
    viewer_certificate={"acm_certificate_arn": validated.certificate_arn, "ssl_support_method": "sni-only",
                        "minimum_protocol_version": "TLSv1.2_2021"},
    logging_config={"bucket": log_bucket, "prefix": "marketing/"} if log_bucket else None,
)

aws.s3.BucketPolicy("site-content", bucket=content.id, policy=pulumi.Output.all(content.arn, distribution.arn).apply(
    lambda a: json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject",
            "Resource": f"{a[0]}/*", "Condition": {"StringEquals": {"AWS:SourceArn": a[1]}},
        }],
    })))

aws.route53.Record("site", zone_id=zone.zone_id, name=domain, type="A",
                   aliases=[{"name": distribution.domain_name, "zone_id": distribution.hosted_zone_id,
                             "evaluate_target_health": False}])

pulumi.export("url", f"https://{domain}")
