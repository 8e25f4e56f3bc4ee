"""A document's place among the others, as vbpl.vn readers expect it: the documents it rests
on (declaration above decision above plans) and the ones resting on it (local plans below),
both directions followed to the end; a dated history of the document; its validity.

Only the data's ``relations`` (and ``events``, ``validity``) are used: nothing is inferred.
The layout is computed here; ``templates/relations.md.j2`` draws it as SVG at build time,
followed by the same relations as a list."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import dates
from .model import Site

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 240, 52, 24, 56, 8


@dataclass
class Node:
    doc_id: str
    level: int  # 0 the document itself, negative above (what it rests on), positive below
    x: float = 0
    y: float = 0


@dataclass
class Diagram:
    nodes: dict = field(default_factory=dict)  # doc id -> Node
    edges: list = field(default_factory=list)  # (from doc id, to doc id, relation type): from rests on to
    width: float = 0
    height: float = 0

    def rows(self) -> list[tuple[int, list[Node]]]:
        levels = sorted({n.level for n in self.nodes.values()})
        return [(level, [n for n in self.nodes.values() if n.level == level]) for level in levels]


def _targets(site: Site, doc_id: str) -> list[tuple[str, str]]:
    doc = site.documents[doc_id]
    return [(rel["target"].partition("#")[0], rel["type"]) for rel in doc.get("relations", []) if rel["target"].partition("#")[0] in site.documents]


def diagram(site: Site, doc_id: str) -> Diagram:
    """The documents above (followed through `relations`) and below (documents whose
    relations name this one, and so on), laid out in rows, one row per level."""
    d = Diagram()
    d.nodes[doc_id] = Node(doc_id, 0)
    frontier = [doc_id]
    while frontier:  # upwards
        current = frontier.pop(0)
        for target, kind in _targets(site, current):
            d.edges.append((current, target, kind))
            if target not in d.nodes:
                d.nodes[target] = Node(target, d.nodes[current].level - 1)
                frontier.append(target)
    frontier = [doc_id]
    while frontier:  # downwards
        current = frontier.pop(0)
        for other in site.index.related.get(current, []):
            for target, kind in _targets(site, other["id"]):
                if target == current and (other["id"], current, kind) not in d.edges:
                    d.edges.append((other["id"], current, kind))
            if other["id"] not in d.nodes:
                d.nodes[other["id"]] = Node(other["id"], d.nodes[current].level + 1)
                frontier.append(other["id"])
    rows = d.rows()
    widest = max(len(nodes) for _, nodes in rows)
    d.width = widest * BOX_W + (widest - 1) * GAP_X + 2 * MARGIN
    for row, (_, nodes) in enumerate(rows):
        span = len(nodes) * BOX_W + (len(nodes) - 1) * GAP_X
        left = (d.width - span) / 2
        for i, node in enumerate(sorted(nodes, key=lambda n: n.doc_id)):
            node.x, node.y = left + i * (BOX_W + GAP_X), MARGIN + row * (BOX_H + GAP_Y)
    d.height = len(rows) * BOX_H + (len(rows) - 1) * GAP_Y + 2 * MARGIN
    return d


def wrap(text: str, width: int = 30, lines: int = 2) -> list[str]:
    """Words on at most ``lines`` lines of ``width`` characters, the last cut with '…'."""
    out, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def history(site: Site, doc_id: str) -> list[dict]:
    """The document's dated life: issued, took effect, later events from the data, and the
    documents that name it in their relations (dated by their issue). Undated last."""
    doc = site.documents[doc_id]
    found = []
    if doc.get("issued"):  # named as the sources name it: issued, signed, (provisionally) adopted
        found.append({"date": doc["issued"], "type": doc.get("issued_event") or "issued", "first": True})
    if doc.get("effective"):
        found.append({"date": doc["effective"], "type": "effective"})
    for event in doc.get("events", []):
        found.append({"date": event["date"], "type": event["type"], "event": event})
    for other in site.index.related.get(doc_id, []):
        for rel in other.get("relations", []):
            if rel["target"].partition("#")[0] == doc_id:
                found.append({"date": other.get("issued", ""), "type": "related", "other": other, "relation": rel["type"]})
    def key(e: dict) -> tuple:
        return (e["date"] == "", dates.sort_key(e["date"]) if e["date"] else (), 0 if e.get("first") else 1 if e["type"] == "effective" else 2)
    return sorted(found, key=key)
