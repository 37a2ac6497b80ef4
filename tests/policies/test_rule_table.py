"""policies/rules/README.md's rule table is the registry's: regenerate it with
`python policies/rules/_table.py --write` whenever a rule, its severity, level or framework ids change."""

import importlib.util
from pathlib import Path

from policies import registry

TABLE = Path(__file__).resolve().parents[2] / "policies" / "rules" / "_table.py"
_spec = importlib.util.spec_from_file_location("rule_table", TABLE)
assert _spec and _spec.loader
rule_table = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rule_table)


def test_committed_table_equals_the_generated_one() -> None:
    committed = rule_table.committed(rule_table.README.read_text())
    assert committed == rule_table.table(), "stale: run .venv/bin/python policies/rules/_table.py --write"


def test_table_has_a_row_per_rule_with_its_ids_and_levels() -> None:
    rows = [line for line in rule_table.table().splitlines() if line.startswith("| `")]
    assert len(rows) == len(registry.discover())
    [ssh] = [r for r in rows if r.startswith("| `sg_no_public_ssh` |")]
    cells = [c.strip() for c in ssh.strip("|").split("|")]
    assert cells[2:] == ["high", "mandatory", "mandatory", "EC2.13", "5.3, 5.4", "5.2, 5.3", "firewalled"]
    [presence] = [r for r in rows if r.startswith("| `guardduty_enabled` |")]
    assert [c.strip() for c in presence.strip("|").split("|")][3:5] == ["mandatory", "-"]
