"""Pure planning of the ingress edge (no pulumi import): load balancer names, web ACL rules, log group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .spec import IngressSpec

#: AWS WAF writes only to log groups whose name starts with this.
WAF_LOG_PREFIX = "aws-waf-logs-"
HTTPS_PORT = 443


@dataclass(frozen=True)
class AlbPlan:
    """One application load balancer; `key` is its logical-name part."""

    key: str
    name: str
    internal: bool
    access_log_prefix: str


@dataclass(frozen=True)
class WafRulePlan:
    """A rate-based rule (block above `limit` per IP per 5 minutes) or an AWS managed rule group."""

    name: str
    priority: int
    kind: Literal["rate", "managed"]
    metric_name: str
    limit: int = 0
    group: str = ""


@dataclass(frozen=True)
class IngressPlan:
    environment: str
    public: AlbPlan
    internal: AlbPlan
    tls_policy: str
    deletion_protection: bool
    web_acl_name: str
    rules: tuple[WafRulePlan, ...]
    waf_log_group_name: str
    waf_log_retention_days: int
    app_target_group_name: str
    app_health_check_path: str

    @property
    def load_balancers(self) -> tuple[AlbPlan, AlbPlan]:
        return (self.public, self.internal)


def _prefix(spec: IngressSpec, alb: str) -> str:
    """ELB writes `<bucket>/[<prefix>/]AWSLogs/<account>/...`; the file names carry the ALB's name."""
    return f"{spec.access_log_prefix}/{alb}" if spec.access_log_prefix else ""


def plan_ingress(spec: IngressSpec, environment: str) -> IngressPlan:
    base = f"lz-{environment}"
    acl = f"{base}-edge"
    rules = [WafRulePlan("rate-limit-per-ip", 0, "rate", f"{acl}-rate-limit", limit=spec.waf_rate_limit)]
    rules += [WafRulePlan(group, n, "managed", f"{acl}-{group}", group=group)
              for n, group in enumerate(spec.managed_rule_groups, start=1)]
    return IngressPlan(
        environment=environment,
        public=AlbPlan("public", f"{base}-edge", False, _prefix(spec, "edge")),
        internal=AlbPlan("internal", f"{base}-app", True, _prefix(spec, "app")),
        tls_policy=spec.tls_policy, deletion_protection=spec.deletion_protection, web_acl_name=acl,
        rules=tuple(rules), waf_log_group_name=f"{WAF_LOG_PREFIX}{environment}",
        waf_log_retention_days=spec.waf_log_retention_days, app_target_group_name=f"{base}-app",
        app_health_check_path=spec.app_health_check_path,
    )
