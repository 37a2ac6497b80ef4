"""The compliance report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.

Every value from the program (names, messages, property values) is escaped; ``<details>`` folds the
evidence so the page stays readable with hundreds of resources and needs no JavaScript.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from lz.compliance.document import VERDICT_LABELS, ComplianceReport, evidence_line, format_value, is_exempted
from lz.compliance.model import VERDICTS, Control, Evidence, FrameworkSection, ManualCheck

_XML_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)

CSS = """
:root { --fg: #1d2330; --muted: #5b6475; --line: #d8dde6; --bg: #ffffff; --band: #f4f6fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--fg); background: var(--bg);
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 18px; margin: 32px 0 8px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
td { overflow-wrap: anywhere; }
table.controls { table-layout: fixed; }
table.controls col.c-id { width: 130px; } table.controls col.c-title { width: 170px; }
table.controls col.c-verdict { width: 120px; } table.controls col.c-rules { width: 260px; }
table.controls col.c-res { width: 80px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
.meta th { width: 160px; background: none; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; white-space: nowrap; }
.v-violated { background: #fde2e1; color: #8a1c12; } .v-cannot-decide { background: #fff1cc; color: #7a5400; }
.v-exempted { background: #e6e1fa; color: #45308c; } .v-met { background: #dcf3e3; color: #14532d; }
.v-not-applicable { background: #eceef2; color: #4a5160; } .v-manual { background: #dcebfb; color: #17457a; }
.gate-failed { color: #8a1c12; font-weight: 600; } .gate-passed { color: #14532d; font-weight: 600; }
details { margin: 2px 0; } summary { cursor: pointer; color: var(--muted); }
ul.ev { margin: 4px 0 4px 18px; padding: 0; } ul.ev li { margin: 1px 0; }
.diagram { border: 1px solid var(--line); padding: 8px; overflow: auto; background: #fff; }
.diagram svg { max-width: 100%; height: auto; }
.note { color: var(--muted); }
"""


_BACKTICKS = re.compile(r"`([^`]+)`")


def _inline(text: str) -> str:
    """Escaped text with `code` spans (the data file's Markdown convention) as <code>."""
    return _BACKTICKS.sub(r"<code>\1</code>", escape(text))


def _badge(verdict: str) -> str:
    return f'<span class="badge v-{verdict}">{escape(VERDICT_LABELS[verdict])}</span>'


def _anchor(section: FrameworkSection) -> str:
    return "fw-" + re.sub(r"[^a-z0-9]+", "-", section.id.lower())


def _evidence_item(e: Evidence) -> str:
    where = escape(e.resource or "the stack")
    rule = f"<code>{escape(e.rule)}</code> " if e.rule else ""
    if e.property:
        value = f" = <code>{escape(format_value(e.value, 200))}</code>" if e.value_known else " (not set)"
        detail = f"{where} <code>{escape(e.property)}</code>{value}"
    else:
        detail = where
    text = f" {escape(e.message)}" if e.message and e.kind != "passed" else ""
    if e.inspected or e.unset:
        text += " " + ", ".join([*(f"<code>{escape(k)}</code> = <code>{escape(format_value(v, 120))}</code>"
                                   for k, v in e.inspected.items()),
                                 *(f"<code>{escape(k)}</code> not set" for k in e.unset)])
    level = f" ({escape(e.level)})" if e.level else ""
    return f"<li>{_badge_kind(e.kind)} {rule}{detail}{level}{text}</li>"


def _badge_kind(kind: str) -> str:
    verdict = {"passed": "met", "stack-rule-passed": "met", "implements": "met"}.get(kind, kind)
    label = {"passed": "passed", "stack-rule-passed": "stack rule passed", "implements": "implements"}.get(
        kind, VERDICT_LABELS.get(kind, kind))
    return f'<span class="badge v-{verdict}">{escape(label)}</span>'


def _control_row(c: Control) -> str:
    label = f"{c.row}. {c.id}" if c.row else c.id
    rules = _rules_cell(c)
    parts = [f"<td class=\"mono\">{escape(label)}</td>", f"<td>{escape(c.title)}"]
    if c.description:
        parts[-1] += f'<details><summary>builds</summary><span class="note">{escape(c.description)}</span></details>'
    if c.note:
        parts[-1] += f'<div class="note">{escape(c.note)}</div>'
    parts[-1] += "</td>"
    advisory = '<div class="note">advisory only</div>' if c.advisory_only else ""
    parts.append(f"<td>{_badge(c.verdict)}{advisory}</td>")
    parts.append(f"<td>{rules}</td>")
    details = []
    if c.evidence:
        items = "".join(_evidence_item(e) for e in c.evidence)
        details.append(f"<details><summary>evidence ({len(c.evidence)}): {escape(evidence_line(c, 2))}</summary>"
                       f'<ul class="ev">{items}</ul></details>')
    if c.resources:
        items = "".join(f"<li><code>{escape(r.type)}</code> {escape(r.name)} "
                        f'<span class="note">via {escape(", ".join(r.via))}</span></li>' for r in c.resources)
        details.append(f"<details><summary>{len(c.resources)} resource(s)</summary>"
                       f'<ul class="ev">{items}</ul></details>')
    for m in c.manual:
        gist = m.check.replace("`", "")  # several checks on one row: each summary says which
        gist = gist if len(gist) <= 70 else gist[:69].rstrip() + "…"
        details.append(f"<details><summary>manual check: {escape(gist)}</summary><p>{_inline(m.check)}</p>"
                       f"<p><b>Where:</b> {_inline(m.where)}</p>"
                       f"<p class=\"note\">Source: {escape('; '.join(m.sources))}</p></details>")
    parts.append(f"<td class=\"num\">{len(c.resources)}</td>")
    parts.append(f"<td>{''.join(details) or '<span class=note>-</span>'}</td>")
    return f'<tr id="{escape(c.framework)}-{escape(c.id)}">' + "".join(parts) + "</tr>"


def _rules_cell(c: Control) -> str:
    if not c.rules:
        return '<span class="note">none in this pack</span>'
    applied = ", ".join(f"<code>{escape(r)}</code>" for r in c.rules_applied)
    applied = applied or '<span class="note">none applied</span>'
    idle = [r for r in c.rules if r not in c.rules_applied]
    if not idle:
        return applied
    names = ", ".join(f"<code>{escape(r)}</code>" for r in idle)
    return (f"{applied}<details><summary>{len(idle)} more found nothing of their type here</summary>"
            f"{names}</details>")


def _section(section: FrameworkSection) -> str:
    rows = "".join(_control_row(c) for c in section.controls)
    return (f'<section id="{_anchor(section)}"><h2>{escape(section.title)}</h2>'
            '<table class="controls"><colgroup><col class="c-id"><col class="c-title"><col class="c-verdict">'
            '<col class="c-rules"><col class="c-res"><col></colgroup>'
            '<thead><tr><th>control</th><th>title</th><th>verdict</th><th>rules</th>'
            '<th class="num">resources</th><th>evidence</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></section>")


def _summary(report: ComplianceReport) -> str:
    head = "".join(f'<th class="num">{_badge(v)}</th>' for v in VERDICTS)
    rows = []
    for s in report.sections:
        counts = s.summary()
        cells = "".join(f'<td class="num">{counts[v]}</td>' for v in VERDICTS)
        rows.append(f'<tr><td><a href="#{_anchor(s)}">{escape(s.title)}</a></td>{cells}'
                    f'<td class="num">{len(s.controls)}</td></tr>')
    return (f'<section id="summary"><h2>Summary per framework</h2><table><thead><tr><th>framework</th>{head}'
            f'<th class="num">controls</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _meta(report: ComplianceReport, data: dict[str, Any]) -> str:
    r = report.result
    summary = report.summary()
    gate = "passed" if r.exit_code == 0 else "FAILED"
    counts = f"{summary['mandatory']} mandatory, {summary['advisory']} advisory" + (
        f", {summary['exempted']} exempted" if "exempted" in summary else "")
    rows = [
        ("Project", escape(r.project)), ("Stack", f"{escape(r.stack)} <span class=note>({escape(r.stack_file)})"
                                                 f"</span>"),
        ("Policy pack", f"<code>{escape(r.pack)}@{escape(r.pack_version)}</code>"),
        ("Commit", f"<code>{escape(report.commit.label())}</code>"),
        ("Generated", f"<time>{escape(data['generatedAt'])}</time>"),
        ("Resources", str(r.resource_count)),
        ("Policy gate", f'<span class="gate-{gate.lower()}">{gate}</span> (exit code {r.exit_code}): '
                        f"{escape(counts)} finding(s)"),
    ]
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="meta"><tbody>{body}</tbody></table>'


def _diagram(report: ComplianceReport) -> str:
    if report.diagram_svg is None:
        return (f'<section id="diagram"><h2>Network</h2><p class="note">No diagram: '
                f"{escape(report.diagram_note or 'not drawn')}</p></section>")
    svg = _XML_PROLOGUE.sub("", report.diagram_svg, count=1)
    note = f'<p class="note">{escape(report.diagram_note)}</p>' if report.diagram_note else ""
    return f'<section id="diagram"><h2>Network</h2>{note}<div class="diagram">{svg}</div></section>'


def _manual(report: ComplianceReport) -> str:
    """Each manual check once, with every control (of every framework) it answers for."""
    checks: dict[ManualCheck, list[str]] = {}
    for section in report.sections:
        for c in section.controls:
            for m in c.manual:
                checks.setdefault(m, []).append(f"{section.id} {c.id}")
    if not checks:
        return ""
    rows = "".join(f"<tr><td>{escape(', '.join(ids))}</td><td>{_inline(m.check)}</td><td>{_inline(m.where)}</td>"
                   f'<td class="note">{escape("; ".join(m.sources))}</td></tr>' for m, ids in checks.items())
    return ('<section id="manual"><h2>Manual checks</h2><p class="note">No offline rule can decide these: '
            "check them in the account and file the result with this report.</p><table><thead><tr>"
            "<th>controls</th><th>what to check</th><th>where</th><th>source</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")


def _findings(report: ComplianceReport) -> str:
    findings = report.result.findings
    if not findings:
        return '<section id="findings"><h2>Findings</h2><p>No findings.</p></section>'
    rows = []
    for f in findings:
        level = "exempted" if is_exempted(f) else f.enforcement_level
        where = f"{f.resource_type}::{f.resource_name}" if f.resource_name else (f.subject or "the stack")
        exemption = getattr(f, "exemption", None)
        extra = f'<div class="note">{escape(exemption.describe())}</div>' if exemption is not None else ""
        location = f"<div class=note>{escape(str(f.location))}</div>" if f.location else ""
        rows.append(f"<tr><td>{escape(level)}</td><td>{escape(f.severity)}</td><td><code>{escape(f.policy)}</code>"
                    f"</td><td>{escape(where)}{location}</td><td><code>{escape(f.property_path or '-')}</code></td>"
                    f"<td>{escape(f.message)}{extra}</td></tr>")
    return ('<section id="findings"><h2>Findings</h2><table><thead><tr><th>level</th><th>severity</th>'
            '<th>rule</th><th>resource</th><th>property</th><th>message</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def render_html(report: ComplianceReport) -> str:
    data = report.to_json()
    r = report.result
    title = f"Compliance report: {r.project} / {r.stack}"
    body = "".join([
        f"<header><h1>{escape(title)}</h1>{_meta(report, data)}</header>",
        _summary(report), _diagram(report), *(_section(s) for s in report.sections), _manual(report),
        _findings(report),
    ])
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{CSS}</style></head><body>{body}</body></html>\n")
