"""``lz report STACK``: gate the stack as ``lz check`` does, then write the compliance report files.

Exit codes as ``lz check``: 0 written and no mandatory violation, 1 written with mandatory
violations, 2 bad input (nothing written), 3 the program crashed (nothing written).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

# lz check's own input checks and exemption steps, so a report counts exactly what `lz check` counts.
from lz.check import CheckInputError, CheckJob, exempt, prepare, write_atomically
from lz.compliance.catalog import CatalogError, load_catalog
from lz.compliance.document import ComplianceReport, build_report, render_markdown
from lz.compliance.html import render_html
from lz.diagram import render_network_svg
from lz.exemptions import ExemptionsError
from lz.gate import EXIT_INVALID_INPUT, GateResult

REPORT_FORMATS = ("html", "markdown", "json")
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json"}


class ReportInputError(Exception):
    """Bad options: the message names the option and the value (exit code 2)."""


def output_files(output: Path | None, markdown: Path | None, json_file: Path | None,
                 fmt: str | None = None) -> dict[str, Path]:
    """Format -> path; ``-o FILE`` takes its format from ``--format`` or else from its suffix."""
    files: dict[str, Path] = {}
    if output is not None:
        kind = fmt or _SUFFIXES.get(output.suffix.lower())
        if kind is None:
            raise ReportInputError(
                f"error: -o {output}: cannot tell the format from the suffix {output.suffix or '(none)'!r}; "
                f"use .html, .md or .json, or --format {'|'.join(REPORT_FORMATS)}")
        if kind not in REPORT_FORMATS:
            raise ReportInputError(f"error: --format {kind!r}: choose one of {', '.join(REPORT_FORMATS)}")
        files[kind] = output
    for kind, path in (("markdown", markdown), ("json", json_file)):
        if path is not None:
            if kind in files and files[kind] != path:
                raise ReportInputError(f"error: two {kind} files given: {files[kind]} and {path}")
            files[kind] = path
    if not files:
        raise ReportInputError("error: no report file given: use -o report.html (and/or --markdown FILE, "
                               "--json FILE)")
    for kind, path in files.items():
        parent = path.parent
        with contextlib.suppress(OSError):
            parent.mkdir(parents=True, exist_ok=True)
        if not parent.is_dir() or not os.access(parent, os.W_OK) or path.is_dir():
            raise ReportInputError(f"error: {kind} report {path}: cannot write a file there")
    return files


def diagram_for(result: GateResult) -> tuple[str | None, str]:
    """The network diagram (lz.diagram) as SVG text, or None and why."""
    if result.graph is None:
        return None, "no resource graph"
    return render_network_svg(result.graph, result.findings), ""


def render(report: ComplianceReport, kind: str) -> str:
    if kind == "html":
        return render_html(report)
    if kind == "markdown":
        return render_markdown(report)
    return json.dumps(report.to_json(), indent=2, sort_keys=False) + "\n"


def report_command(stack: str, job: CheckJob, files: Mapping[str, Path], *, exemptions: Path | None = None) -> int:
    """Gate ``stack`` with ``job`` (and the exemptions file, as ``lz check`` applies it), write ``files``."""
    try:
        accepted = prepare(job, exemptions)  # pack name, policy config, exemptions: before the program runs
    except (CheckInputError, ExemptionsError) as err:
        _stderr(str(err))
        return EXIT_INVALID_INPUT
    outcome = job.run(stack)
    if accepted is not None:
        exempt(outcome, accepted, job)
    if outcome.result is None:
        _stderr(outcome.error or f"error: stack {stack} could not be checked")
        return outcome.code
    result = outcome.result
    try:
        catalog = load_catalog(job.program)
    except CatalogError as err:
        _stderr(f"error: {err}")
        return EXIT_INVALID_INPUT
    report = build_report(result, catalog, Path(job.program))
    report.diagram_svg, report.diagram_note = diagram_for(result)
    for kind, path in files.items():
        try:
            write_atomically(Path(path), render(report, kind))
        except OSError as err:
            _stderr(f"error: {kind} report {path}: {err.strerror or err}")
            return EXIT_INVALID_INPUT
    summary = report.summary()
    lines = [f"compliance report for stack {stack} ({result.pack}@{result.pack_version}): "
             f"{summary['mandatory']} mandatory, {summary['advisory']} advisory finding(s)"]
    for section in report.sections:
        counts = ", ".join(f"{n} {v}" for v, n in section.summary().items() if n)
        lines.append(f"  {section.title}: {counts or 'no controls'}")
    lines += [f"  wrote {kind}: {path}" for kind, path in files.items()]
    sys.stdout.write("\n".join(lines) + "\n")
    return result.exit_code


def _stderr(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()
