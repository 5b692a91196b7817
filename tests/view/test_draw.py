"""``conflictkg draw``: the Graphviz picture of a neighbourhood, its style and legend, the
formats, and the errors."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_graph import HEZBOLLAH, IRAN, write_file, write_named_graph_store

from conflictkg.cli import main
from conflictkg.errors import ExportError, QueryError, ResourceError
from conflictkg.store.query import open_store
from conflictkg.view.draw import draw_graph, to_dot
from conflictkg.view.neighbourhood import EdgeFilter, neighbourhood
from conflictkg.view.style import load_style, read_style
from conftest import EXPORT

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_file(tmp_path_factory.mktemp("draw") / "graph.ttl")


def _attributes(source: str, label: str) -> str:
    """The attribute list of the node whose label is ``label`` in DOT source."""
    match = re.search(rf"^\s*(a\d+) \[label=\"?{re.escape(label)}\"?(.*)\]$", source, re.M)
    assert match, f"no node {label!r} in\n{source}"
    return match.group(2)


def _edge(source: str, tail: str, head: str) -> str:
    ids = {
        m.group(2).strip('"'): m.group(1)
        for m in re.finditer(r"^\s*(a\d+) \[label=(\"[^\"]*\"|\S+)", source, re.M)
    }
    match = re.search(rf"^\s*{ids[tail]} -> {ids[head]} \[(.*)\]$", source, re.M)
    assert match, f"no edge {tail} -> {head}"
    return match.group(1)


def test_classes_relations_width_and_legend_follow_the_style(graph_file: Path) -> None:
    style = load_style()
    hood = neighbourhood(open_store(data=graph_file), [IRAN], 1)
    source = to_dot(hood, style, title="Iran").source
    government = style.actor_class("Government")
    assert f'fillcolor="{government.colour}"' in _attributes(source, "Iran")
    assert f"shape={government.shape}" in _attributes(source, "Iran")
    assert "penwidth=3" in _attributes(source, "Iran")  # the centre stands out
    group = style.actor_class("ArmedGroup")
    assert f"shape={group.shape}" in _attributes(source, "Hezbollah")
    supports = _edge(source, "Iran", "Hezbollah")
    opposes = _edge(source, "United States", "Iran")
    assert style.relation("supports").colour in supports and "style=solid" in supports
    assert style.relation("opposes").colour in opposes and "style=dashed" in opposes
    assert "arrowhead=tee" in opposes and "arrowhead=normal" in supports
    # Two sentences make a thicker line than one.
    widths = {
        name: float(re.search(r"penwidth=([\d.]+)", edge).group(1))  # type: ignore[union-attr]
        for name, edge in [("two", supports), ("one", opposes)]
    }
    assert widths["two"] > widths["one"]
    assert "2 sentences" in supports
    legend = source[source.index("legend [label=") :]
    for term in ("government", "armed group", "supports", "opposes", "part of", "2 sentences"):
        assert term in legend
    assert "member of" not in legend  # only what the picture shows


def test_an_svg_of_the_seed_export_has_every_actor_and_the_legend(tmp_path: Path) -> None:
    out = tmp_path / "seed.svg"
    drawing = draw_graph(out, data=EXPORT, actor="Iran")
    svg = ET.parse(out).getroot()
    texts = {"".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Iran", "Iraq", "Kataib Hezbollah", "United States", "Legend"} <= texts
    hood = neighbourhood(open_store(data=EXPORT), [IRAN], 1)
    assert (drawing.actors, drawing.edges) == (len(hood.actors), len(hood.edges))
    titles = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert sum(1 for t in titles if t and "->" in t) == drawing.edges


def test_png_pdf_and_dot_outputs(graph_file: Path, tmp_path: Path) -> None:
    assert draw_graph(tmp_path / "a.png", data=graph_file).output.read_bytes()[:8] == PNG_MAGIC
    assert draw_graph(tmp_path / "a.pdf", data=graph_file).output.read_bytes()[:5] == b"%PDF-"
    dot = draw_graph(tmp_path / "a.dot", data=graph_file).output.read_text(encoding="utf-8")
    assert dot.startswith("digraph conflictkg {")


def test_the_same_graph_gives_the_same_picture(graph_file: Path, tmp_path: Path) -> None:
    first = draw_graph(tmp_path / "1.svg", data=graph_file, actor="Iran", depth=2)
    second = draw_graph(tmp_path / "2.svg", data=graph_file, actor="Iran", depth=2)
    assert first.output.read_bytes() == second.output.read_bytes()


def test_a_store_folder_draws_like_the_file(graph_file: Path, tmp_path: Path) -> None:
    store = write_named_graph_store(tmp_path / "store")
    from_store = draw_graph(tmp_path / "s.dot", store=store, actor="Hezbollah", depth=2)
    from_file = draw_graph(tmp_path / "f.dot", data=graph_file, actor="Hezbollah", depth=2)
    assert from_store.output.read_bytes() == from_file.output.read_bytes()


def test_filters_reach_the_picture(graph_file: Path, tmp_path: Path) -> None:
    drawing = draw_graph(
        tmp_path / "f.dot",
        data=graph_file,
        actor="Iran",
        edge_filter=EdgeFilter(("supports",), 0.85),
    )
    assert (drawing.actors, drawing.edges) == (2, 1)
    hood = neighbourhood(open_store(data=graph_file), [IRAN], 1, EdgeFilter(("supports",), 0.85))
    assert [(e.subject, e.object) for e in hood.edges] == [(IRAN, HEZBOLLAH)]


def test_errors(graph_file: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"'\.jpg'; use one of \.svg, \.png, \.pdf, \.dot"):
        draw_graph(tmp_path / "a.jpg", data=graph_file)
    with pytest.raises(QueryError, match="no actor is called 'Atlantis'"):
        draw_graph(tmp_path / "a.svg", data=graph_file, actor="Atlantis")
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot write"):
        draw_graph(blocked / "a.svg", data=graph_file)
    assert not (tmp_path / "a.svg").exists() and not (tmp_path / "a.jpg").exists()


def test_a_malformed_style_table_is_a_resource_error(tmp_path: Path) -> None:
    header = "kind\tname\tcolour\tshape\tline\tarrow\tlegend\n"
    bad = tmp_path / "style.tsv"
    bad.write_text(header + "relation\tsupports\t#00ff00\t-\twavy\ttriangle\tsupports\n")
    with pytest.raises(ResourceError, match=r"style.tsv:2: .*line 'wavy'.*dashed, dotted, solid"):
        read_style(bad)
    bad.write_text(header + "class\tPerson\tgreen\tellipse\t-\t-\tperson\n")
    with pytest.raises(ResourceError, match="colour 'green' is not #rrggbb"):
        read_style(bad)
    bad.write_text(header + "class\tPerson\t#00ff00\tellipse\t-\t-\tperson\n")
    with pytest.raises(ResourceError, match=r"no style for .*Government.*supports"):
        read_style(bad)


# ------------------------------------------------------------------------------ command


def test_the_command(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "iran.svg"
    args = [
        "draw",
        str(graph_file),
        "-o",
        str(out),
        "--actor",
        "tehran",
        "--depth",
        "2",
        "--relation",
        "supports,opposes",
        "--min-confidence",
        "0.7",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"drawn: {out} (5 actors, 4 relations)\n"
    assert out.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--relation", "backs"], "unknown relation backs"),
        (["--actor", "Atlantis"], "no actor is called 'Atlantis'"),
    ],
)
def test_command_errors_are_one_line(
    graph_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(
        main, ["draw", str(graph_file), "-o", str(tmp_path / "x.svg"), *args]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("conflictkg: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_file_and_store_together_is_a_usage_error(graph_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["draw", str(graph_file), "--store", str(tmp_path), "-o", str(tmp_path / "x.svg")]
    )
    assert result.exit_code == 2 and "either FILE or --store" in result.stderr
