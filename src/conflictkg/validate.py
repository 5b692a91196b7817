"""Check a graph against the SHACL shapes (pyshacl) and the OWL ontology (HermiT).

The public face of validation; the work is done in :mod:`conflictkg.shapes` (SHACL) and
:mod:`conflictkg.consistency` (OWL). Callers get two small frozen reports,
:class:`ValidationReport` and :class:`ConsistencyReport`; third-party types stay inside.

Raises :class:`~conflictkg.errors.ResourceError` when the ontology or the shapes are
missing or malformed, or Java (for HermiT) is missing, and
:class:`~conflictkg.errors.InputError` when the file given to :func:`validate_file` cannot
be read or parsed. Parse errors name the file and the line.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.exceptions import Error as RdflibError

from .consistency import ConsistencyReport, check_owl
from .errors import ConflictKGError, InputError, ResourceError
from .resources import ontology_path, shapes_path
from .shapes import ValidationReport, Violation, check_shapes

__all__ = [
    "ConsistencyReport",
    "ValidationReport",
    "Violation",
    "check_consistency",
    "load_ontology_graph",
    "load_shapes_graph",
    "validate_file",
    "validate_graph",
]


def _read_turtle(path: Path, error: type[ConflictKGError], what: str) -> Graph:
    """Parse a Turtle (or N-Triples) file; errors name the file and, where known, the line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(f"{path}: cannot read the {what}: {exc.strerror or exc}") from exc
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


def validate_graph(
    data: Graph, shapes: Graph | None = None, ontology: Graph | None = None
) -> ValidationReport:
    """Validate ``data`` against the SHACL shapes (default: the bundled ``shapes.ttl``).

    No inference is run: the bundled shapes do not need it. If ``ontology`` is given it is
    mixed into a copy of the data first, so that ``sh:class`` follows its
    ``rdfs:subClassOf``; ``data`` is never modified. Raises :class:`ResourceError` if the
    shapes cannot be loaded or used.

    >>> validate_graph(Graph()).conforms
    True
    """
    return check_shapes(data, shapes if shapes is not None else load_shapes_graph(), ontology)


def check_consistency(data: Graph, ontology: Graph | None = None) -> ConsistencyReport:
    """Check with HermiT that ``data`` is consistent with the ontology (default: bundled).

    Only actor types, actor relations and ``owl:sameAs`` are reasoned over (see
    :func:`conflictkg.consistency.owl_part`). Raises :class:`ResourceError` if Java is
    missing or the reasoner fails; an inconsistency is a report, not an error.
    """
    return check_owl(data, ontology if ontology is not None else load_ontology_graph())


def validate_file(path: Path) -> tuple[ValidationReport, ConsistencyReport]:
    """Validate a Turtle file against the shapes and check it against the ontology.

    Used by ``conflictkg validate FILE.ttl``. Raises :class:`InputError` if the file cannot
    be read or is not valid Turtle (naming the file and the line), and
    :class:`ResourceError` as :func:`validate_graph` and :func:`check_consistency` do.
    """
    data = _read_turtle(path, InputError, "graph")
    return validate_graph(data), check_consistency(data)
