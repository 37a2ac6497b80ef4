"""EKS clusters send the Kubernetes audit log to CloudWatch (FSBP EKS.8)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import EKS_CLUSTER


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    types = [str(t) for t in resource.get("enabledClusterLogTypes") or ()]
    if "audit" not in types:
        yield Violation(f"enabledClusterLogTypes is {types} (AWS default: none); the rule demands it include "
                        "\"audit\"", "enabledClusterLogTypes")


RULE = ResourceRule(
    id="eks_audit_logging",
    title="EKS clusters have audit logging enabled",
    description=(
        "The Kubernetes audit log records who called the API server for what: the only record of a "
        "kubectl exec, a new ClusterRoleBinding or a read of secrets. EKS enables no control-plane log "
        "type by default, and events from before enabling are never recorded."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EKS.8",), "seed": ("audited",)},
    remediation='Set enabled_cluster_log_types=["api", "audit", "authenticator"] on aws.eks.Cluster (and a '
                "retention on the /aws/eks/<name>/cluster log group).",
    resource_types=(EKS_CLUSTER,),
    evaluate=evaluate,
)
