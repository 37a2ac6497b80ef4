"""Lambda facts shared by the serverless/ rules.

Type tokens are confirmed in pulumi_aws 7.51 (the Python module is ``pulumi_aws.lambda_``, the token
module ``lambda``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

FUNCTION = "aws:lambda/function:Function"
PERMISSION = "aws:lambda/permission:Permission"
FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl"
RESOURCE_POLICY = "aws:lambda/resourcePolicy:ResourcePolicy"

# Condition keys that pin who may call when a statement names everyone ('*').
PINNING_KEYS = frozenset(k.lower() for k in (
    "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:SourceOrgID", "aws:PrincipalOrgID",
    "aws:PrincipalAccount", "aws:PrincipalArn", "aws:SourceVpc", "aws:SourceVpce", "lambda:EventSourceToken",
))


def _values(value: Any) -> list[str]:
    return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]


def pins_caller(conditions: Mapping[str, Mapping[str, Any]], keys: Iterable[str] = PINNING_KEYS) -> bool:
    """A positive condition on a pinning key with concrete values (no bare ``*``).

    Negated operators, ...IfExists and Null pass a request that omits the key, so they pin nothing.
    """
    wanted = {k.lower() for k in keys}
    for operator, block in conditions.items():
        op = str(operator).lower()
        if "not" in op or op.endswith("ifexists") or op == "null" or not isinstance(block, Mapping):
            continue
        for key, value in block.items():
            values = _values(value)
            if str(key).lower() in wanted and values and all(v.strip() not in ("", "*") for v in values):
                return True
    return False
