"""The README's first screen and its two commands stay as they were before the component refactor
(issue 10), what the screen says of `./run dev` is what it does, and its Python example runs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from lz.findings import EXIT_INVALID_INPUT, EXIT_OK, EXIT_PROGRAM_CRASHED, EXIT_VIOLATIONS
from lz.interrupt import EXIT_INTERRUPTED
from lz.mock_engine import run_function

REPO = Path(__file__).resolve().parents[1]

#: The first screen (up to the real path), as the README had it at e3247e3; a change here is deliberate.
FIRST_SCREEN = """\
# landing-zone: an ultra-secure AWS landing zone on Pulumi, with a CrossGuard gate

```bash
./run dev        # fresh machine, only python3: installs .venv, previews the dev stack offline, runs the policy gate
./run tests      # fresh machine, only python3: installs .venv, runs the whole test suite
```

`./run dev` prints what the dev stack would build (per component and type, islands and subnets,
outputs) and the CrossGuard report, from one run of the program (`lz check dev`; `./run dev prod`
checks both in parallel); its exit code is the gate's (0 clean, 1 mandatory violations, 2 bad config
or a pack that will not start, 3 the program crashed, 130 interrupted). No AWS account and no Pulumi
CLI are needed: the offline engine (`lz`) runs the real `__main__.py` under Pulumi's own mock runtime
and drives the real policy pack process over the Analyzer gRPC protocol, exactly as the CLI starts it.

"""


def test_the_first_screen_is_unchanged() -> None:
    readme = (REPO / "README.md").read_text()
    assert readme.startswith(FIRST_SCREEN + "**The real path**")


def test_the_exit_codes_it_names_are_the_gates() -> None:
    """'0 clean, 1 mandatory violations, 2 bad config ..., 3 the program crashed, 130 interrupted'."""
    assert (EXIT_OK, EXIT_VIOLATIONS, EXIT_INVALID_INPUT, EXIT_PROGRAM_CRASHED, EXIT_INTERRUPTED) == (0, 1, 2, 3, 130)


def test_run_dev_previews_the_dev_stack_and_runs_the_gate() -> None:
    done = subprocess.run(["./run", "dev"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == EXIT_OK, done.stdout[-2000:] + done.stderr[-2000:]
    out = done.stdout
    assert out.startswith("landing-zone/dev: ") and "Resources by component" in out
    assert "lz:network:VpcIsland" in out and "lz:core:LandingZone" in out  # per component and type
    assert "policy gate passed: 0 mandatory" in out.splitlines()[-1] and "stack dev" in out.splitlines()[-1]


def test_the_python_example_builds_its_island() -> None:
    """'Using the components in your own stack': the installed name (lz_components), under the mocks."""
    (example,) = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(), re.S)
    assert "from lz_components import" in example
    graph = run_function(lambda: exec(compile(example, "README.md[python]", "exec"), {}),
                         config={"aws:region": "eu-west-1"})
    (island,) = [r for r in graph.resources if r.type == "lz:network:VpcIsland"]
    assert island.name == "shop-shop"
    assert graph.only("aws:ec2/vpc:Vpc").inputs["cidrBlock"] == "10.30.0.0/16"
    assert graph.only("aws:ec2/vpc:Vpc").inputs["tags"]["owner"] == "shop-team"
