"""Stage 3, rdf: extractions to an RDF graph and the graph to files.

rdflib starts here; nothing here imports spaCy.

- ``vocab``: the closed ``ck:`` vocabulary and the prefix table;
- ``iri``: stable IRIs for actors, documents and statements; safe literals;
- ``mapping``: ``Extraction``\\ s to one graph (actors merged, reified evidence);
- ``serialize``: canonical, deterministic Turtle and atomic writes.

May import: ``conflictkg.model``, ``errors``, ``resources`` (not ``ingest``, not ``extract``).
"""
