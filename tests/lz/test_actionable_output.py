"""Output people can act on (issue 12): the pack an app program gets by default, one group and one fix
per rule, findings ordered by level then severity. (Uncut tables off a terminal, the shared CIS 4.x fix
and the mandatory LOW first: tests/lz/test_lz_text_output.py.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
NOTE = "note: --program given, so the pack is aws-workloads"
LEVELS, SEVERITIES = ("mandatory", "advisory"), ("critical", "high", "medium", "low")


def lz(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("COLUMNS", None)
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=300)


def copy(name: str, tmp_path: Path) -> Path:
    program = tmp_path / name
    shutil.copytree(CORPUS / name, program, ignore=shutil.ignore_patterns("__pycache__", "expected.*.json"))
    return program


def test_a_program_given_with_program_gets_the_workloads_pack_and_one_line_says_so(tmp_path: Path) -> None:
    program = copy("bastion", tmp_path)
    proc = lz("check", "dev", "--program", str(program), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["pack"]["name"] == "aws-workloads"
    assert not {"guardduty_enabled", "cloudtrail_present"} & {v["policy"] for v in doc["violations"]}
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and notes[0].startswith(NOTE)
    assert "choose another with --pack-name aws-landing-zone" in notes[0]

    named = lz("check", "dev", "--program", str(program), "--pack-name", "aws-landing-zone", "--format", "json")
    assert NOTE not in named.stderr
    named_doc = json.loads(named.stdout)
    assert named_doc["pack"]["name"] == "aws-landing-zone"
    assert "guardduty_enabled" in {v["policy"] for v in named_doc["violations"]}


def test_without_program_the_default_stays_the_landing_zone_pack(tmp_path: Path) -> None:
    program = copy("bastion", tmp_path)
    proc = lz("check", "dev", "--format", "json", cwd=program)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["pack"]["name"] == "aws-landing-zone" and NOTE not in proc.stderr


def test_a_rule_with_several_findings_is_one_group_with_its_fix_printed_once(tmp_path: Path) -> None:
    report = tmp_path / "gate.json"
    proc = lz("check", "dev", "--program", str(copy("orders-api", tmp_path)), "--json", str(report))
    assert proc.returncode == 1, proc.stderr
    methods = [v for v in json.loads(report.read_text())["violations"]
               if v["policy"] == "apigw_rest_method_authorization"]
    assert len(methods) == 2  # the GET and the list method
    lines = proc.stdout.splitlines()
    heading = [i for i, line in enumerate(lines) if line.strip().startswith(methods[0]["control"]) and
               line.strip().endswith(methods[0]["title"])]
    assert len(heading) == 1, proc.stdout
    start = heading[0]
    group = lines[start + 1:start + 4]
    assert [line.strip().startswith("[advisory]") for line in group] == [True, True, False]
    assert group[2].strip() == f"fix: {methods[0]['remediation']}"
    assert proc.stdout.count(methods[0]["remediation"]) == 1


def test_findings_are_ordered_by_level_then_by_severity(tmp_path: Path) -> None:
    report = tmp_path / "gate.json"
    proc = lz("check", "dev", "--program", str(copy("sandbox-default-vpc", tmp_path)), "--json", str(report))
    assert proc.returncode == 1, proc.stderr
    order = [(LEVELS.index(v["enforcementLevel"]), SEVERITIES.index(v["severity"]))
             for v in json.loads(report.read_text())["violations"]]
    assert order == sorted(order) and len({level for level, _ in order}) == 2
    assert len({severity for _, severity in order}) >= 3  # a real mix, not one bucket
    headers = [line for line in proc.stdout.splitlines() if line.endswith(("(mandatory)", "(advisory)"))]
    ranks = [(LEVELS.index(h.split("(")[1].rstrip(")")), SEVERITIES.index(h.split()[0].lower())) for h in headers]
    assert ranks == sorted(ranks) and len(ranks) == len(set(ranks))  # each (level, severity) heading once


def test_the_preview_groups_resources_as_the_component_tree() -> None:
    graph = json.loads(lz("preview", "dev", "--json").stdout)
    by_urn = {r["urn"]: r for r in graph["resources"]}

    def depth(r: dict[str, object]) -> int:
        parent = by_urn.get(str(r["parent"] or ""))
        return 0 if parent is None else 1 + depth(parent)

    # Every component that holds resources, with the depth the graph's parent links give it.
    owners = {r["parent"] for r in graph["resources"] if r["parent"] in by_urn}
    components = [r for r in graph["resources"] if not r["custom"] and r["urn"] in owners]
    assert max(depth(c) for c in components) >= 2  # LandingZone > AuditBaseline > LogArchive > ...

    proc = lz("preview", "dev")
    assert proc.returncode == 0, proc.stderr
    table = proc.stdout[proc.stdout.index("Resources by component"):]
    table = table[:table.index("└─")]  # the table's bottom border
    rows = [line.split("│")[1] for line in table.splitlines() if line.startswith("│") and line.split("│")[1].strip()]
    shown = [(len(cell) - len(cell.lstrip(" └")), cell.strip(" └")) for cell in rows]
    assert shown[0] == (1, "(stack)")
    expected = {f"{c['type']} {c['name']}": depth(c) + 1 for c in components}  # under the (stack) row
    assert {label: (indent - 1) // 2 for indent, label in shown[1:]} == expected
    # Depth first: each component's row comes after its parent's and before the parent's next sibling.
    position = {label: i for i, (_, label) in enumerate(shown)}
    for c in components:
        parent = by_urn.get(str(c["parent"]))
        above = position[f"{parent['type']} {parent['name']}"] if parent else position["(stack)"]
        assert above < position[f"{c['type']} {c['name']}"]
    for i, (indent, _) in enumerate(shown[1:], start=1):
        assert indent <= shown[i - 1][0] + 2  # never deeper than one level below the row above


def test_numbers_print_as_people_write_them(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: numbers\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi\nimport pulumi_aws as aws\n\n"
        'group = aws.cloudwatch.LogGroup("app", retention_in_days=365)\n'
        'pulumi.export("retention", group.retention_in_days)\n'
        'pulumi.export("limits", {"days": 365, "ratio": 0.5})\n')
    proc = lz("preview", "dev", "--program", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in proc.stdout.splitlines()
            if line.startswith("│") and line.count("│") == 3}
    assert rows["retention"] == "365"  # the engine sends 365.0: protobuf numbers are doubles
    assert json.loads(rows["limits"]) == {"days": 365, "ratio": 0.5} and "365.0" not in proc.stdout


def test_help_shows_placeholders_people_can_read() -> None:
    row = re.compile(r"^│ (--[a-z][a-z-]*)\s+(?:-[a-z]\s+)?(\S+)?\s{2,}")
    for command in ("check", "preview", "stacks"):
        proc = subprocess.run([sys.executable, "-m", "lz", command, "--help"], cwd=ROOT, capture_output=True,
                              text=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"})
        assert proc.returncode == 0, proc.stderr
        placeholders = {m.group(1): m.group(2) for line in proc.stdout.splitlines() if (m := row.match(line))}
        assert "--program" in placeholders, proc.stdout
        # DIR, FILE, NAME, FORMAT, REF, all|new, a flag none: not typer's <path>, <str> or <bool>.
        shown = {opt: ph for opt, ph in placeholders.items() if opt != "--help"}
        assert not [ph for ph in shown.values() if ph and ph.startswith("<")], shown
        assert shown["--program"] == "DIR"
        if command == "check":
            assert (shown["--fail-on"], shown["--pack-name"], shown["--exemptions"]) == ("all|new", "NAME", "FILE")
