"""Check a graph against the SHACL shapes (pyshacl) and the OWL ontology (HermiT).

The public face of validation; the work is done in :mod:`conflictkg.shapes` (SHACL) and
:mod:`conflictkg.consistency` (OWL). Callers get two small frozen reports,
:class:`ValidationReport` and :class:`ConsistencyReport`; third-party types stay inside.

Before any data is looked at, :func:`check_ontology_file` and :func:`check_shapes_file` make
sure the ontology and the shapes can be used at all: valid Turtle; an ontology that HermiT
finds consistent and whose every class can have members; shapes that conform to the W3C
SHACL-SHACL shapes and whose ``sh:pattern`` regular expressions compile.

Raises :class:`~conflictkg.errors.ResourceError` when the ontology or the shapes are
missing or malformed, or Java (for HermiT) is missing, and
:class:`~conflictkg.errors.InputError` when the file given to :func:`validate_file` cannot
be read or parsed. Errors name the file and, where known, the line.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from rdflib import RDF, Graph, URIRef
from rdflib.exceptions import Error as RdflibError
from rdflib.namespace import OWL, SH

from ..errors import ConflictKGError, ResourceError
from ..files import UnreadableFile, read_capped
from ..resources import ontology_path, shapes_path
from .batches import DEFAULT_MAX_GRAPH_BYTES, check_dataset, check_graph_file, dataset_from_graph
from .consistency import ConsistencyReport, check_owl
from .shapes import ValidationReport, Violation, check_shapes, compact

__all__ = [
    "ConsistencyReport",
    "ValidationReport",
    "Violation",
    "check_consistency",
    "check_ontology_file",
    "check_shapes_file",
    "load_ontology_graph",
    "load_shapes_graph",
    "validate_file",
    "validate_graph",
]


MAX_RESOURCE_BYTES = 64 * 1024**2
"""An ontology or shapes file is parsed whole by rdflib: larger ones are refused."""


def _read_turtle(path: Path, error: type[ConflictKGError], what: str) -> Graph:
    """Parse a Turtle (or N-Triples) file; errors name the file and, where known, the line.

    Only a regular file of at most :data:`MAX_RESOURCE_BYTES` is read (a FIFO given as
    ``--shapes`` must not hang the command)."""
    try:
        raw = read_capped(path, MAX_RESOURCE_BYTES, f"{what} file")
    except UnreadableFile as exc:
        raise error(str(exc)) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(f"{path}:{line}: the {what} is not valid UTF-8") from exc
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except SyntaxError as exc:  # rdflib's BadSyntax, whose .lines is 0-based
        lineno = getattr(exc, "lines", None)
        why = getattr(exc, "_why", None) or str(exc).splitlines()[0]
        where = f"{path}:{lineno + 1}" if isinstance(lineno, int) else str(path)
        raise error(f"{where}: Turtle syntax error in the {what}: {why}") from exc
    except (ValueError, RdflibError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise error(f"{path}: cannot parse the {what} as Turtle: {first}") from exc
    except RecursionError as exc:  # rdflib's Turtle parser recurses into nested [ ] and ( )
        raise error(f"{path}: the {what} nests blank nodes or lists too deeply") from exc
    return graph


def load_ontology_graph(path: Path | None = None) -> Graph:
    """The OWL ontology as an rdflib graph (default: the bundled ``conflict.ttl``).

    ``owl:imports`` is never followed. Raises :class:`ResourceError` if the file is missing
    or is not valid Turtle; the message names the file and the line.
    """
    return _read_turtle(path or ontology_path(), ResourceError, "ontology")


def load_shapes_graph(path: Path | None = None) -> Graph:
    """The SHACL shapes as an rdflib graph (default: the bundled ``shapes.ttl``).

    Raises :class:`ResourceError` if the file is missing or is not valid Turtle; the message
    names the file and the line.
    """
    return _read_turtle(path or shapes_path(), ResourceError, "shapes")


NATIVE_FROM_TRIPLES = 20_000
"""From this size on, ``validate_graph`` copies a graph into Oxigraph and checks it natively
(:func:`~conflictkg.check.batches.check_dataset`, the same results, 10 to 20 times faster)."""


def validate_graph(
    data: Graph,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    *,
    engine: Literal["auto", "pyshacl", "native"] = "auto",
) -> ValidationReport:
    """Validate ``data`` against the SHACL shapes (default: the bundled ``shapes.ttl``).

    No inference is run: the bundled shapes do not need it. If ``ontology`` is given it is
    mixed into a copy of the data first, so that ``sh:class`` follows its
    ``rdfs:subClassOf``; ``data`` is never modified. ``engine`` picks pyshacl over the
    rdflib graph, or the native check over an Oxigraph copy (``auto``: native for plain
    graphs of :data:`NATIVE_FROM_TRIPLES` triples or more). Raises :class:`ResourceError`
    if the shapes cannot be loaded or used.

    >>> validate_graph(Graph()).conforms
    True
    """
    shapes = shapes if shapes is not None else load_shapes_graph()
    large = type(data) is Graph and len(data) >= NATIVE_FROM_TRIPLES
    if engine == "native" or (engine == "auto" and large):
        return check_dataset(dataset_from_graph(data), shapes, ontology, owl=False).validation
    return check_shapes(data, shapes, ontology)


def check_consistency(data: Graph, ontology: Graph | None = None) -> ConsistencyReport:
    """Check with HermiT that ``data`` is consistent with the ontology (default: bundled).

    Only actor types, actor relations and ``owl:sameAs`` are reasoned over (see
    :func:`conflictkg.consistency.owl_part`). Raises :class:`ResourceError` if Java is
    missing or the reasoner fails; an inconsistency is a report, not an error.
    """
    return check_owl(data, ontology if ontology is not None else load_ontology_graph())


def validate_file(
    path: Path,
    *,
    ontology: Path | None = None,
    shapes: Path | None = None,
    max_bytes: int = DEFAULT_MAX_GRAPH_BYTES,
) -> tuple[ValidationReport, ConsistencyReport]:
    """Validate a Turtle file against the shapes and check it against the ontology.

    ``ontology`` and ``shapes`` default to the bundled files; both are checked first
    (:func:`check_ontology_file`, :func:`check_shapes_file`). Used by
    ``conflictkg validate FILE.ttl``. The file is streamed and checked in batches, HermiT
    sees only its actor layer (:mod:`conflictkg.check.batches`), so files of millions of
    triples are checked in bounded memory. Raises :class:`ResourceError` for a bad
    ontology or shapes file, :class:`InputError` if ``path`` is not a regular file, is
    larger than ``max_bytes``, cannot be read or is not valid Turtle (naming the file and
    the line), and :class:`ResourceError` as :func:`validate_graph` and
    :func:`check_consistency` do.
    """
    ontology_graph = check_ontology_file(ontology)
    shapes_graph = check_shapes_file(shapes)
    checked = check_graph_file(path, shapes_graph, ontology_graph, max_bytes=max_bytes)
    assert checked.consistency is not None
    return checked.validation, checked.consistency


# ------------------------------------------------------------- usable ontology and shapes

_PROBE = "urn:conflictkg:probe:"
_SOUND: set[tuple[str, str]] = set()  # (check, sha256 of the file) that passed in this process
_JAVA_NOISE = re.compile(
    r'^HermiT failed: (?:Exception in thread "[^"]*" )?(?:[\w.$]+: )?(?:Error: )?'
)
_REGEX_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:  # already read once: only a race gets here
        raise ResourceError(f"{path}: cannot be read: {exc.strerror or exc}") from exc


def _line_of(path: Path, *needles: str) -> int | None:
    """The first line of ``path`` holding every needle, preferring one that starts with the
    first (where a subject is declared); ``None`` if there is none."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found = [n for n, line in enumerate(lines, 1) if all(x in line for x in needles)]
    starting = [n for n in found if lines[n - 1].lstrip().startswith(needles[0])]
    best = starting or found
    return best[0] if best else None


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _iri_line(path: Path, graph: Graph, iri: str) -> int | None:
    name = graph.namespace_manager.normalizeUri(URIRef(iri))
    return _line_of(path, name) or _line_of(path, f"<{iri}>")


def _named_classes(graph: Graph) -> list[URIRef]:
    return sorted(
        c
        for c in set(graph.subjects(RDF.type, OWL.Class))
        if isinstance(c, URIRef) and c not in (OWL.Thing, OWL.Nothing)
    )


def _with_probes(graph: Graph, classes: list[URIRef]) -> Graph:
    """``graph`` plus one fresh individual of each of ``classes``."""
    probed = Graph()
    probed += graph
    for index, cls in enumerate(classes):
        probe = URIRef(f"{_PROBE}{index}")
        probed.add((probe, RDF.type, cls))
        probed.add((probe, RDF.type, OWL.NamedIndividual))
    return probed


def _inconsistent(path: Path, graph: Graph, detail: str) -> str:
    """The message for an inconsistent ontology, pointing at the individuals it declares."""
    classes = {*_named_classes(graph), OWL.NamedIndividual}
    individuals = sorted(
        {s for s, c in graph.subject_objects(RDF.type) if c in classes and isinstance(s, URIRef)}
    )
    if not individuals:
        return f"{path}: the ontology is inconsistent: {detail}"
    names = ", ".join(compact(str(i)) for i in individuals[:5])
    line = _iri_line(path, graph, str(individuals[0]))
    return (
        f"{_where(path, line)}: the ontology is inconsistent: {detail}; "
        f"the individuals it declares: {names}"
    )


def _reason(path: Path, graph: Graph) -> None:
    """HermiT: consistent, and every named class satisfiable (probed all at once first)."""
    nothing = Graph()
    try:
        classes = _named_classes(graph)
        if check_owl(nothing, _with_probes(graph, classes)).consistent:
            return
        plain = check_owl(nothing, graph)
        if not plain.consistent:
            raise ResourceError(_inconsistent(path, graph, plain.detail))
        empty = [c for c in classes if not check_owl(nothing, _with_probes(graph, [c])).consistent]
    except ResourceError as exc:
        message = str(exc)
        if message.startswith(f"{path}:"):
            raise
        if not _JAVA_NOISE.match(message):  # Java missing, or owlready2 cannot read it
            raise ResourceError(f"{path}: cannot reason over the ontology: {message}") from exc
        iri = re.search(r"<([^<>\s]+)>", message)
        line = _iri_line(path, graph, iri.group(1)) if iri else None
        reason = compact(_JAVA_NOISE.sub("", message))
        raise ResourceError(f"{_where(path, line)}: HermiT rejects the ontology: {reason}") from exc
    names = ", ".join(compact(str(c)) for c in empty) or "a class"
    line = _iri_line(path, graph, str(empty[0])) if empty else None
    raise ResourceError(
        f"{_where(path, line)}: the ontology is unsatisfiable: {names} can have no members"
    )


def check_ontology_file(path: Path | None = None, *, reason: bool = True) -> Graph:
    """Load the ontology (default: the bundled ``conflict.ttl``) and make sure it is usable.

    It must be valid Turtle (:func:`load_ontology_graph`) and, with ``reason``, HermiT must
    find it consistent with one individual added to each of its named classes: an
    inconsistent ontology, or a class that can have no members (say, a subclass of two
    disjoint classes), is refused. A file that passed is not reasoned over again in the
    same process.

    Raises :class:`ResourceError` naming the file, and the line of the syntax error or of
    the unsatisfiable class where it can be found.
    """
    path = Path(path) if path is not None else ontology_path()
    graph = load_ontology_graph(path)
    if reason:
        key = ("ontology", _digest(path))
        if key not in _SOUND:
            _reason(path, graph)
            _SOUND.add(key)
    return graph


@lru_cache(maxsize=1)
def _shacl_shacl() -> Graph | None:
    """The W3C SHACL-SHACL shapes that pyshacl ships, or ``None`` if they cannot be found."""
    asset = files("pyshacl") / "assets" / "shacl-shacl.ttl"
    try:
        return Graph().parse(data=asset.read_text(encoding="utf-8"), format="turtle")
    except (OSError, SyntaxError, RdflibError):
        return None


def _check_patterns(path: Path, graph: Graph) -> None:
    for shape, pattern in sorted(graph.subject_objects(SH.pattern)):
        flags = 0
        for letter in str(graph.value(shape, SH.flags) or ""):
            flags |= _REGEX_FLAGS.get(letter, 0)
        try:
            re.compile(str(pattern), flags)
        except re.error as exc:
            line = _line_of(path, "pattern", str(pattern)[:40])
            raise ResourceError(
                f"{_where(path, line)}: bad sh:pattern {str(pattern)!r} in the shapes: {exc}"
            ) from exc


def _check_against_shacl_shacl(path: Path, graph: Graph) -> None:
    meta = _shacl_shacl()
    if meta is None:
        return
    report = check_shapes(graph, meta)
    if report.conforms:
        return
    first = report.violations[0]
    needles = [compact(first.path).rpartition(":")[2]] if first.path else []
    if first.value is not None and first.value.startswith('"'):
        needles.append(first.value.split('"')[1])
    elif not first.focus.startswith("_:"):
        needles = [graph.namespace_manager.normalizeUri(URIRef(first.focus))]
    line = _line_of(path, *needles) if needles else None
    what = compact(first.path) if first.path else "a shape"
    value = f" {first.value}" if first.value is not None else ""
    more = len(report.violations) - 1
    rest = f" (and {more} more)" if more else ""
    raise ResourceError(
        f"{_where(path, line)}: the shapes are not valid SHACL: {what}{value}: "
        f"{first.message}{rest}"
    )


def check_shapes_file(path: Path | None = None) -> Graph:
    """Load the SHACL shapes (default: the bundled ``shapes.ttl``) and make sure they are usable.

    They must be valid Turtle (:func:`load_shapes_graph`), conform to the W3C SHACL-SHACL
    shapes (skipped if pyshacl does not ship them), and every ``sh:pattern`` must compile.
    Raises :class:`ResourceError` naming the file and, where it can be found, the line.
    """
    path = Path(path) if path is not None else shapes_path()
    graph = load_shapes_graph(path)
    key = ("shapes", _digest(path))
    if key not in _SOUND:
        _check_patterns(path, graph)
        _check_against_shacl_shacl(path, graph)
        _SOUND.add(key)
    return graph
