"""Benchmark the policy gate: what evaluation adds to a preview, and resources analyzed per second.

For each target the program runs once under the mock engine (preview time), then the real pack
process is started as the CLI starts it (start time), configured, and sent every resource
(`Analyze` each, `AnalyzeStack` once): that is the evaluation time. Medians over --repeat runs.

    python bench/bench_gate.py                 # the prod stack and a generated 2,000-resource program
    python bench/bench_gate.py --resources 5000 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from lz.analyzer import PolicyPackProcess  # noqa: E402
from lz.mock_engine import run_program  # noqa: E402

PACK = REPO_ROOT / "policies"

GENERATED = textwrap.dedent(
    '''
    """{count} resources of the kinds app teams declare most, a quarter of them non-compliant."""
    import json

    import pulumi_aws as aws

    for i in range({count} // 8):
        vpc = aws.ec2.Vpc(f"vpc-{{i}}", cidr_block="10.0.0.0/16")
        aws.ec2.Subnet(f"subnet-{{i}}", vpc_id=vpc.id, cidr_block="10.0.1.0/24", map_public_ip_on_launch=i % 4 == 0)
        aws.ec2.SecurityGroup(f"sg-{{i}}", vpc_id=vpc.id, ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=22, to_port=22, description="admin",
            cidr_blocks=["0.0.0.0/0" if i % 4 == 0 else "10.0.0.0/8"])])
        bucket = aws.s3.BucketV2(f"bucket-{{i}}")
        aws.s3.BucketPublicAccessBlock(f"pab-{{i}}", bucket=bucket.id, block_public_acls=True,
                                       block_public_policy=True, ignore_public_acls=True,
                                       restrict_public_buckets=i % 4 != 0)
        aws.cloudwatch.LogGroup(f"logs-{{i}}", retention_in_days=400)
        aws.iam.Role(f"role-{{i}}", assume_role_policy=json.dumps({{"Version": "2012-10-17", "Statement": [{{
            "Effect": "Allow", "Principal": {{"Service": "ec2.amazonaws.com"}}, "Action": "sts:AssumeRole"}}]}}))
        aws.kms.Key(f"key-{{i}}", enable_key_rotation=i % 4 != 0)
    '''
)


def generated_program(directory: Path, count: int) -> Path:
    (directory / "Pulumi.yaml").write_text("name: generated\nruntime: python\n")
    (directory / "Pulumi.bench.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (directory / "__main__.py").write_text(GENERATED.format(count=count))
    return directory


def measure(program: Path, stack: str, pack_name: str) -> dict[str, float]:
    start = time.perf_counter()
    graph = run_program(program, stack)
    preview = time.perf_counter() - start
    start = time.perf_counter()
    with PolicyPackProcess(PACK, pack_name=pack_name) as pack:
        started = time.perf_counter() - start
        start = time.perf_counter()
        pack.configure(None)
        pack.analyze(graph.resources)
        pack.analyze_stack(graph.resources)
        evaluation = time.perf_counter() - start
    return {"resources": len(graph.resources), "preview": preview, "start": started, "evaluation": evaluation}


def cli_seconds(*args: str) -> float:
    """Wall time of one `python -m lz ...` in a fresh process (what a CI job pays)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lz", *args], cwd=REPO_ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resources", type=int, default=2000, help="size of the generated program")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lz-bench-gate-") as tmp:
        targets = [("prod stack", REPO_ROOT, "prod", "aws-landing-zone"),
                   (f"generated {args.resources}", generated_program(Path(tmp), args.resources), "bench",
                    "aws-workloads")]
        print("| target | resources | preview s | pack start s | evaluation s | evaluation / preview | resources/s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for label, program, stack, pack in targets:
            runs = [measure(program, stack, pack) for _ in range(args.repeat)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"| {label} | {med['resources']:.0f} | {med['preview']:.2f} | {med['start']:.2f} | "
                  f"{med['evaluation']:.2f} | {100 * med['evaluation'] / med['preview']:.0f}% | "
                  f"{med['resources'] / med['evaluation']:.0f} |")
        print("\nEnd to end, fresh processes (what `lz check` adds to `lz preview`):\n")
        print("| stack | lz preview s | lz check s | added |")
        print("| --- | ---: | ---: | ---: |")
        for stack in ("dev", "prod"):
            preview = statistics.median(cli_seconds("preview", stack, "--json") for _ in range(args.repeat))
            check = statistics.median(cli_seconds("check", stack, "--format", "json") for _ in range(args.repeat))
            print(f"| {stack} | {preview:.2f} | {check:.2f} | {100 * (check - preview) / preview:.0f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
