"""Bad input tried as a new user would (issue 12): each gets a clear message naming what and where, and
exit code 2 before any program runs, whichever command is given."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASTION = ROOT / "tests" / "corpus" / "bastion"


def lz(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=300)


@pytest.mark.parametrize("command", [["check", "dev"], ["preview", "dev"], ["report", "dev", "-o", "{tmp}/r.html"],
                                     ["diagram", "dev"], ["stacks"]])
def test_program_pointing_at_a_file_is_exit_2_naming_the_path(command: list[str], tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    proc = lz(*args, "--program", str(BASTION / "__main__.py"))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"error: --program {BASTION / '__main__.py'}: is not a directory" in proc.stderr
    missing = lz(*args, "--program", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and f"error: --program {tmp_path / 'nowhere'}: does not exist" in missing.stderr
    assert not (tmp_path / "r.html").exists()


@pytest.fixture
def marker_program(tmp_path: Path) -> Path:
    """A program that leaves a file behind when it runs: a check that comes first leaves none."""
    program = tmp_path / "app"
    program.mkdir()
    (program / "Pulumi.yaml").write_text("name: app\nruntime: python\n")
    (program / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (program / "__main__.py").write_text(
        "from pathlib import Path\n\nimport pulumi_aws as aws\n\n"
        'Path(__file__).with_name("ran").touch()\n'
        'aws.cloudwatch.LogGroup("app", retention_in_days=365)\n')
    return program


PACK_COMMANDS = [["check", "dev"], ["report", "dev", "-o", "{tmp}/r.html"], ["diagram", "dev", "--findings"]]


@pytest.mark.parametrize("command", PACK_COMMANDS)
def test_an_unknown_pack_name_is_exit_2_with_the_packs_before_the_program_runs(
    command: list[str], marker_program: Path, tmp_path: Path
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    proc = lz(*args, "--program", str(marker_program), "--pack-name", "aws-workload")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "KeyError" not in proc.stderr
    error = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert error == [f"error: --pack-name 'aws-workload': no such pack in {ROOT / 'policies'}; did you mean "
                     "'aws-workloads'? (packs: aws-landing-zone, aws-workloads, aws-landing-zone-advisory, "
                     "aws-organization, aws-organization-member)"]
    assert not (marker_program / "ran").exists() and not (tmp_path / "r.html").exists()
    far = lz(*args, "--program", str(marker_program), "--pack-name", "nope")
    assert far.returncode == 2 and "error: --pack-name 'nope': no such pack" in far.stderr
    assert "did you mean" not in far.stderr and not (marker_program / "ran").exists()


@pytest.mark.parametrize("command", PACK_COMMANDS[:2])
def test_a_policy_config_id_typo_is_exit_2_with_the_closest_id_before_the_program_runs(
    command: list[str], marker_program: Path, tmp_path: Path
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    config = tmp_path / "policy.json"
    config.write_text('{"all": "advisory", "log_group_retention": {"min_retention_days": 30}, '
                      '"s3_bucket_encryptd": "mandatory", "sg_no_public_shh": "advisory"}')
    proc = lz(*args, "--program", str(marker_program), "--policy-config", str(config))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines()[-3:] == [
        f"error ({config}): invalid policy config:",
        "  s3_bucket_encryptd: no such policy in the pack; did you mean 's3_bucket_encrypted'?",
        "  sg_no_public_shh: no such policy in the pack; did you mean 'sg_no_public_ssh'?"]
    assert not (marker_program / "ran").exists()
    config.write_text('{"log_group_retention": {"min_retention_days": 30}}')
    ok = lz(*args, "--program", str(marker_program), "--policy-config", str(config))
    assert ok.returncode in (0, 1), ok.stderr
    assert (marker_program / "ran").exists()


def test_the_pack_names_lz_reads_are_the_packs_the_pack_builds() -> None:
    from lz.check import pack_names
    from policies import names, packs

    assert pack_names(ROOT / "policies") == tuple(packs.PACKS) == names.PACK_NAMES
    assert packs.DEFAULT_PACK == names.DEFAULT_PACK


def test_a_pack_without_names_decides_itself(tmp_path: Path) -> None:
    from lz.check import pack_name_problem

    assert pack_name_problem(tmp_path, "anything") is None
    assert pack_name_problem(ROOT / "policies", None) is None


def test_the_packs_own_check_of_the_config_names_the_closest_policy_not_hundreds() -> None:
    from lz.policy_config import PolicyConfigError, PolicyMeta, reconcile

    few = {n: PolicyMeta(name=n, description=n, enforcement_level="advisory") for n in ("a_rule", "b_rule")}
    many = {f"rule_{i:03}": PolicyMeta(name=f"rule_{i:03}", description="", enforcement_level="advisory")
            for i in range(200)}
    with pytest.raises(PolicyConfigError) as small:
        reconcile(few, {"a_rul": "mandatory", "zzz": "advisory"})
    assert small.value.errors == ["a_rul: no such policy in the pack (did you mean 'a_rule'?)",
                                  "zzz: no such policy in the pack (it has: a_rule, b_rule)"]
    with pytest.raises(PolicyConfigError) as big:
        reconcile(many, {"org_trail_hardened": "advisory"})
    assert big.value.errors == ["org_trail_hardened: no such policy in the pack (it has 200 policies)"]


def test_a_typo_in_a_provider_key_is_warned_with_the_key_it_meant(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: app\nruntime: python\nconfig:\n  app:retention: 30\n")
    (tmp_path / "Pulumi.dev.yaml").write_text(
        "config:\n  aws:regoin: eu-west-1\n  aws:defaultTags:\n    tags: {owner: me}\n  app:size: 3\n"
        "  random:nothing: 1\n")  # no pulumi_random installed: its namespace is not checked
    (tmp_path / "__main__.py").write_text(
        "import pulumi\nimport pulumi_aws as aws\n\n"
        'pulumi.export("region", aws.get_region().region)\n')
    for command in (["preview", "dev"], ["check", "dev"]):
        proc = lz(*command, "--program", str(tmp_path))
        assert proc.returncode == 0, proc.stderr
        warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
        assert warnings == [f"warning: {tmp_path / 'Pulumi.dev.yaml'}: aws:regoin is not a config key of the aws "
                            "provider; did you mean aws:region? (the provider ignores it)"], proc.stderr
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    clean = lz("preview", "dev", "--program", str(tmp_path))
    assert clean.returncode == 0 and "warning:" not in clean.stderr, clean.stderr


@pytest.mark.parametrize("command", [[], ["preview"], ["stacks"], ["check"], ["report"], ["diagram"]])
def test_help_shows_no_python_type_anywhere_and_names_every_pack(command: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "lz", *command, "--help"], cwd=ROOT, capture_output=True, text=True,
                          check=False, env=dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="250"))
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith("│")]
    assert rows and not [r for r in rows if re.search(r"<(str|bool|int|path|list\[\w+\])>", r)], proc.stdout
    if command and command[0] != "stacks":
        assert any(re.match(r"│ \*\s+STACK\s{2,}\S", r) for r in rows), proc.stdout  # the argument, no type beside
    if "--pack-name" in proc.stdout:
        from policies.names import PACK_NAMES

        pack_row = " ".join(r for r in rows if "--pack-name" in r or r.startswith("│ " + " " * 20))
        assert all(name in pack_row for name in PACK_NAMES), pack_row


@pytest.mark.parametrize("command", [[], ["preview"], ["check"], ["report"], ["diagram"]])
def test_help_documents_exit_code_3_for_a_crashed_program(command: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "lz", *command, "--help"], cwd=ROOT, capture_output=True, text=True,
                          check=False, env=dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="250"))
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    assert re.search(r"\b3 (the program crashed|crash)", text), text
    assert re.search(r"\b2 bad input", text), text


def test_the_pack_process_itself_names_the_packs_in_one_line_for_the_pulumi_cli() -> None:
    """The real CLI starts the pack with LZ_POLICY_PACK as set by the user: a typo is one line, no traceback."""
    proc = subprocess.run([sys.executable, "-u", "__main__.py"], cwd=ROOT / "policies", capture_output=True,
                          text=True, check=False, timeout=120, env=dict(os.environ, LZ_POLICY_PACK="aws-workload"))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        f"error: unknown policy pack 'aws-workload' (LZ_POLICY_PACK) in {ROOT / 'policies'}; known: "
        "aws-landing-zone, aws-workloads, aws-landing-zone-advisory, aws-organization, aws-organization-member"]
