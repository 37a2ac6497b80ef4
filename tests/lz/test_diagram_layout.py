"""The network diagram reads as drawn (issue 12): measured in headless Chromium, no label runs out of
its box and none runs under a NAT or VPN badge, for dev and prod with their findings marked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lz.diagram import render_network_svg
from lz.gate import run_gate

ROOT = Path(__file__).resolve().parents[2]

# For each <g> drawn as a box (its first child a <rect>), its own <text> children must lie inside the
# box; no text may cross a badge (a rect 15 high: NAT, VPN) unless it is the badge's own label.
MEASURE = """
const out = {outside: [], underBadge: [], texts: 0};
const svg = document.querySelector("svg");
const inside = (a, b) => a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1
  && a.y + a.height <= b.y + b.height + 1;
const cross = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const badges = [...svg.querySelectorAll("rect")].filter(r => r.getBBox().height <= 16).map(r => r.getBBox());
for (const g of svg.querySelectorAll("g")) {
  const box = g.firstElementChild && g.firstElementChild.tagName === "title"
    ? g.firstElementChild.nextElementSibling : g.firstElementChild;
  if (!box || box.tagName !== "rect") continue;
  for (const t of g.querySelectorAll(":scope > text:not(.mark-text)")) {  // a finding's mark straddles the corner
    if (!inside(t.getBBox(), box.getBBox())) out.outside.push(t.textContent);
  }
}
for (const t of svg.querySelectorAll("text")) {
  out.texts++;
  const b = t.getBBox(), cx = b.x + b.width / 2, cy = b.y + b.height / 2;
  for (const r of badges) {
    const own = cx > r.x && cx < r.x + r.width && cy > r.y && cy < r.y + r.height;
    if (!own && cross(b, r)) out.underBadge.push(t.textContent);
  }
}
document.body.innerHTML = "<pre id=result>" + JSON.stringify(out) + "</pre>";
"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("headless Chromium is needed to measure the diagram: install Debian's `chromium` package")
    return found


def measure(svg: str, tmp_path: Path) -> dict[str, list[str] | int]:
    page = tmp_path / "diagram.html"
    page.write_text(f"<!DOCTYPE html><html><body>{svg}<script>{MEASURE}</script></body></html>", encoding="utf-8")
    run = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    found = re.search(r"<pre id=\"?result\"?>(.*?)</pre>", run.stdout, re.S)
    assert found, run.stdout[-2000:]
    result: dict[str, list[str] | int] = json.loads(found.group(1).replace("&amp;", "&").replace("&lt;", "<")
                                                    .replace("&gt;", ">"))
    return result


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_no_label_leaves_its_box_or_runs_under_a_badge(stack: str, tmp_path: Path) -> None:
    result = run_gate(ROOT, stack)
    assert result.graph is not None
    svg = render_network_svg(result.graph, result.findings)
    assert "VPN</text>" in svg or stack == "dev"  # prod's management subnets carry the VPN badge
    measured = measure(svg, tmp_path)
    texts = measured["texts"]
    assert isinstance(texts, int) and texts > 100  # the whole diagram was measured
    assert measured["outside"] == [] and measured["underBadge"] == []


def test_the_measure_catches_a_label_under_a_badge(tmp_path: Path) -> None:
    """The assertions above can fail: a long label drawn over a badge, and one past its box, are reported."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><g><rect x="0" y="0" width="120" '
           'height="50"/><text x="6" y="40" style="font-size:10px">a label far too long for this box</text></g>'
           '<rect x="80" y="32" width="34" height="15"/><text x="97" y="43" text-anchor="middle">VPN</text></svg>')
    measured = measure(svg, tmp_path)
    assert measured["outside"] == ["a label far too long for this box"]
    assert measured["underBadge"] == ["a label far too long for this box"]
