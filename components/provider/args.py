"""What every wrapper shares: the environment argument, and spec validation as provider errors.

A consumer in another language passes plain values (names, CIDRs, counts) and Inputs (ids, ARNs).
They become our pydantic specs here, so a TypeScript or YAML program gets the same validation as a
Python one; a problem is raised as `InputPropertiesError`, which the engine shows under the
resource with the property path in the consumer's own (camelCase) spelling.
"""


import re
from collections.abc import Callable, Mapping
from typing import Any, NotRequired, TypedDict, TypeVar

import pulumi
from pulumi.errors import InputPropertiesError, InputPropertyErrorDetails
from pydantic import BaseModel, ValidationError

from ..config import ENVIRONMENT_RE, TagsSpec
from ..environment import Environment as _Environment

PACKAGE = "landingzone"
#: The schema version (the distribution's, so an SDK names what it was generated from).
VERSION = "0.1.0"
M = TypeVar("M", bound=BaseModel)


def token(component: str) -> str:
    """`landingzone:index:<Component>`: the type the schema names and the engine constructs."""
    return f"{PACKAGE}:index:{component}"


class Environment(TypedDict):
    """Where and how the component deploys: resolved once (account and region from the AWS provider)."""

    name: str
    """Environment name, part of every resource name: 2-12 lowercase letters and digits (dev, prod, stage2)."""
    owner: str
    """Team accountable for the resources (the `owner` tag)."""
    data_classification: NotRequired[str]
    """Highest data classification stored (the `data-classification` tag); default internal."""
    tags: NotRequired[dict[str, str]]
    """Further tags on every taggable resource (cost-center, ...)."""
    production: NotRequired[bool]
    """Production rules (at least 2 AZs, protected evidence); default: the name starts with 'prod'."""
    protect: NotRequired[bool]
    """Create keys and evidence stores with protect=True; default true; production may not turn it off."""


def compact(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments a consumer set (the engine leaves optional ones out or sends null)."""
    return {k: v for k, v in raw.items() if v is not None}


def join_path(loc: tuple[int | str, ...], renamed: Mapping[str, str] | None = None) -> str:
    """('flows', 0, 'from') -> 'flows[0].from' (with renamed {'from': 'source'}: 'flows[0].source')."""
    out = ""
    for part in loc:
        name = part if isinstance(part, int) else (renamed or {}).get(part, part)
        out += f"[{name}]" if isinstance(name, int) else (f".{name}" if out else name)
    return out


def split_path(path: str, prefix: str = "") -> tuple[int | str, ...]:
    """'network.islands[0].tiers[1].name' (prefix 'network.') -> ('islands', 0, 'tiers', 1, 'name')."""
    parts = path.removeprefix(prefix).replace("]", "").replace("[", ".").split(".")
    return tuple(int(p) if p.isdigit() else p for p in parts if p)


def tier_docs(tiers: list[Any] | None) -> list[dict[str, Any]]:
    """A consumer's tiers as TierSpec documents (the SDK's prefix_length is the spec's prefixLength)."""
    return [{("prefixLength" if k == "prefix_length" else k): v for k, v in compact(t).items()} for t in tiers or []]


def validated(component: str, model: type[M], raw: Mapping[str, Any], *,
              where: Callable[[tuple[int | str, ...]], str] = join_path) -> M:
    """`model` from `raw`; every problem becomes one property error at `where(loc)`."""
    try:
        return model.model_validate(dict(raw))
    except ValidationError as exc:
        # Wrappers pass snake_case keys (the SDK's Python names); the consumer wrote camelCase.
        errors = [InputPropertyErrorDetails(property_path=where(tuple(_camel(p) for p in e["loc"])),
                                            reason=str(e["msg"]).removeprefix("Value error, "))
                  for e in exc.errors()]
        raise invalid(component, errors) from None


def _camel(part: int | str) -> int | str:
    return part if isinstance(part, int) else re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), part)


def invalid(component: str, errors: list[InputPropertyErrorDetails]) -> InputPropertiesError:
    lines = "; ".join(f"{e['property_path']}: {e['reason']}" for e in errors)
    return InputPropertiesError(f"invalid {component} inputs: {lines}", errors)


def environment_of(component: str, raw: Mapping[str, Any]) -> _Environment:
    """The Environment of `args.environment` (account, region and partition from the AWS provider)."""
    env = compact(raw)
    errors: list[InputPropertyErrorDetails] = []
    name = str(env.get("name", ""))
    if not ENVIRONMENT_RE.match(name):
        errors.append(InputPropertyErrorDetails(
            property_path="environment.name",
            reason=f"{name!r} cannot appear in resource names: use 2-12 lowercase letters and digits, "
                   "starting with a letter (e.g. dev, prod, stage2)"))
    tag_doc = {"owner": env.get("owner", ""), "dataClassification": env.get("data_classification", "internal"),
               "extra": env.get("tags", {})}
    renamed = {"dataClassification": "dataClassification", "extra": "tags", "owner": "owner"}
    try:
        TagsSpec.model_validate(tag_doc)
    except ValidationError as exc:
        errors += [InputPropertyErrorDetails(
            property_path="environment." + join_path((renamed.get(str(e["loc"][0]), str(e["loc"][0])), *e["loc"][1:])),
            reason=str(e["msg"]).removeprefix("Value error, ")) for e in exc.errors()]
    production = env.get("production")
    if (production if production is not None else name.startswith("prod")) and env.get("protect") is False:
        errors.append(InputPropertyErrorDetails(
            property_path="environment.protect", reason="production environments must protect keys and evidence"))
    if errors:
        raise invalid(component, errors)
    return _Environment.resolve(name, owner=str(env["owner"]),
                               data_classification=str(env.get("data_classification", "internal")),
                               extra_tags=env.get("tags"), production=production, protect=env.get("protect"))


def as_output(value: Any) -> pulumi.Output[Any]:
    """A plain value, or a dict or list holding Outputs, as one Output (a schema property's value)."""
    return pulumi.Output.from_input(value)
