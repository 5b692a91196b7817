"""Extraction spread over worker processes or a Dask cluster, results in input order.

Not a stage of its own: it runs stage 2 (extract) on many documents at once.

- ``engine``: :func:`extract_stream`, the one entry point: documents in, one
  ``Extraction`` or ``InputFailure`` per document out, in input order, whatever the number
  of workers or the order in which they finish; batches of documents go to worker
  processes (``engine="local"``), each loading the spaCy pipeline once;
- ``batches``: how documents are cut into batches, and the worker-side function that
  extracts a batch with one document's failure never touching the others;
- ``dask_engine``: the same over a ``dask.distributed`` cluster (``engine="dask"``).

May import: ``conflictkg.ingest``, ``conflictkg.extract``, and ``conflictkg.model``,
``errors``, ``resources``.
"""
