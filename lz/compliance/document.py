"""One compliance report: the header that lets it be filed as evidence, the framework sections, JSON and Markdown."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lz.compliance.model import (
    FRAMEWORK_TITLES,
    MANUAL,
    VERDICTS,
    Control,
    ControlCatalog,
    FrameworkSection,
    build_sections,
)
from lz.gate import Finding, GateResult

SCHEMA_VERSION = 1
KIND = "lz-compliance-report"
VERDICT_LABELS = {"violated": "violated", "cannot-decide": "cannot decide during preview", "exempted": "exempted",
                  "met": "met", "not-applicable": "not applicable", "manual": "manual check"}


@dataclass(frozen=True)
class Commit:
    sha: str | None
    dirty: bool

    def label(self) -> str:
        if self.sha is None:
            return "not a git checkout"
        return self.sha + (" (with uncommitted changes)" if self.dirty else "")

    def to_json(self) -> dict[str, Any]:
        return {"sha": self.sha, "dirty": self.dirty}


def program_commit(program_dir: Path) -> Commit:
    """HEAD of the program's git checkout and whether the working tree differs from it."""

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=program_dir, capture_output=True, text=True, check=False)

    head = git("rev-parse", "HEAD")
    if head.returncode != 0:
        return Commit(None, False)
    status = git("status", "--porcelain", "--untracked-files=no", "--", ".")
    return Commit(head.stdout.strip(), bool(status.stdout.strip()))


def is_exempted(f: Finding) -> bool:
    return bool(getattr(f, "exempted", False))


@dataclass
class ComplianceReport:
    result: GateResult
    sections: list[FrameworkSection]
    commit: Commit
    generated_at: dt.datetime
    #: The network diagram as inline SVG (lz.diagram), or why there is none.
    diagram_svg: str | None = None
    diagram_note: str = ""
    manual_sources: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return self.result.exit_code

    def summary(self) -> dict[str, int]:
        """The same counts as ``lz check --json``'s summary (exempted findings count in neither level)."""
        exempted = [f for f in self.result.findings if is_exempted(f)]
        mandatory = len(self.result.mandatory)
        counts = {"mandatory": mandatory, "advisory": len(self.result.findings) - mandatory - len(exempted)}
        if exempted or getattr(self.result, "exemptions", None) is not None:
            counts["exempted"] = len(exempted)
        return counts

    def to_json(self) -> dict[str, Any]:
        r = self.result
        return {
            "version": SCHEMA_VERSION,
            "kind": KIND,
            "project": r.project,
            "stack": r.stack,
            "pack": {"name": r.pack, "version": r.pack_version},
            "commit": self.commit.to_json(),
            "generatedAt": self.generated_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "resourceCount": r.resource_count,
            "exitCode": r.exit_code,
            "passed": r.exit_code == 0,
            "summary": self.summary(),
            "frameworks": [s.to_json() for s in self.sections],
            "findings": [f.to_json() for f in r.findings],
            "diagram": {"embedded": self.diagram_svg is not None, "note": self.diagram_note},
        }


def build_report(result: GateResult, catalog: ControlCatalog, program_dir: Path, *,
                 now: dt.datetime | None = None) -> ComplianceReport:
    return ComplianceReport(
        result=result,
        sections=build_sections(result, catalog),
        commit=program_commit(program_dir),
        generated_at=(now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
        manual_sources=dict(catalog.sources),
    )


# -- Markdown ------------------------------------------------------------------------------------


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def evidence_line(control: Control, limit: int = 3) -> str:
    """The deciding evidence in a line: findings first, then passes or declarations."""
    decisive = [e for e in control.evidence if e.kind in ("violated", "cannot-decide", "exempted")]
    shown = (decisive or [e for e in control.evidence if e.kind == "passed"]
             or [e for e in control.evidence if e.kind == "stack-rule-passed"]
             or [e for e in control.evidence if e.kind == "implements"])
    parts = []
    for e in shown[:limit]:
        where = e.resource or "the stack"
        if e.property:
            value = f" = {format_value(e.value)}" if e.value_known else " (not set)"
            parts.append(f"{e.rule}: {where} {e.property}{value}")
        elif e.kind == "passed":
            seen = ", ".join([*(f"{k} = {format_value(v, 40)}" for k, v in e.inspected.items()),
                              *(f"{k} not set" for k in e.unset)])
            parts.append(f"{e.rule} passed on {where}" + (f" ({seen})" if seen else ""))
        elif e.kind in ("violated", "cannot-decide", "exempted"):
            parts.append(f"{e.rule}: {where}: {e.message}")
        else:
            parts.append(e.message)
    more = len(shown) - limit
    return "; ".join(parts) + (f"; +{more} more" if more > 0 else "")


def format_value(value: Any, width: int = 80) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return text if len(text) <= width else text[: width - 1] + "…"


def _rules_summary(c: Control, limit: int = 6) -> str:
    if not c.rules:
        return "-"
    shown = c.rules_applied[:limit]
    rest = len(c.rules_applied) - len(shown)
    text = ", ".join(shown) + (f" +{rest} more" if rest > 0 else "")
    idle = len(c.rules) - len(c.rules_applied)
    return (text or "none applied") + (f" ({idle} found nothing of their type)" if idle else "")


def render_markdown(report: ComplianceReport) -> str:
    r = report.result
    summary = report.summary()
    lines = [
        f"# Compliance report: {r.project} / {r.stack}",
        "",
        f"- Pack: `{r.pack}@{r.pack_version}`",
        f"- Stack: `{r.stack}` ({r.stack_file}), {r.resource_count} resources",
        f"- Commit: `{report.commit.label()}`",
        f"- Generated: {report.to_json()['generatedAt']}",
        f"- Gate: {'passed' if r.exit_code == 0 else 'FAILED'} ({summary['mandatory']} mandatory, "
        f"{summary['advisory']} advisory" + (f", {summary['exempted']} exempted" if "exempted" in summary else "")
        + " finding(s))",
        "",
        "## Summary",
        "",
        "| framework | " + " | ".join(VERDICT_LABELS[v] for v in VERDICTS) + " |",
        "| --- | " + " | ".join("---:" for _ in VERDICTS) + " |",
    ]
    for section in report.sections:
        counts = section.summary()
        lines.append(f"| {section.title} | " + " | ".join(str(counts[v]) for v in VERDICTS) + " |")
    for section in report.sections:
        lines += ["", f"## {section.title}", "", "| control | title | verdict | rules | resources | evidence |",
                  "| --- | --- | --- | --- | ---: | --- |"]
        for c in section.controls:
            label = f"{c.row}. {c.id}" if c.row else c.id
            lines.append("| " + " | ".join(_cell(x) for x in (
                label, c.title, VERDICT_LABELS[c.verdict] + (" (advisory only)" if c.advisory_only else ""),
                _rules_summary(c), len(c.resources),
                evidence_line(c) or (c.note or "-"))) + " |")
        manual = [c for c in section.controls if c.manual]
        if manual:
            lines += ["", f"### Manual checks ({FRAMEWORK_TITLES[section.id]})", ""]
            for c in manual:
                for m in c.manual:
                    state = "" if c.verdict == MANUAL else f" (offline verdict: {VERDICT_LABELS[c.verdict]})"
                    lines.append(f"- **{c.id}** {c.title}{state}: {m.check} Where: {m.where} "
                                 f"Source: {'; '.join(m.sources)}")
    lines += ["", "## Findings", ""]
    if not r.findings:
        lines.append("No findings.")
    else:
        lines += ["| level | severity | rule | resource | property | message |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for f in r.findings:
            level = "exempted" if is_exempted(f) else f.enforcement_level
            where = f"{f.resource_type}::{f.resource_name}" if f.resource_name else (f.subject or "the stack")
            lines.append("| " + " | ".join(_cell(x) for x in (
                level, f.severity, f.policy, where, f.property_path or "-", f.message)) + " |")
    return "\n".join(lines) + "\n"
