"""lb_listener_https_only and lb_listener_modern_tls_policy over aws.lb, aws.alb and classic listeners."""

import pulumi_aws as aws
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/web"
TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"
TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06"


def forward() -> list[aws.lb.ListenerDefaultActionArgs]:
    return [aws.lb.ListenerDefaultActionArgs(type="forward", target_group_arn=TG)]


def redirect(protocol: str | None) -> aws.lb.ListenerDefaultActionArgs:
    return aws.lb.ListenerDefaultActionArgs(type="redirect", redirect=aws.lb.ListenerDefaultActionRedirectArgs(
        protocol=protocol, port="443", status_code="HTTP_301"))


def declare() -> None:
    alb = aws.lb.LoadBalancer("ok-alb", load_balancer_type="application", subnets=["subnet-1", "subnet-2"])
    nlb = aws.lb.LoadBalancer("ok-nlb", load_balancer_type="network", subnets=["subnet-1"])
    gwlb = aws.lb.LoadBalancer("ok-gwlb", load_balancer_type="gateway", subnets=["subnet-1"])
    listener = aws.lb.Listener
    listener("ok-https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS", certificate_arn=CERT,
             ssl_policy=TLS13, default_actions=forward())
    listener("ok-http-redirect", load_balancer_arn=alb.arn, port=80, protocol="HTTP",
             default_actions=[redirect("HTTPS")])
    listener("http-forward", load_balancer_arn=alb.arn, port=8080, protocol="HTTP", default_actions=forward())
    listener("http-implicit", load_balancer_arn=alb.arn, port=8081, default_actions=forward())
    listener("http-redirect-same-protocol", load_balancer_arn=alb.arn, port=8082, protocol="HTTP",
             default_actions=[redirect(None)])
    listener("https-old-policy", load_balancer_arn=alb.arn, port=8443, protocol="HTTPS", certificate_arn=CERT,
             ssl_policy="ELBSecurityPolicy-2016-08", default_actions=forward())
    listener("https-no-policy", load_balancer_arn=alb.arn, port=9443, protocol="HTTPS", certificate_arn=CERT,
             default_actions=forward())
    listener("ok-nlb-tcp", load_balancer_arn=nlb.arn, port=5432, protocol="TCP", default_actions=forward())
    listener("tls-no-policy", load_balancer_arn=nlb.arn, port=6443, protocol="TLS", certificate_arn=CERT,
             default_actions=forward())
    listener("ok-geneve", load_balancer_arn=gwlb.arn, default_actions=forward())
    aws.alb.Listener("alb-token-http", load_balancer_arn=alb.arn, port=81, protocol="HTTP",
                     default_actions=[aws.alb.ListenerDefaultActionArgs(type="fixed-response",
                         fixed_response=aws.alb.ListenerDefaultActionFixedResponseArgs(content_type="text/plain"))])
    aws.alb.Listener("ok-alb-token-https", load_balancer_arn=alb.arn, port=444, protocol="HTTPS",
                     certificate_arn=CERT, ssl_policy="ELBSecurityPolicy-TLS13-1-3-2021-06",
                     default_actions=[aws.alb.ListenerDefaultActionArgs(type="forward", target_group_arn=TG)])
    aws.elb.LoadBalancer("classic-http", availability_zones=["us-east-1a"], listeners=[
        aws.elb.LoadBalancerListenerArgs(lb_port=443, lb_protocol="https", instance_port=80,
                                         instance_protocol="http", ssl_certificate_id=CERT),
        aws.elb.LoadBalancerListenerArgs(lb_port=80, lb_protocol="http", instance_port=80, instance_protocol="http")])
    aws.elb.LoadBalancer("ok-classic-https", availability_zones=["us-east-1a"], listeners=[
        aws.elb.LoadBalancerListenerArgs(lb_port=443, lb_protocol="https", instance_port=80,
                                         instance_protocol="http", ssl_certificate_id=CERT)])


GRAPH = run_function(declare)


def test_https_only() -> None:
    assert set(violations("lb_listener_https_only", GRAPH)) == {
        "http-forward", "http-implicit", "http-redirect-same-protocol", "alb-token-http", "classic-http"
    }
    [classic] = violations("lb_listener_https_only", GRAPH)["classic-http"]
    assert classic.property == "listeners[1].lbProtocol"


def test_modern_tls_policy() -> None:
    assert set(violations("lb_listener_modern_tls_policy", GRAPH)) == {
        "https-old-policy", "https-no-policy", "tls-no-policy"
    }


def test_tls_policy_allow_list_is_configurable() -> None:
    config = {"allowed_policies": ["ELBSecurityPolicy-TLS13-1-3-2021-06"]}
    assert set(violations("lb_listener_modern_tls_policy", GRAPH, config)) == {
        "ok-https", "https-old-policy", "https-no-policy", "tls-no-policy"
    }


def test_exemptions() -> None:
    def program() -> None:
        aws.lb.Listener("legacy-http", load_balancer_arn="arn:lb", port=80, protocol="HTTP", default_actions=forward())
        aws.lb.Listener("web-http", load_balancer_arn="arn:lb", port=80, protocol="HTTP", default_actions=forward())

    assert evaluate_rule("lb_listener_https_only", program, {"exemptions": ["legacy-*"]}) == {"web-http"}
