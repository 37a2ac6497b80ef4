"""Input contracts of the IDS fleet (`landing-zone:ids`) and the public ingress (`landing-zone:ingress`).

The seed's path: the internet reaches an HTTPS-terminating ALB, which proxies plain HTTP to the Snort
sensors (nginx in front of Snort 3, rate-limited); the sensors accept or reject and pass the request on
to the application tier through an internal HTTPS ALB. Mode `gwlb` inspects the same traffic
transparently behind a Gateway Load Balancer (GENEVE) instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator

from ..spec_base import AcmArn, RetentionDays, Spec

IdsMode = Literal["alb-proxy", "gwlb"]

#: `<family><generation><options>.<size>`, e.g. c6i.large, m7i-flex.xlarge, t3.medium.
INSTANCE_TYPE_RE = re.compile(
    r"^(?P<family>[a-z]+)(?P<generation>\d+)(?P<options>[a-z-]*)\."
    r"(nano|micro|small|medium|large|\d{0,2}xlarge|metal(-\d+xl)?)$")
#: Ports the sensors' proxy may not take: SSH, the GENEVE port, privileged ports below 1024.
RESERVED_PROXY_PORTS = (6081,)
HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
IPV4_RE = re.compile(r"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$")
SCHEDULE_RE = re.compile(r"^(cron\([^()]+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$")

#: ELB security policies that negotiate TLS 1.3 (and nothing older than TLS 1.2).
TLS13_POLICIES = (
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
)
DEFAULT_RULE_GROUPS = ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet")
RULE_GROUP_RE = re.compile(r"^AWSManagedRules[A-Za-z0-9]{1,100}$")
#: WAF rate-based rules count requests per 5-minute window.
MIN_WAF_RATE, MAX_WAF_RATE = 100, 2_000_000_000
ACCESS_LOG_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}(/[a-z0-9][a-z0-9-]{0,30}){0,3}$")


def is_arm_family(instance_type: str) -> bool:
    """Graviton families carry a 'g' after the generation (t4g, c7gn, m6gd, im4gn)."""
    match = INSTANCE_TYPE_RE.match(instance_type)
    return bool(match and "g" in match.group("options"))


class IdsSpec(Spec):
    """`landing-zone:ids`: the Snort sensor fleet in the inspection subnets."""

    mode: IdsMode = Field(
        "alb-proxy",
        description="alb-proxy: the public ALB terminates TLS and proxies HTTP through the sensors (the seed's "
        "design); gwlb: a Gateway Load Balancer sends traffic through the sensors transparently (GENEVE).")
    instance_type: str = Field(
        "c6i.large", description="Sensor instance type (x86_64: the sensor image is built for it).")
    min_size: int = Field(2, ge=1, le=100, description="Fewest sensors (production: at least 2, one per AZ).")
    max_size: int = Field(4, ge=1, le=100, description="Most sensors the group may scale to.")
    desired_size: int = Field(2, ge=1, le=100, description="Sensors at launch (min <= desired <= max).")
    proxy_port: int = Field(
        8080, ge=1024, le=65535,
        description="Port nginx listens on for the public ALB (alb-proxy). The firewall flow "
        "`public -> inspection http-proxy` opens 8080; a different port needs a {fromPort, toPort} flow.")
    rate_limit_per_second: int = Field(
        50, ge=1, le=100_000, description="nginx limit_req rate per client address (requests per second).")
    rate_limit_burst: int = Field(
        100, ge=0, le=1_000_000, description="nginx limit_req burst: requests queued above the rate before 503.")
    wazuh_manager: str | None = Field(
        None, description="Host name or IPv4 address of the Wazuh manager the host IDS agent reports to; "
        "default: the agent logs locally to the hids log group only.")
    golden_image: bool = Field(
        True, description="Launch from the environment's sensor image (SSM /lz/<env>/ids/sensor-ami); off: the "
        "latest Amazon Linux 2023 image, with Snort installed at boot (slower, unpinned).")
    image_schedule: str = Field(
        "cron(0 3 ? * SUN *)", description="When the golden image is rebuilt (EventBridge cron()/rate()).")
    detailed_monitoring: bool = Field(True, description="EC2 detailed (1-minute) monitoring on the sensors.")
    volume_size_gb: int = Field(30, ge=8, le=1024, description="Root volume size (GiB, gp3, KMS-encrypted).")
    health_check_grace_seconds: int = Field(
        300, ge=0, le=7200, description="Seconds a new sensor has to boot before the ALB health check counts.")
    alert_threshold: int = Field(
        1, ge=1, le=1_000_000, description="Snort alerts in 5 minutes that raise the IDS alarm.")

    @field_validator("instance_type")
    @classmethod
    def _instance_type(cls, value: str) -> str:
        if not INSTANCE_TYPE_RE.match(value):
            raise ValueError(f"{value!r} is not an EC2 instance type (<family><generation>.<size>, e.g. c6i.large)")
        if is_arm_family(value):
            raise ValueError(f"{value!r} is a Graviton (arm64) type; the sensor image is x86_64")
        return value

    @field_validator("proxy_port")
    @classmethod
    def _proxy_port(cls, value: int) -> int:
        if value in RESERVED_PROXY_PORTS:
            raise ValueError(f"{value} is reserved (GENEVE); choose another port such as 8080")
        return value

    @field_validator("wazuh_manager")
    @classmethod
    def _manager(cls, value: str | None) -> str | None:
        if value is not None and not (IPV4_RE.match(value) or HOSTNAME_RE.match(value.lower())):
            raise ValueError(f"{value!r} is not a host name or IPv4 address")
        return value

    @field_validator("image_schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        if not SCHEDULE_RE.match(value):
            raise ValueError(f"{value!r} is not an EventBridge schedule (cron(...) or rate(<n> <unit>))")
        return value


def ids_issues(spec: IdsSpec, production: bool) -> Iterator[tuple[str, str]]:
    """Checks across fields and the environment: sizes ordered, production survives an AZ loss."""
    if spec.min_size > spec.max_size:
        yield "ids.minSize", f"{spec.min_size} is greater than maxSize {spec.max_size}"
    if not spec.min_size <= spec.desired_size <= spec.max_size:
        yield "ids.desiredSize", f"{spec.desired_size} is outside minSize..maxSize ({spec.min_size}..{spec.max_size})"
    if production and spec.min_size < 2:
        yield "ids.minSize", (f"{spec.min_size}: a production environment needs at least 2 sensors, "
                              "or one AZ failure stops all inspected traffic")


class IngressSpec(Spec):
    """`landing-zone:ingress`: the public ALB (TLS, WAF) in front of the sensors and the internal ALB after them."""

    enabled: bool = Field(True, description="Create the public and internal load balancers and the web ACL.")
    certificate_arn: AcmArn | None = Field(
        None, description="ACM certificate of the public HTTPS listener (required when enabled).")
    internal_certificate_arn: AcmArn | None = Field(
        None, description="ACM certificate of the internal ALB's HTTPS listener, the sensors' upstream "
        "(required when enabled; the seed re-encrypts after inspection).")
    internal_host_name: str | None = Field(
        None, pattern=r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
        description="The DNS name the internal certificate is issued for: the sensors verify the internal "
        "ALB's certificate against it (the ALB's own DNS name is not on your certificate). Required when enabled.")
    tls_policy: str = Field(
        "ELBSecurityPolicy-TLS13-1-2-2021-06",
        description=f"ELB security policy of both HTTPS listeners; one of the TLS 1.3 policies {TLS13_POLICIES}.")
    waf_rate_limit: int = Field(
        2000, ge=MIN_WAF_RATE, le=MAX_WAF_RATE,
        description="Requests per client IP per 5 minutes above which the web ACL blocks it (100-2,000,000,000).")
    managed_rule_groups: list[str] = Field(
        default_factory=lambda: list(DEFAULT_RULE_GROUPS), max_length=20,
        description="AWS managed rule groups evaluated after the rate rule, actions not overridden.")
    deletion_protection: bool = Field(
        True, description="Deletion protection on both load balancers (production: must stay on).")
    access_log_prefix: str = Field(
        "", description="Key prefix of the ALB access logs in the ELB log bucket. Empty (default) writes "
        "under AWSLogs/<account>/, the only path the log archive's ELB delivery grant allows.")
    waf_log_retention_days: RetentionDays = Field(365, description="Retention of the aws-waf-logs-<env> log group.")
    app_health_check_path: str = Field(
        "/healthz", pattern=r"^/[A-Za-z0-9_./-]*$", max_length=1024,
        description="Health check path of the application targets behind the internal ALB.")

    @field_validator("tls_policy")
    @classmethod
    def _tls(cls, value: str) -> str:
        if value not in TLS13_POLICIES:
            raise ValueError(f"{value!r} is not one of the TLS 1.3 policies {TLS13_POLICIES}")
        return value

    @field_validator("managed_rule_groups")
    @classmethod
    def _groups(cls, groups: list[str]) -> list[str]:
        bad = [g for g in groups if not RULE_GROUP_RE.match(g)]
        if bad:
            raise ValueError(f"{bad} are not AWS managed rule group names (AWSManagedRules<Name>)")
        repeated = sorted({g for g in groups if groups.count(g) > 1})
        if repeated:
            raise ValueError(f"{repeated} listed more than once")
        return groups

    @field_validator("access_log_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if value and (not ACCESS_LOG_PREFIX_RE.match(value) or "awslogs" in value.lower()):
            raise ValueError(f"{value!r}: use 1-4 lowercase segments separated by '/', without 'AWSLogs'")
        return value



def ingress_issues(spec: IngressSpec, production: bool) -> Iterator[tuple[str, str]]:
    """Certificates are required when ingress is on; production keeps deletion protection and a year of WAF logs."""
    if not spec.enabled:
        return
    for key, value in (("certificateArn", spec.certificate_arn),
                       ("internalCertificateArn", spec.internal_certificate_arn),
                       ("internalHostName", spec.internal_host_name)):
        if value is None:
            what = "the DNS name on the internal certificate" if key == "internalHostName" else "an ACM certificate ARN"
            yield f"ingress.{key}", f"required when ingress is enabled ({what})"
    if production and not spec.deletion_protection:
        yield "ingress.deletionProtection", ("a production environment keeps deletion protection on its load "
                                             "balancers: one API call would take the service down")
    if production and spec.waf_log_retention_days < 365:
        yield "ingress.wafLogRetentionDays", f"{spec.waf_log_retention_days}: production keeps WAF logs >= 365 days"
