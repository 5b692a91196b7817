"""A neighbourhood as a picture, laid out by Graphviz (the ``graphviz`` Python bindings
over Graphviz's ``dot``).

Nodes are coloured and shaped by class, edges drawn by relation (colour, line, arrowhead
at the object), as thick as their number of evidence sentences, with a legend. The output
format follows the file's extension: ``.svg``, ``.png``, ``.pdf`` or ``.dot`` (the Graphviz
source). The same neighbourhood always gives the same source text.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

import graphviz

from ..errors import ExportError
from ..rdf.serialize import write_bytes_atomic
from ..store.query import open_store
from .neighbourhood import EdgeFilter, Neighbourhood, neighbourhood, resolve_actor
from .style import Style, load_style

__all__ = ["FORMATS", "Drawing", "draw_graph", "to_dot"]

FORMATS = ("svg", "png", "pdf", "dot")
FONT = "DejaVu Sans"
_ARROWS = {
    "triangle": "normal",
    "hollow-triangle": "empty",
    "tee": "tee",
    "diamond": "diamond",
    "hollow-diamond": "odiamond",
}
_LABEL_WIDTH = 18


@dataclass(frozen=True)
class Drawing:
    """What :func:`draw_graph` wrote."""

    output: Path
    actors: int
    edges: int


def _width(sentences: int) -> str:
    """Line width: 1 for one sentence, growing with the logarithm of their number."""
    return f"{1.2 + 1.6 * math.log2(max(sentences, 1)):.1f}"


def _node_id(number: int) -> str:
    return f"a{number}"


# A relation's line and arrowhead drawn with characters, for the legend.
_LINE_GLYPHS = {"solid": "─" * 6, "dashed": "╌" * 6, "dotted": "┈" * 6}
_ARROW_GLYPHS = {
    "triangle": "▶",
    "hollow-triangle": "▷",
    "tee": "┤",
    "diamond": "◆",
    "hollow-diamond": "◇",
}


def _legend(style: Style, hood: Neighbourhood) -> str:
    """The legend, one Graphviz HTML table: the classes and relations the picture shows."""
    kinds = {a.kind for a in hood.actors}
    relations = {e.relation for e in hood.edges}
    rows = ['<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>']
    rows += [
        f'<TR><TD BGCOLOR="{c.colour}" BORDER="1"> </TD>'
        f'<TD ALIGN="LEFT">{html.escape(c.legend)}</TD></TR>'
        for c in style.classes
        if c.name in kinds
    ]
    rows += [
        f'<TR><TD><FONT COLOR="{r.colour}">{_LINE_GLYPHS[r.line]}{_ARROW_GLYPHS[r.arrow]}'
        f'</FONT></TD><TD ALIGN="LEFT">{html.escape(r.legend)}</TD></TR>'
        for r in style.relations
        if r.name in relations
    ]
    most = max((e.sentences for e in hood.edges), default=0)
    for sentences in sorted({1, most} - {0}):
        width = "\u2501" if sentences > 1 else "\u2500"
        rows.append(
            f'<TR><TD>{width * 6}</TD><TD ALIGN="LEFT">{sentences} sentence'
            f"{'s' if sentences > 1 else ''} of evidence</TD></TR>"
        )
    table = "".join(rows)
    return f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" COLOR="#999999">{table}</TABLE>>'


def to_dot(hood: Neighbourhood, style: Style | None = None, title: str = "") -> graphviz.Digraph:
    """The Graphviz graph of ``hood`` (laid out left to right, legend included)."""
    style = style or load_style()
    dot = graphviz.Digraph(name="conflictkg")
    dot.attr(
        rankdir="LR",
        fontname=FONT,
        label=title,
        labelloc="t",
        fontsize="16",
        nodesep="0.25",
        ranksep="0.9",
        bgcolor="white",
    )
    dot.attr("node", fontname=FONT, fontsize="11", style="filled", color="#333333")
    dot.attr("edge", fontname=FONT, fontsize="9")
    ids = {actor.iri: _node_id(number) for number, actor in enumerate(hood.actors)}
    centre = set(hood.centre)
    for actor in hood.actors:
        look = style.actor_class(actor.kind)
        dot.node(
            ids[actor.iri],
            "\n".join(textwrap.wrap(actor.label, _LABEL_WIDTH)) or actor.label,
            shape=look.shape,
            fillcolor=look.colour,
            penwidth="3" if actor.iri in centre else "1",
            tooltip=f"{actor.label} ({look.legend})",
            URL=actor.iri,
        )
    labels = {actor.iri: actor.label for actor in hood.actors}
    for edge in hood.edges:
        line = style.relation(edge.relation)
        sentences = f"{edge.sentences} sentence{'s' if edge.sentences != 1 else ''}"
        sure = f", confidence up to {edge.confidence:.2f}" if edge.confidence is not None else ""
        dot.edge(
            ids[edge.subject],
            ids[edge.object],
            color=line.colour,
            style=line.line,
            arrowhead=_ARROWS[line.arrow],
            penwidth=_width(edge.sentences),
            tooltip=f"{labels[edge.subject]} {line.legend} {labels[edge.object]}: "
            f"{sentences}{sure}",
        )
    dot.node("legend", _legend(style, hood), shape="plaintext", style="solid", fontsize="10")
    return dot


def _render(dot: graphviz.Digraph, output: Path) -> None:
    fmt = output.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ExportError(
            f"{output}: cannot tell the picture format from {output.suffix or 'no extension'!r}; "
            f"use one of {', '.join('.' + f for f in FORMATS)}"
        )
    try:
        data = dot.source.encode("utf-8") if fmt == "dot" else dot.pipe(format=fmt)
    except graphviz.ExecutableNotFound as exc:
        raise ExportError(
            "Graphviz's dot program is not installed (Debian: apt-get install graphviz)"
        ) from exc
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise ExportError(f"{output}: Graphviz failed: {detail}") from exc
    write_bytes_atomic(output, data)


def draw_graph(
    output: Path,
    *,
    data: Path | None = None,
    store: Path | None = None,
    actor: str | None = None,
    depth: int = 1,
    edge_filter: EdgeFilter | None = None,
) -> Drawing:
    """Draw the neighbourhood of ``actor`` (any of its names, or its IRI) to ``depth``, or
    the whole graph without an actor, from the Turtle file ``data`` or the store folder
    ``store``, into ``output`` (format from its extension; written atomically).

    Raises :class:`QueryError` for an unknown or ambiguous actor or an unreadable store,
    :class:`InputError` for a bad data file and :class:`ExportError` when the picture cannot
    be made or written.
    """
    fmt = output.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        _render(graphviz.Digraph(), output)  # raises the error naming the formats
    opened = open_store(data=data, store=store)
    if actor is None:
        hood = neighbourhood(opened, None, edge_filter=edge_filter)
        title = f"{(data or store or output).name}: every actor with a relation"
    else:
        found = resolve_actor(opened, actor)
        hood = neighbourhood(opened, [found.iri], depth, edge_filter)
        title = f"{found.label} and the actors within {depth} step{'s' if depth != 1 else ''}"
    _render(to_dot(hood, title=title), output)
    return Drawing(output, len(hood.actors), len(hood.edges))
