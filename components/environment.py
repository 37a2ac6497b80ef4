"""Environment: where and how every component deploys, resolved once by the caller.

Every component takes `env: Environment` (the one contract:
`Component(name, spec, *, env, <Input references>, opts=None)`). It holds the plain values a
component needs before it can register anything: the account and region (for ARNs and policy
documents), the tagging, whether the rules of production apply, and whether evidence is protected
(`protect`: the one switch for keys, evidence buckets, trails and log groups).

Tags are applied in ONE place: `Environment.options(opts)` adds the environment's tag
transformation to a component's options, and Pulumi hands a parent's transformations to every
child. The transformation merges the base tags (environment, owner, data classification,
managed-by, extras) into every custom resource whose type takes `tags`; components set only what
is theirs (the Name tag, a purpose). A transformation (run by the Python SDK while the resource is
constructed) rather than provider default tags or an engine-side transform, because it behaves the
same under the real engine and the offline mock engine, the policy pack sees the merged tags as
resource inputs (default tags only appear in `tagsAll` after the provider's Check), and a team that
builds one component on its own provider still gets the tags.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pulumi
import pulumi_aws as aws

from .base import AccountContext, Tagging

if TYPE_CHECKING:
    from .config import LandingZoneConfig


def _merge(base: Mapping[str, str], own: Any) -> Any:
    """Base tags under the resource's own; a list (autoscaling's tag blocks) gets the missing keys added."""
    if own is None:
        return dict(base)
    if isinstance(own, pulumi.Output):
        return own.apply(lambda value: _merge(base, value))
    if isinstance(own, list | tuple):
        keys = {t.get("key") if isinstance(t, Mapping) else t.key for t in own}
        return [*own, *[aws.autoscaling.GroupTagArgs(key=k, value=v, propagate_at_launch=True)
                        for k, v in base.items() if k not in keys]]
    return {**base, **own}


@dataclass(frozen=True)
class Environment:
    """The account, region, tags, production flag and protection of one deployment (plain values)."""

    name: str
    account: AccountContext
    tagging: Tagging
    production: bool = False
    protect: bool = True
    _transformation: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.production and not self.protect:
            raise ValueError(f"Environment {self.name!r}: production environments must protect keys and evidence")
        base = self.tagging.base()

        def tag(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult | None:
            if not isinstance(args.resource, pulumi.CustomResource) or "tags" not in args.props:
                return None
            props = dict(args.props)
            props["tags"] = _merge(base, props["tags"])
            return pulumi.ResourceTransformationResult(props, args.opts)

        object.__setattr__(self, "_transformation", tag)

    @property
    def region(self) -> str:
        return self.account.region

    @property
    def account_id(self) -> str:
        return self.account.account_id

    @property
    def partition(self) -> str:
        return self.account.partition

    @property
    def tag_transformation(self) -> pulumi.ResourceTransformation:
        """Merges the base tags into every taggable resource it sees (see the module docstring)."""
        return self._transformation

    def options(self, opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
        """A component's options with the tag transformation, unless an ancestor already applies it."""
        opts = opts or pulumi.ResourceOptions()
        parent = opts.parent
        inherited = getattr(parent, "_transformations", None) or []
        if self._transformation in inherited or self._transformation in (opts.transformations or []):
            return opts
        return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(transformations=[self._transformation]))

    @classmethod
    def from_config(cls, config: LandingZoneConfig, account: AccountContext) -> Environment:
        """The environment of a validated `LandingZoneConfig` (protect = `landing-zone:protectEvidence`)."""
        tags = config.tags
        return cls(config.environment, account,
                   Tagging(config.environment, tags.owner, tags.data_classification, dict(tags.extra)),
                   config.is_production, config.protect_evidence)

    @classmethod
    def resolve(
        cls,
        name: str,
        *,
        owner: str,
        data_classification: str = "internal",
        extra_tags: Mapping[str, str] | None = None,
        production: bool | None = None,
        protect: bool | None = None,
    ) -> Environment:
        """Resolve account, region and partition from the default provider (for programs of your own).

        `production` defaults to names starting with "prod"; `protect` defaults to True and may only be
        turned off outside production.
        """
        from .landing_zone import resolve_account

        prod = name.startswith("prod") if production is None else production
        guarded = True if protect is None else protect
        tags = dict(extra_tags or {})
        return cls(name, resolve_account(), Tagging(name, owner, data_classification, tags), prod, guarded)
