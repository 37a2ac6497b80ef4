"""Benchmark `lz preview <stack> --json`: wall time and peak RSS against a floor program.

Every measurement runs in a fresh `python -m lz` subprocess (cold imports, like a CI job). The floor
is a generated program that registers the same number of bare `pulumi.CustomResource`s under the
same mock runtime and imports the same pulumi_aws modules, so the ratio shows what the program
itself costs (config validation, planning, components, mocks) beyond the Pulumi SDK, the provider
SDK import and the engine's per-resource work.

    python bench/bench_preview.py                       # repo root, stacks dev and prod, 3 runs
    python bench/bench_preview.py --program tests/lz/programs/basic --stacks dev prod --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

FLOOR_MAIN = textwrap.dedent(
    '''
    """Floor for bench_preview: {count} bare resources, nothing computed."""
    import importlib

    import pulumi
    import pulumi_aws  # noqa: F401  (same import cost as a real AWS program)

    # The provider classes the measured program uses: their import cost is the SDK's, not ours.
    for module, cls in {modules!r}:
        try:
            package = importlib.import_module(f"pulumi_aws.{{module}}")
        except ModuleNotFoundError:  # Python keywords get a trailing underscore (lambda -> lambda_)
            package = importlib.import_module(f"pulumi_aws.{{module}}_")
        getattr(package, cls)
    for i in range({count}):
        pulumi.CustomResource("x:index:Bare", f"bare-{{i}}", {{}})
    '''
)


@dataclass
class Run:
    wall_s: float
    max_rss_mb: float
    resources: int
    modules: tuple[tuple[str, str], ...] = ()


def measure(program_dir: Path, stack: str) -> Run:
    """One `python -m lz preview <stack> --json` in a fresh process; wall time and its own peak RSS."""
    cmd = [sys.executable, "-m", "lz", "preview", stack, "--program", str(program_dir), "--json"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(
                f"{' '.join(cmd)} exited {proc.returncode}:\n{err.read().decode(errors='replace')}"
            )
        graph = json.loads(out.read())
    modules = sorted({(r["type"].split(":")[1].split("/")[0], r["type"].rsplit(":", 1)[1])
                      for r in graph["resources"] if r["type"].startswith("aws:")})
    return Run(wall, usage.ru_maxrss / 1024, len(graph["resources"]), tuple(modules))


def write_floor(directory: Path, count: int, modules: tuple[tuple[str, str], ...] = ()) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Pulumi.yaml").write_text("name: floor\nruntime: python\n")
    (directory / "Pulumi.floor.yaml").write_text("config: {}\n")
    (directory / "__main__.py").write_text(FLOOR_MAIN.format(count=count, modules=list(modules)))
    return directory


def bench(program_dir: Path, stacks: list[str], repeat: int) -> list[tuple[str, int, float, float, float]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="lz-bench-") as tmp:
        for stack in stacks:
            runs = [measure(program_dir, stack) for _ in range(repeat)]
            count = runs[0].resources
            floor_dir = write_floor(Path(tmp) / f"floor-{stack}", count, runs[0].modules)
            floors = [measure(floor_dir, "floor") for _ in range(repeat)]
            wall = statistics.median(r.wall_s for r in runs)
            floor_wall = statistics.median(r.wall_s for r in floors)
            rows.append((stack, count, wall, wall / floor_wall, max(r.max_rss_mb for r in runs)))
            rows.append((f"{stack} (floor)", count, floor_wall, 1.0, max(r.max_rss_mb for r in floors)))
    return rows


def to_markdown(rows: list[tuple[str, int, float, float, float]]) -> str:
    lines = [
        "| stack | resources | median wall s | ratio to floor | peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for stack, count, wall, ratio, rss in rows:
        lines.append(f"| {stack} | {count} | {wall:.2f} | {ratio:.2f} | {rss:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--program", type=Path, default=REPO_ROOT, help="program directory (default: repo root)"
    )
    parser.add_argument("--stacks", nargs="+", default=["dev", "prod"], help="stacks to measure")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median is reported)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    rows = bench(args.program.resolve(), args.stacks, args.repeat)
    print(f"`lz preview <stack> --json`, {args.repeat} runs each, program {args.program}, "
          f"Python {sys.version.split()[0]}\n")
    print(to_markdown(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
