"""The one exception hierarchy of conflictkg.

::

    ConflictKGError            root: everything the package raises on purpose
    ├── InputError             a document cannot be read or decoded (names the file)
    ├── ResourceError          the ontology, shapes or a data file is missing or malformed
    ├── ExtractionError        the NLP pipeline cannot be loaded or fails on a document
    ├── ValidationError        a graph does not conform to the shapes or the ontology
    ├── QueryError             a SPARQL query is malformed or asks for a forbidden operation
    ├── ExportError            an export cannot be written
    └── StoreError             a corpus store, a remote store or a linking service fails

Third-party exceptions are translated at the boundary with ``raise ... from exc`` so that
the command line can turn any of these into a one-line message and an exit code.
"""

from __future__ import annotations


class ConflictKGError(Exception):
    """Root of every error conflictkg raises on purpose."""


class InputError(ConflictKGError):
    """A document cannot be read: missing, unreadable, undecodable, empty or binary."""


class ResourceError(ConflictKGError):
    """The ontology, the shapes or a bundled data file is missing or malformed."""


class ExtractionError(ConflictKGError):
    """The NLP pipeline cannot be loaded or fails on a document."""


class ValidationError(ConflictKGError):
    """A graph does not conform to the SHACL shapes or is inconsistent with the ontology."""

    def __init__(self, message: str, violations: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.violations = violations


class QueryError(ConflictKGError):
    """A SPARQL query is malformed or asks for an operation that is not allowed."""


class ExportError(ConflictKGError):
    """An export cannot be written."""


class StoreError(ConflictKGError):
    """A corpus store cannot be opened or changed, or a remote store (Graph Store Protocol)
    or a reconciliation service refuses or fails a request."""
