"""See the graph: pictures of neighbourhoods and a browser explorer with the evidence.

- ``style``: how each actor class and relation looks (``data/style.tsv``), shared by the
  picture and the page;
- ``union``: SPARQL over the union of a store's graphs (where pyoxigraph stops);
- ``neighbourhood``: actors found by any of their names and the neighbourhood of some
  actors, as small frozen dataclasses;
- ``evidence``: the sentences behind an edge, with document, date, confidence and
  attribution;
- ``draw``: a neighbourhood laid out by Graphviz, written as SVG, PNG, PDF or DOT;
- ``protocol``: the read-only SPARQL 1.1 Protocol (parameters, content negotiation,
  result formats);
- ``server``: ``/sparql`` and the explorer page (``static/``) over HTTP on 127.0.0.1.

Every query runs over the union of the store's graphs, so the same code reads a Turtle
file (default graph) and a corpus store (one named graph per document).

May import: ``conflictkg.store``, ``conflictkg.check``, ``conflictkg.rdf`` and ``model``,
``errors``, ``resources`` (not ``ingest``, not ``extract``: it shows graphs, not text).
"""
