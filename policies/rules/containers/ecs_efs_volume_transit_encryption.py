"""ECS task definitions mount EFS volumes with encryption in transit (FSBP ECS.18)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import TASK_DEFINITION


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for i, volume in enumerate(resource.get("volumes") or ()):
        efs = volume.get("efsVolumeConfiguration")
        if not efs:
            continue
        value = efs.get("transitEncryption")
        if str(value or "").upper() != "ENABLED":
            shown = "left out (AWS default: DISABLED)" if value is None else repr(value)
            yield Violation(f"EFS volume {volume.get('name') or i} has transitEncryption {shown}, so NFS traffic "
                            "crosses the VPC in clear text; the rule demands ENABLED",
                            f"volumes[{i}].efsVolumeConfiguration.transitEncryption")


RULE = ResourceRule(
    id="ecs_efs_volume_transit_encryption",
    title="ECS task definitions use encryption in transit for EFS volumes",
    description=(
        "Without TLS every read and write between the task and EFS travels unencrypted, visible to "
        "anything that can mirror or intercept VPC traffic. ECS leaves transitEncryption DISABLED unless "
        "asked, so leaving it out fails."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECS.18",), "seed": ("data-encryption",)},
    remediation='Set efs_volume_configuration={"file_system_id": ..., "transit_encryption": "ENABLED"} (and an '
                "authorization_config with an access point and iam=\"ENABLED\") on each volume of "
                "aws.ecs.TaskDefinition.",
    resource_types=(TASK_DEFINITION,),
    evaluate=evaluate,
)
