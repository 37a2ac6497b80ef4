"""EKS API server endpoints are not publicly accessible (FSBP EKS.1)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import EKS_CLUSTER


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    vpc = resource.get("vpcConfig") or {}
    public = vpc.get("endpointPublicAccess")
    if public is False:
        return
    cidrs = list(vpc.get("publicAccessCidrs") or ()) or ["0.0.0.0/0 (AWS default)"]
    shown = "left out (AWS default: true)" if public is None else repr(public)
    yield Violation(f"endpointPublicAccess is {shown}, so the Kubernetes API answers from {cidrs}; the rule "
                    "demands endpointPublicAccess=false with endpointPrivateAccess=true",
                    "vpcConfig.endpointPublicAccess")


RULE = ResourceRule(
    id="eks_endpoint_not_public",
    title="EKS cluster endpoints are not publicly accessible",
    description=(
        "A public API server endpoint exposes the cluster's control plane to credential stuffing, leaked "
        "kubeconfigs and Kubernetes CVEs from the whole internet (or the listed CIDRs). EKS makes the "
        "endpoint public unless told otherwise, so leaving it out fails; restricting publicAccessCidrs "
        "still fails FSBP EKS.1."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("EKS.1",), "seed": ("isolated-and-controlled",)},
    remediation='Set vpc_config={"endpoint_public_access": False, "endpoint_private_access": True, ...} on '
                "aws.eks.Cluster; reach the API through the VPC (VPN, SSM port forwarding, a bastion).",
    resource_types=(EKS_CLUSTER,),
    evaluate=evaluate,
)
