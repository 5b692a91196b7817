"""Stage 1, ingest: files, folders, JSONL records and standard input to ``Document``\\ s.

- ``reader``: finds the inputs and turns each record into a :class:`~conflictkg.model.Document`
  (``read_documents``); one bad record is one :class:`~conflictkg.ingest.reader.InputFailure`;
- ``jsonl``: JSONL corpora streamed line by line, one bad line one failure;
- ``decoding``: strict text decoding (UTF-8, BOMs, UTF-16/32), binary detection;
- ``names``: names as identities (NFKC, invisible characters removed), look-alike scripts;
- ``boilerplate``: bylines, credits and comment prompts found and masked (offsets kept);
- ``data/``: the boilerplate patterns (``boilerplate.tsv``).

May import: ``conflictkg.model``, ``conflictkg.errors``, ``conflictkg.resources``.
"""
