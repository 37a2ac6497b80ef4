"""`lz`: the offline landing-zone toolkit. One function per command; loading is shared.

Exit codes: 0 ok; 2 invalid input (project file, unknown stack, stack config the program rejects);
3 the program crashed; 130 interrupted (SIGINT or SIGTERM).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from lz import interrupt
from lz.diagram_cli import diagram
from lz.loading import fail, load_graph, program_output
from lz.options import (
    GatedProgramOption,
    JsonFileOption,
    PackDirOption,
    PackNameOption,
    PolicyConfigOption,
    ProgramOption,
    StackArgument,
)
from lz.project import ProjectFileError, list_stacks, load_project
from lz.summary import render_preview, stdout_console

EXIT_OK = 0
EXIT_INVALID_INPUT = 2
EXIT_PROGRAM_CRASHED = 3

def _types_only_where_they_help() -> None:
    """typer prints each parameter's Python type where no metavar stands in for it: ``STACK <str>``,
    ``--help <bool>``. An argument's name (STACK) already says what to give and a flag takes nothing,
    so both show none; options keep their metavars (DIR, FILE). Without these hooks typer's own stays."""
    from typer import core

    argument, option = getattr(core, "TyperArgument", None), getattr(core, "TyperOption", None)
    if argument is None or option is None or not hasattr(argument, "display_type_rich"):
        return
    shown_argument, shown_option = argument.display_type_rich, option.display_type_rich

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None if self.metavar else shown_argument(self, ctx)

    def option_type(self: Any, ctx: Any) -> str | None:
        return None if getattr(self, "is_flag", False) and self.metavar is None else shown_option(self, ctx)

    argument.display_type_rich, option.display_type_rich = argument_type, option_type


_types_only_where_they_help()

app = typer.Typer(
    name="lz",
    help="Offline landing-zone toolkit: run a Pulumi program under mocks, summarise it, gate it.\n\n"
         "Exit codes: 0 ok; 1 mandatory violations (check, report); 2 bad input; 3 the program crashed; "
         "130 interrupted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def unwinds_on_signal(command: Callable[..., Any]) -> Callable[..., Any]:
    """Catch ``interrupt.Interrupted`` inside the command: click would make it "Aborted!" and exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with interrupt.handled(open_line=lambda: program_output.open_line):
            return command(*args, **kwargs)

    return wrapper


@app.command()
@unwinds_on_signal
def preview(
    stack: StackArgument,
    program: ProgramOption = Path("."),
    as_json: Annotated[
        bool, typer.Option("--json", metavar="", help="Print the resource graph as JSON on stdout, nothing else.")
    ] = False,
) -> None:
    """Run the program offline for STACK and summarise what it would create.

    Exit codes: 0 ok, 2 bad input (project or stack file, unknown stack, config the program rejects), 3 the
    program crashed.
    """
    graph = load_graph(program, stack)
    if as_json:
        sys.stdout.write(json.dumps(graph.to_json(), indent=2) + "\n")
        return
    stdout_console().print(render_preview(graph))


@app.command()
@unwinds_on_signal
def stacks(program: ProgramOption = Path(".")) -> None:
    """List the stacks of the program (from its Pulumi.<stack>.yaml files)."""
    try:
        load_project(program)
    except ProjectFileError as exc:
        raise fail(f"error: {exc}", EXIT_INVALID_INPUT) from exc
    for name in list_stacks(program):
        sys.stdout.write(name + "\n")


app.command()(unwinds_on_signal(diagram))


@app.command()
@unwinds_on_signal
def check(
    stacks: Annotated[
        list[str],
        typer.Argument(metavar="STACK", help="Stack names, as in Pulumi.<stack>.yaml; several run in parallel."),
    ],
    program: GatedProgramOption = None,
    policy_config: PolicyConfigOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT",
                          help="stdout: text (preview summary + findings) | json | sarif | markdown")
    ] = "text",
    pack_dir: PackDirOption = None,
    pack_name: PackNameOption = None,
    sarif: Annotated[
        Path | None, typer.Option("--sarif", metavar="FILE", help="Also write the SARIF report to FILE.")
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", metavar="FILE", help="Also write the markdown report to FILE.")
    ] = None,
    json_file: JsonFileOption = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", metavar="FILE",
                                  help="A JSON report of the base branch: mark findings new, unchanged or resolved.")
    ] = None,
    base_ref: Annotated[
        str | None, typer.Option("--base-ref", metavar="REF",
                                 help="Gate this git commit too (a temporary worktree) and compare with it.")
    ] = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", metavar="all|new",
                          help="all: any mandatory finding fails | new: only new ones (needs a baseline)")
    ] = "all",
    exemptions: Annotated[
        Path | None, typer.Option("--exemptions", metavar="FILE",
                                  help="Accepted findings with reason, owner and end date "
                                       "(default: policy-exemptions.yaml beside Pulumi.yaml).")
    ] = None,
) -> None:
    """Run the policy gate on each STACK offline: 0 clean, 1 mandatory violations, 2 bad input, 3 crash.

    The program runs once per stack; report files are written atomically, whatever the verdict.

    When a stack cannot be checked, the SARIF file holds a run that says why.
    """
    from lz.baseline import BaselineOptions
    from lz.check import check_command, choose_packs
    from lz.gate import DEFAULT_PACK_DIR

    pack_name, stack_packs, notes = choose_packs(pack_name, program, stacks, own_pack=pack_dir is None)
    for note in notes:
        sys.stderr.write(note + "\n")
    files = {kind: path for kind, path in (("sarif", sarif), ("markdown", markdown), ("json", json_file)) if path}
    raise typer.Exit(check_command(stacks, program or Path("."), policy_config, fmt, pack_dir or DEFAULT_PACK_DIR,
                                   pack_name,
                                   outputs=files, baseline=BaselineOptions(baseline, base_ref, fail_on),
                                   exemptions=exemptions, stack_packs=stack_packs))



@app.command()
@unwinds_on_signal
def report(
    stack: StackArgument,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="The report file; its format follows the suffix (.html, .md, .json).")
    ] = None,
    program: GatedProgramOption = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", metavar="FORMAT", help="Format of -o: html | markdown | json.")
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", metavar="FILE", help="Also write the Markdown report to FILE.")
    ] = None,
    json_file: JsonFileOption = None,
    policy_config: PolicyConfigOption = None,
    pack_dir: PackDirOption = None,
    pack_name: PackNameOption = None,
    exemptions: Annotated[
        Path | None, typer.Option("--exemptions", metavar="FILE",
                                  help="Accepted findings (default: policy-exemptions.yaml beside Pulumi.yaml).")
    ] = None,
) -> None:
    """Compliance evidence for STACK: per framework, each control's rules, resources, verdict and evidence.

    Writes one self-contained HTML file (-o report.html), and/or Markdown and JSON; atomically.
    Exit codes as lz check: 0 no mandatory violation, 1 mandatory violations, 2 bad input, 3 crash.
    """
    from lz.check import CheckJob, choose_packs
    from lz.compliance.command import ReportInputError, output_files, report_command
    from lz.gate import DEFAULT_PACK_DIR

    try:
        files = output_files(output, markdown, json_file, fmt)
    except ReportInputError as err:
        raise fail(str(err), EXIT_INVALID_INPUT) from err
    pack_name, stack_packs, notes = choose_packs(pack_name, program, [stack], own_pack=pack_dir is None)
    for note in notes:
        sys.stderr.write(note + "\n")
    job = CheckJob(program or Path("."), policy_config, pack_dir or DEFAULT_PACK_DIR,
                   stack_packs.get(stack, pack_name))
    raise typer.Exit(report_command(stack, job, files, exemptions=exemptions))


def main() -> None:
    with interrupt.handled(open_line=lambda: program_output.open_line):
        try:
            app()
        except SystemExit as done:
            if done.code is not None and not isinstance(done.code, int):
                raise
            interrupt.exit_now(done.code or 0)
