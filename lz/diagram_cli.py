"""`lz diagram STACK -o FILE.svg`: the network diagram of a stack, violations marked.

Exit codes: 0 the SVG was written; 2 bad input (unknown stack, a program or output path that is not
usable, a stack with nothing to draw: no VPC, load balancer, TGW or VPN; a pack that will not start);
3 the program crashed.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from lz.diagram_model import VPC_TYPES
from lz.options import OptionalProgramOption, PackDirOption, PackNameOption, StackArgument

EXIT_OK, EXIT_INVALID_INPUT, EXIT_PROGRAM_CRASHED = 0, 2, 3


def _output_problem(output: Path) -> str | None:
    if output.is_dir():
        return f"error: -o {output}: is a directory; give the SVG file to write"
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        return f"error: -o {output}: directory {parent} does not exist"
    return None


def diagram(
    stack: StackArgument,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="The SVG file to write (default: stdout).")
    ] = None,
    program: OptionalProgramOption = None,
    findings: Annotated[
        bool, typer.Option("--findings/--no-findings",
                           help="Run the policy gate and mark its findings on the elements they concern.")
    ] = True,
    pack_dir: PackDirOption = None,
    pack_name: PackNameOption = None,
) -> None:
    """Draw STACK's network as SVG: islands, tiers, gateways, Transit Gateway paths, ingress, VPN, violations.

    Exit codes: 0 written, 2 bad input (unknown stack, bad path, nothing to draw), 3 the program crashed.
    """
    from lz.check import choose_packs, pack_name_problem, write_atomically
    from lz.diagram import build_model, render_network_svg
    from lz.gate import DEFAULT_PACK_DIR, GateError, run_gate
    from lz.loading import fail, load_graph

    program_dir = program or Path(".")
    if not program_dir.is_dir():
        what = "is not a directory" if program_dir.exists() else "does not exist"
        raise fail(f"error: --program {program_dir}: {what} (give the directory holding Pulumi.yaml)",
                   EXIT_INVALID_INPUT)
    problem = _output_problem(output) if output is not None else None
    if problem:
        raise fail(problem, EXIT_INVALID_INPUT)
    marks = []
    if findings:
        name, stack_packs, notes = choose_packs(pack_name, program, [stack], own_pack=pack_dir is None)
        name = stack_packs.get(stack, name)
        for note in notes:
            sys.stderr.write(note + "\n")
        bad_name = pack_name_problem(pack_dir or DEFAULT_PACK_DIR, name)
        if bad_name:
            raise fail(bad_name, EXIT_INVALID_INPUT)
        try:
            with contextlib.redirect_stdout(sys.stderr):
                result = run_gate(program_dir, stack, pack_dir=pack_dir or DEFAULT_PACK_DIR, pack_name=name)
        except GateError as err:
            raise fail(str(err), err.code) from err
        graph = result.graph
        marks = result.findings
    else:
        graph = load_graph(program_dir, stack)
    assert graph is not None  # run_gate always keeps the graph it ran
    if not any(r.type in VPC_TYPES for r in graph.resources):
        no_vpc = (f"stack {stack} of {program_dir.resolve()} declares no VPC ({', '.join(VPC_TYPES)}, or an awsx "
                  "ec2.Vpc)")
        model = build_model(graph)
        if not (model.ingress_nodes or model.transit_gateways or model.vpns):
            raise fail(f"error: {no_vpc}: there is no network to draw", EXIT_INVALID_INPUT)
        # Load balancers in subnets the program looks up: their ingress path is still worth a drawing.
        sys.stderr.write(f"note: {no_vpc}: the diagram shows only its ingress path, gateways and VPN\n")
    svg = render_network_svg(graph, marks)
    if output is None:
        sys.stdout.write(svg)
        return
    try:
        write_atomically(output, svg)
    except OSError as err:
        raise fail(f"error: -o {output}: {err.strerror or err}", EXIT_INVALID_INPUT) from err
    sys.stderr.write(f"wrote {output} ({len(graph.resources)} resources, {len(marks)} findings)\n")
