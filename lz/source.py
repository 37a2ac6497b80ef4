"""Where a finding lives in the program's source, from the frames the SDK sent with each registration.

The location is the innermost frame that is the *program's* own code: a file under the program
directory that is not an installed package (``site-packages``, even a virtualenv inside the program
dir) and not the shared components library (``components/`` next to ``lz``, even when the program
is this repository). A resource a component declares is therefore located at the program line that
created the component; the component's own lines follow as related locations, each labelled with
the component whose code it is. A program's local packages (a ``netlib/`` beside its
``__main__.py``) are program code. Paths are relative to the source root: the git toplevel of the
program directory, else the program directory.

A finding without a resource (a stack policy that names none), or whose resource has no program
frame, is located at line 1 of the program's main file: code scanning shows no result that has
no location, and the fix for "the stack lacks X" is to declare X in the program.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lz.graph import ResourceRecord, SourceFrame
from lz.project import load_project

COMPONENTS_DIR = Path(__file__).resolve().parents[1] / "components"
_INSTALLED = frozenset({"site-packages", "dist-packages"})


@dataclass(frozen=True)
class SourceLocation:
    """A line in a file under the source root; ``message`` says why a related location is in the chain."""

    path: str
    line: int
    column: int | None = None
    message: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.path, "line": self.line, "column": self.column}
        if self.message is not None:
            data["message"] = self.message
        return data


def source_root(program_dir: Path) -> Path:
    """The git toplevel holding program_dir (a ``.git`` dir, or file for a worktree), else program_dir."""
    program_dir = Path(program_dir).resolve()
    for candidate in (program_dir, *program_dir.parents):
        if (candidate / ".git").exists():
            return candidate
    return program_dir


def _under(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


@dataclass(frozen=True)
class ProgramSource:
    """Turns a resource's frames into its location and chain for one program."""

    program_dir: Path
    root: Path
    main: Path
    libraries: tuple[Path, ...] = (COMPONENTS_DIR,)

    @classmethod
    def of(cls, program_dir: Path) -> ProgramSource:
        project = load_project(program_dir)
        return cls(program_dir=project.directory, root=source_root(project.directory), main=project.main)

    def _paths(self, file: str) -> tuple[Path, Path]:
        return Path(file), Path(os.path.realpath(file))

    def is_library(self, file: str) -> bool:
        return any(
            _INSTALLED.intersection(p.parts) or any(_under(p, lib) for lib in self.libraries)
            for p in self._paths(file)
        )

    def is_program(self, file: str) -> bool:
        return not self.is_library(file) and any(_under(p, self.program_dir) for p in self._paths(file))

    def relative(self, file: str) -> str | None:
        """The file as a POSIX path under the root; None for a file outside it or an installed package."""
        if any(_INSTALLED.intersection(p.parts) for p in self._paths(file)):
            return None
        for path in self._paths(file):
            if _under(path, self.root):
                return path.relative_to(self.root).as_posix()
        return None

    def main_location(self) -> SourceLocation:
        return SourceLocation(self.relative(str(self.main)) or self.main.name, 1)

    def locate(
        self, record: ResourceRecord | None, by_urn: Mapping[str, ResourceRecord]
    ) -> tuple[SourceLocation, tuple[SourceLocation, ...]]:
        """The finding's location and the rest of its chain (innermost first), for ``record``."""
        frames = record.source if record is not None else ()
        at = next((i for i, f in enumerate(frames) if self.is_program(f.file)), None)
        labels = _frame_labels(record, by_urn) if record is not None else {}
        chain: list[SourceLocation] = []
        location = None
        for i, frame in enumerate(frames):
            path = self.relative(frame.file)
            if path is None:
                continue
            if i == at:
                location = SourceLocation(path, frame.line, frame.column)
            else:
                chain.append(SourceLocation(path, frame.line, frame.column, labels.get(i, _plain_label(i))))
        return location or self.main_location(), tuple(chain)


def _plain_label(index: int) -> str:
    return "declared here" if index == 0 else "called from here"


def _frame_labels(record: ResourceRecord, by_urn: Mapping[str, ResourceRecord]) -> dict[int, str]:
    """Frame index -> whose code it is: the innermost ancestor component whose creation is further out.

    An ancestor created the resource inside its constructor when the ancestor's own frames are the
    outer end of the resource's frames; the index where they start is the ancestor's creation line.
    """
    frames = record.source
    created_at: list[tuple[int, ResourceRecord]] = []
    seen = {record.urn}
    parent = by_urn.get(record.parent) if record.parent else None
    while parent is not None and parent.urn not in seen:
        seen.add(parent.urn)
        start = _suffix_start(frames, parent.source)
        if start is not None:
            created_at.append((start, parent))
        parent = by_urn.get(parent.parent) if parent.parent else None
    labels: dict[int, str] = {}
    for i in range(len(frames)):
        inside = [(start, c) for start, c in created_at if start > i]
        if inside:
            owner = min(inside, key=lambda item: item[0])[1]
            labels[i] = f'via component {owner.type} "{owner.name}"'
        else:
            creates = [c for start, c in created_at if start == i]
            if creates:
                labels[i] = f'creates component {creates[0].type} "{creates[0].name}"'
    return labels


def _suffix_start(frames: tuple[SourceFrame, ...], outer: tuple[SourceFrame, ...]) -> int | None:
    start = len(frames) - len(outer)
    return start if outer and start > 0 and frames[start:] == outer else None
