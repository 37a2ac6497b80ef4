"""The policy gate: run a program offline, send every resource through the pack, decide an exit code.

Exit codes: 0 no mandatory violation; 1 a mandatory violation; 2 invalid input (project or stack
file, unknown stack, stack config the program rejects, invalid policy config, a pack that will not
start); 3 the program crashed (as ``lz preview``).
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lz.analyzer import AnalyzerError, AnalyzeStream, Diagnostic, PolicyPackProcess
from lz.graph import ResourceGraph, ResourceRecord
from lz.mock_engine import ProgramConfigError, ProgramError, run_program
from lz.policy_config import PolicyConfigError, PolicyMeta
from lz.project import ProjectFileError, stack_file
from lz.source import ProgramSource, SourceLocation

EXIT_OK, EXIT_VIOLATIONS, EXIT_INVALID_INPUT, EXIT_PROGRAM_CRASHED = 0, 1, 2, 3
DEFAULT_PACK_DIR = Path(__file__).resolve().parents[1] / "policies"
_PROPERTY = re.compile(r" \[property: (?P<prop>.*)\]$", re.MULTILINE)


class GateError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Finding:
    """One diagnostic joined to its resource and to the rule metadata the pack published."""

    policy: str
    title: str
    message: str
    enforcement_level: str
    severity: str
    frameworks: dict[str, list[str]]
    remediation: str
    urn: str
    resource_type: str | None
    resource_name: str | None
    parent: str | None
    property_path: str | None
    #: Where the program declared the resource (see lz.source), and the rest of that chain.
    location: SourceLocation | None = None
    related: tuple[SourceLocation, ...] = ()

    @property
    def control(self) -> str:
        cis = self.frameworks.get("cis-aws-3.0")
        return f"CIS {', '.join(cis)}" if cis else self.policy

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "title": self.title,
            "message": self.message,
            "enforcementLevel": self.enforcement_level,
            "severity": self.severity,
            "frameworks": self.frameworks,
            "remediation": self.remediation,
            "control": self.control,
            "resource": {
                "urn": self.urn or None,
                "type": self.resource_type,
                "name": self.resource_name,
                "parent": self.parent,
            },
            "property": self.property_path,
            "location": None if self.location is None else {
                **self.location.to_json(), "related": [r.to_json() for r in self.related]},
        }


@dataclass
class GateResult:
    project: str
    stack: str
    stack_file: str
    pack: str
    pack_version: str
    resource_count: int
    findings: list[Finding]
    policies: dict[str, PolicyMeta] = field(default_factory=dict)
    #: The directory finding locations are relative to (the program's git toplevel, else the program).
    source_root: Path | None = None
    #: What the program registered (for the preview summary); not part of any report format.
    graph: ResourceGraph | None = field(default=None, repr=False, compare=False)

    @property
    def mandatory(self) -> list[Finding]:
        return [f for f in self.findings if f.enforcement_level == "mandatory"]

    @property
    def exit_code(self) -> int:
        return EXIT_VIOLATIONS if self.mandatory else EXIT_OK


def _clean_message(d: Diagnostic) -> tuple[str, str | None]:
    text = d.message
    if d.description and text.startswith(d.description):
        text = text[len(d.description) :].lstrip("\n")
    text = text.split("\nRemediation: ", 1)[0]
    match = _PROPERTY.search(text)
    prop = match.group("prop") if match else None
    return _PROPERTY.sub("", text).strip() or d.description, prop


def _parent_label(graph: dict[str, ResourceRecord], record: ResourceRecord | None) -> str | None:
    parent = graph.get(record.parent) if record and record.parent else None
    return f"{parent.type}::{parent.name}" if parent else None


def join(
    diagnostics: list[Diagnostic], graph: ResourceGraph, policies: dict[str, PolicyMeta],
    source: ProgramSource | None = None,
) -> list[Finding]:
    by_urn = {r.urn: r for r in graph.resources}
    findings = []
    for d in diagnostics:
        meta = policies.get(d.policy)
        record = by_urn.get(d.urn)
        message, prop = _clean_message(d)
        location, related = source.locate(record, by_urn) if source else (None, ())
        findings.append(
            Finding(
                policy=d.policy,
                title=(meta.description if meta else d.description),
                message=message,
                enforcement_level=d.enforcement_level,
                severity=d.severity or (meta.severity if meta else None) or "low",
                frameworks=meta.frameworks() if meta else {},
                remediation=meta.remediation if meta else "",
                urn=d.urn,
                resource_type=record.type if record else None,
                resource_name=record.name if record else None,
                parent=_parent_label(by_urn, record),
                property_path=prop,
                location=location,
                related=related,
            )
        )
    return findings


def load_policy_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text())
    except OSError as err:
        raise GateError(
            f"error: cannot read policy config {path}: {err.strerror}", EXIT_INVALID_INPUT
        ) from err
    except json.JSONDecodeError as err:
        raise GateError(
            f"error: {path}:{err.lineno}:{err.colno}: not JSON: {err.msg}", EXIT_INVALID_INPUT
        ) from err
    if not isinstance(data, dict):
        raise GateError(f"error: {path}: policy config must be a JSON object", EXIT_INVALID_INPUT)
    return data


def run_gate(
    program_dir: Path,
    stack: str,
    *,
    pack_dir: Path = DEFAULT_PACK_DIR,
    policy_config: Path | None = None,
    pack_name: str | None = None,
) -> GateResult:
    """Preview ``stack`` offline and run the pack over it; bad input raises GateError with its code."""
    config = load_policy_config(policy_config)
    program_dir = Path(program_dir).resolve()
    # As the Pulumi CLI does, the analyzer boots while the program runs (on the other core here).
    pack = PolicyPackProcess(pack_dir, pack_name=pack_name)
    try:
        pack.spawn()
        return _gate(program_dir, stack, pack, config, policy_config)
    except AnalyzerError as err:
        raise GateError(f"error: {err}", EXIT_INVALID_INPUT) from err
    finally:
        pack.close()


def _gate(program_dir: Path, stack: str, pack: PolicyPackProcess, config: dict[str, Any] | None,
          policy_config: Path | None) -> GateResult:
    # As the engine does, each resource goes to the pack as it registers: the pack evaluates on the
    # other core while the program is still running, and only AnalyzeStack waits for the end.
    stream = AnalyzeStream(pack, config).start()
    try:
        graph = _run_program(program_dir, stack, stream.submit)
    except BaseException:
        stream.stop()  # run_gate closes the pack, which ends the sender thread
        raise
    try:
        analysis = stream.finish(graph.resources)
    except PolicyConfigError as err:
        where = f" ({policy_config})" if policy_config else ""
        raise GateError(f"error{where}: {err}", EXIT_INVALID_INPUT) from err
    except AnalyzerError as err:
        raise GateError(f"error: {err}", EXIT_INVALID_INPUT) from err
    source = ProgramSource.of(program_dir)
    return GateResult(
        project=graph.project,
        stack=stack,
        stack_file=stack_file(program_dir, stack).name,
        pack=analysis.pack.name,
        pack_version=analysis.pack.version,
        resource_count=len(graph.resources),
        findings=join(analysis.diagnostics, graph, analysis.pack.policies, source),
        policies=analysis.pack.policies,
        source_root=source.root,
        graph=graph,
    )


def _run_program(program_dir: Path, stack: str, on_register: Callable[[ResourceRecord], None]) -> ResourceGraph:
    try:
        with contextlib.redirect_stdout(sys.stderr):
            return run_program(program_dir, stack, preview=True, on_register=on_register)
    except ProjectFileError as err:  # includes UnknownStackError
        raise GateError(f"error: {err}", EXIT_INVALID_INPUT) from err
    except ProgramConfigError as err:
        lines = [f"error: invalid configuration in {stack_file(program_dir, stack)}:", *err.errors]
        raise GateError("\n".join(lines), EXIT_INVALID_INPUT) from err
    except ProgramError as err:
        raise GateError(
            f"error: the program crashed: {err}\n{err.traceback_text}", EXIT_PROGRAM_CRASHED
        ) from err


@dataclass
class StackOutcome:
    """What ``lz check`` learnt about one stack: the gate's result, or why the gate could not run."""

    stack: str
    code: int
    result: GateResult | None = None
    error: str | None = None


def gate_stack(
    program_dir: Path,
    stack: str,
    *,
    pack_dir: Path = DEFAULT_PACK_DIR,
    policy_config: Path | None = None,
    pack_name: str | None = None,
) -> StackOutcome:
    """``run_gate`` with its GateError as an outcome, so one failing stack cannot hide the others."""
    try:
        result = run_gate(program_dir, stack, pack_dir=pack_dir, policy_config=policy_config, pack_name=pack_name)
    except GateError as err:
        return StackOutcome(stack, err.code, error=str(err).rstrip("\n"))
    return StackOutcome(stack, result.exit_code, result=result)
