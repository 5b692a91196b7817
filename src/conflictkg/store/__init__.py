"""Stage 5, store: graphs in a triple store and SPARQL over them.

- ``query``: an embedded Oxigraph store (from a file or a store folder) and guarded
  read-only SPARQL;
- ``results``: query results as a table, CSV or JSON, written whole or as rows arrive;
- ``bounded``: a query run in a worker process with a deadline and a memory cap, its rows
  streamed back.

May import: ``conflictkg.check``, ``conflictkg.rdf`` and ``model``, ``errors``,
``resources`` (not ``ingest``, not ``extract``: a store holds graphs, not text).
"""
