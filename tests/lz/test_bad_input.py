"""Bad input tried as a new user would (issue 12): each gets a clear message naming what and where, and
exit code 2 before any program runs, whichever command is given."""

from __future__ import annotations

import os
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
