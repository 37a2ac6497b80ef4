"""Run the gate over one corpus program and reduce its JSON report to what a golden file pins.

A golden pins, per stack: the exit code, the resource count and the sorted list of findings as
(policy, resource type, resource name, enforcement level). Messages and source lines are left out on
purpose: they are reworded and move far more often than verdicts change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent
REPO_ROOT = CORPUS.parents[1]
PACK = "aws-workloads"
#: Findings lz raises when the pack itself failed on a resource: never expected in a golden.
GATE_ERRORS = frozenset({"lz_analyze_failed"})
#: Exit codes of a gate that could not check the stack (invalid input, crashed program).
CRASH_CODES = frozenset({2, 3})


def program_names() -> list[str]:
    return sorted(p.parent.name for p in CORPUS.glob("*/Pulumi.yaml"))


def stacks_of(name: str) -> list[str]:
    return sorted(p.name[len("Pulumi."):-len(".yaml")] for p in (CORPUS / name).glob("Pulumi.*.yaml"))


def golden_path(name: str, stack: str) -> Path:
    return CORPUS / name / f"expected.{stack}.json"


def golden_stacks(name: str) -> list[str]:
    return sorted(p.name[len("expected."):-len(".json")] for p in (CORPUS / name).glob("expected.*.json"))


def finding_diff(actual: dict[str, Any], expected: dict[str, Any]) -> str:
    """What changed between two summaries, one line per finding, for a reviewer to read."""
    lines = [f"{key}: {expected.get(key)!r} -> {actual.get(key)!r}"
             for key in ("exitCode", "resourceCount", "error") if actual.get(key) != expected.get(key)]

    def counts(summary: dict[str, Any]) -> Counter[tuple[str, ...]]:
        return Counter(_sort_key(f) for f in summary.get("findings", []))

    now, before = counts(actual), counts(expected)
    lines += [f"+ {' '.join(k)}" for k in sorted((now - before).elements())]
    lines += [f"- {' '.join(k)}" for k in sorted((before - now).elements())]
    return "\n".join(lines)


def _finding(v: dict[str, Any]) -> dict[str, Any]:
    resource = v.get("resource") or {}
    return {
        "policy": v["policy"],
        "type": resource.get("type"),
        "resource": resource.get("name") or v.get("subject"),
        "level": v["enforcementLevel"],
    }


def _sort_key(f: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(f[k] or "") for k in ("policy", "type", "resource", "level"))


def summarize(doc: dict[str, Any]) -> dict[str, Any]:
    """One stack's report, reduced to the pinned shape."""
    if "error" in doc:
        # First line only: tracebacks carry paths and line numbers that churn.
        return {"exitCode": doc["exitCode"], "error": str(doc["error"]).splitlines()[0]}
    return {
        "exitCode": doc["exitCode"],
        "resourceCount": doc["resourceCount"],
        "findings": sorted((_finding(v) for v in doc["violations"]), key=_sort_key),
    }


def run_gate(name: str, timeout: float = 300) -> tuple[int, dict[str, dict[str, Any]], dict[str, str]]:
    """``lz check`` over every stack of ``name`` in one process (stacks run in parallel workers).

    Returns the exit code, each stack's summary, and each stack's full error text (for assertion messages).
    """
    stacks = stacks_of(name)
    cmd = [sys.executable, "-m", "lz", "check", *stacks, "--program", str(CORPUS / name),
           "--pack-name", PACK, "--format", "json"]
    pythonpath = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout, check=False,
                          env={**os.environ, "PYTHONPATH": pythonpath})
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        # One stack that could not be checked leaves stdout empty (its error is on stderr); lz itself
        # dying leaves whatever it printed. Either way every stack gets the error.
        error = proc.stderr.strip() or f"no report (exit code {proc.returncode})"
        doc = {"stacks": [{"stack": s, "exitCode": proc.returncode, "error": error} for s in stacks]}
    docs = doc.get("stacks", [doc])
    summaries = {d["stack"]: summarize(d) for d in docs}
    errors = {d["stack"]: str(d["error"]) for d in docs if "error" in d}
    return proc.returncode, summaries, errors


def dump(summary: dict[str, Any]) -> str:
    return json.dumps(summary, indent=2, sort_keys=True) + "\n"
