"""`lz report` on our dev and prod stacks and on two app-team programs of the corpus: HTML that parses
and fetches nothing, JSON that matches its schema, counts equal to `lz check`'s, and a page headless
Chromium renders with no console error."""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import html5lib
import jsonschema
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT / "tests" / "corpus"
#: (label, stack, program or None for this repository's own program)
CASES = [("dev", "dev", None), ("prod", "prod", None),
         ("orders-api", "dev", CORPUS / "orders-api"), ("waf-protected-alb", "prod", CORPUS / "waf-protected-alb")]
URL_ATTRIBUTES = ("src", "href", "xlink:href", "action", "srcset", "poster", "data")
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)", re.IGNORECASE)


@dataclass
class Rendered:
    label: str
    stack: str
    program: Path | None
    code: int
    stdout: str
    stderr: str
    html: Path
    markdown: Path
    json: dict[str, Any]
    check: dict[str, Any]
    check_code: int


def lz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=600, check=False, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out: dict[str, Rendered] = {}
    for label, stack, program in CASES:
        where = tmp_path_factory.mktemp(f"report-{label}")
        program_args = ["--program", str(program)] if program else []
        report = lz("report", stack, *program_args, "-o", str(where / "report.html"),
                    "--markdown", str(where / "report.md"), "--json", str(where / "report.json"))
        assert report.returncode in (0, 1), report.stderr
        check = lz("check", stack, *program_args, "--format", "json")
        assert check.returncode in (0, 1), check.stderr
        out[label] = Rendered(label, stack, program, report.returncode, report.stdout, report.stderr,
                              where / "report.html", where / "report.md",
                              json.loads((where / "report.json").read_text()), json.loads(check.stdout),
                              check.returncode)
    return out


@pytest.fixture(params=[c[0] for c in CASES])
def case(request: pytest.FixtureRequest, rendered: dict[str, Rendered]) -> Rendered:
    return rendered[request.param]


def test_html_is_well_formed(case: Rendered) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(case.html.read_text(encoding="utf-8"))  # raises on the first parse error
    assert document.find(".//title") is not None
    headings = [h.text for h in document.iter("h2")]
    assert headings[:2] == ["Summary per framework", "Network"]
    assert {"CIS AWS Foundations Benchmark v5.0.0", "AWS Foundational Security Best Practices",
            "Manual checks", "Findings"} <= set(headings)


def test_html_is_self_contained(case: Rendered) -> None:
    text = case.html.read_text(encoding="utf-8")
    document = html5lib.parse(text, namespaceHTMLElements=False)
    assert [e.tag for e in document.iter() if e.tag in ("script", "link", "iframe", "object", "embed", "img")] == []
    external = []
    for element in document.iter():
        for name, value in element.attrib.items():
            fetches = EXTERNAL.match(value) or value.strip().lower().startswith(("data:", "javascript:"))
            if (name.rsplit("}", 1)[-1] in URL_ATTRIBUTES or name in URL_ATTRIBUTES) and fetches:
                external.append((element.tag, name, value))
            if name == "style":
                external += [(element.tag, name, m["url"]) for m in CSS_URL.finditer(value)]
    for style in document.iter("style"):
        external += [("style", "url()", m["url"]) for m in CSS_URL.finditer(style.text or "")]
    assert external == []
    assert "@import" not in text and "@font-face" not in text


def test_html_embeds_the_network_diagram_as_valid_svg(case: Rendered) -> None:
    text = case.html.read_text(encoding="utf-8")
    start, end = text.index("<svg"), text.index("</svg>") + len("</svg>")
    svg = ElementTree.fromstring(text[start:end])
    assert svg.tag.endswith("svg")
    assert case.json["diagram"] == {"embedded": True, "note": ""}


def test_json_matches_its_schema(case: Rendered) -> None:
    schema = json.loads(importlib.resources.files("lz.compliance").joinpath("report.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(case.json)]
    assert errors == []


def test_counts_match_lz_check_on_the_same_stack(case: Rendered) -> None:
    doc, check = case.json, case.check
    assert doc["summary"] == check["summary"]
    assert (doc["exitCode"], case.code) == (check["exitCode"], case.check_code)
    assert (doc["pack"], doc["resourceCount"]) == (check["pack"], check["resourceCount"])
    assert sorted(f["fingerprint"] for f in doc["findings"]) == sorted(v["fingerprint"] for v in check["violations"])
    # Every finding on a framework control is evidence in that control, with its verdict.
    by_control = {(s["id"], c["id"]): c for s in doc["frameworks"] for c in s["controls"]}
    for finding in doc["findings"]:
        for framework, ids in finding["frameworks"].items():
            for control_id in ids:
                control = by_control[(framework, control_id)]
                assert finding["policy"] in control["rulesApplied"]
                assert control["verdict"] in ("violated", "cannot-decide", "exempted")


def test_the_file_carries_pack_stack_commit_and_time(case: Rendered) -> None:
    doc = case.json
    head = doc["commit"]["sha"]
    assert doc["stack"] == case.stack
    # Others commit while the suite runs: the report's commit is HEAD then, so HEAD now or an ancestor of it.
    ancestor = subprocess.run(["git", "merge-base", "--is-ancestor", head, "HEAD"], cwd=REPO_ROOT, check=False)
    assert ancestor.returncode == 0, f"{head} is not a commit of this checkout's history"
    html = case.html.read_text(encoding="utf-8")
    markdown = case.markdown.read_text(encoding="utf-8")
    for text in (html, markdown):
        assert head in text and doc["generatedAt"] in text and f"{doc['pack']['name']}@{doc['pack']['version']}" in text


@pytest.mark.parametrize("label", ["dev", "prod"])
def test_own_stacks_list_every_controls_row_with_resources_and_a_verdict(
        rendered: dict[str, Rendered], label: str) -> None:
    seed = next(s for s in rendered[label].json["frameworks"] if s["id"] == "seed")
    rows = {c["row"]: c for c in seed["controls"]}
    assert sorted(rows) == list(range(1, 21))
    for row, control in rows.items():
        assert control["verdict"] in ("met", "violated", "cannot-decide", "exempted", "manual", "not-applicable")
        if row == 18:  # the organization itself: built by the org stack, listed here with its manual checks
            assert control["note"] and control["manual"]
            continue
        assert control["resources"], f"row {row} {control['id']} has no implementing resource"
        assert any(via.startswith("component lz:") for r in control["resources"] for via in r["via"])
        assert control["verdict"] in ("met", "violated", "cannot-decide", "exempted"), (row, control["verdict"])


@pytest.mark.parametrize("label", ["orders-api", "waf-protected-alb"])
def test_a_program_that_is_not_ours_gets_its_resources_from_the_rules_only(
        rendered: dict[str, Rendered], label: str) -> None:
    doc = rendered[label].json
    vias = {via for s in doc["frameworks"] for c in s["controls"] for r in c["resources"] for via in r["via"]}
    assert vias and all(via.startswith("rule ") for via in vias)
    assert "aws-workloads" in rendered[label].stderr  # --program: the app-team pack, said in one line


@pytest.mark.parametrize("label", ["dev", "orders-api"])
def test_manual_controls_say_what_to_check_and_where(rendered: dict[str, Rendered], label: str) -> None:
    cis5 = next(s for s in rendered[label].json["frameworks"] if s["id"] == "cis-aws-5.0")
    hardware_mfa = next(c for c in cis5["controls"] if c["id"] == "1.5")
    assert hardware_mfa["verdict"] == "manual"
    (check,) = hardware_mfa["manual"]
    assert "hardware" in check["check"] and "list-virtual-mfa-devices" in check["where"]
    assert any("CIS Amazon Web Services Foundations Benchmark v5.0.0" in s for s in check["sources"])
    seed = next(s for s in rendered[label].json["frameworks"] if s["id"] == "seed")
    otp = next(c for c in seed["controls"] if c["id"] == "one-time-password")
    assert any("Identity Center" in m["where"] for m in otp["manual"])


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("headless Chromium is needed to render the report: install Debian's `chromium` package "
                    "(scripts/test-tools does, as ./run tests and .ci/run call it)")
    return found


def test_chromium_renders_the_report_with_no_console_error(case: Rendered, tmp_path: Path) -> None:
    screenshot = tmp_path / f"{case.label}.png"
    args = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,2400", "--enable-logging=stderr",
            "--v=0", f"--screenshot={screenshot}", case.html.as_uri()]
    run = subprocess.run(args, capture_output=True, text=True, timeout=180, check=False)
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert run.returncode == 0, run.stderr[-2000:]
    assert console == []
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000  # a rendered page, not a blank one


def test_the_console_check_catches_a_page_error(tmp_path: Path) -> None:
    """The assertion above can fail: Chromium reports a script error on stderr the way it is read there."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><script>undefined_function()</script></body></html>")
    args = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr", "--v=0", f"--screenshot={tmp_path / 'broken.png'}", page.as_uri()]
    run = subprocess.run(args, capture_output=True, text=True, timeout=180, check=False)
    assert any(":CONSOLE" in line and "undefined_function" in line for line in run.stderr.splitlines())


def test_component_declarations_name_real_component_types_and_known_controls() -> None:
    """components/controls.py cannot rot: each token is a component our stacks build, each id a known control."""
    import runpy

    import yaml

    from policies import registry

    table = runpy.run_path(str(REPO_ROOT / "components" / "controls.py"))["IMPLEMENTS"]
    built = set()
    for stack in ("dev", "prod", "org"):
        preview = lz("preview", stack, "--json")
        assert preview.returncode == 0, preview.stderr
        built |= {r["type"] for r in json.loads(preview.stdout)["resources"] if not r["custom"]}
    assert set(table) - built == set()
    data = yaml.safe_load(importlib.resources.files("lz.compliance").joinpath("controls.yaml").read_text())
    known = {f"seed:{row['id']}" for row in data["seed"]}
    for rule in registry.discover().values():
        known |= {f"{framework}:{c}" for framework, ids in rule.frameworks.items() for c in ids}
    declared = {ident for ids in table.values() for ident in ids}
    assert declared - known == set()
    assert {row["row"] for row in data["seed"]} == set(range(1, 21))


def test_the_org_stack_implements_the_organization_rows(tmp_path: Path) -> None:
    run = lz("report", "org", "-o", str(tmp_path / "org.json"))
    assert run.returncode in (0, 1), run.stderr
    seed = next(s for s in json.loads((tmp_path / "org.json").read_text())["frameworks"] if s["id"] == "seed")
    rows = {c["row"]: c for c in seed["controls"]}
    for row in (18, 19, 20):
        vias = {via for r in rows[row]["resources"] for via in r["via"]}
        assert any(via.startswith("component lz:organization:") for via in vias), row
        assert rows[row]["verdict"] in ("met", "violated", "cannot-decide", "exempted")
