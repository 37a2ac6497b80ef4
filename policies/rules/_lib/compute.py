"""Compute, load balancer and remote-access facts shared by the compute/, edge/ and access/ rules.

Type tokens (confirmed in pulumi_aws 7.51: ``super().__init__('aws:...')``; the ``elasticloadbalancing*``
and ``applicationloadbalancing`` tokens are the aliases older SDKs still register), AWS defaults the
rules rely on, user-data decoding and the load-balancer attribute family.
"""

from __future__ import annotations

import base64
import binascii
import gzip
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Rule, Severity, Violation

INSTANCE = "aws:ec2/instance:Instance"
SPOT_INSTANCE = "aws:ec2/spotInstanceRequest:SpotInstanceRequest"
LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate"
LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration"
INSTANCE_TYPES = (INSTANCE, SPOT_INSTANCE)
COMPUTE_TYPES = (INSTANCE, SPOT_INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION)

EBS_VOLUME = "aws:ebs/volume:Volume"
EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault"

LOAD_BALANCERS = (
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:alb/loadBalancer:LoadBalancer",
    "aws:elasticloadbalancingv2/loadBalancer:LoadBalancer",
    "aws:applicationloadbalancing/loadBalancer:LoadBalancer",
)
LISTENERS = (
    "aws:lb/listener:Listener",
    "aws:alb/listener:Listener",
    "aws:elasticloadbalancingv2/listener:Listener",
    "aws:applicationloadbalancing/listener:Listener",
)
CLASSIC_LOAD_BALANCERS = ("aws:elb/loadBalancer:LoadBalancer", "aws:elasticloadbalancing/loadBalancer:LoadBalancer")
WAF_ASSOCIATIONS = (
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "aws:wafregional/webAclAssociation:WebAclAssociation",
)

CLIENT_VPN_ENDPOINT = "aws:ec2clientvpn/endpoint:Endpoint"
SSM_ASSOCIATION = "aws:ssm/association:Association"

# ALB listeners default to HTTP; these carry no HTTP or TLS for the load balancer to terminate.
PASS_THROUGH_PROTOCOLS = frozenset({"TCP", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC", "GENEVE"})
TLS_PROTOCOLS = frozenset({"HTTPS", "TLS"})


def is_true(value: Any) -> bool:
    """True for ``True`` and for the strings ``"true"`` that launch templates use for booleans."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def is_false(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def from_launch_template(resource: ResourceView) -> bool:
    """An instance launched from a template takes every setting it leaves out from the template,
    which the same rule checks on its own; only what the instance sets itself is judged here."""
    return resource.type in INSTANCE_TYPES and bool(resource.get("launchTemplate"))


# Accounts with EBS encryption by default encrypt every volume whatever the declaration leaves out.
TRUST_DEFAULT: dict[str, dict[str, Any]] = {
    "trust_encryption_by_default": {
        "type": "boolean", "default": False,
        "description": "accept volumes that leave `encrypted` out, for accounts whose EBS encryption by "
                       "default is on (enforced by ebs_encryption_by_default in the account baseline); an "
                       "explicit false still fails",
    },
}


# -- user data -------------------------------------------------------------------------------

def _decoded(value: str) -> str | None:
    compact = "".join(value.split())
    if not compact:
        return None
    try:
        raw = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None
    if raw[:2] == b"\x1f\x8b":  # user_data_base64 may carry gzip, which cloud-init unpacks
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            return None
    return raw.decode("utf-8", errors="replace")


def user_data(resource: ResourceView) -> Iterator[tuple[str, str]]:
    """(property, text) for each user-data property set, with base64 (and gzip) decoded.

    Launch templates and ``userDataBase64`` always carry base64; the provider also passes an
    instance's ``userData`` through unchanged when it already is base64, so both readings are kept.
    Reading an unknown value raises, which the caller reports as cannot decide.
    """
    for key in ("userData", "userDataBase64"):
        value = resource.get(key)
        if value is None or value == "":
            continue
        text = str(value)
        decoded = _decoded(text)
        yield key, text if decoded is None else f"{text}\n{decoded}"


def mentions(text: str, markers: Iterable[str]) -> bool:
    lowered = text.lower()
    return any(m.lower() in lowered for m in markers if m)


# -- load balancers -------------------------------------------------------------------------

def lb_type(resource: ResourceView) -> str:
    """application (the AWS default), network or gateway; classic for the ELB tokens."""
    if resource.type in CLASSIC_LOAD_BALANCERS:
        return "classic"
    return str(resource.get("loadBalancerType") or "application")


def internet_facing(resource: ResourceView) -> bool:
    """``internal`` absent or false means internet-facing; gateway LBs have no scheme."""
    return lb_type(resource) != "gateway" and not is_true(resource.get("internal"))


def lb_attribute_rule(rule_id: str, prop: str, *, lb_types: tuple[str, ...], internet_facing_only: bool,
                      problem: str, title: str, description: str, severity: Severity,
                      frameworks: dict[str, tuple[str, ...]], remediation: str) -> Rule:
    """Load balancers of ``lb_types`` (optionally only internet-facing ones) have ``prop`` true.

    Absent counts as false: every attribute this family checks defaults to false in AWS.
    """

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        if lb_type(resource) not in lb_types:
            return
        if internet_facing_only and not internet_facing(resource):
            return
        if not is_true(resource.get(prop)):
            yield Violation(f"{lb_type(resource)} load balancer {problem}", prop)

    return ResourceRule(
        id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
        remediation=remediation, resource_types=LOAD_BALANCERS, evaluate=evaluate,
    )
