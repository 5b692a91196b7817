"""Stage 6, evaluate: extraction scored against gold annotations (``conflictkg eval``).

- ``gold``: the gold JSON format, read and checked;
- ``scores``: precision, recall and F1 counts, micro averages;
- ``compare``: a graph matched against one gold file (entities, relations, structure);
- ``runner``: each article built on its own and scored, rendered as a table or JSON;
- ``labels``: candidate relations labelled by the gold as the scorer would count them;
- ``training``, ``crossval``: the learned scorer fitted (scikit-learn, ``train`` extra) and
  measured against the rules, leave-one-article-out.

May import: every stage before it (``ingest``, ``extract``, ``rdf``, ``check``,
``store``) and ``model``, ``errors``, ``resources``.
"""
