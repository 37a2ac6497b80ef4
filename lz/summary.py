"""Human summaries of a ResourceGraph: pure data first (testable), rich tables on top."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console, Group
from rich.table import Table

from lz.graph import ResourceGraph, ResourceRecord

VPC_TYPE = "aws:ec2/vpc:Vpc"
SUBNET_TYPE = "aws:ec2/subnet:Subnet"
STACK_ROW = "(stack)"
#: stdout's width when it is not a terminal (CI logs, pipes) and COLUMNS is unset: rich's 80 cut CIDRs.
WIDE_COLUMNS = 200


def stdout_console() -> Console:
    """The Console for stdout: the terminal's width, else COLUMNS, else WIDE_COLUMNS (never rich's 80)."""
    if sys.stdout.isatty():
        return Console(highlight=False)
    columns = os.environ.get("COLUMNS", "")
    return Console(highlight=False, width=int(columns) if columns.isdigit() and int(columns) > 0 else WIDE_COLUMNS)


def owning_component(graph: ResourceGraph, record: ResourceRecord) -> str:
    """`<type> <name>` of the nearest component ancestor, or "(stack)" for top-level resources."""
    by_urn = {r.urn: r for r in graph.resources}
    parent = by_urn.get(record.parent or "")
    while parent is not None and parent.custom:
        parent = by_urn.get(parent.parent or "")
    return f"{parent.type} {parent.name}" if parent is not None else STACK_ROW


def component_counts(graph: ResourceGraph) -> dict[str, Counter[str]]:
    """For each owning component, how many resources of each type it holds directly or below."""
    counts: dict[str, Counter[str]] = {}
    for record in graph.resources:
        counts.setdefault(owning_component(graph, record), Counter())[record.type] += 1
    return counts


@dataclass
class SubnetRow:
    name: str
    availability_zone: str
    cidr_block: str
    tier: str


@dataclass
class VpcRow:
    name: str
    id: str | None
    cidr_block: str
    subnets: list[SubnetRow] = field(default_factory=list)


def vpc_layout(graph: ResourceGraph) -> tuple[list[VpcRow], list[SubnetRow]]:
    """VPCs with their subnets (matched by vpcId to the VPC's id), and subnets of no known VPC."""
    vpcs = [VpcRow(r.name, r.id, str(r.inputs.get("cidrBlock", "?"))) for r in graph.by_type(VPC_TYPE)]
    by_id = {v.id: v for v in vpcs if v.id}
    orphans: list[SubnetRow] = []
    for r in graph.by_type(SUBNET_TYPE):
        tags = r.inputs.get("tags") if isinstance(r.inputs.get("tags"), dict) else {}
        row = SubnetRow(
            r.name,
            str(r.inputs.get("availabilityZone") or r.outputs.get("availabilityZone") or "?"),
            str(r.inputs.get("cidrBlock", "?")),
            str((tags or {}).get("tier", "")),
        )
        vpc = by_id.get(str(r.inputs.get("vpcId")))
        (vpc.subnets if vpc is not None else orphans).append(row)
    return vpcs, orphans


def component_tree(graph: ResourceGraph) -> list[tuple[int, str, Counter[str]]]:
    """(depth, ``<type> <name>``, its direct children by type) for the stack and each component, depth first.

    A component's row comes right after its parent's, one level deeper, in registration order, so the
    preview reads as the component tree the program built.
    """
    by_urn = {r.urn: r for r in graph.resources}

    def owner(record: ResourceRecord) -> str | None:
        parent = by_urn.get(record.parent or "")
        while parent is not None and parent.custom:
            parent = by_urn.get(parent.parent or "")
        return parent.urn if parent is not None else None

    counts: dict[str | None, Counter[str]] = {}
    children: dict[str | None, list[str]] = {}
    for record in graph.resources:
        key = owner(record)
        counts.setdefault(key, Counter())[record.type] += 1
        if not record.custom:
            children.setdefault(key, []).append(record.urn)
    rows: list[tuple[int, str, Counter[str]]] = []

    def walk(key: str | None, depth: int) -> None:
        if key in counts:
            record = by_urn.get(key or "")
            rows.append((depth, f"{record.type} {record.name}" if record else STACK_ROW, counts[key]))
        for child in children.get(key, []):
            walk(child, depth + 1)

    walk(None, 0)
    return rows


def _component_table(graph: ResourceGraph) -> Table:
    table = Table(title="Resources by component", title_justify="left")
    table.add_column("Component")
    table.add_column("Resource type")
    table.add_column("Count", justify="right")
    for depth, component, counts in component_tree(graph):
        label = "  " * (depth - 1) + "└ " + component if depth else component
        for i, (typ, count) in enumerate(sorted(counts.items())):
            table.add_row(label if i == 0 else "", typ, str(count))
    return table


def _vpc_table(graph: ResourceGraph) -> Table | None:
    vpcs, orphans = vpc_layout(graph)
    if not vpcs and not orphans:
        return None
    table = Table(title="VPCs and subnets", title_justify="left")
    for column in ("VPC", "Subnet", "AZ", "CIDR", "Tier"):
        table.add_column(column)
    for vpc in vpcs:
        table.add_row(vpc.name, "", "", vpc.cidr_block, "", style="bold")
        for s in sorted(vpc.subnets, key=lambda s: (s.tier, s.availability_zone, s.name)):
            table.add_row("", s.name, s.availability_zone, s.cidr_block, s.tier)
    for s in orphans:
        table.add_row("(unknown VPC)", s.name, s.availability_zone, s.cidr_block, s.tier)
    return table


ORGANIZATION_TYPE = "aws:organizations/organization:Organization"
UNIT_TYPE = "aws:organizations/organizationalUnit:OrganizationalUnit"
ACCOUNT_TYPE = "aws:organizations/account:Account"
POLICY_TYPE = "aws:organizations/policy:Policy"
ATTACHMENT_TYPE = "aws:organizations/policyAttachment:PolicyAttachment"
#: Columns of the organization table: policy type -> heading.
POLICY_COLUMNS = {"SERVICE_CONTROL_POLICY": "SCPs", "RESOURCE_CONTROL_POLICY": "RCPs",
                  "DECLARATIVE_POLICY_EC2": "Declarative", "TAG_POLICY": "Tag", "BACKUP_POLICY": "Backup"}


@dataclass
class OrgTargetRow:
    """One root, OU or account of an organization, with the policies attached to it directly."""

    depth: int
    kind: str  # "root" | "ou" | "account"
    name: str
    id: str | None
    policies: dict[str, list[str]] = field(default_factory=dict)  # policy type -> policy names


def organization_layout(graph: ResourceGraph) -> list[OrgTargetRow]:
    """The OU tree depth-first (root, its OUs, their accounts), and which policies sit on each target."""
    orgs = graph.by_type(ORGANIZATION_TYPE)
    if not orgs:
        return []
    roots = orgs[0].outputs.get("roots") or [{}]
    root_id = roots[0].get("id") if isinstance(roots[0], dict) else None
    policies = {p.id: p for p in graph.by_type(POLICY_TYPE)}
    attached: dict[str, dict[str, list[str]]] = {}
    for attachment in graph.by_type(ATTACHMENT_TYPE):
        policy = policies.get(str(attachment.inputs.get("policyId")))
        if policy is not None:
            kind = str(policy.inputs.get("type", "SERVICE_CONTROL_POLICY"))
            name = str(policy.inputs.get("name") or policy.name)
            attached.setdefault(str(attachment.inputs.get("targetId")), {}).setdefault(kind, []).append(name)
    children: dict[str, list[ResourceRecord]] = {}
    for record in [*graph.by_type(UNIT_TYPE), *graph.by_type(ACCOUNT_TYPE)]:
        children.setdefault(str(record.inputs.get("parentId")), []).append(record)
    rows: list[OrgTargetRow] = []

    def walk(target_id: str | None, depth: int, kind: str, name: str) -> None:
        rows.append(OrgTargetRow(depth, kind, name, target_id, attached.get(str(target_id), {})))
        below = children.get(str(target_id), [])
        for record in sorted(below, key=lambda r: (r.type == ACCOUNT_TYPE, str(r.inputs.get("name")))):
            walk(record.id, depth + 1, "account" if record.type == ACCOUNT_TYPE else "ou",
                 str(record.inputs.get("name") or record.name))

    walk(root_id, 0, "root", "Root")
    return rows


def _organization_table(graph: ResourceGraph) -> Table | None:
    rows = organization_layout(graph)
    if not rows:
        return None
    table = Table(title="Organization: OU tree, accounts and the policies attached to each", title_justify="left")
    for column in ("Target", "Id", *POLICY_COLUMNS.values()):
        table.add_column(column, overflow="fold")
    for row in rows:
        label = "  " * row.depth + (row.name if row.kind != "account" else f"{row.name} (account)")
        cells = [", ".join(row.policies.get(kind, [])) for kind in POLICY_COLUMNS]
        table.add_row(label, row.id or "?", *cells, style="bold" if row.kind != "account" else None)
    return table


def plain_numbers(value: Any) -> Any:
    """Numbers as people write them: the engine's 365.0 (protobuf has only doubles) is 365."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_numbers(v) for v in value]
    return value


def _outputs_table(outputs: dict[str, Any]) -> Table | None:
    if not outputs:
        return None
    table = Table(title="Stack outputs", title_justify="left")
    table.add_column("Output")
    table.add_column("Value", overflow="fold")
    for key in sorted(outputs):
        value = outputs[key]
        table.add_row(key, value if isinstance(value, str) else json.dumps(plain_numbers(value)))
    return table


def render_preview(graph: ResourceGraph) -> Group:
    """The `lz preview` summary: counts, per-component table, organization, VPC layout, outputs."""
    custom = sum(1 for r in graph.resources if r.custom)
    header = (
        f"[bold]{graph.project}/{graph.stack}[/bold]: {len(graph.resources)} resources "
        f"({custom} cloud resources, {len(graph.resources) - custom} components)"
    )
    parts: list[Any] = [header, _component_table(graph)]
    for extra in (_organization_table(graph), _vpc_table(graph), _outputs_table(graph.outputs)):
        if extra is not None:
            parts.append(extra)
    if graph.unmocked_calls:
        unmocked = ", ".join(sorted(set(graph.unmocked_calls)))
        parts.append(f"[yellow]Invokes answered with empty results: {unmocked}")
    return Group(*parts)

