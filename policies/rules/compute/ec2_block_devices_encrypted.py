"""Every EBS device an instance or launch specification declares is encrypted."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import COMPUTE_TYPES, LAUNCH_TEMPLATE, TRUST_DEFAULT, from_launch_template, is_false, is_true


def _judge(value: Any, path: str, what: str, trust_default: bool) -> Iterator[Violation]:
    if is_true(value):
        return
    if is_false(value):
        yield Violation(f"{what} is declared unencrypted", path)
    elif not trust_default:
        yield Violation(f"{what} does not set encrypted; without account encryption by default it "
                        "follows the AMI snapshot, unencrypted for most public AMIs", path)


def _template(resource: ResourceView, trust: bool) -> Iterator[Violation]:
    mappings = resource.get("blockDeviceMappings") or ()
    with_ebs = [(i, m.get("ebs")) for i, m in enumerate(mappings) if m.get("ebs")]
    if not with_ebs and not trust:
        yield Violation("no block device mapping declares encryption, so the root volume follows the "
                        "AMI snapshot", "blockDeviceMappings")
    for i, ebs in with_ebs:
        # Launch templates carry this boolean as the string "true"/"false".
        yield from _judge(ebs.get("encrypted"), f"blockDeviceMappings[{i}].ebs.encrypted",
                          f"block device mapping {i}", trust)


def _instance(resource: ResourceView, trust: bool) -> Iterator[Violation]:
    root = resource.get("rootBlockDevice")
    inherits = from_launch_template(resource)
    if root:
        if not (inherits and root.get("encrypted") is None):
            yield from _judge(root.get("encrypted"), "rootBlockDevice.encrypted", "root volume", trust)
    elif not inherits:
        yield from _judge(None, "rootBlockDevice.encrypted", "root volume", trust)
    for i, device in enumerate(resource.get("ebsBlockDevices") or ()):
        yield from _judge(device.get("encrypted"), f"ebsBlockDevices[{i}].encrypted",
                          f"EBS device {device.get('deviceName') or i}", trust)


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    trust = bool(config["trust_encryption_by_default"])
    if resource.type == LAUNCH_TEMPLATE:
        yield from _template(resource, trust)
    else:
        yield from _instance(resource, trust)


RULE = ResourceRule(
    id="ec2_block_devices_encrypted",
    title="EC2 root and EBS block devices are encrypted",
    description=(
        "Volumes attached at launch hold the OS, application data and anything written to swap; "
        "unencrypted, they and their snapshots are readable by whoever can copy them. The root volume "
        "counts when left out, since it then follows the AMI. An instance launched from a launch "
        "template inherits the template's devices; the template is checked itself."
    ),
    severity=Severity.MEDIUM,
    frameworks={
        "aws-fsbp": ("EC2.3",),
        "cis-aws-5.0": ("5.1.1",),
        "cis-aws-3.0": ("2.2.1",),
        "seed": ("data-encryption",),
    },
    remediation=(
        "Set root_block_device={\"encrypted\": True} and encrypted=True on every ebs_block_devices entry "
        "(Instance, SpotInstanceRequest, LaunchConfiguration); on a LaunchTemplate give each "
        "block_device_mappings entry ebs={\"encrypted\": \"true\", \"kms_key_id\": ...}, including the "
        "root device."
    ),
    resource_types=COMPUTE_TYPES,
    config=TRUST_DEFAULT,
    evaluate=evaluate,
)
