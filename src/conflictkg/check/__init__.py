"""Stage 4, check: is a graph well formed?

- ``shapes``: SHACL validation (pyshacl) wrapped into a typed report;
- ``consistency``: OWL consistency of the individuals with HermiT (owlready2);
- ``validate``: loading and checking the ontology and shapes files, and both checks on a graph.

The ontology and shapes ship in the wheel as ``check/ontology/`` (from the repository's
top-level ``ontology/``).

May import: ``conflictkg.rdf`` and ``conflictkg.model``, ``errors``, ``resources``.
"""
