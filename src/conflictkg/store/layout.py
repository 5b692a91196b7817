"""Where a corpus store keeps its parts, and the names of its graphs.

A corpus store is a folder::

    DIR/manifest.json   the documents, their text hashes and extractions, the links
    DIR/oxigraph/       an Oxigraph store holding the RDF (``oxigraph serve --location``)
    DIR/pending.json    only while a change is being written (see ``corpus``)

In the Oxigraph store each document's statements form a named graph whose name is the
document IRI, and the actor layer (types, labels, links) is the named graph
:data:`ACTORS_GRAPH`. The default graph is empty; query with the union of all graphs as
the default graph (``conflictkg query --store``, ``oxigraph serve --union-default-graph``).
"""

from __future__ import annotations

from pathlib import Path

from ..rdf.vocab import INSTANCE_NS

__all__ = ["ACTORS_GRAPH", "is_corpus_store", "oxigraph_folder"]

ACTORS_GRAPH = str(INSTANCE_NS["graph/actors"])
MANIFEST_FILE = "manifest.json"
OXIGRAPH_FOLDER = "oxigraph"
PENDING_FILE = "pending.json"


def oxigraph_folder(path: Path) -> Path:
    """The Oxigraph store folder inside the corpus store ``path``."""
    return Path(path) / OXIGRAPH_FOLDER


def is_corpus_store(path: Path) -> bool:
    """Whether ``path`` is a corpus store folder (it has a manifest)."""
    return (Path(path) / MANIFEST_FILE).is_file()
