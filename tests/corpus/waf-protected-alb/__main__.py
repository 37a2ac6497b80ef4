import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
net = pulumi.StackReference("acme/network/prod")
vpc_id = net.require_output("vpcId")
elb_account = aws.elb.get_service_account()

logs = aws.s3.Bucket("portal-alb-logs")
aws.s3.BucketPublicAccessBlock("portal-alb-logs", bucket=logs.id, block_public_acls=True, block_public_policy=True,
                               ignore_public_acls=True, restrict_public_buckets=True)
aws.s3.BucketPolicy("portal-alb-logs", bucket=logs.id, policy=aws.iam.get_policy_document_output(statements=[{
    "actions": ["s3:PutObject"],
    "principals": [{"type": "AWS", "identifiers": [elb_account.arn]}],
    "resources": [logs.arn.apply(lambda arn: f"{arn}/*")],
}]).json)

sg = aws.ec2.SecurityGroup("portal-alb", vpc_id=vpc_id, description="portal ALB",
                           ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443,
                                     "cidr_blocks": ["0.0.0.0/0"], "description": "HTTPS from customers"}],
                           egress=[{"protocol": "tcp", "from_port": 8443, "to_port": 8443,
                                    "cidr_blocks": ["10.0.0.0/8"], "description": "to the portal tasks"}])

alb = aws.lb.LoadBalancer("portal", load_balancer_type="application", subnets=net.require_output("publicSubnetIds"),
                          security_groups=[sg.id], drop_invalid_header_fields=True, enable_deletion_protection=True,
                          access_logs={"bucket": logs.bucket, "enabled": True, "prefix": "portal"})
tg = aws.lb.TargetGroup("portal", port=8443, protocol="HTTPS", target_type="ip", vpc_id=vpc_id)
aws.lb.Listener("portal-https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06", certificate_arn=cfg.require("certificateArn"),
                default_actions=[{"type": "forward", "target_group_arn": tg.arn}])

managed = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet"]
rules = [aws.wafv2.WebAclRuleArgs(
    name=name, priority=i, override_action={"none": {}},
    statement={"managed_rule_group_statement": {"vendor_name": "AWS", "name": name}},
    visibility_config={"cloudwatch_metrics_enabled": True, "metric_name": name, "sampled_requests_enabled": True},
) for i, name in enumerate(managed)]
rules.append(aws.wafv2.WebAclRuleArgs(
    name="rate-limit", priority=len(managed), action={"block": {}},
    statement={"rate_based_statement": {"limit": cfg.require_int("rateLimit"), "aggregate_key_type": "IP"}},
    visibility_config={"cloudwatch_metrics_enabled": True, "metric_name": "rate-limit",
                       "sampled_requests_enabled": True}))

acl = aws.wafv2.WebAcl("portal", scope="REGIONAL", default_action={"allow": {}}, rules=rules,
                       visibility_config={"cloudwatch_metrics_enabled": True, "metric_name": "portal",
                                          "sampled_requests_enabled": True})
aws.wafv2.WebAclAssociation("portal", resource_arn=alb.arn, web_acl_arn=acl.arn)
waf_logs = aws.cloudwatch.LogGroup("aws-waf-logs-portal", name="aws-waf-logs-portal", retention_in_days=365)
aws.wafv2.WebAclLoggingConfiguration("portal", resource_arn=acl.arn, log_destination_configs=[waf_logs.arn])

pulumi.export("dns", alb.dns_name)
