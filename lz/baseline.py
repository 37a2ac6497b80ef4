"""Findings against a baseline: which are new, which unchanged, which the change resolved; and the resource diff.

A baseline is the JSON report of ``lz check`` on the base branch (one stack's shape or the ``stacks``
shape), read from a file (``--baseline``) or made on the spot from a git worktree of the base commit
(``--base-ref``). Findings match by identity, the SARIF ``lzFinding/v1`` fingerprint (policy, URN,
property path, subject), never by line: moving code is not a new finding. The resource diff compares
the ``resources`` digest each JSON report carries (URN -> type, a hash per input key), so a file
from an earlier run is enough to say what a change adds, changes and removes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lz.graph import ResourceGraph

NEW, UNCHANGED, ABSENT = "new", "unchanged", "absent"
FAIL_ON = ("all", "new")


class BaselineError(Exception):
    """A baseline that cannot be used: the message says why (exit code 2)."""


def identity(policy: str, urn: str, property_path: str | None, subject: str | None) -> str:
    """The ``lzFinding/v1`` fingerprint: stable across runs and line moves."""
    parts = (policy, urn, property_path or "", *((subject,) if subject else ()))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def violation_identity(v: Mapping[str, Any]) -> str:
    """The identity of a finding in a JSON report (older reports carry no ``fingerprint`` field)."""
    if v.get("fingerprint"):
        return str(v["fingerprint"])
    resource = v.get("resource") or {}
    return identity(v["policy"], resource.get("urn") or "", v.get("property"), v.get("subject"))


def _hash(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def resource_digest(graph: ResourceGraph) -> dict[str, dict[str, Any]]:
    """URN -> type, a hash of all inputs and one per input key: enough for a later run to diff against."""
    return {
        r.urn: {"type": r.type, "inputsHash": _hash(r.inputs), "inputs": {k: _hash(v) for k, v in r.inputs.items()}}
        for r in graph.resources
    }


@dataclass(frozen=True)
class ResourceDiff:
    """What the change adds, changes (with the input keys that differ) and removes, by URN."""

    added: tuple[tuple[str, str], ...] = ()  # (urn, type)
    changed: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (urn, type, changed keys)
    removed: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "added": [{"urn": u, "type": t} for u, t in self.added],
            "changed": [{"urn": u, "type": t, "keys": list(k)} for u, t, k in self.changed],
            "removed": [{"urn": u, "type": t} for u, t in self.removed],
        }

    def summary(self) -> str:
        return f"{len(self.added)} to add, {len(self.changed)} to change, {len(self.removed)} to remove"


def diff_resources(base: Mapping[str, Mapping[str, Any]], head: Mapping[str, Mapping[str, Any]]) -> ResourceDiff:
    changed = []
    for urn in sorted(set(base) & set(head)):
        before, after = base[urn], head[urn]
        if before.get("inputsHash") == after.get("inputsHash"):
            continue
        old, new = before.get("inputs") or {}, after.get("inputs") or {}
        keys = tuple(sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k)))
        changed.append((urn, str(after.get("type")), keys))
    return ResourceDiff(
        added=tuple((u, str(head[u].get("type"))) for u in sorted(set(head) - set(base))),
        changed=tuple(changed),
        removed=tuple((u, str(base[u].get("type"))) for u in sorted(set(base) - set(head))),
    )


@dataclass(frozen=True)
class StackBaseline:
    """One stack of the baseline: its findings by identity, its resource digest (None in older reports)."""

    stack: str
    violations: dict[str, dict[str, Any]]
    resources: dict[str, dict[str, Any]] | None = None


@dataclass
class BaselineComparison:
    """One stack's findings against its baseline; ``note`` says when there was none to compare with."""

    states: dict[str, str]  # identity -> new | unchanged
    resolved: list[dict[str, Any]]  # baseline JSON violations gone now
    resource_diff: ResourceDiff | None = None
    fail_on: str = "all"
    note: str | None = None
    source: str = "baseline"

    def count(self, state: str) -> int:
        return len(self.resolved) if state == ABSENT else sum(s == state for s in self.states.values())

    def summary(self) -> str:
        text = (f"against {self.source}: {self.count(NEW)} new, {self.count(UNCHANGED)} unchanged, "
                f"{self.count(ABSENT)} resolved")
        return text + (f" ({self.note})" if self.note else "")


def parse_baseline(doc: Any, origin: str) -> dict[str, StackBaseline | None]:
    """Stack -> its baseline (None: the stack could not be checked there) from a JSON report."""
    if not isinstance(doc, dict) or not ("stacks" in doc or "stack" in doc):
        raise BaselineError(f"error: --baseline {origin}: not an `lz check --format json` report")
    stacks: dict[str, StackBaseline | None] = {}
    for entry in doc.get("stacks", [doc]):
        if not isinstance(entry, dict) or "stack" not in entry:
            raise BaselineError(f"error: --baseline {origin}: a stack entry without a stack name")
        if "violations" not in entry:
            stacks[str(entry["stack"])] = None
            continue
        violations = {violation_identity(v): v for v in entry["violations"]}
        stacks[str(entry["stack"])] = StackBaseline(str(entry["stack"]), violations, entry.get("resources"))
    return stacks


def load_baseline(path: Path) -> dict[str, StackBaseline | None]:
    try:
        doc = json.loads(Path(path).read_text())
    except OSError as err:
        raise BaselineError(f"error: --baseline {path}: cannot read it: {err.strerror or err}") from err
    except json.JSONDecodeError as err:
        raise BaselineError(f"error: --baseline {path}:{err.lineno}:{err.colno}: not JSON: {err.msg}") from err
    except (KeyError, TypeError) as err:
        raise BaselineError(f"error: --baseline {path}: not an `lz check --format json` report") from err
    try:
        return parse_baseline(doc, str(path))
    except (KeyError, TypeError) as err:
        raise BaselineError(f"error: --baseline {path}: not an `lz check --format json` report ({err})") from err


def compare(identities: list[str], head_resources: Mapping[str, Mapping[str, Any]] | None,
            base: StackBaseline | None, *, fail_on: str, source: str) -> BaselineComparison:
    if base is None:
        return BaselineComparison(dict.fromkeys(identities, NEW), [], None, fail_on,
                                  note="the stack has no checked baseline: every finding is new", source=source)
    states = {i: UNCHANGED if i in base.violations else NEW for i in identities}
    resolved = [v for i, v in base.violations.items() if i not in states]
    diff = (diff_resources(base.resources, head_resources)
            if base.resources is not None and head_resources is not None else None)
    return BaselineComparison(states, resolved, diff, fail_on, source=source)


# -- --base-ref: the base commit in a temporary git worktree ------------------------------------


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


@contextlib.contextmanager
def base_worktree(program: Path, ref: str) -> Iterator[Path]:
    """The program directory as of ``ref``, in a temporary worktree removed on the way out."""
    program = Path(program).resolve()
    if not program.is_dir():
        raise BaselineError(f"error: --base-ref {ref}: no program directory {program}")
    top = _git("rev-parse", "--show-toplevel", cwd=program)
    if top.returncode != 0:
        raise BaselineError(f"error: --base-ref {ref}: the program {program} is not in a git repository")
    root = Path(top.stdout.strip()).resolve()
    commit = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=root)
    if commit.returncode != 0:
        raise BaselineError(f"error: --base-ref {ref}: no such commit in {root}")
    with tempfile.TemporaryDirectory(prefix="lz-base-") as tmp:
        tree = Path(tmp) / "base"
        added = _git("worktree", "add", "--detach", str(tree), commit.stdout.strip(), cwd=root)
        if added.returncode != 0:
            raise BaselineError(f"error: --base-ref {ref}: git worktree add failed: {added.stderr.strip()}")
        try:
            yield tree / program.relative_to(root)
        finally:
            _git("worktree", "remove", "--force", str(tree), cwd=root)
            _git("worktree", "prune", cwd=root)


@dataclass
class BaselineOptions:
    """``--baseline FILE`` / ``--base-ref REF`` / ``--fail-on``, as check_command receives them."""

    file: Path | None = None
    ref: str | None = None
    fail_on: str = "all"
    stacks: dict[str, StackBaseline | None] = field(default_factory=dict)

    def problem(self) -> str | None:
        if self.fail_on not in FAIL_ON:
            return f"error: unknown --fail-on {self.fail_on!r}; choose one of {', '.join(FAIL_ON)}"
        if self.file is not None and self.ref is not None:
            return "error: give --baseline FILE or --base-ref REF, not both"
        if self.fail_on == "new" and self.file is None and self.ref is None:
            return ("error: --fail-on new needs a baseline to tell new findings from old ones: "
                    "add --baseline FILE or --base-ref REF")
        return None


# -- how a baseline shows in the reports -----------------------------------------------------------


def resolved_where(v: Mapping[str, Any]) -> str:
    """A baseline finding's resource as the reports name one: ``type::name (property)``."""
    resource = v.get("resource") or {}
    name = (f"{resource.get('type')}::{resource.get('name')}" if resource.get("name")
            else resource.get("urn") or v.get("subject") or "the stack")
    return name + (f" ({v['property']})" if v.get("property") else "")


def diff_lines(diff: ResourceDiff) -> list[str]:
    """``pulumi preview --diff`` style: + added, ~ changed [keys], - removed."""
    lines = [f"+ {urn} ({typ})" for urn, typ in diff.added]
    lines += [f"~ {urn} ({typ}) [{', '.join(keys) or 'inputs'}]" for urn, typ, keys in diff.changed]
    lines += [f"- {urn} ({typ})" for urn, typ in diff.removed]
    return lines
