"""A clone of the repository has what the README points at (issue 12): the controls page is under docs/,
its rows are the ones lz report lists, and no link leaves the repository."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_readme_and_docs_point_only_at_files_of_the_repository() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        assert "CONTROLS.md" not in text and "../shared" not in text, page
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            resolved = (page.parent / target).resolve()
            assert resolved.is_relative_to(ROOT) and resolved.exists(), f"{page.name}: {target}"


def test_the_controls_page_has_the_rows_lz_report_lists() -> None:
    page = (ROOT / "docs" / "controls.md").read_text(encoding="utf-8")
    rows = {int(m.group(1)): m.group(2).strip() for m in re.finditer(r"^\| (\d+) \| ([^|]+) \|", page, re.M)}
    data = yaml.safe_load((ROOT / "lz" / "compliance" / "controls.yaml").read_text(encoding="utf-8"))
    assert sorted(rows) == sorted(int(r["row"]) for r in data["seed"]) == list(range(1, 21))
    assert "[docs/controls.md](docs/controls.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
