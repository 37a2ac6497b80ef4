"""Write the corpus goldens from the current gate: ``python tests/corpus/regen.py [names...]``.

Every regenerated golden is a claim about the gate: review its diff (``git diff tests/corpus``)
before committing, as you would a change to the rules.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gate_corpus import dump, golden_path, golden_stacks, program_names, run_gate


def regenerate(name: str) -> list[str]:
    _code, summaries, _ = run_gate(name)
    lines = []
    for stale in sorted(set(golden_stacks(name)) - set(summaries)):
        golden_path(name, stale).unlink()
        lines.append(f"{name}/{stale}: no such stack any more [REMOVED]")
    for stack, summary in sorted(summaries.items()):
        path = golden_path(name, stack)
        old = path.read_text() if path.exists() else None
        new = dump(summary)
        path.write_text(new)
        state = "unchanged" if old == new else ("new" if old is None else "CHANGED")
        shown = summary.get("error") or f"{len(summary['findings'])} findings"
        lines.append(f"{name}/{stack}: exit {summary['exitCode']}, {shown} [{state}]")
    return lines


def main(argv: list[str]) -> int:
    names = argv or program_names()
    unknown = sorted(set(names) - set(program_names()))
    if unknown:
        print(f"no corpus program named {', '.join(unknown)}", file=sys.stderr)
        return 2
    # Each program runs its stacks in parallel already; two programs at a time keeps two cores busy.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for lines in pool.map(regenerate, names):
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
