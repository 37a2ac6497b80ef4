"""The compliance model behind ``lz report``: per framework, each control with its rules, resources and verdict.

Inputs are what ``lz check`` has anyway: the pack's published policies (their framework tags, and
for resource rules the ``applies-to:<type>`` tags the pack's adapter adds), the findings, and the
resource graph. Two optional sources make it richer for our own program: the components' control
declarations (``components/controls.py``, read as data) and the manual-controls file beside this
module. For any other program the resources come only from the rules.

Verdicts, worst first: ``violated`` (a counted finding), ``cannot-decide`` (only findings on values
unknown during preview), ``exempted`` (only findings an exemption in force accepts), ``met`` (rules
passed on resources of their type, a stack rule passed, or, where no rule of the pack checks the
control, resources that implement it), ``not-applicable`` (nothing in the stack for it), ``manual``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lz.gate import Finding, GateResult
from lz.graph import ResourceRecord
from lz.policy_config import PolicyMeta

SEED, CIS3, CIS5, FSBP = "seed", "cis-aws-3.0", "cis-aws-5.0", "aws-fsbp"
#: Frameworks in report order, with the titles people know them by.
FRAMEWORK_TITLES: dict[str, str] = {
    SEED: "Seed security characteristics (the landing zone's controls table)",
    CIS5: "CIS AWS Foundations Benchmark v5.0.0",
    CIS3: "CIS AWS Foundations Benchmark v3.0.0",
    FSBP: "AWS Foundational Security Best Practices",
}
VIOLATED, CANNOT_DECIDE, EXEMPTED, MET, NOT_APPLICABLE, MANUAL = (
    "violated", "cannot-decide", "exempted", "met", "not-applicable", "manual")
VERDICTS = (VIOLATED, CANNOT_DECIDE, EXEMPTED, MET, NOT_APPLICABLE, MANUAL)
_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def control_frameworks(meta: PolicyMeta) -> dict[str, list[str]]:
    return {name: ids for name, ids in meta.frameworks().items() if name in FRAMEWORK_TITLES}


def property_value(inputs: Mapping[str, Any], path: str | None) -> tuple[bool, Any]:
    """``(found, value)`` of ``ingress[0].cidrBlocks`` in a resource's inputs (engine wire names)."""
    if not path:
        return False, None
    value: Any = inputs
    for name, index in _PATH_PART.findall(path):
        if index:
            if not isinstance(value, list) or int(index) >= len(value):
                return False, None
            value = value[int(index)]
        elif isinstance(value, Mapping) and name in value:
            value = value[name]
        else:
            return False, None
    return True, value


@dataclass(frozen=True)
class ResourceRef:
    urn: str
    type: str
    name: str
    #: Why it is listed: ``component lz:...::name`` (a declaration) or ``rule <id>`` (checked by it).
    via: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"urn": self.urn, "type": self.type, "name": self.name, "via": list(self.via)}


@dataclass(frozen=True)
class Evidence:
    """What decided (part of) a verdict: a finding, a rule that passed on a resource, or a declaration."""

    kind: str  # violated | cannot-decide | exempted | passed | stack-rule-passed | implements
    rule: str | None
    urn: str | None = None
    resource: str | None = None  # type::name
    property: str | None = None
    value: Any = None
    value_known: bool = False
    message: str = ""
    level: str | None = None
    #: For a pass: the properties the rule reads to decide, with this resource's values (unset ones left out).
    inspected: Mapping[str, Any] = field(default_factory=dict)
    #: ... and those of them this resource leaves unset (the rule read them and found nothing).
    unset: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "rule": self.rule, "urn": self.urn, "resource": self.resource,
                "property": self.property, "value": self.value if self.value_known else None,
                "valueKnown": self.value_known, "message": self.message, "enforcementLevel": self.level,
                "inspected": dict(self.inspected), "unset": list(self.unset)}


@dataclass(frozen=True)
class ManualCheck:
    check: str
    where: str
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "where": self.where, "sources": list(self.sources)}


@dataclass
class Control:
    framework: str
    id: str
    title: str
    verdict: str = NOT_APPLICABLE
    rules: list[str] = field(default_factory=list)
    #: The rules that had something to judge here: a finding, or a resource of their type (or a stack rule).
    rules_applied: list[str] = field(default_factory=list)
    resources: list[ResourceRef] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    manual: list[ManualCheck] = field(default_factory=list)
    row: int | None = None
    note: str = ""
    #: For a seed row: what the landing zone builds for it (the controls table's "build" column).
    description: str = ""
    #: Violated, but by advisory findings only: the gate does not fail on them (the note says so too).
    advisory_only: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"framework": self.framework, "id": self.id, "title": self.title, "row": self.row,
                "verdict": self.verdict, "note": self.note, "description": self.description, "rules": self.rules,
                "rulesApplied": self.rules_applied,
                "resources": [r.to_json() for r in self.resources],
                "evidence": [e.to_json() for e in self.evidence],
                "manual": [m.to_json() for m in self.manual]}


@dataclass
class FrameworkSection:
    id: str
    title: str
    controls: list[Control]

    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(VERDICTS, 0)
        for c in self.controls:
            counts[c.verdict] += 1
        return counts

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "summary": self.summary(),
                "controls": [c.to_json() for c in self.controls]}


@dataclass(frozen=True)
class ControlCatalog:
    """The data the report is built against: seed rows, manual controls, component declarations."""

    seed_rows: Sequence[Mapping[str, Any]] = ()
    manual: Sequence[Mapping[str, Any]] = ()
    sources: Mapping[str, str] = field(default_factory=dict)
    #: Component type token -> ``framework:control`` ids (``components/controls.py``).
    implements: Mapping[str, Sequence[str]] = field(default_factory=dict)


def _natural(control_id: str) -> tuple[Any, ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.]", control_id))


def _label(record: ResourceRecord) -> str:
    return f"{record.type}::{record.name}"


def _is_cannot_decide(f: Finding) -> bool:
    return f.message.startswith(("cannot decide", "can't run policy"))


def _finding_kind(f: Finding) -> str:
    if getattr(f, "exempted", False):
        return EXEMPTED
    return CANNOT_DECIDE if _is_cannot_decide(f) else VIOLATED


class _Builder:
    def __init__(self, result: GateResult, catalog: ControlCatalog) -> None:
        self.result = result
        self.catalog = catalog
        graph = result.graph
        self.records: list[ResourceRecord] = list(graph.resources) if graph is not None else []
        self.by_urn = {r.urn: r for r in self.records}
        self.by_type: dict[str, list[ResourceRecord]] = {}
        for r in self.records:
            if r.custom:
                self.by_type.setdefault(r.type, []).append(r)
        self.findings_by_rule: dict[str, list[Finding]] = {}
        for f in result.findings:
            self.findings_by_rule.setdefault(f.policy, []).append(f)
        self.controls: dict[tuple[str, str], Control] = {}

    def control(self, framework: str, control_id: str) -> Control:
        key = (framework, control_id)
        if key not in self.controls:
            self.controls[key] = Control(framework, control_id, "")
        return self.controls[key]

    # -- what checks a control, and what implements it ------------------------------------
    def add_rules(self) -> None:
        for name, meta in sorted(self.result.policies.items()):
            for framework, ids in control_frameworks(meta).items():
                for control_id in ids:
                    self.control(framework, control_id).rules.append(name)

    def add_declarations(self) -> None:
        children: dict[str, list[ResourceRecord]] = {}
        for r in self.records:
            if r.parent:
                children.setdefault(r.parent, []).append(r)
        for component in self.records:
            declared = self.catalog.implements.get(component.type)
            if component.custom or not declared:
                continue
            below = _descendants(component.urn, children)
            via = f"component {component.type}::{component.name}"
            for ident in declared:
                framework, _, control_id = ident.partition(":")
                if framework not in FRAMEWORK_TITLES or not control_id:
                    continue
                control = self.control(framework, control_id)
                control.resources.extend(ResourceRef(r.urn, r.type, r.name, (via,)) for r in below)
                control.evidence.append(Evidence("implements", None, component.urn, _label(component),
                                                 message=f"{component.type} declares {ident}; "
                                                         f"{len(below)} resource(s) below it"))

    def add_manual(self) -> None:
        for entry in self.catalog.manual:
            check = ManualCheck(str(entry["check"]), str(entry["where"]),
                                tuple(self.catalog.sources.get(s, s) for s in entry.get("source", ())))
            for framework, ids in dict(entry.get("frameworks", {})).items():
                if framework not in FRAMEWORK_TITLES:
                    continue
                for control_id in ids:
                    control = self.control(framework, str(control_id))
                    control.manual.append(check)
                    control.title = control.title or str(entry["title"])  # a seed row's title wins later

    # -- verdicts -------------------------------------------------------------------------
    def decide(self, control: Control) -> None:
        kinds: set[str] = set()
        resources: dict[str, ResourceRef] = {}
        for ref in control.resources:
            for via in ref.via:
                _merge(resources, self.by_urn[ref.urn], via)
        for rule in control.rules:
            kinds |= self._judge(control, rule, resources)
        control.resources = sorted(resources.values(), key=lambda r: r.urn)
        control.verdict = _verdict(kinds, control)
        if control.verdict == MET and not control.rules_applied:
            self._add_note(control, "no rule of this pack judges it here; met by the resources that implement it")
        control.advisory_only = control.verdict == VIOLATED and not any(
            e.kind == VIOLATED and e.level == "mandatory" for e in control.evidence)
        if control.advisory_only:
            self._add_note(control, "violated by advisory findings only: the gate does not fail on them")
        if control.framework == SEED and control.note and not control.resources:
            # A row another stack builds (the organization's): say so, rather than leave a bare "manual".
            self._add_note(control, "nothing in this stack implements it: its evidence is in that stack's report")

    @staticmethod
    def _add_note(control: Control, text: str) -> None:
        control.note = f"{control.note}; {text}" if control.note else text

    def _judge(self, control: Control, rule: str, resources: dict[str, ResourceRef]) -> set[str]:
        """What ``rule`` says about ``control`` here (evidence kinds); adds its evidence and resources."""
        meta = self.result.policies[rule]
        kinds: set[str] = set()
        flagged: set[str] = set()
        findings = self.findings_by_rule.get(rule, [])
        for f in findings:
            kinds.add(_finding_kind(f))
            record = self.by_urn.get(f.urn)
            known, value = property_value(record.inputs, f.property_path) if record else (False, None)
            control.evidence.append(Evidence(
                _finding_kind(f), rule, f.urn or None, _label(record) if record else (f.subject or None),
                f.property_path, value, known, f.message, f.enforcement_level))
            if record is not None:
                flagged.add(record.urn)
                _merge(resources, record, f"rule {rule}")
        types = meta.resource_types()
        subjects = [record for t in types for record in self.by_type.get(t, ())]
        for record in subjects:
            _merge(resources, record, f"rule {rule}")
        # A stack rule without applies-to tags demands something of every stack (cloudtrail_present).
        applies = bool(subjects) or (meta.kind == "stack" and not types)
        if findings or applies:
            control.rules_applied.append(rule)
        if meta.kind == "resource":
            for record in subjects:
                if record.urn not in flagged:
                    kinds.add("passed")
                    read = meta.inspects(record.type)
                    control.evidence.append(Evidence(
                        "passed", rule, record.urn, _label(record), message=f"{rule} passed",
                        inspected={k: record.inputs[k] for k in read if k in record.inputs},
                        unset=tuple(k for k in read if k not in record.inputs)))
        elif not findings and applies:
            kinds.add("stack-rule-passed")
            over = f"the {len(subjects)} resource(s) of its types" if types else "the whole stack"
            control.evidence.append(Evidence("stack-rule-passed", rule,
                                             message=f"stack rule {rule} passed over {over}"))
        return kinds

    def build(self) -> list[FrameworkSection]:
        self.add_rules()
        self.add_declarations()
        self.add_manual()
        rows = {str(row["id"]): row for row in self.catalog.seed_rows}
        for row in rows.values():  # every seed row is listed, decided or not
            self.control(SEED, str(row["id"]))
        for control in self.controls.values():
            if control.framework == SEED and control.id in rows:
                control.row = int(rows[control.id]["row"])
                control.title = str(rows[control.id]["title"])
                control.note = str(rows[control.id].get("scope", ""))
                control.description = str(rows[control.id].get("build", ""))
            if not control.title:
                control.title = self._title_from_rules(control)
            self.decide(control)
        sections = []
        for framework, title in FRAMEWORK_TITLES.items():
            controls = [c for (fw, _), c in self.controls.items() if fw == framework]
            controls.sort(key=lambda c: (c.row or 0, _natural(c.id)))
            sections.append(FrameworkSection(framework, title, controls))
        return sections

    def _title_from_rules(self, control: Control) -> str:
        titles = [self.result.policies[r].description for r in control.rules if r in self.result.policies]
        return "; ".join(dict.fromkeys(titles)) or control.id


def _descendants(urn: str, children: Mapping[str, list[ResourceRecord]]) -> list[ResourceRecord]:
    out, todo, seen = [], list(children.get(urn, ())), {urn}
    while todo:
        record = todo.pop()
        if record.urn in seen:
            continue
        seen.add(record.urn)
        if record.custom:
            out.append(record)
        todo.extend(children.get(record.urn, ()))
    return sorted(out, key=lambda r: r.urn)


def _merge(resources: dict[str, ResourceRef], record: ResourceRecord, via: str) -> None:
    known = resources.get(record.urn)
    if known is None:
        resources[record.urn] = ResourceRef(record.urn, record.type, record.name, (via,))
    elif via not in known.via:
        resources[record.urn] = ResourceRef(record.urn, record.type, record.name, (*known.via, via))


def _verdict(kinds: Iterable[str], control: Control) -> str:
    found = set(kinds)
    for verdict in (VIOLATED, CANNOT_DECIDE, EXEMPTED):
        if verdict in found:
            return verdict
    if found & {"passed", "stack-rule-passed"}:
        return MET
    if control.resources:
        return MET  # no rule of this pack decides it: the implementing resources are the evidence
    if control.manual:
        return MANUAL
    return NOT_APPLICABLE


def build_sections(result: GateResult, catalog: ControlCatalog) -> list[FrameworkSection]:
    return _Builder(result, catalog).build()
