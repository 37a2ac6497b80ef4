"""The network diagram: an SVG drawn from the resource graph (``lz diagram``, and ``lz report``'s HTML).

Plain SVG (no scripts, no external references), the same bytes for the same graph. Every drawn
element carries the URN it stands for (``data-urn``) and a ``<title>`` tooltip; a finding marks the
element it concerns (its resource, else the drawn resource it refers to, else a drawn ancestor).

Layout, top to bottom: the ingress path (internet, WAF, load balancers, target groups, tiers) and
the Client VPN endpoints; the islands side by side, each a grid of tiers (rows) by availability zone
(columns) with its gateways and route tables; the Transit Gateways with their attachments under
their islands, their route tables, and below them exactly the peer paths the routes allow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from xml.sax.saxutils import escape, quoteattr

from lz.diagram_ingress import client_vpns, ingress
from lz.diagram_model import (
    IGW_TYPES,
    LB_TYPES,
    NAT_TYPES,
    PEERING_TYPES,
    ROUTE_TABLE_TYPES,
    SUBNET_TYPES,
    TG_TYPES,
    TGW_ATTACHMENT_TYPES,
    TGW_RT_TYPES,
    TGW_TYPES,
    VPC_TYPES,
    VPN_TYPES,
    WAF_TYPES,
    Island,
    NetworkModel,
    References,
    _islands,
    _peerings,
    _tgw_paths,
    _transit_gateways,
    walk_references,
)
from lz.graph import ResourceGraph

SVG_NS = "http://www.w3.org/2000/svg"
FONT = 11
CHAR = 6.3  # average advance of an 11px sans-serif character, for truncation and box widths
SMALL_CHAR = 5.8  # the same for the 10px "small" text
BADGE_W = 36  # a NAT or VPN badge in a subnet, with its gap
ATTACHMENT_W = 230  # wide enough for "attachment → <island>" and the attachment's name
MARGIN = 24
CELL_W, CELL_H, TIER_W = 186, 50, 96
NODE_W, NODE_H, NODE_GAP_X, NODE_GAP_Y = 220, 58, 84, 14
LINE = 15
ROW_LIMIT = 2300  # islands wrap onto a new row past this width

#: The resources whose findings can concern a drawn element (a bucket's cannot, whatever ids it names).
NETWORK_MODULES = ("aws:ec2/", "aws:ec2transitgateway/", "aws:vpc/", "aws:lb/", "aws:alb/", "aws:elb/", "aws:wafv2/",
                   "aws:ec2clientvpn/", "aws:autoscaling/", "aws:networkfirewall/", "aws:ecs/service:")
#: Which drawn element a finding goes to when its own resource is not drawn: the most specific one it refers to.
_MARK_PRIORITY = (ROUTE_TABLE_TYPES, TGW_RT_TYPES, TGW_ATTACHMENT_TYPES, LB_TYPES, TG_TYPES, WAF_TYPES, VPN_TYPES,
                  ("aws:autoscaling/group:Group", "aws:ecs/service:Service"), NAT_TYPES, IGW_TYPES, SUBNET_TYPES,
                  PEERING_TYPES, TGW_TYPES, VPC_TYPES)

_STYLE = """
text{font-family:DejaVu Sans,Verdana,sans-serif;font-size:11px;fill:#1f2933}
.title{font-size:16px;font-weight:bold}.h{font-weight:bold}.small{font-size:10px;fill:#52606d}
.island>rect.box{fill:#f5f9ff;stroke:#3e6fb0;stroke-width:1.5}
.subnet>rect{stroke:#7b8794;stroke-width:1}.public>rect{fill:#e3f4e4}.private>rect{fill:#fdf3dc}
.isolated>rect{fill:#eceff1}.gw>rect{fill:#ffffff;stroke:#3e6fb0}
.tgw>rect.box{fill:#f4f0fb;stroke:#6b4fa3;stroke-width:1.5}.attachment>rect{fill:#ffffff;stroke:#6b4fa3}
.node>rect{fill:#ffffff;stroke:#52606d}.internet>rect{fill:#e6f0ff}.waf>rect{fill:#fff0e6}
.lb>rect{fill:#eef8ff}.tg>rect{fill:#f7f7f7}.tier>rect{fill:#fdf3dc}.vpn>rect{fill:#eef7ee;stroke:#2f7d32}
.edge{stroke:#52606d;stroke-width:1.3;fill:none}.attach-line{stroke:#6b4fa3;stroke-width:1.2;fill:none}
.peer-path>path{stroke:#6b4fa3;stroke-width:2;fill:none}.peer-path.peering>path{stroke-dasharray:6 3}
.vpn-line{stroke:#2f7d32;stroke-width:1.2;stroke-dasharray:4 3;fill:none}
.violation>rect{stroke:#c62828 !important;stroke-width:2.5 !important}.mark{fill:#c62828}
.mark-text{fill:#ffffff;font-weight:bold;font-size:10px}rect.line{fill:none;stroke:none}
rect.vpn-badge{fill:#eef7ee;stroke:#2f7d32}
"""


class FindingLike(Protocol):
    """What the diagram reads of a finding (``lz.gate.Finding`` has it)."""

    @property
    def urn(self) -> str: ...
    @property
    def policy(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def enforcement_level(self) -> str: ...


def build_model(graph: ResourceGraph) -> NetworkModel:
    """The network ``graph`` declares (see lz.diagram_model)."""
    refs = References(graph)
    island_list = _islands(refs)
    islands = {i.urn: i for i in island_list}
    tgws = _transit_gateways(refs, islands)
    paths = [p for tgw in tgws for p in _tgw_paths(tgw, islands)]
    peerings, peering_paths = _peerings(refs, islands)
    nodes, edges = ingress(refs, island_list)
    return NetworkModel(island_list, tgws, peerings, paths + peering_paths, nodes, edges,
                        client_vpns(refs, island_list))


def element_id(key: str) -> str:
    """A stable XML id for a drawn element (URNs hold characters an id cannot)."""
    return "e" + hashlib.sha1(key.encode()).hexdigest()[:12]


def mark_targets(graph: ResourceGraph, model: NetworkModel,
                 findings: Iterable[FindingLike]) -> dict[str, list[FindingLike]]:
    """Drawn URN -> the findings it shows: the finding's resource, else what it refers to, else an ancestor."""
    refs = References(graph)
    drawn = model.drawn_urns
    marks: dict[str, list[FindingLike]] = {}
    for finding in findings:
        for urn in _concerned(refs, drawn, finding.urn):
            marks.setdefault(urn, []).append(finding)
    return marks


def _concerned(refs: References, drawn: set[str], urn: str) -> list[str]:
    """The drawn elements a finding on ``urn`` is about: itself, else the most specific drawn resource it
    refers to or that refers to it (up to three hops), else nothing. Only network resources are followed:
    a Lambda function that names a VPC id in an environment variable is not on the map."""
    if not urn:
        return []
    if urn in drawn:
        return [urn]
    frontier, seen = [urn], {urn}
    for _hop in range(3):
        found: list[str] = []
        following: list[str] = []
        for current in frontier:
            record = refs.by_urn.get(current)
            if record is None or not record.type.startswith(NETWORK_MODULES):
                continue
            for ref in [*walk_references(refs, record), *refs.referrers(current)]:
                if ref in drawn and ref not in found:
                    found.append(ref)
                elif ref not in seen:
                    seen.add(ref)
                    following.append(ref)
        if found:
            for types in _MARK_PRIORITY:
                best = [u for u in found if refs.by_urn[u].type in types]
                if best:
                    return sorted(best)
            return sorted(found)[:1]
        frontier = following
    return []


def _fit(text: str, width: float, char: float = CHAR) -> str:
    room = max(int(width / char), 4)
    return text if len(text) <= room else text[: room - 1] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass
class _Canvas:
    marks: dict[str, list[FindingLike]]
    parts: list[str] = field(default_factory=list)
    width: float = 0
    height: float = 0
    marked: set[str] = field(default_factory=set)

    def extend(self, x: float, y: float) -> None:
        self.width, self.height = max(self.width, x), max(self.height, y)

    def text(self, x: float, y: float, text: str, width: float, cls: str = "", anchor: str = "start") -> None:
        attrs = f' class="{cls}"' if cls else ""
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        char = SMALL_CHAR if "small" in cls.split() else CHAR
        self.parts.append(f'<text x="{_num(x)}" y="{_num(y)}"{attrs}>{escape(_fit(text, width, char))}</text>')

    def open(self, key: str, cls: str, title: str, urn: str | None, extra: Sequence[str] = ()) -> list[FindingLike]:
        found = list(self.marks.get(urn, [])) if urn else []
        for other in extra:
            found += [f for f in self.marks.get(other, []) if f not in found]
        classes = cls + (" violation" if found else "")
        attrs = f'id="{element_id(key)}" class="{classes}"'
        if urn:
            attrs += f" data-urn={quoteattr(urn)}"
        if extra:
            attrs += f" data-urns={quoteattr(' '.join(extra))}"
        lines = [title] + [f"VIOLATION {f.policy} ({f.enforcement_level}): {f.message}" for f in found]
        self.parts.append(f"<g {attrs}><title>{escape(chr(10).join(lines))}</title>")
        if found:
            self.marked.update(u for u in (urn, *extra) if u)
        return found

    def close(self) -> None:
        self.parts.append("</g>")

    def box(self, x: float, y: float, w: float, h: float, cls: str = "", rx: int = 4) -> None:
        attrs = f' class="{cls}"' if cls else ""
        self.parts.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" rx="{rx}"{attrs}/>')
        self.extend(x + w, y + h)

    def badge(self, x: float, y: float, count: int) -> None:
        self.parts.append(f'<circle class="mark" cx="{_num(x)}" cy="{_num(y)}" r="8"/>')
        self.text(x, y + 3.5, "!" if count == 1 else str(count), 20, "mark-text", "middle")

    def element(self, key: str, cls: str, title: str, urn: str | None, x: float, y: float, w: float, h: float,
                lines: Sequence[tuple[str, str]], extra: Sequence[str] = ()) -> None:
        found = self.open(key, cls, title, urn, extra)
        self.box(x, y, w, h)
        for i, (text, text_cls) in enumerate(lines):
            self.text(x + 6, y + 14 + i * 13, text, w - 12, text_cls)
        if found:
            self.badge(x + w - 4, y + 4, len(found))
        self.close()


def _ingress_columns(model: NetworkModel) -> list[list[str]]:
    keys = [n.key for n in model.ingress_nodes]
    incoming: dict[str, list[str]] = {k: [] for k in keys}
    for edge in model.ingress_edges:
        incoming[edge.target].append(edge.source)
    depth: dict[str, int] = {k: 0 for k in keys if not incoming[k]}
    for _round in range(len(keys)):  # longest path from a root; a cycle cannot push a node past len(keys)
        changed = False
        for edge in model.ingress_edges:
            if edge.source in depth and depth.get(edge.target, -1) < depth[edge.source] + 1 <= len(keys):
                depth[edge.target] = depth[edge.source] + 1
                changed = True
        if not changed:
            break
    for k in keys:
        depth.setdefault(k, 0)
    columns: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for k in keys:
        columns[depth[k]].append(k)
    return columns


def _draw_ingress(c: _Canvas, model: NetworkModel, top: float) -> float:
    nodes = {n.key: n for n in model.ingress_nodes}
    columns = _ingress_columns(model)
    if not columns and not model.vpns:
        return top
    c.text(MARGIN, top + 12, "Ingress path", 400, "h")
    top += 22
    pos: dict[str, tuple[float, float]] = {}
    bottom = top
    for col, keys in enumerate(columns):
        for row, key in enumerate(keys):
            x, y = MARGIN + col * (NODE_W + NODE_GAP_X), top + row * (NODE_H + NODE_GAP_Y)
            pos[key] = (x, y)
            bottom = max(bottom, y + NODE_H)
    for edge in model.ingress_edges:
        (x1, y1), (x2, y2) = pos[edge.source], pos[edge.target]
        sx, sy, tx, ty = x1 + NODE_W, y1 + NODE_H / 2, x2, y2 + NODE_H / 2
        if x2 <= x1:  # a hop back (a cycle the layering could not order): route it under the boxes
            c.parts.append(f'<path class="edge" marker-end="url(#arrow)" '
                           f'd="M{_num(x1 + NODE_W / 2)},{_num(y1 + NODE_H)} V{_num(bottom + 8)} '
                           f'H{_num(x2 + NODE_W / 2)} V{_num(y2 + NODE_H)}"/>')
            continue
        mid = (sx + tx) / 2
        c.parts.append(f'<path class="edge" marker-end="url(#arrow)" d="M{_num(sx)},{_num(sy)} C{_num(mid)},{_num(sy)} '
                       f'{_num(mid)},{_num(ty)} {_num(tx - 2)},{_num(ty)}"><title>{escape(edge.label)}</title></path>')
        if sy == ty:
            c.text(mid, sy - 5, edge.label, NODE_GAP_X - 6, "small", "middle")
    for key in sorted(pos):
        node = nodes[key]
        nx, ny = pos[key]
        urn = node.urns[0] if node.urns else None
        lines = [(node.label, "h"), *[(d, "small") for d in node.detail[:3]]]
        title = "\n".join([node.label, *node.detail])
        c.element(f"ingress:{key}", f"node {node.kind}", title, urn, nx, ny, NODE_W, NODE_H, lines, node.urns[1:])
    x = MARGIN + len(columns) * (NODE_W + NODE_GAP_X)
    for i, vpn in enumerate(model.vpns):
        y = top + i * (NODE_H + NODE_GAP_Y)
        islands = {isl.urn: isl.label for isl in model.islands}
        reach = ", ".join(islands.get(u, "?") for u in vpn.islands) or "no island"
        lines = [(f"Client VPN {vpn.name}", "h"), (f"clients {vpn.client_cidr}", "small"),
                 (f"reaches {reach}", "small")]
        title = f"Client VPN {vpn.name}\nclients {vpn.client_cidr}\nauthorized: {', '.join(vpn.authorized) or 'none'}"
        c.element(f"vpn:{vpn.urn}", "node vpn", title, vpn.urn, x, y, NODE_W, NODE_H, lines)
        bottom = max(bottom, y + NODE_H)
    return bottom + 30


def _island_size(island: Island) -> tuple[float, float]:
    width = TIER_W + max(len(island.azs), 1) * (CELL_W + 6) + 14
    height = 58 + len(island.tiers) * (CELL_H + 6) + 22 + len(island.route_tables) * LINE + 10
    return max(width, 360), height


def _draw_island(c: _Canvas, model: NetworkModel, island: Island, x: float, y: float, vpn_subnets: set[str]) -> None:
    width, height = _island_size(island)
    found = c.open(f"island:{island.urn}", "island", f"VPC {island.label} ({island.name})\n{', '.join(island.cidrs)}",
                   island.urn)
    c.box(x, y, width, height, "box", 8)
    c.text(x + 10, y + 18, f"{island.label}  {', '.join(island.cidrs)}", width - 200, "h")
    c.text(x + 10, y + 33, f"VPC {island.name}: {_count(len(island.subnets), 'subnet')}, "
           f"{_count(len(island.route_tables), 'route table')}",
           width - 20, "small")
    if found:
        c.badge(x + width - 6, y + 6, len(found))
    gx = x + width - 10
    for igw in island.internet_gateways:
        gx -= 96
        c.element(f"igw:{igw}", "gw", f"internet gateway {igw.rsplit('::', 1)[-1]}", igw, gx, y + 8, 90, 22,
                  [("Internet GW", "h")])
    azs = island.azs
    for col, az in enumerate(azs):
        c.text(x + TIER_W + col * (CELL_W + 6) + CELL_W / 2, y + 52, az, CELL_W, "small", "middle")
    tables = {t.urn: t for t in island.route_tables}
    nats = {subnet: urn for urn, subnet in island.nat_gateways if subnet}
    for row, tier in enumerate(island.tiers):
        ty = y + 58 + row * (CELL_H + 6)
        kinds = sorted({s.kind for s in island.subnets if s.tier == tier})
        c.text(x + 10, ty + 20, tier, TIER_W - 14, "h")
        c.text(x + 10, ty + 34, "/".join(kinds), TIER_W - 14, "small")
        for subnet in (s for s in island.subnets if s.tier == tier):
            col = azs.index(subnet.az)
            sx = x + TIER_W + col * (CELL_W + 6)
            same_cell = [s for s in island.subnets if s.tier == tier and s.az == subnet.az]
            h = (CELL_H - 4 * (len(same_cell) - 1)) / len(same_cell)
            sy = ty + same_cell.index(subnet) * (h + 4)
            table = tables.get(subnet.route_table or "")
            rt = table.name if table else "the VPC's implicit main table"
            title = (f"subnet {subnet.name}\n{subnet.cidr} in {subnet.az}, tier {tier} ({subnet.kind})\n"
                     f"route table {rt}")
            lines = [(f"{subnet.cidr}", "h"), (subnet.name, "small")]
            if h >= 40:  # the NAT and VPN badges sit at this line's right end: it stops before them
                room = CELL_W - 12 - BADGE_W * ((subnet.urn in nats) + (subnet.urn in vpn_subnets))
                lines.append((_fit(f"rt {rt}", room, SMALL_CHAR), "small"))
            c.element(f"subnet:{subnet.urn}", f"subnet {subnet.kind}", title, subnet.urn, sx, sy, CELL_W, h, lines)
            badge_x = sx + CELL_W - 6
            if subnet.urn in nats:
                badge_x -= 36
                c.element(f"nat:{nats[subnet.urn]}", "gw", f"NAT gateway {nats[subnet.urn].rsplit('::', 1)[-1]}",
                          nats[subnet.urn], badge_x, sy + h - 18, 34, 15, [])
                c.text(badge_x + 17, sy + h - 7, "NAT", 34, "small", "middle")
            if subnet.urn in vpn_subnets:
                badge_x -= 36
                c.box(badge_x, sy + h - 18, 34, 15, "vpn-badge", 3)
                c.text(badge_x + 17, sy + h - 7, "VPN", 34, "small", "middle")
    ry = y + 58 + len(island.tiers) * (CELL_H + 6) + 14
    c.text(x + 10, ry, "route tables", 200, "h")
    for i, table in enumerate(island.route_tables):
        routes = ", ".join(f"{r.destination} → {r.target_label}" for r in table.routes) or "local only"
        title = f"route table {table.name}{' (main)' if table.main else ''}\n" + "\n".join(
            f"{r.destination} → {r.target_label}" for r in table.routes)
        found_rt = c.open(f"rt:{table.urn}", "route-table", title, table.urn)
        ly = ry + 4 + i * LINE
        c.box(x + 8, ly, width - 16, LINE - 2, "line", 2)
        c.text(x + 12, ly + 10, f"{table.name}: {routes}", width - 40, "small")
        if found_rt:
            c.badge(x + width - 14, ly + 6, len(found_rt))
        c.close()
    c.close()


def _draw_islands(c: _Canvas, model: NetworkModel, top: float) -> tuple[float, dict[str, tuple[float, float, float]]]:
    vpn_subnets = {s for v in model.vpns for s in v.subnets}
    places: dict[str, tuple[float, float, float]] = {}  # island -> (center x, bottom y, left x)
    x, y, row_height = float(MARGIN), top, 0.0
    for island in model.islands:
        width, height = _island_size(island)
        if x > MARGIN and x + width > ROW_LIMIT:
            x, y, row_height = float(MARGIN), y + row_height + 30, 0.0
        _draw_island(c, model, island, x, y, vpn_subnets)
        places[island.urn] = (x + width / 2, y + height, x)
        x += width + 30
        row_height = max(row_height, height)
    return y + row_height + 40, places


def _draw_transit(c: _Canvas, model: NetworkModel, top: float, places: dict[str, tuple[float, float, float]]) -> float:
    labels = {i.urn: i.label for i in model.islands}
    for tgw in model.transit_gateways:
        att_y = top + 34
        xs: dict[str, float] = {}
        free_x = max((p[0] for p in places.values()), default=MARGIN) + 140
        per_island: dict[str, int] = {}
        for att in tgw.attachments:
            if att.vpc in places:
                n = per_island.get(att.vpc, 0)
                per_island[att.vpc] = n + 1
                xs[att.urn] = places[att.vpc][0] + n * (ATTACHMENT_W + 10)  # a second one beside the first
            else:
                xs[att.urn] = free_x
                free_x += ATTACHMENT_W + 10
        right = max([MARGIN + 400.0, *[v + ATTACHMENT_W / 2 + 20 for v in xs.values()]])
        lines = len(tgw.route_tables)
        height = 34 + 44 + 18 + lines * LINE + 12
        found = c.open(f"tgw:{tgw.urn}", "tgw", f"Transit Gateway {tgw.name}", tgw.urn)
        c.box(MARGIN, top, right - MARGIN, height, "box", 8)
        c.text(MARGIN + 10, top + 18, f"Transit Gateway {tgw.name}: {_count(len(tgw.attachments), 'attachment')}, "
               f"{_count(len(tgw.route_tables), 'route table')}", right - MARGIN - 20, "h")
        if found:
            c.badge(right - 6, top + 6, len(found))
        c.close()
        for att in tgw.attachments:
            ax = xs[att.urn]
            if att.vpc in places:
                cx, bottom, _left = places[att.vpc]
                c.parts.append(f'<path class="attach-line" d="M{_num(cx)},{_num(bottom)} V{_num(top - 12)} '
                               f'H{_num(ax)} V{_num(att_y)}"/>')
            where = labels.get(att.vpc or "", att.kind)
            c.element(f"attachment:{att.urn}", "attachment", f"TGW {att.kind} attachment {att.name}\nto {where}",
                      att.urn, ax - ATTACHMENT_W / 2, att_y, ATTACHMENT_W, 40,
                      [(f"attachment → {where}", "h"), (att.name, "small")])
        names = {a.urn: labels.get(a.vpc or "", a.name) for a in tgw.attachments}
        ry = att_y + 44 + 16
        c.text(MARGIN + 10, ry, "TGW route tables", 200, "h")
        for i, table in enumerate(tgw.route_tables):
            assoc = ", ".join(names.get(a, "?") for a in table.associations) or "none"
            props = ", ".join(names.get(a, "?") for a in table.propagations) or "none"
            static = ", ".join(f"{r.destination} → {names.get(r.target or '', r.target_label)}" for r in table.static)
            text = f"{table.name}: associated {assoc}; propagated from {props}"
            text += f"; static {static}" if static else ""
            ly = ry + 4 + i * LINE
            c.open(f"tgw-rt:{table.key}", "tgw-route-table", text, table.urn)
            c.box(MARGIN + 8, ly, right - MARGIN - 16, LINE - 2, "line", 2)
            c.text(MARGIN + 12, ly + 10, text, right - MARGIN - 30, "small")
            c.close()
        top += height + 20
    return top


def _draw_paths(c: _Canvas, model: NetworkModel, top: float, places: dict[str, tuple[float, float, float]]) -> float:
    if not model.paths:
        if model.transit_gateways or model.peerings:
            c.text(MARGIN, top + 12, "Peer paths: none (no route allows one island to reach another)", 900, "h")
            return top + 30
        return top
    c.text(MARGIN, top + 12, "Peer paths (what the routes allow)", 600, "h")
    labels = {i.urn: i.label for i in model.islands}
    top += 24
    for i, path in enumerate(model.paths):
        xa, xb = places[path.a][0], places[path.b][0]
        lane = top + 12 + i * 22
        both = len(path.directions) == 2
        start = ' marker-start="url(#arrow-back)"' if (path.b, path.a) in path.directions else ""
        end = ' marker-end="url(#arrow)"' if (path.a, path.b) in path.directions else ""
        arrows = "⇄" if both else ("→" if end else "←")
        text = f"{labels[path.a]} {arrows} {labels[path.b]} via {path.kind}"
        routes = [f"{labels[s]} → {labels[d]} from {', '.join(path.sources.get((s, d), []))}"
                  for s, d in sorted(path.directions)]
        directions = " ".join(f"{s}>{d}" for s, d in sorted(path.directions))  # URNs hold no space
        c.parts.append(f'<g id="{element_id("path:" + path.via + path.a + path.b)}" class="peer-path {path.kind}" '
                       f"data-a={quoteattr(path.a)} data-b={quoteattr(path.b)} data-via={quoteattr(path.via)} "
                       f"data-directions={quoteattr(directions)}>"
                       f"<title>{escape(chr(10).join([text, *routes]))}</title>")
        c.parts.append(f'<path{start}{end} d="M{_num(xa)},{_num(lane - 8)} V{_num(lane)} H{_num(xb)} '
                       f'V{_num(lane - 8)}"/>')
        c.text(min(xa, xb) + 8, lane - 3, text, abs(xb - xa) - 16, "small")
        c.parts.append("</g>")
        c.extend(max(xa, xb), lane + 4)
    return top + len(model.paths) * 22 + 20


def render_network_svg(graph: ResourceGraph, findings: Iterable[FindingLike] = ()) -> str:
    """The network ``graph`` declares as a standalone SVG document; ``findings`` mark what they concern."""
    model = build_model(graph)
    findings = list(findings)
    c = _Canvas(mark_targets(graph, model, findings))
    c.text(MARGIN, 28, f"Network of {graph.project} / {graph.stack}", 1200, "title")
    subtitle = (f"{_count(len(model.islands), 'VPC')}, {_count(sum(len(i.subnets) for i in model.islands), 'subnet')}, "
                f"{_count(len(model.transit_gateways), 'transit gateway')}, {_count(len(model.paths), 'peer path')}")
    c.text(MARGIN, 46, subtitle, 1200, "small")
    top = 66.0
    if not model.islands:
        other = model.ingress_nodes or model.transit_gateways or model.vpns
        c.text(MARGIN, top + 14, "The program declares no VPC" + (
            " (its subnets are looked up or passed in): only what it declares around them is drawn." if other
            else ": there is no network to draw."), 900, "h")
        top += 30
    top = _draw_ingress(c, model, top)
    top, places = _draw_islands(c, model, top)
    top = _draw_transit(c, model, top, places)
    top = _draw_paths(c, model, top, places)
    elsewhere = [f for f in findings if f.urn and not any(f in c.marks.get(u, []) for u in c.marks)]
    with_urn = sum(1 for f in findings if f.urn)
    if findings:
        c.text(MARGIN, top + 12, f"{with_urn - len(elsewhere)} of {with_urn} findings on resources are marked on "
               f"this map; {len(elsewhere)} concern resources outside the network", 1200, "small")
        top += 24
    width, height = max(c.width, 600) + MARGIN, max(c.height, top) + MARGIN
    head = (f'<svg xmlns="{SVG_NS}" width="{_num(width)}" height="{_num(height)}" '
            f'viewBox="0 0 {_num(width)} {_num(height)}" role="img" aria-label="{escape(subtitle)}">'
            f"<title>{escape(f'Network of {graph.project} / {graph.stack}: {subtitle}')}</title>"
            f"<style>{_STYLE}</style><defs>"
            '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#52606d"/></marker>'
            '<marker id="arrow-back" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="#52606d"/></marker></defs>'
            f'<rect x="0" y="0" width="{_num(width)}" height="{_num(height)}" fill="#ffffff"/>')
    return "\n".join([head, *c.parts, "</svg>"]) + "\n"
