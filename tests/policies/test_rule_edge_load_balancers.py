"""lb_access_logs_enabled, lb_drop_invalid_headers, lb_deletion_protection, lb_public_alb_has_waf."""

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

SUBNETS = ["subnet-1", "subnet-2"]
LOGS = aws.lb.LoadBalancerAccessLogsArgs(bucket="lz-lb-logs", enabled=True, prefix="web")
WEB_ACL = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1"


def alb(name: str, **kwargs: object) -> aws.lb.LoadBalancer:
    return aws.lb.LoadBalancer(name, subnets=SUBNETS, **kwargs)  # type: ignore[arg-type]


def test_access_logs_enabled() -> None:
    def program() -> None:
        alb("ok-logged", access_logs=LOGS)
        alb("no-logs")
        alb("bucket-not-enabled", access_logs=aws.lb.LoadBalancerAccessLogsArgs(bucket="lz-lb-logs"))
        alb("nlb-disabled", load_balancer_type="network",
            access_logs=aws.lb.LoadBalancerAccessLogsArgs(bucket="lz-lb-logs", enabled=False))
        alb("ok-gwlb", load_balancer_type="gateway")
        aws.alb.LoadBalancer("alb-token-no-logs", subnets=SUBNETS)
        aws.elb.LoadBalancer("ok-classic-logged", availability_zones=["us-east-1a"], listeners=[
            aws.elb.LoadBalancerListenerArgs(lb_port=443, lb_protocol="tcp", instance_port=443,
                                             instance_protocol="tcp")],
            access_logs=aws.elb.LoadBalancerAccessLogsArgs(bucket="lz-lb-logs"))  # enabled defaults to true
        aws.elb.LoadBalancer("classic-no-logs", availability_zones=["us-east-1a"], listeners=[
            aws.elb.LoadBalancerListenerArgs(lb_port=443, lb_protocol="tcp", instance_port=443,
                                             instance_protocol="tcp")])

    assert evaluate_rule("lb_access_logs_enabled", program) == {
        "no-logs", "bucket-not-enabled", "nlb-disabled", "alb-token-no-logs", "classic-no-logs"
    }


def test_drop_invalid_headers() -> None:
    def program() -> None:
        alb("ok-drops", drop_invalid_header_fields=True)
        alb("forwards")
        alb("ok-internal-drops", internal=True, drop_invalid_header_fields=True)
        alb("internal-forwards", internal=True, drop_invalid_header_fields=False)
        alb("ok-nlb", load_balancer_type="network")
        aws.alb.LoadBalancer("alb-token-forwards", subnets=SUBNETS)

    assert evaluate_rule("lb_drop_invalid_headers", program) == {
        "forwards", "internal-forwards", "alb-token-forwards"
    }


def test_deletion_protection_internet_facing_only_with_dev_exemption() -> None:
    def program() -> None:
        alb("ok-protected", enable_deletion_protection=True)
        alb("unprotected")
        alb("nlb-unprotected", load_balancer_type="network", internal=False)
        alb("ok-internal", internal=True)
        alb("ok-gwlb", load_balancer_type="gateway")
        alb("dev-web")

    graph = run_function(program)
    assert set(violations("lb_deletion_protection", graph)) == {"unprotected", "nlb-unprotected", "dev-web"}
    assert set(violations("lb_deletion_protection", graph, {"exemptions": ["dev-*"]})) == {
        "unprotected", "nlb-unprotected"
    }


def test_public_alb_has_waf() -> None:
    def program() -> None:
        by_arn = alb("ok-waf-by-arn")  # arn unknown under the mocks: joined by the dependency record
        aws.wafv2.WebAclAssociation("by-arn", resource_arn=by_arn.arn, web_acl_arn=WEB_ACL)
        by_id = aws.alb.LoadBalancer("ok-waf-by-id", subnets=SUBNETS)  # an ALB's id is its ARN
        aws.wafv2.WebAclAssociation("by-id", resource_arn=by_id.id, web_acl_arn=WEB_ACL)
        classic_waf = alb("ok-waf-regional")
        aws.wafregional.WebAclAssociation("regional", resource_arn=classic_waf.arn, web_acl_id="acl-1")
        alb("no-waf")
        other = alb("other")
        aws.wafv2.WebAclAssociation("other-waf", resource_arn=other.id, web_acl_arn=WEB_ACL)
        alb("ok-internal", internal=True)
        alb("ok-nlb", load_balancer_type="network")

    assert evaluate_rule("lb_public_alb_has_waf", program) == {"no-waf"}
    assert evaluate_rule("lb_public_alb_has_waf", program, {"exemptions": ["no-*"]}) == set()


def test_public_alb_unknown_scheme_is_cannot_decide() -> None:
    def program() -> None:
        alb("pending", internal=unknown(False))
        alb("no-waf")

    found = violations("lb_public_alb_has_waf", run_function(program))
    assert set(found) == {"pending", "no-waf"}
    assert found["pending"][0].message.startswith("cannot decide: internal")
