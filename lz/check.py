"""``lz check STACK``: gate the stack from one run of its program; print the report; return the exit code.

In text, the report is the preview summary (as ``lz preview`` prints it) followed by the findings, so
one command shows what the stack would build and what the gate says about it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from lz.gate import DEFAULT_PACK_DIR, EXIT_INVALID_INPUT, GateError, run_gate
from lz.report import FORMATS, render
from lz.summary import render_preview


def check_command(
    stack: str,
    program: Path = Path("."),
    policy_config: Path | None = None,
    fmt: str = "text",
    pack_dir: Path = DEFAULT_PACK_DIR,
    pack_name: str | None = None,
) -> int:
    """Print the report in ``fmt`` on stdout (errors on stderr); return the exit code."""
    if fmt not in FORMATS:
        sys.stderr.write(f"error: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}\n")
        return EXIT_INVALID_INPUT
    try:
        result = run_gate(program, stack, pack_dir=pack_dir, policy_config=policy_config, pack_name=pack_name)
    except GateError as err:
        sys.stderr.write(str(err).rstrip("\n") + "\n")
        return err.code
    if fmt == "text" and result.graph is not None:
        console = Console(highlight=False)
        console.print(render_preview(result.graph))
        console.print()
    sys.stdout.write(render(result, fmt))
    return result.exit_code
