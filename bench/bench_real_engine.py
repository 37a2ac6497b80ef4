"""The offline gate against the real engine and against the bare mock-runtime floor, side by side.

For the prod stack and a generated program (default 400 resources), fresh processes, median of
--repeat runs on this machine:
- real:  `pulumi preview --policy-pack policies` with the real CLI (built from Go modules), a local
         file:// backend and the stand-in AWS provider;
- lz:    `python -m lz check <stack> --format json` (program, mocks and pack, streaming);
- floor: the same program under Pulumi's stock `set_mocks` with the same AWS answers and no pack,
         in a fresh process: what any mock-runtime gate must pay (interpreter, imports, the program).
Also `lz check dev prod` (two stacks in parallel processes) against `lz check prod` alone.

    python bench/bench_real_engine.py [--resources 400] [--repeat 3]

Targets (README): lz >= 10x faster than real; lz <= 1.25x floor; `lz check dev prod` < 1.3x `lz check prod`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bench.bench_gate import generated_program  # noqa: E402
from lz.real_cli import RealPulumi  # noqa: E402

FLOOR = textwrap.dedent(
    """
    import os, runpy, sys
    import pulumi
    from lz.aws_mocks import AwsMocks

    program, stack, repo = sys.argv[1], sys.argv[2], sys.argv[3]
    sys.path[:0] = [program, repo]  # the program's dir first, as the language host does; then components/
    os.chdir(program)
    from lz.project import load_project, load_stack_config
    project = load_project(program).name
    config, secret_keys = load_stack_config(program, project, stack)
    region = config.get("aws:region", "us-east-1")
    pulumi.runtime.set_mocks(AwsMocks(region=region), project=project, stack=stack, preview=True)
    pulumi.runtime.set_all_config(config, secret_keys)
    runpy.run_path("__main__.py", run_name="__main__")
    """
)


def seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(argv: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1)) -> None:
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resources", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="lz-bench-real-") as tmp:
        root = Path(tmp)
        cli = RealPulumi(root / "pulumi")
        prod = root / "prod"
        prod.mkdir()
        for name in ("Pulumi.yaml", "Pulumi.prod.yaml", "__main__.py"):
            shutil.copy2(REPO_ROOT / name, prod / name)
        (prod / ".venv").symlink_to(sys.prefix)
        (root / "generated").mkdir()
        gen = generated_program(root / "generated", args.resources)
        (gen / "Pulumi.yaml").write_text("name: generated\nruntime:\n  name: python\n  options:\n"
                                         "    virtualenv: .venv\n")
        (gen / ".venv").symlink_to(sys.prefix)
        pack = REPO_ROOT / "policies"
        targets = [("prod stack", prod, "prod", "aws-landing-zone"),
                   (f"generated {args.resources}", gen, "bench", "aws-workloads")]
        print("| target | real preview s | lz check s | floor s | real / lz | lz / floor |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, program, stack, pack_name in targets:
            cli.run(["stack", "select", "--create", stack], cwd=program)
            env = {"LZ_POLICY_PACK": pack_name}
            def real_preview(p: Path = program, e: dict[str, str] = env) -> None:
                done = cli.run(["preview", "--policy-pack", str(pack)], cwd=p, check=False, env=e)
                if done.returncode != 0 and "[mandatory]" not in done.stdout:
                    raise SystemExit(f"real preview failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")

            real = seconds(real_preview, args.repeat)
            lz = seconds(lambda p=program, s=stack, n=pack_name: run(
                [py, "-m", "lz", "check", s, "--program", str(p), "--pack-name", n, "--format", "json"],
                REPO_ROOT), args.repeat)
            floor = seconds(lambda p=program, s=stack: run(
                [py, "-c", FLOOR, str(p), s, str(REPO_ROOT)], REPO_ROOT, ok=(0,)), args.repeat)
            print(f"| {label} | {real:.2f} | {lz:.2f} | {floor:.2f} | {real / lz:.1f}x | {lz / floor:.2f}x |")
        one = seconds(lambda: run([py, "-m", "lz", "check", "prod", "--format", "json"], REPO_ROOT), args.repeat)
        two = seconds(lambda: run([py, "-m", "lz", "check", "dev", "prod", "--format", "json"], REPO_ROOT),
                      args.repeat)
        print(f"\n`lz check prod` {one:.2f} s; `lz check dev prod` {two:.2f} s: {two / one:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
