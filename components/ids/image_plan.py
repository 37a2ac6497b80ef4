"""Pure planning of the sensor's golden image (no pulumi import): names, documents, recipe versions.

The AWSTOE component documents are real YAML files under assets/imagebuilder/; steps whose content
reads `lz-asset:<path>` get that asset's text, so the image build and the boot-time fallback run the
very same installer and pins (assets/build/).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..base import AccountContext
from .userdata import ASSETS, asset, block_yaml

#: Amazon Linux 2023's current x86_64 AMI, published by AWS as a public SSM parameter.
PARENT_IMAGE_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
DEFAULT_SCHEDULE = "cron(0 4 ? * SUN *)"
#: Image Builder takes at most 16,000 characters of inline component data.
COMPONENT_DATA_LIMIT = 16000
COMPONENTS = ("sensor-software", "sensor-test")
ASSET_REF = "lz-asset:"
INSTANCE_POLICIES = {
    "ssm-core": "AmazonSSMManagedInstanceCore",
    "imagebuilder": "EC2InstanceProfileForImageBuilder",
}
SCHEDULE_RE = re.compile(r"^cron\([^()]+\)$")


def ami_parameter_name(environment: str) -> str:
    """Where the fleet finds its image: written by the pipeline, seeded with stock AL2023."""
    return f"/lz/{environment}/ids/sensor-ami"


def component_document(name: str) -> str:
    """The AWSTOE document `assets/imagebuilder/<name>.yaml` with its `lz-asset:` contents filled in."""
    document = yaml.safe_load(ASSETS.joinpath("imagebuilder", f"{name}.yaml").read_text(encoding="utf-8"))
    for phase in document["phases"]:
        for step in phase["steps"]:
            for item in step.get("inputs") if isinstance(step.get("inputs"), list) else []:
                content = item.get("content")
                if isinstance(content, str) and content.startswith(ASSET_REF):
                    item["content"] = asset(content.removeprefix(ASSET_REF))
    text = block_yaml(document)
    if len(text) > COMPONENT_DATA_LIMIT:
        raise ValueError(f"component {name} is {len(text)} characters; Image Builder takes {COMPONENT_DATA_LIMIT}")
    return text


def content_version(text: str) -> str:
    """A semantic version that changes whenever the document does (Image Builder versions are immutable)."""
    digest = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
    return f"1.{digest // 65536}.{digest % 65536}"


@dataclass(frozen=True)
class ImagePlan:
    base_name: str
    ami_parameter: str
    parent_image: str
    schedule: str
    documents: dict[str, str]
    recipe_version: str
    instance_policy_arns: dict[str, str]
    update_component_arn: str


def plan_image(environment: str, schedule: str, account: AccountContext) -> ImagePlan:
    if not SCHEDULE_RE.match(schedule):
        raise ValueError(f"schedule {schedule!r} is not an Image Builder cron() expression")
    documents = {name: component_document(name) for name in COMPONENTS}
    return ImagePlan(
        base_name=f"lz-{environment}-ids-sensor",
        ami_parameter=ami_parameter_name(environment),
        parent_image=f"ssm:{PARENT_IMAGE_PARAMETER}",
        schedule=schedule,
        documents=documents,
        # The recipe is immutable too: its version follows the components it lists.
        recipe_version=content_version("".join(documents.values())),
        instance_policy_arns={k: f"arn:{account.partition}:iam::aws:policy/{p}" for k, p in INSTANCE_POLICIES.items()},
        # AWS-managed: applies every pending AL2023 update before our software is built.
        update_component_arn=(f"arn:{account.partition}:imagebuilder:{account.region}:aws:"
                              "component/update-linux/x.x.x"),
    )


def build_instance_trust_policy() -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                       "Action": "sts:AssumeRole"}],
    }
