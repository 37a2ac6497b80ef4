"""`pip install .` gives a package that works installed, away from this repository.

The wheel is built from a copy of the repository's files (tracked and new, never ignored ones such as
a stale build/), installed with its declared dependencies into a fresh virtualenv outside the
repository (resolved from pyproject.toml's ranges, held to requirements.txt's pins), and used there
as an app team would: its own Pulumi program importing ``lz_components``, previewed and checked with
``python -m lz`` in the program's directory, against the pack the wheel ships (``lz_policies``).

One build and one install per session (about 20 s, most of it pip unpacking pulumi_aws). Set LZ_WHEELHOUSE to a
directory of wheels to add it as ``--find-links``; deselect with ``-m "not distribution"``.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
#: Repository directory -> the import name it installs as.
INSTALLED_AS = {"components": "lz_components", "policies": "lz_policies", "lz": "lz"}
ASSET_COUNT = 22  # components/ids/assets/**


def _requirements(text: str) -> list[Requirement]:
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def test_every_runtime_requirement_is_a_declared_dependency_that_admits_its_pin() -> None:
    pinned = _requirements((REPO / "requirements.txt").read_text())
    declared = {canonicalize_name(r.name): r for r in map(
        Requirement, tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"])}
    problems = []
    for req in pinned:
        dep = declared.get(canonicalize_name(req.name))
        if dep is None:
            problems.append(f"{req}: not in pyproject's dependencies")
            continue
        if not req.extras <= dep.extras:
            problems.append(f"{req}: pyproject's {dep} lacks extras {sorted(req.extras - dep.extras)}")
        exact = [s.version for s in req.specifier if s.operator == "=="]
        if exact and not dep.specifier.contains(exact[0]):
            problems.append(f"{req}: pin {exact[0]} is outside pyproject's {dep.specifier}")
        if not exact and str(req.specifier) != str(dep.specifier):
            problems.append(f"{req}: range differs from pyproject's {dep.specifier}")
    unpinned = sorted(set(declared) - {canonicalize_name(r.name) for r in pinned})
    assert problems == [] and unpinned == [], (problems, f"declared but not in requirements.txt: {unpinned}")


def _repo_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=REPO,
                         check=True, capture_output=True).stdout.decode()
    return sorted(f for f in out.split("\0") if f and (REPO / f).is_file())


def _expected_package_files(files: list[str]) -> set[str]:
    """Every file under components/, policies/ and lz/, at its installed path."""
    expected = set()
    for f in files:
        top, _, rest = f.partition("/")
        if top in INSTALLED_AS and rest:
            expected.add(f"{INSTALLED_AS[top]}/{rest}")
    return expected


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("distribution")
    source = tmp / "source"
    for f in _repo_files():
        (source / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / f, source / f)
    env = _clean_env()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"), str(source)],
                   check=True, env=env, timeout=600)
    (wheel,) = (tmp / "dist").glob("landing_zone-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # Constraints cannot carry extras; the dependencies themselves come from the wheel's metadata.
    constraints = tmp / "constraints.txt"
    constraints.write_text(re.sub(r"\[[^\]]*\]", "", (REPO / "requirements.txt").read_text()))
    links = ["--find-links", os.environ["LZ_WHEELHOUSE"]] if os.environ.get("LZ_WHEELHOUSE") else []
    # --no-compile: byte-compiling every installed module (pulumi_aws is thousands) was two thirds of
    # the install's CPU; Python compiles what the tests import on first use, as it would for any user.
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-compile", "--disable-pip-version-check",
                    *links, "-c", str(constraints), str(wheel)], check=True, env=env, timeout=900)
    return Installed(wheel, python)


def _clean_env() -> dict[str, str]:
    """No path into this repository leaks into the child processes."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}


@pytest.mark.distribution
def test_the_wheel_holds_every_package_file_of_the_repository(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    packaged = {n for n in names if n.split("/", 1)[0] in INSTALLED_AS.values()}
    files = _repo_files()
    expected = _expected_package_files(files)
    assert sorted(expected - packaged) == [], "missing from the wheel"
    assert sorted(packaged - expected) == [], "in the wheel but not in the repository"
    assets = {n for n in packaged if n.startswith("lz_components/ids/assets/")}
    assert len(assets) == ASSET_COUNT == len([f for f in files if f.startswith("components/ids/assets/")])
    rules = re.compile(r"rules/[a-z]\w*/[a-z]\w*\.py$")  # one rule per file, stem == rule id
    in_repo = {f for f in files if f.startswith("policies/") and rules.search(f)}
    assert len({n for n in packaged if n.startswith("lz_policies/") and rules.search(n)}) == len(in_repo) > 200
    top_level = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert top_level == {"lz", "lz_components", "lz_policies"}  # no bare `components` or `policies`


PROGRAM = '''\
"""An app team's own stack, built from the installed landing-zone library."""

import pulumi
import pulumi_aws as aws

from lz_components import Environment, SecurityTiers, VpcIsland, resolve_azs
from lz_components.firewall import FirewallSpec
from lz_components.identity import Identity, IdentitySpec
from lz_components.ids import IdsFleet, IdsSpec
from lz_components.network import NetworkSpec
from lz_components.storage import BucketSpec, EncryptedBucket, KeySpec, ManagedKey

env = Environment.resolve("dev", owner="shop-team", protect=False)
network = NetworkSpec.model_validate({
    "azCount": 2,
    "islands": [{"name": "shop", "cidr": "10.30.0.0/16", "tiers": [
        {"name": "public", "kind": "public"}, {"name": "inspection", "kind": "inspection"},
        {"name": "app", "kind": "private"}]}],
})
firewall = FirewallSpec.model_validate({"flows": [
    {"from": "internet", "to": "public", "ports": ["https"], "description": "TLS ingress"},
    {"from": "public", "to": "inspection", "ports": ["http-proxy"], "description": "ALB to the sensors"},
    {"from": "inspection", "to": "app", "ports": ["https"], "description": "inspected traffic"},
]})
islands = {island.name: VpcIsland(f"shop-{island.name}", island, env=env, network=network,
                                  az_names=resolve_azs(network.az_count))
           for island in network.islands}
tiers = SecurityTiers("shop-sg", firewall, env=env, network=network,
                      vpc_ids={name: island.vpc_id for name, island in islands.items()},
                      endpoint_security_group_ids={n: i.endpoint_security_group_id for n, i in islands.items()},
                      gateway_prefix_list_ids={n: i.gateway_prefix_list_ids for n, i in islands.items()})

key = ManagedKey("shop-data", KeySpec(), env=env, purpose="data")
access_logs = EncryptedBucket("shop-access-logs", BucketSpec(purpose="shop-access-logs"), env=env,
                              kms_key_arn=key.arn, access_log_bucket=None)
orders = EncryptedBucket("shop-orders", BucketSpec(purpose="shop-orders"), env=env, kms_key_arn=key.arn,
                         access_log_bucket=access_logs.bucket_name)

alerts = aws.sns.Topic("shop-alerts", kms_master_key_id=key.arn)
sensors = IdsFleet(
    "shop-ids", IdsSpec.model_validate({"minSize": 1, "maxSize": 2, "desiredSize": 1, "goldenImage": False}),
    env=env, vpc_id=islands["shop"].vpc_id, subnet_ids=islands["shop"].subnet_ids["inspection"],
    security_group_id=tiers.security_group_ids["inspection"], data_key_arn=key.arn,
    instance_profile_name="shop-sensor-profile", instance_tags={"Patch Group": "shop"},
    log_group_names={k: f"/shop/dev/{k}" for k in ("snort", "hids", "antivirus", "nginx")},
    alerts_topic_arn=alerts.arn, upstream_url="https://app.shop.internal.example.com",
    target_group_arn="arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-edge/0123456789abcdef")
identity = Identity("shop-identity", IdentitySpec(), env=env)

pulumi.export("vpcId", islands["shop"].vpc.id)
pulumi.export("ordersBucket", orders.bucket_name)
'''

PROJECT = """\
name: shop
runtime:
  name: python
  options:
    toolchain: pip
main: __main__.py
"""


@pytest.fixture(scope="module")
def program(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    directory = tmp_path_factory.mktemp("shop")
    assert REPO not in directory.parents
    (directory / "Pulumi.yaml").write_text(PROJECT)
    (directory / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (directory / "__main__.py").write_text(PROGRAM)
    yield directory


def _run(installed: Installed, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(installed.python), *args], cwd=cwd, env=_clean_env(), capture_output=True,
                          text=True, timeout=300)


@pytest.mark.distribution
def test_the_installed_library_and_pack_come_from_the_virtualenv(installed: Installed, program: Path) -> None:
    probe = ("import importlib.util, json, lz.gate, lz_components; "
             "print(json.dumps([lz_components.__file__, str(lz.gate.DEFAULT_PACK_DIR), "
             "importlib.util.find_spec('components') is None]))")
    done = _run(installed, program, "-c", probe)
    assert done.returncode == 0, done.stderr
    library, pack, no_bare_components = json.loads(done.stdout)
    venv = installed.python.parents[1]
    assert Path(library).is_relative_to(venv) and Path(pack).is_relative_to(venv)
    assert Path(pack).name == "lz_policies" and (Path(pack) / "PulumiPolicy.yaml").is_file()
    assert no_bare_components


@pytest.mark.distribution
def test_a_user_program_previews_with_the_installed_components(installed: Installed, program: Path) -> None:
    done = _run(installed, program, "-m", "lz", "preview", "dev", "--json")
    assert done.returncode == 0, done.stderr
    resources = json.loads(done.stdout)["resources"]
    components = {r["type"] for r in resources if not r["custom"]}
    assert {"lz:network:VpcIsland", "lz:firewall:SecurityTiers", "lz:storage:EncryptedBucket",
            "lz:storage:ManagedKey", "lz:ids:IdsFleet", "lz:identity:Identity"} <= components
    types = {r["type"] for r in resources}
    assert {"aws:ec2/vpc:Vpc", "aws:ec2/securityGroup:SecurityGroup", "aws:s3/bucket:Bucket",
            "aws:autoscaling/group:Group", "aws:iam/accountPasswordPolicy:AccountPasswordPolicy"} <= types
    # The sensors boot from the cloud-config rendered from the packaged assets.
    (template,) = [r for r in resources if r["type"] == "aws:ec2/launchTemplate:LaunchTemplate"]
    user_data = gzip.decompress(base64.b64decode(template["inputs"]["userData"])).decode()
    assert user_data.startswith("#cloud-config\n")
    for packaged in ("limit_req", "snort", "freshclam", "/etc/lz/install-sensor.sh"):
        assert packaged in user_data
    # Declared by the program, through the library installed in the virtualenv (never this repository's).
    frames = {s["file"] for r in resources for s in r.get("source") or []}
    main, venv = str(program / "__main__.py"), installed.python.parents[1]
    assert main in frames and all(f == main or Path(f).is_relative_to(venv / "lib") for f in frames), frames


@pytest.mark.distribution
def test_lz_check_runs_the_shipped_pack_from_the_program_directory(installed: Installed, program: Path) -> None:
    done = _run(installed, program, "-m", "lz", "check", "dev", "--pack-name", "aws-workloads", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["passed"] is True and report["pack"]["name"] == "aws-workloads"
    assert report["resourceCount"] > 100
    levels = {v["enforcementLevel"] for v in report["violations"]}
    assert report["violations"] and levels == {"advisory"}  # the rules ran: the pack has things to say
    assert {v["location"]["file"] for v in report["violations"]} == {"__main__.py"}  # the program's lines
