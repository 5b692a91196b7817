"""Stage 5, store: a corpus in a triple store, SPARQL over it, and its way out.

- ``corpus``: the corpus store (``open_store``, ``CorpusStore``): one named graph per
  document plus the actor layer in an embedded Oxigraph store, and its manifest
  (``records``), laid out as ``layout`` says; ``changes`` plans and checks every change;
- ``export``: a store or an RDF file in every format; ``push``: graphs to remote stores
  over the Graph Store Protocol, through ``http`` (time-outs, retries, credentials);
- ``link``: actors linked to other datasets by crosswalk tables and reconciliation
  services (``reconcile``; ``data/reconcile_types.tsv``);
- ``query``: an embedded Oxigraph store (from a file or a store folder) and read-only
  SPARQL, each query first passed by ``query_guard`` (no update, nothing external, nothing
  deep enough to crash the parser);
- ``results``: query results as a table, CSV or JSON, written whole or as rows arrive;
- ``bounded``: a query run in a worker process with a deadline and a memory cap, its rows
  streamed back.

May import: ``conflictkg.check``, ``conflictkg.rdf`` and ``model``, ``errors``,
``resources`` (not ``ingest``, not ``extract``: a store holds graphs, not text).
"""
