"""Environment: resolved once, frozen, the one protection switch, and the one place tags come from."""

from __future__ import annotations

import dataclasses

import pulumi
import pulumi_aws as aws
import pytest

from components import Environment, KeySpec, ManagedKey, StorageBaseline, StorageSpec
from lz.mock_engine import run_function
from tests.components.envs import environment

BASE = {"environment": "dev", "owner": "platform", "data-classification": "internal",
        "managed-by": "pulumi-landing-zone", "cost-center": "42"}


def test_frozen_and_production_keeps_protection() -> None:
    env = environment(extra={"cost-center": "42"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        env.protect = False  # type: ignore[misc]
    with pytest.raises(ValueError, match="production environments must protect keys and evidence"):
        environment("prod", production=True, protect=False)
    assert dataclasses.replace(env, protect=False).protect is False


def test_options_add_the_transformation_once() -> None:
    env = environment()
    once = env.options(None)
    assert once.transformations == [env.tag_transformation]
    assert env.options(once).transformations == [env.tag_transformation]


def test_tags_reach_resources_of_nested_components_and_of_plain_children() -> None:
    env = environment(extra={"cost-center": "42"})

    def program() -> None:
        baseline = StorageBaseline("dev-storage", StorageSpec(), env=env)
        # a plain resource a team adds under one of our components gets the tags too
        aws.sns.Topic("extra-topic", tags={"Name": "mine", "owner": "someone-else"},
                      opts=pulumi.ResourceOptions(parent=baseline))
        aws.sns.Topic("outside-topic")  # not under a component of ours: untouched

    graph = run_function(program, config={"aws:region": "eu-west-1"})
    key = graph.get("dev-storage-data-key")
    assert key.inputs["tags"] == {**BASE, "Name": "dev-data-key", "purpose": "data"}
    assert graph.get("extra-topic").inputs["tags"] == {**BASE, "Name": "mine", "owner": "someone-else"}
    assert "tags" not in graph.get("outside-topic").inputs
    # types without `tags` get none (the transformation reads the type's arguments)
    assert "tags" not in graph.get("dev-storage-data-alias").inputs


def test_a_component_alone_is_tagged_by_its_env() -> None:
    env = environment(extra={"cost-center": "42"})
    graph = run_function(lambda: ManagedKey("k", KeySpec(), env=env, purpose="logs"),
                         config={"aws:region": "eu-west-1"})
    assert graph.get("k-key").inputs["tags"].items() >= BASE.items()


def test_from_config_resolves_the_one_switch() -> None:
    from tests.components.test_network_single import CONFIG

    env = Environment.from_config(CONFIG, environment().account)
    assert (env.name, env.protect, env.production) == ("dev", CONFIG.protect_evidence, CONFIG.is_production)
    assert env.tagging.base() == {**BASE, "owner": "platform-team", "cost-center": "platform-dev"}
