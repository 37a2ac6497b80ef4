"""Answers to the AWS provider functions (invokes) programs commonly call, shaped like the real ones."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from lz.aws_lookups import LOOKUPS
from lz.aws_tables import availability_zones, partition_of


class InvokeContext:
    """Account and region the mocks answer for, resources (aws_mocks.create_resource) and invokes alike."""

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region
        self.partition, self.dns_suffix = partition_of(region)


def _hex(seed: str, length: int = 17) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:length]


def _caller_identity(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "accountId": ctx.account_id,
        "arn": f"arn:{ctx.partition}:iam::{ctx.account_id}:user/lz-offline",
        "userId": "AIDA" + _hex(ctx.account_id, 17).upper(),
        "id": ctx.account_id,
    }


def _region(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = args.get("region") or args.get("name") or ctx.region
    return {
        "name": region,
        "region": region,
        "id": region,
        "description": region,
        "endpoint": f"ec2.{region}.{ctx.dns_suffix}",
    }


def _partition(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    reverse = ".".join(reversed(ctx.dns_suffix.split(".")))
    return {"partition": ctx.partition, "dnsSuffix": ctx.dns_suffix, "reverseDnsPrefix": reverse,
            "id": ctx.partition}


def _availability_zones(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    region = args.get("region") or ctx.region
    zones = availability_zones(region)
    if args.get("state") not in (None, "", "available"):
        zones = []  # every mocked zone is available
    excluded_names = set(args.get("excludeNames") or [])
    excluded_ids = set(args.get("excludeZoneIds") or [])
    zones = [(n, z) for n, z in zones if n not in excluded_names and z not in excluded_ids]
    return {
        "names": [n for n, _ in zones],
        "zoneIds": [z for _, z in zones],
        "groupNames": [region for _ in zones],
        "id": region,
        "state": args.get("state"),
    }


def _ssm_parameter(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    name = str(args.get("name", ""))
    if name.startswith("/aws/service/ami-"):
        value = "ami-" + _hex(f"{ctx.region}:{name}")
    else:
        value = f"mock-value-of-{name.strip('/').replace('/', '-')}"
    path = name if name.startswith("/") else "/" + name
    return {
        "name": name,
        "id": name,
        "value": value,
        "insecureValue": value,
        "type": "String",
        "arn": f"arn:{ctx.partition}:ssm:{ctx.region}:{ctx.account_id}:parameter{path}",
        "version": 1,
        "withDecryption": args.get("withDecryption", True),
    }


def _one_or_many(values: list[Any]) -> Any:
    # The provider renders single-element lists as a scalar, as Terraform does.
    return values[0] if len(values) == 1 else sorted(values)


def _principals(items: list[dict[str, Any]]) -> Any:
    rendered: dict[str, list[str]] = {}
    for item in items:
        rendered.setdefault(item["type"], []).extend(item.get("identifiers") or [])
    if list(rendered) == ["*"] and rendered["*"] == ["*"]:
        return "*"
    return {kind: _one_or_many(ids) for kind, ids in rendered.items()}


def render_policy_document(args: dict[str, Any]) -> dict[str, Any]:
    """IAM policy JSON from getPolicyDocument arguments (statements, version, policyId)."""
    statements = []
    for st in args.get("statements") or []:
        out: dict[str, Any] = {}
        if st.get("sid"):
            out["Sid"] = st["sid"]
        out["Effect"] = st.get("effect") or "Allow"
        for arg_key, doc_key in (("actions", "Action"), ("notActions", "NotAction"),
                                 ("resources", "Resource"), ("notResources", "NotResource")):
            if st.get(arg_key):
                out[doc_key] = _one_or_many(list(st[arg_key]))
        if st.get("principals"):
            out["Principal"] = _principals(st["principals"])
        if st.get("notPrincipals"):
            out["NotPrincipal"] = _principals(st["notPrincipals"])
        if st.get("conditions"):
            conditions: dict[str, dict[str, Any]] = {}
            for cond in st["conditions"]:
                conditions.setdefault(cond["test"], {})[cond["variable"]] = _one_or_many(
                    list(cond.get("values") or []))
            out["Condition"] = conditions
        statements.append(out)
    doc: dict[str, Any] = {"Version": args.get("version") or "2012-10-17"}
    if args.get("policyId"):
        doc["Id"] = args["policyId"]
    doc["Statement"] = statements
    pretty = json.dumps(doc, indent=2)
    return {"json": pretty, "minifiedJson": json.dumps(doc, separators=(",", ":")),
            "id": str(int(hashlib.sha256(pretty.encode()).hexdigest()[:8], 16)),
            "statements": args.get("statements") or []}


def _policy_document(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    return render_policy_document(args)


def _managed_prefix_list(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    name = args.get("name") or f"com.amazonaws.{ctx.region}.s3"
    pl_id = args.get("id") or "pl-" + _hex(f"{ctx.region}:{name}", 8)
    return {"id": pl_id, "name": name, "addressFamily": "IPv4", "maxEntries": 0,
            "arn": f"arn:{ctx.partition}:ec2:{ctx.region}:aws:prefix-list/{pl_id}",
            "ownerId": "AWS", "entries": [], "tags": {}}


def _default_tags(ctx: InvokeContext, args: dict[str, Any]) -> dict[str, Any]:
    return {"id": "aws", "tags": {}}


INVOKES: dict[str, Callable[[InvokeContext, dict[str, Any]], dict[str, Any]]] = {
    "aws:index/getCallerIdentity:getCallerIdentity": _caller_identity,
    "aws:index/getRegion:getRegion": _region,
    "aws:index/getPartition:getPartition": _partition,
    "aws:index/getAvailabilityZones:getAvailabilityZones": _availability_zones,
    "aws:ssm/getParameter:getParameter": _ssm_parameter,
    "aws:iam/getPolicyDocument:getPolicyDocument": _policy_document,
    "aws:ec2/getManagedPrefixList:getManagedPrefixList": _managed_prefix_list,
    "aws:index/getDefaultTags:getDefaultTags": _default_tags,
    **LOOKUPS,
}
