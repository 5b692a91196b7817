"""Stage 4, check: is a graph well formed?

- ``shapes``: SHACL validation (pyshacl) wrapped into a typed report;
- ``consistency``: OWL consistency of the actor layer; ``hermit``: HermiT run directly (any
  working directory, heap sized from the input);
- ``batches``: both checks over a graph file of any size (streamed into Oxigraph), or over
  batches of a graph made elsewhere (:func:`~conflictkg.check.batches.validate_batches`);
- ``core_shapes``/``core_constraints``: SHACL Core evaluated natively (the components the
  bundled shapes use), ``literal_values`` deciding datatypes and order as pyshacl does;
  ``sparql_shapes``: SHACL-SPARQL constraints, the bundled two computed as set differences
  (``reification``, ``confirmed_links``); ``terms``: Oxigraph and rdflib terms;
- ``validate``: loading and checking the ontology and shapes files, and both checks on a graph.

The ontology and shapes ship in the wheel as ``check/ontology/`` (from the repository's
top-level ``ontology/``).

May import: ``conflictkg.rdf`` and ``conflictkg.model``, ``errors``, ``resources``.
"""
