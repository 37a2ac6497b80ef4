"""Every taggable resource of dev and prod carries the base tags, from the one transformation of Environment.

"Taggable" is not a hand list: a resource type is taggable when its pulumi_aws class takes a `tags`
argument (read from the class's signature), so a type that starts taking tags in a provider upgrade
is checked from that day on.
"""

from __future__ import annotations

import importlib
import inspect
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from components.base import MANAGED_BY
from lz.graph import ResourceGraph

ROOT = Path(__file__).resolve().parents[2]


@cache
def takes_tags(type_token: str) -> bool:
    """aws:<module>/<x>:<Class> -> whether pulumi_aws.<module>.<Class> accepts `tags`."""
    package, module_path, class_name = type_token.split(":")
    assert package == "aws", type_token
    module_name = module_path.split("/")[0]
    try:
        module = importlib.import_module(f"pulumi_aws.{module_name}")
    except ModuleNotFoundError:  # Python keywords get a trailing underscore (lambda_)
        module = importlib.import_module(f"pulumi_aws.{module_name}_")
    cls = getattr(module, class_name)
    return "tags" in inspect.signature(cls._internal_init).parameters


def base_tags(stack: str) -> dict[str, str]:
    config = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())["config"]
    tags = config["landing-zone:tags"]
    return {**tags.get("extra", {}), "environment": config["landing-zone:environment"], "owner": tags["owner"],
            "data-classification": tags.get("dataClassification", "internal"), "managed-by": MANAGED_BY}


def tags_of(inputs: dict[str, Any]) -> dict[str, str]:
    tags = inputs.get("tags") or {}
    if isinstance(tags, list):  # autoscaling groups: tag blocks
        return {t["key"]: t["value"] for t in tags}
    return dict(tags)


def test_the_taggable_test_can_tell_types_apart() -> None:
    assert takes_tags("aws:ec2/vpc:Vpc") and takes_tags("aws:lambda/function:Function")
    assert takes_tags("aws:autoscaling/group:Group")
    assert takes_tags("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
    assert not takes_tags("aws:ec2/route:Route") and not takes_tags("aws:s3/bucketPolicy:BucketPolicy")


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_every_taggable_resource_carries_the_base_tags(request: pytest.FixtureRequest, stack: str) -> None:
    graph: ResourceGraph = request.getfixturevalue(f"{stack}_graph")
    expected = base_tags(stack)
    taggable = [r for r in graph.resources if r.custom and takes_tags(r.type)]
    assert len(taggable) > 150
    missing = {r.name: sorted(set(expected.items()) - set(tags_of(r.inputs).items())) for r in taggable}
    assert {name: gaps for name, gaps in missing.items() if gaps} == {}
    # the SG rules of VpcIsland had no tags before the one transformation
    rule = graph.get(f"{stack}-edge-endpoints-sg-in-https")
    assert tags_of(rule.inputs).items() >= expected.items()


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_name_tags_say_the_az_in_full(request: pytest.FixtureRequest, stack: str) -> None:
    graph: ResourceGraph = request.getfixturevalue(f"{stack}_graph")
    subnets = graph.by_type("aws:ec2/subnet:Subnet")
    names = [tags_of(s.inputs)["Name"] for s in subnets]
    assert len(set(names)) == len(names)
    for subnet, name in zip(subnets, names, strict=True):
        assert name.endswith(subnet.inputs["availabilityZone"]), (subnet.name, name)
