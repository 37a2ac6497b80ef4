"""The command-line options more than one `lz` command takes (check, report, diagram, preview), once.

Each is a typer ``Annotated`` type: a command's parameter names the type and gives its default. The
help texts are what ``--help`` shows; a command whose option says something else keeps its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

StackArgument = Annotated[str, typer.Argument(metavar="STACK", help="Stack name, as in Pulumi.<stack>.yaml.")]

_PROGRAM_HELP = "Directory holding Pulumi.yaml (default: current directory)."
ProgramOption = Annotated[Path, typer.Option("--program", "-p", metavar="DIR", help=_PROGRAM_HELP)]
#: The same option where the command tells "not given" from "." (diagram: the pack follows from it).
OptionalProgramOption = Annotated[Path | None, typer.Option("--program", "-p", metavar="DIR", help=_PROGRAM_HELP)]
#: --program of the gated commands (check, report): a program of one's own gets the workloads pack.
GatedProgramOption = Annotated[
    Path | None,
    typer.Option("--program", "-p", metavar="DIR",
                 help="Directory holding Pulumi.yaml (default: current directory); "
                      "a program given here is checked with the aws-workloads pack by default."),
]

PolicyConfigOption = Annotated[
    Path | None,
    typer.Option("--policy-config", metavar="FILE", help="JSON as for `pulumi preview --policy-pack-config`."),
]
PackDirOption = Annotated[Path | None, typer.Option("--pack", metavar="DIR", help="Policy pack directory.")]
PackNameOption = Annotated[
    str | None,
    typer.Option("--pack-name", metavar="NAME",
                 help="aws-landing-zone (default; aws-workloads with --program) | aws-workloads | "
                      "aws-landing-zone-advisory | aws-organization (the org stack) | aws-organization-member"),
]
JsonFileOption = Annotated[
    Path | None, typer.Option("--json", metavar="FILE", help="Also write the JSON report to FILE.")
]
