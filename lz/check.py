"""``lz check STACK...``: gate each stack once, print one report, write report files, return the exit code.

One stack runs in this process. Several run in parallel, one worker process per stack and at most one
per core: a program mutates ``sys.modules`` and the working directory, so two cannot share a process.
A worker is ``python -c`` in a process group of its own (``Popen(process_group=0)``), which the
interrupt handler kills as a whole, pack included; multiprocessing's spawn children start in the
terminal's group, where a Ctrl-C during their start-up printed a worker's KeyboardInterrupt traceback.

Exit code: the worst stack's (2 or 3 beat 1 beats 0). A stack that cannot be checked (bad config, a
crashed program) gets its error in its section of the report and on stderr; the others still report.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import json
import os
import pickle
import runpy
import signal
import subprocess
import sys
import traceback
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from lz import interrupt
from lz.baseline import (
    BaselineError,
    BaselineOptions,
    StackBaseline,
    base_worktree,
    compare,
    load_baseline,
    parse_baseline,
    resource_digest,
)
from lz.exemptions import (
    Exemptions,
    ExemptionsError,
    apply_exemptions,
    find_exemptions,
    load_exemptions,
    registry_rules,
)
from lz.gate import (
    DEFAULT_PACK_DIR,
    EXIT_INVALID_INPUT,
    EXIT_PROGRAM_CRASHED,
    LZ_RULES,
    GateError,
    StackOutcome,
    gate_stack,
    load_policy_config,
)
from lz.policy_config import PolicyConfigError
from lz.project import ProjectFileError, load_project, stack_file
from lz.report import FORMATS, failure_json, render_outcomes, render_text, stacks_verdict, to_json
from lz.summary import render_preview, stdout_console

#: The pack for a program named with ``--program`` (see default_pack_name).
WORKLOADS_PACK = "aws-workloads"
#: Formats ``--sarif/--markdown/--json FILE`` write; text is for people, on stdout only.
FILE_FORMATS = ("sarif", "markdown", "json")
_WORKER_BOOT = "import json, sys; sys.path[:] = json.loads(sys.argv[1]); import lz.check; lz.check.worker_main()"


@dataclass(frozen=True)
class CheckJob:
    """What every stack of one ``lz check`` shares."""

    program: Path = Path(".")
    policy_config: Path | None = None
    pack_dir: Path = DEFAULT_PACK_DIR
    pack_name: str | None = None
    #: (stack, pack) for the stacks that run another pack than ``pack_name`` (see organization_packs).
    stack_packs: tuple[tuple[str, str], ...] = ()

    def pack_of(self, stack: str) -> str | None:
        return dict(self.stack_packs).get(stack, self.pack_name)

    def run(self, stack: str) -> StackOutcome:
        return gate_stack(self.program, stack, pack_dir=self.pack_dir, policy_config=self.policy_config,
                          pack_name=self.pack_of(stack))


def check_command(
    stacks: str | Sequence[str],
    program: Path = Path("."),
    policy_config: Path | None = None,
    fmt: str = "text",
    pack_dir: Path = DEFAULT_PACK_DIR,
    pack_name: str | None = None,
    *,
    outputs: Mapping[str, Path] | None = None,
    baseline: BaselineOptions | None = None,
    exemptions: Path | None = None,
    stack_packs: Mapping[str, str] | None = None,
) -> int:
    """Print the report in ``fmt`` on stdout (errors on stderr), write ``outputs`` (format -> file).

    ``stack_packs`` names the pack of a stack that runs another than ``pack_name`` (organization_packs).

    With ``baseline`` (a file or a base git ref) each finding is marked new, unchanged or resolved,
    and ``fail_on="new"`` lets only the new mandatory ones fail. ``exemptions`` (default: the
    program's ``policy-exemptions.yaml``, if any) marks accepted findings; see lz.exemptions.
    """
    names = list(dict.fromkeys([stacks] if isinstance(stacks, str) else stacks))
    if not names:
        raise ValueError("lz check needs at least one stack")
    files = dict(outputs or {})
    base = baseline or BaselineOptions()
    problem = _option_problem(fmt, files) or base.problem()
    job = CheckJob(Path(program), policy_config, Path(pack_dir), pack_name, tuple(sorted((stack_packs or {}).items())))
    accepted: Exemptions | None = None
    if problem is None:
        try:
            accepted = prepare(job, exemptions)
            outcomes, base_stacks = _gate_with_baseline(base, job, names)
        except (BaselineError, ExemptionsError, CheckInputError) as err:
            problem = str(err)
    if problem is not None:
        _stderr(problem)
        # Still a report in every file that can be written: CI uploads it whatever happened.
        usable = {f: path for f, path in files.items() if _output_problem(f, path) is None}
        return max(EXIT_INVALID_INPUT, _write_files([StackOutcome(s, EXIT_INVALID_INPUT, error=problem)
                                                     for s in names], usable))
    if accepted is not None:
        for outcome in outcomes:
            exempt(outcome, accepted, job)
    if base_stacks is not None:
        source = f"base ref {base.ref}" if base.ref else f"baseline {base.file}"
        for outcome in outcomes:
            _compare(outcome, base_stacks.get(outcome.stack), base.fail_on, source)
    for outcome in outcomes:
        if outcome.error is not None:
            _stderr(outcome.error if len(outcomes) == 1 else f"stack {outcome.stack}: {outcome.error}")
    _print(outcomes, fmt)
    return max(max(o.code for o in outcomes), _write_files(outcomes, files))


def default_pack_name(pack_name: str | None, *, program_given: bool, own_pack: bool) -> tuple[str | None, str | None]:
    """The pack to run and the one line that says why, when it is not the one asked for.

    ``--program`` names a program that is not this repository's: an app team's stack, which should not
    be told to create GuardDuty detectors, so lz's own pack runs as ``aws-workloads`` unless a pack is named.
    """
    if pack_name is not None or not program_given or not own_pack:
        return pack_name, None
    return WORKLOADS_PACK, (f"note: --program given, so the pack is {WORKLOADS_PACK} (an app stack: no "
                            "account-baseline rules such as GuardDuty or the CIS 4.x alarms); choose another with "
                            "--pack-name aws-landing-zone or aws-landing-zone-advisory")


#: The packs of the landing zone's organization mode (see organization_packs).
ORGANIZATION_PACK = "aws-organization"
MEMBER_PACK = "aws-organization-member"


def organization_packs(program: Path, stacks: Sequence[str], *, pack_name: str | None, own_pack: bool
                       ) -> tuple[dict[str, str], list[str]]:
    """The pack of each stack in organization mode, and one line per stack that says why.

    ``<project>:organization`` in the stack file is either an organization definition (the org stack
    of the management account: ``aws-organization``) or an environment's membership (``{stack,
    account}``: ``aws-organization-member``). A named pack (``--pack-name``) or a pack directory of
    one's own (``--pack``) wins; a stack whose files cannot be read is left to the gate to report.
    """
    if pack_name is not None or not own_pack:
        return {}, []
    packs: dict[str, str] = {}
    notes: list[str] = []
    for stack in dict.fromkeys(stacks):
        key, value = _organization_config(program, stack)
        if not isinstance(value, Mapping):
            continue
        if "stack" in value:
            packs[stack] = MEMBER_PACK
            why = f"joins the organization of stack {value['stack']!r} ({key}.stack)"
        else:
            packs[stack] = ORGANIZATION_PACK
            why = f"is an organization definition ({key}: the management account)"
        notes.append(f"note: stack {stack} {why}, so the pack is {packs[stack]}; choose another with --pack-name")
    return packs, notes


def choose_packs(pack_name: str | None, program: Path | None, stacks: Sequence[str], *, own_pack: bool
                 ) -> tuple[str | None, dict[str, str], list[str]]:
    """The pack for every stack (``pack_name``, and ``stack_packs`` for those in organization mode) and
    the lines that say why: organization mode first, then the ``--program`` default for the others."""
    stack_packs, notes = organization_packs(program or Path("."), stacks, pack_name=pack_name, own_pack=own_pack)
    if len(stack_packs) < len(set(stacks)):
        pack_name, note = default_pack_name(pack_name, program_given=program is not None, own_pack=own_pack)
        notes = [note, *notes] if note else notes
    return pack_name, stack_packs, notes


def _organization_config(program: Path, stack: str) -> tuple[str, object]:
    """``(<project>:organization, its value)`` in the stack file, value None when absent or unreadable."""
    try:
        project = load_project(program)
        path = stack_file(project.directory, stack)
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (ProjectFileError, OSError, yaml.YAMLError):
        return "organization", None
    key = f"{project.name}:organization"
    config = doc.get("config") if isinstance(doc, dict) else None
    return key, config.get(key) if isinstance(config, dict) else None


class CheckInputError(Exception):
    """An option of the job that cannot work, found before any program runs (exit code 2)."""


def pack_names(pack_dir: Path) -> tuple[str, ...] | None:
    """The pack names the pack in ``pack_dir`` serves: its standalone ``names.py`` (ours: policies/names.py).
    None for a pack without one, which then decides itself what ``--pack-name`` means."""
    path = Path(pack_dir) / "names.py"
    if not path.is_file():
        return None
    names = runpy.run_path(str(path)).get("PACK_NAMES")
    return tuple(str(n) for n in names) if isinstance(names, list | tuple) else None


def pack_name_problem(pack_dir: Path, pack_name: str | None) -> str | None:
    """Why ``--pack-name`` cannot run on the pack in ``pack_dir``, with the names it serves; None if it can."""
    known = pack_names(pack_dir) if pack_name is not None else None
    if known is None or pack_name in known:
        return None
    close = difflib.get_close_matches(str(pack_name), known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"error: --pack-name {pack_name!r}: no such pack in {Path(pack_dir)}{hint} (packs: {', '.join(known)})"


def prepare(job: CheckJob, explicit_exemptions: Path | None) -> Exemptions | None:
    """What ``lz check`` and ``lz report`` check before any program runs: the pack name, the policy config
    (JSON, and each policy id against the pack's registry, with the closest id), the exemptions file.

    Returns the exemptions (None without a file); raises CheckInputError or ExemptionsError.
    """
    problem = pack_name_problem(job.pack_dir, job.pack_name)
    if problem is not None:
        raise CheckInputError(problem)
    if job.policy_config is not None:
        try:
            config = load_policy_config(job.policy_config)
        except GateError as err:
            raise CheckInputError(str(err)) from err
        known = registry_rules(job.pack_dir)
        unknown = sorted(set(config) - {"all"} - known) if known is not None else []
        if unknown:
            errors = []
            for name in unknown:
                close = difflib.get_close_matches(name, sorted(known or ()), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                errors.append(f"{name}: no such policy in the pack{hint}")
            raise CheckInputError(f"error ({job.policy_config}): {PolicyConfigError(errors)}")
    return exemptions_for(job, explicit_exemptions)


def exemptions_for(job: CheckJob, explicit: Path | None) -> Exemptions | None:
    """The exemptions file, parsed and its rule ids checked against the pack's registry, before any program runs."""
    path = find_exemptions(job.program, explicit)
    if path is None:
        return None
    accepted = load_exemptions(path)
    known = registry_rules(job.pack_dir)
    if known is not None:  # a pack of another layout: its published policies decide, after the run
        accepted.check_rules(known | set(LZ_RULES))
    return accepted


def exempt(outcome: StackOutcome, accepted: Exemptions, job: CheckJob) -> None:
    """Mark the outcome's findings with their exemptions and set its exit code from what still counts.

    A pack of another layout (no registry to check rule ids against before the run) has them checked
    here, against the policies it published: an unknown rule id makes the outcome exit 2.
    """
    result = outcome.result
    if result is None:
        return
    check_rules = registry_rules(job.pack_dir) is None
    problems = accepted.unknown_rules(result.policies) if check_rules else []
    if problems:
        outcome.result, outcome.code = None, EXIT_INVALID_INPUT
        outcome.error = "error: invalid exemptions file:\n" + "\n".join(problems)
        return
    apply_exemptions(result, accepted)
    outcome.code = result.exit_code


def _run(job: CheckJob, names: Sequence[str]) -> list[StackOutcome]:
    return [job.run(names[0])] if len(names) == 1 else run_in_workers(names, job)


def _gate_with_baseline(
    base: BaselineOptions, job: CheckJob, names: Sequence[str]
) -> tuple[list[StackOutcome], dict[str, StackBaseline | None] | None]:
    """The stacks' outcomes and stack -> its baseline (from the file, or by gating the base ref).

    A bad baseline raises BaselineError before any program runs. The base ref's stacks run in worker
    processes (its program must not share this process's modules with the head's) while the head runs.
    """
    if base.ref is None:
        base_stacks = load_baseline(base.file) if base.file is not None else None
        return _run(job, names), base_stacks
    with base_worktree(job.program, base.ref) as base_program, ThreadPoolExecutor(1, "lz-base") as pool:
        base_run = pool.submit(run_in_workers, names, dataclasses.replace(job, program=base_program))
        outcomes = _run(job, names)
        return outcomes, _base_ref_stacks(base.ref, base_run.result())


def _base_ref_stacks(ref: str, outcomes: Sequence[StackOutcome]) -> dict[str, StackBaseline | None]:
    for o in outcomes:
        if o.error is not None:
            _stderr(f"warning: --base-ref {ref}: stack {o.stack} could not be checked there; "
                    f"its findings all count as new:\n{o.error}")
    return parse_baseline({"stacks": [to_json(o.result) if o.result is not None else failure_json(o)
                                      for o in outcomes]}, f"--base-ref {ref}")


def _compare(outcome: StackOutcome, base: StackBaseline | None, fail_on: str, source: str) -> None:
    result = outcome.result
    if result is None:
        return
    head = None if result.graph is None else resource_digest(result.graph)
    result.comparison = compare([f.identity for f in result.findings], head, base, fail_on=fail_on, source=source)
    outcome.code = result.exit_code


def _option_problem(fmt: str, files: Mapping[str, Path]) -> str | None:
    if fmt not in FORMATS:
        return f"error: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}"
    for kind, path in files.items():
        problem = _output_problem(kind, path)
        if problem is not None:
            return problem
    return None


def _output_problem(kind: str, path: Path) -> str | None:
    if kind not in FILE_FORMATS:
        return f"error: no report file in format {kind!r}; choose among {', '.join(FILE_FORMATS)}"
    parent = Path(path).parent
    with contextlib.suppress(OSError):
        parent.mkdir(parents=True, exist_ok=True)
    if not parent.is_dir() or not os.access(parent, os.W_OK) or Path(path).is_dir():
        return f"error: --{kind} {path}: cannot write a file there"
    return None


def _stderr(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()


def _print(outcomes: Sequence[StackOutcome], fmt: str) -> None:
    if fmt != "text":
        if len(outcomes) > 1 or outcomes[0].result is not None:  # one unchecked stack: stdout stays empty
            sys.stdout.write(render_outcomes(outcomes, fmt))
        return
    console = stdout_console()
    for outcome in outcomes:
        if len(outcomes) > 1:
            console.rule(f"stack {outcome.stack}")
        if outcome.result is None:
            if len(outcomes) > 1:
                console.print(outcome.error, markup=False, soft_wrap=True)
            continue
        if outcome.result.graph is not None:
            console.print(render_preview(outcome.result.graph))
            console.print()
        console.file.write(render_text(outcome.result))
    if len(outcomes) > 1:
        console.rule()
        console.print(stacks_verdict(outcomes), markup=False, soft_wrap=True)


def _write_files(outcomes: Sequence[StackOutcome], files: Mapping[str, Path]) -> int:
    """Write each report file atomically (a temporary file renamed over it); the exit code it adds."""
    code = 0
    for kind, path in files.items():
        try:
            write_atomically(Path(path), render_outcomes(outcomes, kind))
        except OSError as err:
            _stderr(f"error: --{kind} {path}: {err.strerror or err}")
            code = EXIT_INVALID_INPUT
    return code


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the whole new one, never half of it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # 0o666 less the umask, as open() would make it (tempfile's 0o600 would hide a report from CI).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# -- several stacks: one worker process each -----------------------------------------------------


def run_in_workers(stacks: Sequence[str], job: CheckJob) -> list[StackOutcome]:
    """Each stack in a worker process of its own, at most one per core; outcomes in the order given."""
    pool = ThreadPoolExecutor(max_workers=min(len(stacks), os.cpu_count() or 1), thread_name_prefix="lz-stack")
    try:
        futures = [pool.submit(_run_worker, stack, job) for stack in stacks]
        return [future.result() for future in futures]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_worker(stack: str, job: CheckJob) -> StackOutcome:
    with interrupt.starting_child() as track:
        proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER_BOOT, json.dumps(sys.path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, process_group=0,
        )
        track(proc, group=True)
    try:
        out, _ = proc.communicate(pickle.dumps((stack, job)))
    finally:
        interrupt.untrack(proc)
        # A worker that died (killed, os._exit in the program) leaves its pack behind in its group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    if proc.returncode == 0:
        with contextlib.suppress(Exception):
            outcome = pickle.loads(out)
            if isinstance(outcome, StackOutcome):
                return outcome
    return StackOutcome(stack, EXIT_PROGRAM_CRASHED,
                        error=f"error: the worker process for stack {stack} died (exit code {proc.returncode})")


def worker_main() -> None:
    """A stack worker: (stack, job) pickled on stdin, its StackOutcome pickled on stdout."""
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever the program writes to stdout goes to stderr, as in a one-stack run
    # Whole lines, one write each: Python's stderr writes through, so print()'s text and its newline
    # were two writes, and the lines of two stacks' programs running at once came out spliced.
    lines = open(2, "w", buffering=1, encoding=sys.stderr.encoding, errors="backslashreplace", closefd=False)  # noqa: SIM115 (for the process)
    sys.stdout = sys.stderr = lines
    with interrupt.handled():
        stack, job = pickle.load(sys.stdin.buffer)
        try:
            outcome = job.run(stack)
        except Exception:
            outcome = StackOutcome(stack, EXIT_PROGRAM_CRASHED,
                                   error=f"error: lz failed on stack {stack}:\n{traceback.format_exc()}")
        pickle.dump(outcome, results)
        results.close()
    interrupt.exit_now(0)
