"""Gate reports: text (rich, for people), json (stable), sarif (2.1.0, for code scanning), markdown (PRs)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from rich.console import Console

from lz.gate import Finding, GateResult

FORMATS = ("text", "json", "sarif", "markdown")
SEVERITY_ORDER = ("critical", "high", "medium", "low")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[int, str, str, str]:
        rank = SEVERITY_ORDER.index(f.severity) if f.severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
        return rank, f.control, f.policy, f.urn

    return sorted(findings, key=key)


def _where(f: Finding) -> str:
    name = f"{f.resource_type}::{f.resource_name}" if f.resource_name else (f.urn or "the stack")
    return name + (f" ({f.property_path})" if f.property_path else "")


def _verdict(result: GateResult) -> str:
    mandatory, total = len(result.mandatory), len(result.findings)
    state = "FAILED" if mandatory else "passed"
    return (
        f"policy gate {state}: {mandatory} mandatory, {total - mandatory} advisory violation(s) "
        f"over {result.resource_count} resources ({result.pack}@{result.pack_version}, stack {result.stack})"
    )


def render_text(result: GateResult) -> str:
    out = io.StringIO()
    console = Console(file=out, width=110, highlight=False, soft_wrap=True, force_terminal=False)
    findings = _ordered(result.findings)
    for severity, by_sev in groupby(findings, key=lambda f: f.severity):
        console.print(f"[{_STYLE.get(severity, 'white')}]{severity.upper()}[/]")
        for (control, policy), items in groupby(by_sev, key=lambda f: (f.control, f.policy)):
            group = list(items)
            label = control if control == policy else f"{control} [{policy}]"
            console.print(f"  {label}: {group[0].title}", markup=False)
            for f in group:
                console.print(f"    [{f.enforcement_level}] {_where(f)}: {f.message}", markup=False)
            console.print(f"    fix: {group[0].remediation}", markup=False)
    console.print(_verdict(result))
    return out.getvalue()


def to_json(result: GateResult) -> dict[str, Any]:
    return {
        "version": 1,
        "project": result.project,
        "stack": result.stack,
        "pack": {"name": result.pack, "version": result.pack_version},
        "resourceCount": result.resource_count,
        "passed": not result.mandatory,
        "exitCode": result.exit_code,
        "summary": {
            level: sum(f.enforcement_level == level for f in result.findings)
            for level in ("mandatory", "advisory")
        },
        "violations": [f.to_json() for f in _ordered(result.findings)],
    }


def to_sarif(result: GateResult) -> dict[str, Any]:
    rules = []
    for name, meta in sorted(result.policies.items()):
        tags = [f"{fw}:{c}" for fw, ids in sorted(meta.frameworks().items()) for c in ids]
        rules.append(
            {
                "id": name,
                "name": name,
                "shortDescription": {"text": meta.description},
                "help": {"text": meta.remediation or meta.description},
                "properties": {"tags": tags, "severity": meta.severity or "unspecified"},
            }
        )
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for f in _ordered(result.findings):
        entry: dict[str, Any] = {
            "ruleId": f.policy,
            "level": "error" if f.enforcement_level == "mandatory" else "warning",
            "message": {"text": f"{_where(f)}: {f.message}"},
            "locations": [
                {
                    "physicalLocation": {"artifactLocation": {"uri": result.stack_file}},
                    "logicalLocations": [
                        {
                            "fullyQualifiedName": f.urn or f"stack:{result.stack}",
                            "kind": "resource" if f.urn else "module",
                        }
                    ],
                }
            ],
            "properties": {"severity": f.severity, "property": f.property_path},
        }
        if f.policy in index:
            entry["ruleIndex"] = index[f.policy]
        results.append(entry)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": result.pack, "version": result.pack_version, "rules": rules}},
                "results": results,
            }
        ],
    }


def render_markdown(result: GateResult) -> str:
    icon = ":x:" if result.mandatory else ":white_check_mark:"
    lines = [f"### {icon} {_verdict(result)}", ""]
    if result.findings:
        lines += [
            "| severity | level | control | resource | finding | fix |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for f in _ordered(result.findings):
            cells = [f.severity, f.enforcement_level, f.control, f"`{_where(f)}`", f.message, f.remediation]
            lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def render(result: GateResult, fmt: str) -> str:
    if fmt == "text":
        return render_text(result)
    if fmt == "json":
        return json.dumps(to_json(result), indent=2, sort_keys=True) + "\n"
    if fmt == "sarif":
        return json.dumps(to_sarif(result), indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(result)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
