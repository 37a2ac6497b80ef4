"""Gate reports: text (rich, for people), json (stable), sarif (2.1.0, for code scanning), markdown (PRs)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any

from rich.console import Console

from lz.baseline import ABSENT, NEW, UNCHANGED, diff_lines, resolved_where, resource_digest, violation_identity
from lz.findings import Finding, GateResult, StackOutcome
from lz.policy_config import PolicyMeta
from lz.source import SourceLocation

FORMATS = ("text", "json", "sarif", "markdown")
SEVERITY_ORDER = ("critical", "high", "medium", "low")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}
#: GitHub code scanning buckets rules by this CVSS-like score (critical >= 9.0, high >= 7.0, ...).
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "lzFinding/v1"


def _severity_rank(severity: str | None) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Mandatory first (a mandatory LOW blocks, an advisory CRITICAL does not), then by severity."""

    def key(f: Finding) -> tuple[int, int, str, str, str]:
        return f.enforcement_level != "mandatory", _severity_rank(f.severity), f.control, f.policy, f.urn

    return sorted(findings, key=key)


def _where(f: Finding) -> str:
    name = f"{f.resource_type}::{f.resource_name}" if f.resource_name else (f.urn or f.subject or "the stack")
    return name + (f" ({f.property_path})" if f.property_path else "")


def _at(f: Finding) -> str:
    return f"{f.location}: " if f.location else ""


def _verdict(result: GateResult) -> str:
    state = "FAILED" if result.exit_code else "passed"
    text = (
        f"policy gate {state}: {len(result.mandatory)} mandatory, {len(result.advisory)} advisory violation(s)"
        f"{_exemption_counts(result)} over {result.resource_count} resources "
        f"({result.pack}@{result.pack_version}, stack {result.stack})"
    )
    comparison = result.comparison
    if comparison is not None:
        text += f"; {comparison.summary()}"
        if comparison.fail_on == "new":
            text += f"; --fail-on new: {len(result.blocking)} new mandatory"
    return text


def _exemption_counts(result: GateResult) -> str:
    if result.exemptions is None:
        return ""
    expired = sum(f.exemption is not None and f.exemption.expired for f in result.findings)
    return f", {len(result.exempted)} exempted" + (f", {expired} with an expired exemption" if expired else "")


def _state_tag(result: GateResult, f: Finding) -> str:
    state = result.state(f)
    tag = f"[{state}] " if state else ""
    if f.exemption is not None and f.exemption.expired:
        tag += f"[exemption expired on {f.exemption.exemption.expires.isoformat()}] "
    return tag


def _exemption_lines(result: GateResult) -> list[str]:
    """Text: the exempted findings (never hidden), the expired exemptions, the unused ones."""
    lines = []
    exempted = _ordered(result.exempted)
    if exempted:
        lines.append(f"EXEMPTED ({len(exempted)}: accepted in {result.exemptions.file if result.exemptions else ''}, "
                     "not counted)")
        for f in exempted:
            assert f.exemption is not None
            lines.append(f"    {_state_tag(result, f)}[{f.enforcement_level}] {f.policy}: {_at(f)}{_where(f)}: "
                         f"{f.message}")
            lines.append(f"      {f.exemption.exemption.label}: {f.exemption.describe()}")
    expired = {f.exemption.exemption for f in result.findings if f.exemption is not None and f.exemption.expired}
    for e in sorted(expired, key=lambda e: e.index):
        lines.append(f"expired exemption: {e.describe()} expired on {e.expires.isoformat()}; its findings count again")
    for e in result.exemptions.unused if result.exemptions else ():
        lines.append(f"note: unused exemption {e.describe()}: it matched no finding on stack {result.stack}")
    return lines


def render_text(result: GateResult) -> str:
    out = io.StringIO()
    console = Console(file=out, width=110, highlight=False, soft_wrap=True, force_terminal=False)
    findings = _ordered(result.counted)
    shared = _shared_fixes(findings)
    printed: dict[str, str] = {}
    for (level, severity), by_sev in groupby(findings, key=lambda f: (f.enforcement_level, f.severity)):
        console.print(f"[{_STYLE.get(severity, 'white')}]{severity.upper()}[/] ({level})")
        for (control, policy), items in groupby(by_sev, key=lambda f: (f.control, f.policy)):
            group = list(items)
            label = control if control == policy else f"{control} [{policy}]"
            console.print(f"  {label}: {group[0].title}", markup=False)
            for f in group:
                console.print(f"    {_state_tag(result, f)}[{f.enforcement_level}] {_at(f)}{_where(f)}: {f.message}",
                              markup=False)
            console.print(f"    {_fix_line(group[0], shared, printed)}", markup=False)
    for line in _exemption_lines(result):
        console.print(line, markup=False)
    comparison = result.comparison
    if comparison is not None and comparison.resolved:
        console.print("[green]RESOLVED[/] (in the baseline, gone now)")
        for v in comparison.resolved:
            console.print(f"    [resolved] [{v.get('enforcementLevel')}] {v.get('policy')}: {resolved_where(v)}: "
                          f"{v.get('message')}", markup=False)
    if comparison is not None and comparison.resource_diff is not None:
        diff = comparison.resource_diff
        console.print(f"Resource diff against {comparison.source}: {diff.summary()}")
        for line in diff_lines(diff):
            console.print(f"  {line}", markup=False)
    console.print(_verdict(result), markup=False)
    return out.getvalue()


def _fix_template(f: Finding) -> tuple[str, str | None]:
    """The remediation with the rule's own control id (CIS 4.x's '4.1') as ``<id>``, and that id."""
    for ids in f.frameworks.values():
        for cid in ids:
            own = re.compile(rf"(?<![\w.]){re.escape(cid)}(?!\w|\.\d)")
            if own.search(f.remediation):
                return own.sub("<id>", f.remediation), cid
    return f.remediation, None


def _shared_fixes(findings: Sequence[Finding]) -> set[str]:
    """Remediation templates more than one rule shares (the 14 CIS 4.x alarms share one): printed once."""
    policies: dict[str, set[str]] = {}
    for f in findings:
        if f.remediation:
            policies.setdefault(_fix_template(f)[0], set()).add(f.policy)
    return {text for text, rules in policies.items() if len(rules) > 1}


def _fix_line(f: Finding, shared: set[str], printed: dict[str, str]) -> str:
    template, cid = _fix_template(f)
    if template not in shared:
        return f"fix: {f.remediation}"
    if template in printed:
        return f"fix: as for {printed[template]} above" + (f", with <id> = {cid}" if cid else "")
    printed[template] = f.control
    if cid is None:
        return f"fix (the same for several rules): {f.remediation}"
    return f"fix (shared by several rules; <id> is the rule's control id, here {cid}): {template}"


def to_json(result: GateResult) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": 1,
        "project": result.project,
        "stack": result.stack,
        "pack": {"name": result.pack, "version": result.pack_version},
        "resourceCount": result.resource_count,
        "passed": result.exit_code == 0,
        "exitCode": result.exit_code,
        "summary": {"mandatory": len(result.mandatory), "advisory": len(result.advisory)},
        "violations": [_json_violation(result, f) for f in _ordered(result.findings)],
    }
    if result.exemptions is not None:
        doc["summary"]["exempted"] = len(result.exempted)
        doc["exemptions"] = {**result.exemptions.to_json(), "expired": sorted(
            {f.exemption.exemption.index: f.exemption.to_json() for f in result.findings
             if f.exemption is not None and f.exemption.expired}.values(), key=lambda e: e["index"])}
    if result.graph is not None:  # what a later run diffs against (see lz.baseline)
        doc["resources"] = resource_digest(result.graph)
    comparison = result.comparison
    if comparison is not None:
        doc["resolved"] = [{**v, "baselineState": ABSENT} for v in comparison.resolved]
        doc["baseline"] = {
            "source": comparison.source, "failOn": comparison.fail_on, "note": comparison.note,
            "new": comparison.count(NEW), "unchanged": comparison.count(UNCHANGED),
            "resolved": comparison.count(ABSENT), "newMandatory": sum(
                result.state(f) == NEW for f in result.mandatory),
        }
        doc["resourceDiff"] = None if comparison.resource_diff is None else comparison.resource_diff.to_json()
    return doc


def _json_violation(result: GateResult, f: Finding) -> dict[str, Any]:
    data = f.to_json()
    if result.comparison is not None:
        data["baselineState"] = result.state(f)
    return data


def fingerprint(f: Finding) -> str:
    """Stable across runs and line moves: what is wrong (policy, property) on which resource (URN)."""
    return f.identity


def _physical(location: SourceLocation) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": location.line}
    if location.column:
        region["startColumn"] = location.column
    return {"artifactLocation": {"uri": location.path, "uriBaseId": SRCROOT}, "region": region}


def _sarif_rule(name: str, meta: PolicyMeta) -> dict[str, Any]:
    tags = ["security", *(f"{fw}:{c}" for fw, ids in sorted(meta.frameworks().items()) for c in ids)]
    properties: dict[str, Any] = {"tags": tags, "severity": meta.severity or "unspecified"}
    if meta.severity in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[meta.severity]
    return {
        "id": name,
        "name": name,
        "shortDescription": {"text": meta.description},
        "help": {"text": meta.remediation or meta.description},
        "properties": properties,
    }


def _sarif_result(f: Finding, result: GateResult) -> dict[str, Any]:
    physical = _physical(f.location) if f.location else {"artifactLocation": {"uri": result.stack_file}}
    entry: dict[str, Any] = {
        "ruleId": f.policy,
        "level": "error" if f.enforcement_level == "mandatory" else "warning",
        "message": {"text": f"{_where(f)}: {f.message}"},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [
                    {
                        "fullyQualifiedName": f.urn or f"stack:{result.stack}",
                        "kind": "resource" if f.urn else "module",
                    }
                ],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
        "properties": {"severity": f.severity, "property": f.property_path},
    }
    if result.comparison is not None:
        entry["baselineState"] = result.state(f)
    if f.exemption is not None:
        entry["properties"]["exemption"] = f.exemption.to_json()
        if not f.exemption.expired:  # an expired exemption suppresses nothing: the result is live again
            e = f.exemption.exemption
            entry["suppressions"] = [{"kind": "external", "status": "accepted", "justification": (
                f"{e.reason} (owner {e.owner}, until {e.expires.isoformat()}, {e.file} {e.label})")}]
    if f.related:
        entry["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(r), "message": {"text": r.message or "called from here"}}
            for i, r in enumerate(f.related, start=1)
        ]
    return entry


def _sarif_absent(v: dict[str, Any], result: GateResult, index: dict[str, int]) -> dict[str, Any]:
    """A resolved finding: in the baseline, gone now (``baselineState: absent``)."""
    where = v.get("location") or {}
    physical: dict[str, Any] = {"artifactLocation": {"uri": result.stack_file}}
    if where.get("file") and where.get("line"):
        physical = {"artifactLocation": {"uri": where["file"], "uriBaseId": SRCROOT},
                    "region": {"startLine": where["line"]}}
    urn = (v.get("resource") or {}).get("urn")
    entry: dict[str, Any] = {
        "ruleId": v["policy"],
        "level": "none",
        "message": {"text": f"resolved: {resolved_where(v)}: {v.get('message')}"},
        "locations": [{"physicalLocation": physical, "logicalLocations": [
            {"fullyQualifiedName": urn or f"stack:{result.stack}", "kind": "resource" if urn else "module"}]}],
        "partialFingerprints": {FINGERPRINT_KEY: violation_identity(v)},
        "baselineState": ABSENT,
        "properties": {"severity": v.get("severity"), "property": v.get("property")},
    }
    if v["policy"] in index:
        entry["ruleIndex"] = index[v["policy"]]
    return entry


def to_sarif(result: GateResult) -> dict[str, Any]:
    rules = [_sarif_rule(name, meta) for name, meta in sorted(result.policies.items())]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for f in _ordered(result.findings):
        entry = _sarif_result(f, result)
        if f.policy in index:
            entry["ruleIndex"] = index[f.policy]
        results.append(entry)
    if result.comparison is not None:
        results += [_sarif_absent(v, result, index) for v in result.comparison.resolved]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": result.pack, "version": result.pack_version, "rules": rules}},
        "results": results,
    }
    unused = result.exemptions.unused if result.exemptions else ()
    if unused:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [
            {"level": "note", "message": {"text": f"unused exemption {e.describe()}: it matched no finding"}}
            for e in unused]}]
    if result.source_root is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": result.source_root.as_uri().rstrip("/") + "/"}}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


_MD_HEADER = ["| severity | level | control | resource | source | finding | fix |",
              "| --- | --- | --- | --- | --- | --- | --- |"]


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def _md_table(findings: Sequence[Finding]) -> list[str]:
    rows = []
    for f in findings:
        source = f"`{f.location}`" if f.location else ""
        rows.append(_md_row([f.severity, f.enforcement_level, f.control, f"`{_where(f)}`", source, f.message,
                             f.remediation]))
    return [*_MD_HEADER, *rows]


def render_markdown(result: GateResult) -> str:
    icon = ":x:" if result.exit_code else ":white_check_mark:"
    lines = [f"### {icon} {_verdict(result)}", ""]
    comparison = result.comparison
    if comparison is None:
        if result.counted:
            lines += _md_table(_ordered(result.counted))
        return "\n".join(lines + _md_exemptions(result)) + "\n"
    ordered = _ordered(result.counted)
    new = [f for f in ordered if result.state(f) == NEW]
    unchanged = [f for f in ordered if result.state(f) == UNCHANGED]
    lines += [f"#### Introduced by this change ({len(new)})", ""]
    lines += _md_table(new) if new else ["No new findings."]
    lines += ["", f"#### Resolved by this change ({len(comparison.resolved)})", ""]
    if comparison.resolved:
        lines += ["| severity | level | policy | resource | finding |", "| --- | --- | --- | --- | --- |"]
        lines += [_md_row([str(v.get("severity")), str(v.get("enforcementLevel")), str(v.get("policy")),
                           f"`{resolved_where(v)}`", str(v.get("message"))]) for v in comparison.resolved]
    else:
        lines.append("None.")
    lines += ["", f"<details><summary>Unchanged findings ({len(unchanged)})</summary>", ""]
    lines += [*(_md_table(unchanged) if unchanged else ["None."]), "", "</details>"]
    if comparison.resource_diff is not None:
        diff = comparison.resource_diff
        lines += ["", f"<details><summary>Resource diff: {diff.summary()}</summary>", "", "```diff",
                  *diff_lines(diff), "```", "", "</details>"]
    return "\n".join(lines + _md_exemptions(result)) + "\n"


def _md_exemptions(result: GateResult) -> list[str]:
    """Exempted findings (collapsed, never left out), expired and unused exemptions."""
    if result.exemptions is None:
        return []
    lines = ["", f"<details><summary>Exempted findings ({len(result.exempted)}), not counted</summary>", ""]
    if result.exempted:
        lines += ["| level | policy | resource | owner | until | reason |", "| --- | --- | --- | --- | --- | --- |"]
        for f in _ordered(result.exempted):
            assert f.exemption is not None
            e = f.exemption.exemption
            lines.append(_md_row([f.enforcement_level, f.policy, f"`{_where(f)}`", e.owner, e.expires.isoformat(),
                                  e.reason]))
    else:
        lines.append("None.")
    lines += ["", "</details>", ""]
    expired = {f.exemption.exemption for f in result.findings if f.exemption is not None and f.exemption.expired}
    lines += [f"- :warning: expired on {e.expires.isoformat()}, its findings count again: {e.describe()}"
              for e in sorted(expired, key=lambda e: e.index)]
    lines += [f"- unused exemption (matched no finding): {e.describe()}" for e in result.exemptions.unused]
    return lines


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


# -- several stacks in one report, and stacks the gate could not run on ---------------------------


def stacks_verdict(outcomes: Sequence[StackOutcome]) -> str:
    """The overall line of a several-stack report; the worst stack decides it, as it does the exit code."""
    parts = []
    for o in outcomes:
        if o.result is None:
            parts.append(f"{o.stack} could not be checked (exit {o.code})")
        else:
            state = "FAILED" if o.result.exit_code else "passed"
            exempted = f", {len(o.result.exempted)} exempted" if o.result.exemptions is not None else ""
            parts.append(f"{o.stack} {state} ({len(o.result.mandatory)} mandatory, {len(o.result.advisory)} advisory"
                         f"{exempted})")
    worst = max(o.code for o in outcomes)
    state = {0: "passed", 1: "FAILED"}.get(worst, "FAILED (not every stack could be checked)")
    return f"policy gate over {len(outcomes)} stacks {state}: " + "; ".join(parts)


def failure_json(outcome: StackOutcome) -> dict[str, Any]:
    return {"version": 1, "stack": outcome.stack, "passed": False, "exitCode": outcome.code, "error": outcome.error}


def to_json_stacks(outcomes: Sequence[StackOutcome]) -> dict[str, Any]:
    worst = max(o.code for o in outcomes)
    return {
        "version": 1,
        "passed": worst == 0,
        "exitCode": worst,
        "stacks": [to_json(o.result) if o.result is not None else failure_json(o) for o in outcomes],
    }


def sarif_failure_run(stack: str, code: int, message: str) -> dict[str, Any]:
    """A run that says the gate could not run (no results), so a SARIF upload still has a valid file."""
    return {
        "tool": {"driver": {"name": "lz", "rules": []}},
        "invocations": [
            {
                "executionSuccessful": False,
                "exitCode": code,
                "toolExecutionNotifications": [{"level": "error", "message": {"text": message}}],
            }
        ],
        "results": [],
        "properties": {"stack": stack},
    }


def to_sarif_stacks(outcomes: Sequence[StackOutcome]) -> dict[str, Any]:
    """One run per stack; with several, each run gets its own category, as code scanning requires."""
    runs: list[dict[str, Any]] = []
    for o in outcomes:
        stack_runs = (to_sarif(o.result)["runs"] if o.result is not None
                      else [sarif_failure_run(o.stack, o.code, o.error or "")])
        for run in stack_runs:
            if len(outcomes) > 1:
                run.setdefault("automationDetails", {"id": f"policy-gate-{o.stack}/"})
            runs.append(run)
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": runs}


def failure_markdown(outcome: StackOutcome) -> str:
    return (f"### :x: policy gate could not check stack {outcome.stack} (exit {outcome.code})\n\n"
            f"```\n{outcome.error}\n```\n")


def render_markdown_stacks(outcomes: Sequence[StackOutcome]) -> str:
    icon = ":white_check_mark:" if all(o.code == 0 for o in outcomes) else ":x:"
    sections = [render_markdown(o.result) if o.result is not None else failure_markdown(o) for o in outcomes]
    return f"## {icon} {stacks_verdict(outcomes)}\n\n" + "\n".join(sections)


def render_outcomes(outcomes: Sequence[StackOutcome], fmt: str) -> str:
    """json, sarif or markdown for the stacks of one ``lz check``: one checked stack exactly as ``render``."""
    single = outcomes[0] if len(outcomes) == 1 else None
    if single is not None and single.result is not None:
        return render(single.result, fmt)
    if fmt == "json":
        doc = failure_json(single) if single is not None else to_json_stacks(outcomes)
        return json.dumps(doc, indent=2, sort_keys=True) + "\n"
    if fmt == "sarif":
        return json.dumps(to_sarif_stacks(outcomes), indent=2) + "\n"
    if fmt == "markdown":
        return failure_markdown(single) if single is not None else render_markdown_stacks(outcomes)
    raise ValueError(f"no several-stack report in format {fmt!r}")
