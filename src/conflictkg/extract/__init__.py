"""Stage 2, extract: one ``Document`` in, one ``Extraction`` (actors, relations) out.

spaCy lives here and stops here: nothing outside this stage sees a ``Doc`` or ``Span``.

- ``nlp``: the spaCy pipeline (pinned English model, tokenizer tweaks, gazetteer ruler);
- ``gazetteer``, ``lexicon``: the knowledge files of ``data/`` loaded (actors, cue words);
- ``mentions``, ``nominals``: actor mentions (names, demonyms, metonyms; unnamed groups
  such as "Syrian rebels");
- ``resolve``: one actor per real actor (aliases, anaphora, the army as its state);
- ``arguments``: tokens to actors (coordination, appositions), with ``behind``: the actor
  behind a noun's modifier ("Iraqi troops", "a U.S.-led coalition");
- ``anaphora``: pronouns, "the group", "the two nations", a bare "rebels";
- ``places``, ``scene``, ``holders``, ``segments``: the state a place is in, the state whose
  conflict an article reports (and so of its unnamed "government forces"), who holds a
  place ("rebel-held areas"); bounded pieces of text;
- ``events``, ``modifiers``, ``filters``: armed events, "pro-/anti-" stances, candidate checks;
- ``relations``, ``designation``, ``structure``: the dependency rules;
- ``verb_roles``, ``participants``, ``phrase_roles``, ``syntax``, ``parse_tree``: a cue's
  agents and patients (verbs; nouns and inherited subjects; a bare preposition or an
  adjective; readings of the parse they share, with and without actors);
- ``common_enemy``, ``stances``: support given against a third party, a speaker's "X must
  be defeated";
- ``modality``: negation, denial, hedging and attribution of a clause;
- ``parsing``: texts through the model in shared, bounded batches;
- ``extractor``: the ``Extractor`` that runs them over a document (or several at once);
- ``pairs``, ``paths``: every actor pair of a sentence with features read off the parse,
  and ``scorer``: a learned logistic scorer over them (weights from JSON).

May import: ``conflictkg.ingest`` and ``conflictkg.model``, ``errors``, ``resources``.
"""
