"""Classic and v2 load balancer rules for FSBP ELB.2, 7, 8, 9, 10, 12, 13, 14."""

from typing import Any

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

ACM = "arn:aws:acm:us-east-1:123456789012:certificate/web"
IAM_CERT = "arn:aws:iam::123456789012:server-certificate/web"
AZS = ["us-east-1a", "us-east-1b"]
SUBNETS = ["subnet-1", "subnet-2"]


def https(port: int = 443, cert: str | None = ACM, protocol: str = "https") -> aws.elb.LoadBalancerListenerArgs:
    return aws.elb.LoadBalancerListenerArgs(lb_port=port, lb_protocol=protocol, instance_port=80,
                                            instance_protocol="http", ssl_certificate_id=cert)


TCP = aws.elb.LoadBalancerListenerArgs(lb_port=5432, lb_protocol="tcp", instance_port=5432, instance_protocol="tcp")


def classic(name: str, listeners: list[aws.elb.LoadBalancerListenerArgs] | None = None,
            **kwargs: Any) -> aws.elb.LoadBalancer:
    kwargs.setdefault("availability_zones", AZS)
    return aws.elb.LoadBalancer(name, listeners=listeners or [TCP], **kwargs)


def test_connection_draining() -> None:
    def program() -> None:
        classic("ok-draining", connection_draining=True)
        classic("draining-default")
        classic("draining-off", connection_draining=False)

    found = violations("elb_classic_connection_draining", run_function(program))
    assert set(found) == {"draining-default", "draining-off"}
    assert found["draining-default"][0].message == (
        "classic load balancer connection_draining is not set (AWS default: off); the rule demands True")


def test_cross_zone_only_explicit_false_fails() -> None:
    def program() -> None:
        classic("ok-default")
        classic("ok-on", cross_zone_load_balancing=True)
        classic("off", cross_zone_load_balancing=False)

    assert set(violations("elb_classic_cross_zone", run_function(program))) == {"off"}


def test_multi_az_every_shape() -> None:
    def program() -> None:
        classic("ok-classic-azs")
        classic("classic-one-az", availability_zones=["us-east-1a"])
        classic("ok-classic-subnets", availability_zones=None, subnets=SUBNETS)
        classic("classic-one-subnet", availability_zones=None, subnets=["subnet-1"])
        aws.lb.LoadBalancer("ok-alb", subnets=SUBNETS)
        aws.lb.LoadBalancer("nlb-one-subnet", load_balancer_type="network", subnets=["subnet-1"])
        aws.lb.LoadBalancer("gwlb-one-mapping", load_balancer_type="gateway",
                            subnet_mappings=[aws.lb.LoadBalancerSubnetMappingArgs(subnet_id="subnet-1")])
        aws.lb.LoadBalancer("ok-nlb-mappings", load_balancer_type="network", subnet_mappings=[
            aws.lb.LoadBalancerSubnetMappingArgs(subnet_id=s) for s in SUBNETS])
        aws.alb.LoadBalancer("alb-token-one", subnets=["subnet-1"])
        aws.alb.LoadBalancer("ok-alb-token", subnets=SUBNETS)
        aws.lb.LoadBalancer("pending", load_balancer_type="network", subnets=unknown(SUBNETS))

    graph = run_function(program)
    found = violations("lb_multi_az", graph)
    assert set(found) == {"classic-one-az", "classic-one-subnet", "nlb-one-subnet", "gwlb-one-mapping",
                          "alb-token-one", "pending"}
    assert found["gwlb-one-mapping"][0].property == "subnetMappings"
    assert found["pending"][0].message.startswith("cannot decide: subnets")
    assert "ok-alb" in violations("lb_multi_az", graph, {"min_zones": 3})


def test_desync_mitigation() -> None:
    def program() -> None:
        aws.lb.LoadBalancer("ok-alb-default", subnets=SUBNETS)
        aws.lb.LoadBalancer("ok-alb-strictest", subnets=SUBNETS, desync_mitigation_mode="strictest")
        aws.lb.LoadBalancer("alb-monitor", subnets=SUBNETS, desync_mitigation_mode="monitor")
        aws.alb.LoadBalancer("alb-token-monitor", subnets=SUBNETS, desync_mitigation_mode="monitor")
        aws.alb.LoadBalancer("ok-alb-token-defensive", subnets=SUBNETS, desync_mitigation_mode="defensive")
        aws.lb.LoadBalancer("ok-nlb-not-http", load_balancer_type="network", subnets=SUBNETS,
                            desync_mitigation_mode="monitor")
        classic("classic-monitor", desync_mitigation_mode="monitor")
        classic("ok-classic-defensive", desync_mitigation_mode="defensive")

    found = violations("lb_desync_mitigation", run_function(program))
    assert set(found) == {"alb-monitor", "alb-token-monitor", "classic-monitor"}
    assert found["classic-monitor"][0].message.startswith("classic load balancer desync_mitigation_mode is monitor")


def test_classic_acm_certificate() -> None:
    def program() -> None:
        classic("ok-acm", [https(), TCP])
        classic("iam-cert", [TCP, https(cert=IAM_CERT)])
        classic("ssl-iam-cert", [https(cert=IAM_CERT, protocol="ssl")])
        classic("ok-tcp-only")

    found = violations("elb_classic_acm_certificate", run_function(program))
    assert set(found) == {"iam-cert", "ssl-iam-cert"}
    assert found["iam-cert"][0].property == "listeners[1].sslCertificateId"


def _tls_policy(lb: aws.elb.LoadBalancer, name: str, reference: str, port: int = 443) -> None:
    policy = aws.elb.LoadBalancerPolicy(
        f"{name}-policy", load_balancer_name=lb.name, policy_name=f"{name}-tls",
        policy_type_name="SSLNegotiationPolicyType",
        policy_attributes=[aws.elb.LoadBalancerPolicyPolicyAttributeArgs(name="Reference-Security-Policy",
                                                                         value=reference)])
    aws.elb.ListenerPolicy(f"{name}-listener", load_balancer_name=lb.name, load_balancer_port=port,
                           policy_names=[policy.policy_name])


def test_classic_predefined_tls_policy() -> None:
    def program() -> None:
        good = classic("ok-tls12", [https(), TCP])
        _tls_policy(good, "good", "ELBSecurityPolicy-TLS-1-2-2017-01")
        old = classic("old-policy", [https()])
        _tls_policy(old, "old", "ELBSecurityPolicy-2016-08")
        classic("no-policy", [https()])
        wrong_port = classic("policy-on-other-port", [https(8443)])
        _tls_policy(wrong_port, "wrong", "ELBSecurityPolicy-TLS-1-2-2017-01", port=443)
        classic("ok-tcp")

    graph = run_function(program)
    found = violations("elb_classic_predefined_tls_policy", graph)
    assert set(found) == {"old-policy", "no-policy", "policy-on-other-port"}
    assert "uses ELBSecurityPolicy-2016-08" in found["old-policy"][0].message
    assert "no aws.elb.ListenerPolicy" in found["no-policy"][0].message
    loose = {"allowed_policies": ["ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-2016-08"]}
    assert set(violations("elb_classic_predefined_tls_policy", graph, loose)) == {"no-policy",
                                                                                 "policy-on-other-port"}
