"""Loading a program for a command: its prints kept off stdout, each failure turned into a message and exit code.

Shared by every command module (`lz.cli`, `lz.diagram_cli`, ...), so none of them imports another.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import typer
from rich.console import Console

from lz.graph import ResourceGraph
from lz.mock_engine import ProgramConfigError, ProgramError, run_program
from lz.project import ProjectFileError, stack_file

EXIT_INVALID_INPUT = 2
EXIT_PROGRAM_CRASHED = 3


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


class _LineTrackingStderr(io.TextIOBase):
    """Where the program's own prints go: stderr, remembering whether a line was left open."""

    def __init__(self) -> None:
        self.open_line = False

    def write(self, text: str) -> int:
        if text:
            self.open_line = not text.endswith("\n")
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


program_output = _LineTrackingStderr()


def fail(message: str, code: int) -> typer.Exit:
    """Print message (may span lines) on stderr, on a line of its own; return the Exit to raise."""
    if program_output.open_line:
        sys.stderr.write("\n")
        program_output.open_line = False
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()
    return typer.Exit(code)


def load_graph(program_dir: Path, stack: str, *, preview: bool = True) -> ResourceGraph:
    """Run the program for `stack`, turning every failure into its exit code and a stderr message.

    Whatever the program prints goes to stderr so stdout stays clean for --json.
    """
    try:
        with contextlib.redirect_stdout(program_output):
            return run_program(program_dir, stack, preview=preview)
    except ProjectFileError as exc:
        raise fail(f"error: {exc}", EXIT_INVALID_INPUT) from exc
    except ProgramConfigError as exc:
        header = f"error: invalid configuration in {stack_file(program_dir.resolve(), stack)}:"
        raise fail("\n".join([header, *exc.errors]), EXIT_INVALID_INPUT) from exc
    except ProgramError as exc:
        raise fail(f"error: the program crashed: {exc}\n{exc.traceback_text}", EXIT_PROGRAM_CRASHED) from exc
