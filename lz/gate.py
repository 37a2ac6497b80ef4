"""The policy gate: run a program offline, send every resource through the pack, decide an exit code.

Exit codes (lz.findings): 0 no mandatory violation; 1 a mandatory violation; 2 invalid input (project or stack
file, unknown stack, stack config the program rejects, invalid policy config, a pack that will not
start, or a pack that dies); 3 the program crashed (as ``lz preview``).

Besides the pack's findings the gate reports its own (``LZ_RULES``), wherever its verdict is missing
or partial, so no report format can look clean when it is not: ``lz_analyze_failed`` (mandatory) for
a resource, or the stack policies, the pack answered with an error (the other verdicts stand);
``lz_unanswered_invoke`` (advisory) for each invoke the mocks had no answer for, at the program line
that called it; ``lz_component_not_checked`` / ``lz_component_modeled`` (advisory) for each
multi-language component, opaque or expanded by lz.remote.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from lz.analyzer import ANALYZE_FAILED, AnalyzerError, AnalyzeStream, Diagnostic, PolicyPackProcess

# The findings model lives in lz.findings (lz.report and lz report's compliance model read it without
# the gate); these names stay importable from here for one release.
from lz.findings import EXIT_INVALID_INPUT as EXIT_INVALID_INPUT
from lz.findings import EXIT_OK as EXIT_OK
from lz.findings import EXIT_PROGRAM_CRASHED as EXIT_PROGRAM_CRASHED
from lz.findings import EXIT_VIOLATIONS as EXIT_VIOLATIONS
from lz.findings import Finding as Finding
from lz.findings import GateResult as GateResult
from lz.findings import StackOutcome as StackOutcome
from lz.graph import ResourceGraph, ResourceRecord, UnansweredInvoke
from lz.mock_engine import ProgramConfigError, ProgramError, run_program
from lz.packaged import default_pack_dir
from lz.policy_config import PolicyConfigError, PolicyMeta
from lz.project import ProjectFileError, stack_file
from lz.source import ProgramSource, SourceLocation

DEFAULT_PACK_DIR = default_pack_dir()  # this checkout's policies/, else the installed lz_policies


UNANSWERED_INVOKE = "lz_unanswered_invoke"
COMPONENT_NOT_CHECKED = "lz_component_not_checked"
COMPONENT_MODELED = "lz_component_modeled"
#: lz's own rules: where the gate itself could not give (or only approximates) a verdict.
LZ_RULES: dict[str, PolicyMeta] = {
    ANALYZE_FAILED: PolicyMeta(
        name=ANALYZE_FAILED, enforcement_level="mandatory", severity="high",
        description="The policy pack failed on this resource: its verdict is missing",
        remediation="Read the pack's error in the message; fix the rule (or the property it cannot read) and rerun."),
    UNANSWERED_INVOKE: PolicyMeta(
        name=UNANSWERED_INVOKE, enforcement_level="advisory", severity="medium",
        description="An invoke was left unanswered offline: the verdict is incomplete",
        remediation="Add an answer for this invoke to lz (lz/aws_invokes.py or lz/aws_lookups.py), or pass the "
                    "value in through stack config, so what is built from it is checked as deployed."),
    COMPONENT_NOT_CHECKED: PolicyMeta(
        name=COMPONENT_NOT_CHECKED, enforcement_level="advisory", severity="medium",
        description="A multi-language component's internals were not checked",
        remediation="Its children are created by its provider at deploy time; review them in a real preview, or "
                    "model the component in lz/remote.py so the pack sees them."),
    COMPONENT_MODELED: PolicyMeta(
        name=COMPONENT_MODELED, enforcement_level="advisory", severity="low",
        description="A multi-language component was checked through lz's model of its children",
        remediation="lz/remote.py says what the model leaves out; review those parts in a real preview."),
}


class GateError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


@functools.cache
def pack_wire(pack_dir: Path) -> ModuleType | None:
    """The violation text format of the pack in ``pack_dir``: its standalone ``wire.py`` (ours:
    policies/wire.py), loaded from that directory, so the gate reads what that pack writes. None for a
    pack without one: its messages are taken whole, with no property path."""
    path = Path(pack_dir) / "wire.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"lz_pack_wire_{abs(hash(str(path)))}", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _clean_message(d: Diagnostic, wire: ModuleType | None) -> tuple[str, str | None]:
    if wire is None:
        text = d.message[len(d.description):].lstrip("\n") if d.message.startswith(d.description) else d.message
        return text.strip() or d.description, None
    parsed = wire.parse(d.message, d.description)
    return parsed.message, parsed.property


def _parent_label(graph: dict[str, ResourceRecord], record: ResourceRecord | None) -> str | None:
    parent = graph.get(record.parent) if record and record.parent else None
    return f"{parent.type}::{parent.name}" if parent else None


def join(
    diagnostics: list[Diagnostic], graph: ResourceGraph, policies: dict[str, PolicyMeta],
    source: ProgramSource | None = None, pack_dir: Path = DEFAULT_PACK_DIR,
) -> list[Finding]:
    """Each diagnostic of the pack in ``pack_dir`` as a Finding on its resource, with its rule's metadata."""
    by_urn = {r.urn: r for r in graph.resources}
    wire = pack_wire(Path(pack_dir).resolve())
    findings = []
    for d in diagnostics:
        meta = policies.get(d.policy)
        record = by_urn.get(d.urn)
        message, prop = _clean_message(d, wire)
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


def _finding(policy: str, message: str, *, record: ResourceRecord | None = None,
             by_urn: dict[str, ResourceRecord] | None = None, source: ProgramSource | None = None,
             location: SourceLocation | None = None, subject: str | None = None) -> Finding:
    meta = LZ_RULES[policy]
    if record is not None and source is not None:
        location, related = source.locate(record, by_urn or {})
    else:
        related = ()
    return Finding(
        policy=policy, title=meta.description, message=message, enforcement_level=meta.enforcement_level,
        severity=meta.severity or "low", frameworks={}, remediation=meta.remediation,
        urn=record.urn if record else "", resource_type=record.type if record else None,
        resource_name=record.name if record else None, parent=_parent_label(by_urn or {}, record),
        property_path=None, location=location, related=related, subject=subject,
    )


def _descends_from(record: ResourceRecord, ancestor: str, by_urn: dict[str, ResourceRecord]) -> bool:
    seen = set()
    while record.parent and record.parent not in seen:
        if record.parent == ancestor:
            return True
        seen.add(record.parent)
        parent = by_urn.get(record.parent)
        if parent is None:
            return False
        record = parent
    return False


def _invoke_location(invoke: UnansweredInvoke, source: ProgramSource | None) -> SourceLocation | None:
    if source is None:
        return None
    for frame in invoke.source:
        path = source.relative(frame.file) if source.is_program(frame.file) else None
        if path is not None:
            return SourceLocation(path, frame.line, frame.column)
    return None


def gate_findings(graph: ResourceGraph, source: ProgramSource | None = None) -> list[Finding]:
    """What lz itself must say about the verdict: invokes it left unanswered, components it did not see into."""
    by_urn = {r.urn: r for r in graph.resources}
    findings = []
    for invoke in graph.unanswered_invokes:
        location = _invoke_location(invoke, source)
        where = f"called at {location}" if location else "called from a line lz could not find"
        findings.append(_finding(
            UNANSWERED_INVOKE, location=location, subject=f"invoke {invoke.token}",
            message=f"the verdict is incomplete: invoke {invoke.token} ({where}) has no offline answer, so the "
                    "program got an empty result and anything built from it was checked against placeholders"))
    for component in graph.remote_components:
        record = by_urn.get(component.urn)
        if component.expanded:
            children = sum(1 for r in graph.resources if _descends_from(r, component.urn, by_urn))
            message = (f"{component.type} is built by its provider at deploy time; lz checked the {children} "
                       "resources it models for it (see lz/remote.py for what the model leaves out)")
            findings.append(_finding(COMPONENT_MODELED, message, record=record, by_urn=by_urn, source=source))
        else:
            message = (f"the internals of {component.type} were not checked: its provider creates its resources at "
                       "deploy time, offline its outputs are unknown and no resource inside it reached the pack")
            findings.append(_finding(COMPONENT_NOT_CHECKED, message, record=record, by_urn=by_urn, source=source))
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
    policies = {**analysis.pack.policies, **LZ_RULES}
    return GateResult(
        project=graph.project,
        stack=stack,
        stack_file=stack_file(program_dir, stack).name,
        pack=analysis.pack.name,
        pack_version=analysis.pack.version,
        resource_count=len(graph.resources),
        findings=join(analysis.diagnostics, graph, policies, source, pack.pack_dir) + gate_findings(graph, source),
        policies=policies,
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
