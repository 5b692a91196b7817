"""conflictkg: knowledge graphs of who supports, opposes and designates whom in conflict news.

The pipeline, one module per stage::

    ingest -> extract (nlp, mentions, relations) -> resolve -> link -> mapping -> validate -> export

The public entry points are :func:`conflictkg.build.build_graph` (files in, validated graph out)
and the ``conflictkg`` command (:mod:`conflictkg.cli`).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("conflictkg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
