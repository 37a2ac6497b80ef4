"""Exemptions: findings a team accepted for a while, each with a reason, an owner and an end date.

``policy-exemptions.yaml`` next to the program's ``Pulumi.yaml`` (or ``lz check --exemptions FILE``)::

    exemptions:
      - rule: lambda_in_vpc                                   # a rule id of the pack (or an lz_* rule)
        resource: "urn:pulumi:*::*::aws:lambda/function:Function::isolate"   # glob over the URN
        stacks: [prod]                                        # optional: stack-name globs (default: all)
        reason: calls EC2 and SNS APIs; endpoints for both cost more than they protect
        owner: platform-team
        expires: 2027-03-31                                   # ISO date; in force through that day (UTC)

An exempted finding is still reported, marked as exempted, and does not count toward the exit code.
Once the end date has passed the exemption is expired: its finding counts again and the reports say
since when. An exemption that matches no finding of a stack it applies to is reported as unused.

The file is parsed strictly before any program runs: every problem at once, each with the file, the
entry index and the field (exit code 2). Rule ids are checked against the pack's registry (the rule
files under its ``rules/``, whose stems are the ids), with the closest id suggested.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

if TYPE_CHECKING:
    from lz.findings import GateResult

EXEMPTIONS_FILE = "policy-exemptions.yaml"
EXEMPTED, EXPIRED = "exempted", "expired"


class ExemptionsError(Exception):
    """The exemptions file cannot be used; the message names the file and every problem (exit code 2)."""


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # YAML reads 2027-01-31T10:00 as a datetime
        raise ValueError("a date (YYYY-MM-DD), not a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else _no_date()
        except ValueError:
            return _no_date()
    return _no_date()


def _no_date() -> Any:
    raise ValueError("not an ISO date (YYYY-MM-DD)")


_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ExemptionEntry(BaseModel):
    """One accepted finding (or family of findings): which rule, on which resources, why, whose, until when."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    rule: _Text = Field(description="The rule id the exemption accepts (as in the pack's registry).")
    resource: _Text = Field(description="A glob over the resource URN ('*' for every resource and stack findings).")
    stacks: tuple[_Text, ...] = Field(default=(), description="Stack-name globs it applies to; empty: every stack.")
    reason: _Text = Field(description="Why the finding is accepted.")
    owner: _Text = Field(description="Who answers for it (a team or a person).")
    expires: Annotated[dt.date, BeforeValidator(_iso_date)] = Field(
        description="Last day (UTC) the exemption is in force, as an ISO date.")


class ExemptionsFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    exemptions: tuple[ExemptionEntry, ...] = Field(default=(), description="The exemptions, in any order.")


@dataclass(frozen=True)
class Exemption:
    """An entry of the file, with where it came from (``exemptions[index]`` of ``file``)."""

    file: str
    index: int
    rule: str
    resource: str
    stacks: tuple[str, ...]
    reason: str
    owner: str
    expires: dt.date

    @property
    def label(self) -> str:
        return f"exemptions[{self.index}]"

    def applies_to(self, stack: str) -> bool:
        return not self.stacks or any(fnmatch.fnmatchcase(stack, s) for s in self.stacks)

    def matches(self, policy: str, urn: str, stack: str) -> bool:
        return policy == self.rule and fnmatch.fnmatchcase(urn or "", self.resource) and self.applies_to(stack)

    def describe(self) -> str:
        stacks = f" on stacks {', '.join(self.stacks)}" if self.stacks else ""
        return f"{self.label} ({self.rule} on {self.resource}{stacks}; owner {self.owner}: {self.reason})"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "index": self.index, "rule": self.rule, "resource": self.resource,
                "stacks": list(self.stacks), "reason": self.reason, "owner": self.owner,
                "expires": self.expires.isoformat()}


@dataclass(frozen=True)
class AppliedExemption:
    """The exemption that matched a finding, and whether it is still in force (``Finding.exemption``)."""

    exemption: Exemption
    expired: bool

    @property
    def state(self) -> str:
        return EXPIRED if self.expired else EXEMPTED

    def describe(self) -> str:
        e = self.exemption
        if self.expired:
            return f"exemption expired on {e.expires.isoformat()}, counts again ({e.owner}: {e.reason})"
        return f"exempted until {e.expires.isoformat()} ({e.owner}: {e.reason})"

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state, **self.exemption.to_json()}


@dataclass(frozen=True)
class ExemptionUse:
    """What the exemptions did on one stack: the file, and the entries that matched nothing there."""

    file: str
    unused: tuple[Exemption, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "unused": [e.to_json() for e in self.unused]}


@dataclass(frozen=True)
class Exemptions:
    file: str
    entries: tuple[Exemption, ...]
    today: dt.date = dataclasses.field(default_factory=lambda: dt.datetime.now(dt.UTC).date())

    def match(self, policy: str, urn: str, stack: str) -> AppliedExemption | None:
        """The first entry that matches; in force through its ``expires`` day."""
        for entry in self.entries:
            if entry.matches(policy, urn, stack):
                return AppliedExemption(entry, expired=self.today > entry.expires)
        return None

    def unknown_rules(self, known: Iterable[str]) -> list[str]:
        """One problem per entry whose rule is not in ``known``, with the closest id."""
        names = sorted(set(known))
        problems = []
        for e in self.entries:
            if e.rule not in names:
                close = difflib.get_close_matches(e.rule, names, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                problems.append(f"{self.file}: {e.label}.rule: unknown rule {e.rule!r}{hint}")
        return problems

    def check_rules(self, known: Iterable[str]) -> None:
        problems = self.unknown_rules(known)
        if problems:
            raise ExemptionsError("error: invalid exemptions file:\n" + "\n".join(problems))


def _field_path(loc: Sequence[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _problem(file: str, err: Any) -> str:
    where = _field_path(err["loc"]) or "(top level)"
    message = str(err["msg"]).removeprefix("Value error, ")
    value = err.get("input")
    shown = "" if err["type"] in ("missing", "extra_forbidden") or isinstance(value, dict | list) else (
        f" (got {value!r})")
    if err["type"] == "extra_forbidden":
        message = "unknown field (fields: rule, resource, stacks, reason, owner, expires)" if len(
            err["loc"]) > 1 else "unknown key (the file holds one key: exemptions)"
    return f"{file}: {where}: {message}{shown}"


def parse_exemptions(text: str, file: str, *, today: dt.date | None = None) -> Exemptions:
    """The file's entries; ExemptionsError lists every problem, each with the file, entry index and field."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ExemptionsError(f"error: {file}: not YAML: {err}") from err
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ExemptionsError(f"error: {file}: expected a mapping with the key 'exemptions', got "
                              f"{type(doc).__name__}")
    if isinstance(doc.get("exemptions"), list):  # YAML sequences arrive as lists; the model holds tuples
        doc = {**doc, "exemptions": tuple(_tuples(e) for e in doc["exemptions"])}
    try:
        model = ExemptionsFile.model_validate(doc)
    except ValidationError as err:
        problems = [_problem(file, e) for e in err.errors()]
        raise ExemptionsError("error: invalid exemptions file:\n" + "\n".join(problems)) from err
    entries = tuple(Exemption(file, i, e.rule, e.resource, e.stacks, e.reason, e.owner, e.expires)
                    for i, e in enumerate(model.exemptions))
    return Exemptions(file, entries) if today is None else Exemptions(file, entries, today)


def _tuples(entry: Any) -> Any:
    if isinstance(entry, dict) and isinstance(entry.get("stacks"), list):
        return {**entry, "stacks": tuple(entry["stacks"])}
    return entry


def load_exemptions(path: Path, *, today: dt.date | None = None) -> Exemptions:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise ExemptionsError(f"error: exemptions file {path}: cannot read it: {err.strerror or err}") from err
    return parse_exemptions(text, str(path), today=today)


def find_exemptions(program: Path, explicit: Path | None) -> Path | None:
    """``--exemptions FILE`` (must exist), else ``policy-exemptions.yaml`` beside the program's Pulumi.yaml."""
    if explicit is not None:
        if not Path(explicit).is_file():
            raise ExemptionsError(f"error: --exemptions {explicit}: no such file")
        return Path(explicit)
    candidate = Path(program) / EXEMPTIONS_FILE
    return candidate if candidate.is_file() else None


def registry_rules(pack_dir: Path) -> set[str] | None:
    """The pack's rule ids from its registry layout (``rules/<domain>/<id>.py``); None for another layout."""
    rules = Path(pack_dir) / "rules"
    if not rules.is_dir():
        return None
    return {p.stem for p in rules.rglob("*.py")
            if not any(part.startswith("_") for part in p.relative_to(rules).parts)}


def apply_exemptions(result: GateResult, exemptions: Exemptions) -> None:
    """Mark each finding of ``result`` with the exemption that matches it; record the unused entries."""
    used: set[int] = set()
    findings = []
    for f in result.findings:
        applied = exemptions.match(f.policy, f.urn, result.stack)
        if applied is not None:
            used.add(applied.exemption.index)
            f = dataclasses.replace(f, exemption=applied)
        findings.append(f)
    result.findings = findings
    unused = tuple(e for e in exemptions.entries if e.index not in used and e.applies_to(result.stack))
    result.exemptions = ExemptionUse(exemptions.file, unused)
