"""REST API stage caches are encrypted at rest (a stack rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.compute import is_true
from .._lib.edge import METHOD_SETTINGS, REST_STAGE, all_methods, settings_of_stage


def _encrypted(ms: ResourceView) -> bool:
    return is_true((ms.get("settings") or {}).get("cacheDataEncrypted"))


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    reported: set[str] = set()  # */* settings already covered by their stage's finding

    def stage_check(stage: ResourceView) -> Iterator[Violation]:
        if not is_true(stage.get("cacheClusterEnabled")):
            return
        every = all_methods(settings_of_stage(stack, stage))
        if not any(_encrypted(ms) for ms in every):
            reported.update(ms.urn for ms in every)
            yield Violation(f"REST stage {stage.name} has a cache cluster but no */* method settings with "
                            "cache_data_encrypted=True (AWS default: unencrypted)", "cacheClusterEnabled")

    def settings_check(ms: ResourceView) -> Iterator[Violation]:
        settings = ms.get("settings") or {}
        if ms.urn not in reported and is_true(settings.get("cachingEnabled")) and not _encrypted(ms):
            yield Violation(f"method settings {ms.name} cache {ms.get('methodPath')} without "
                            "cache_data_encrypted=True", "settings.cacheDataEncrypted")

    yield from each_resource(stack.of_type(REST_STAGE), stage_check)
    yield from each_resource(stack.of_type(METHOD_SETTINGS), settings_check)


RULE = StackRule(
    id="apigw_rest_cache_encrypted",
    title="REST API stage caches are encrypted at rest",
    description=(
        "Cached responses hold whatever the API returns, tokens and personal data included; API Gateway "
        "stores them unencrypted unless cache_data_encrypted is set. Judges stages with a cache cluster and "
        "every aws.apigateway.MethodSettings that turns caching on."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption",), "aws-fsbp": ("APIGateway.5",)},
    remediation='Add aws.apigateway.MethodSettings(rest_api=api.id, stage_name=stage.stage_name, method_path="*/*", '
                'settings={"caching_enabled": True, "cache_data_encrypted": True}) and set cache_data_encrypted=True '
                "on every per-method override that caches.",
    evaluate=evaluate,
)
