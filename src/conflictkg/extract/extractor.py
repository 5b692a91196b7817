"""One document in, actors and relations out: the extraction stage of the pipeline.

``extract_document`` parses the text (boilerplate masked out, offsets preserved), finds and
resolves actor mentions, runs the relation, designation and structure rules sentence by
sentence, enforces the ontology's type constraints, and returns plain dataclasses: no spaCy
object leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .._version import __version__
from ..ingest.boilerplate import mask_boilerplate
from ..model import Actor, ActorType, Document, Evidence, Extraction, Predicate, Relation
from .arguments import Arguments
from .candidate import Candidate
from .censure import claim_authors, sentence_censures
from .common_enemy import sentence_common_enemies
from .designation import sentence_designations
from .events import sentence_claims, sentence_incitements
from .filters import document_filter, sentence_filter
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import Lexicon, default_lexicon
from .mentions import find_mentions
from .modality import Status
from .modifiers import sentence_modifiers
from .nlp import load_pipeline
from .pairs import CandidateSet, pair_candidates
from .parsing import parse_texts, sized_batches
from .places import Places, default_places
from .relations import sentence_relations
from .resolve import Resolution, focus_state, resolve_mentions
from .salience import armed_by_context, is_salient, private_people, titled_people
from .segments import MAX_CHUNK, MAX_SEGMENT, chunks, evidence_span, segments
from .stances import sentence_stances
from .structure import sentence_structure, title_before

EXTRACTOR = f"conflictkg-rules {__version__}"
_TITLE_CONFIDENCE = 0.8
_PROXY_FACTOR = 0.9


@dataclass(frozen=True)
class Extractor:
    """The loaded resources of the extraction stage (pipeline, gazetteer, lexicon)."""

    nlp: Language
    gazetteer: Gazetteer
    lexicon: Lexicon
    max_chars: int = 0  # longest piece parsed at once; 0: segments.MAX_SEGMENT
    places: Places | None = None
    max_chunk: int = MAX_CHUNK  # longest run of text extracted at once

    @classmethod
    def default(cls) -> Extractor:
        return cls(load_pipeline(), load_gazetteer(), default_lexicon(), places=default_places())

    def parse(self, document: Document) -> Doc:
        """Parse the document's text with boilerplate masked out (offsets unchanged),
        paragraph by paragraph (:func:`~conflictkg.extract.segments.segments`)."""
        return self._parse_text(mask_boilerplate(document.text, document.boilerplate))

    def _parse_text(self, text: str) -> Doc:
        return parse_texts(self.nlp, [self._segments(text)])[0]

    def _segments(self, text: str) -> list[str]:
        return segments(text, min(self.max_chars or MAX_SEGMENT, self.nlp.max_length))

    def extract(self, document: Document) -> Extraction:
        """The actors and relations of one document, read chunk by chunk for a long one."""
        text = mask_boilerplate(document.text, document.boilerplate)
        parts = [
            extract_parsed(
                document, self._parse_text(piece), self.gazetteer, self.lexicon, self.places, offset
            )
            for offset, piece in chunks(text, self.max_chunk)
        ]
        return parts[0] if len(parts) == 1 else merge_chunks(document, parts)

    def extract_many(self, documents: Sequence[Document]) -> list[Extraction]:
        """:meth:`extract` of each document, the model parsing documents no longer than a
        chunk together, a chunk's worth at a time (faster than one by one; the same result)."""
        texts = [mask_boilerplate(d.text, d.boilerplate) for d in documents]
        found: list[Extraction] = []
        pairs = list(zip(documents, texts, strict=True))
        for group in sized_batches(pairs, [len(t) for t in texts], self.max_chunk):
            if len(group[0][1]) > self.max_chunk:  # a long document is a batch of its own
                found.append(self.extract(group[0][0]))
                continue
            docs = parse_texts(self.nlp, [self._segments(text) for _, text in group])
            found += [
                extract_parsed(document, doc, self.gazetteer, self.lexicon, self.places)
                for (document, _), doc in zip(group, docs, strict=True)
            ]
        return found

    def candidates(self, document: Document, *, vectors: bool = False) -> CandidateSet:
        """The rules' extraction with every actor pair of every sentence and its features
        (:mod:`conflictkg.extract.pairs`): what the learned scorer reads."""
        doc = self.parse(document)
        extraction = extract_parsed(document, doc, self.gazetteer, self.lexicon, self.places)
        return pair_candidates(
            document, doc, extraction, self.gazetteer, self.lexicon, vectors=vectors
        )


def merge_chunks(document: Document, parts: list[Extraction]) -> Extraction:
    """One extraction from those of a document's chunks: actors by key (first label and
    type, every other name), every relation."""
    actors: dict[str, Actor] = {}
    for part in parts:
        for actor in part.actors:
            known = actors.get(actor.key)
            if known is None:
                actors[actor.key] = actor
            else:
                names = {*known.alt_labels, *actor.alt_labels, actor.label} - {known.label}
                actors[actor.key] = replace(known, alt_labels=tuple(sorted(names)))
    relations = sorted(
        (r for part in parts for r in part.relations),
        key=lambda r: (r.evidence.begin, r.subject, r.predicate, r.object),
    )
    return Extraction(document, tuple(actors[k] for k in sorted(actors)), tuple(relations))


def _evidence(document: Document, sentence: Span, cue: Token, offset: int) -> Evidence:
    begin, end = evidence_span(
        document.text,
        sentence.start_char + offset,
        sentence.end_char + offset,
        cue.idx + offset,
        cue.idx + len(cue.text) + offset,
    )
    return Evidence(document.identifier, document.text[begin:end], begin, end)


_LED = (ActorType.GOVERNMENT, ActorType.ARMED_GROUP)


def _leaders(
    candidates: Iterable[Candidate], resolution: Resolution, gazetteer: Gazetteer, lexicon: Lexicon
) -> dict[str, str]:
    """Person → the government or armed group they lead: from leaderOf edges read in the
    document, else from the people gazetteer when the person's role is a head of state or
    government ("a U.S. drone strike killed Taliban leader X": the Taliban too)."""
    heads: dict[str, str] = {}
    for c in candidates:
        record = resolution.actors.get(c.object)
        if c.predicate is Predicate.LEADER_OF and record and record.type in _LED:
            heads.setdefault(c.subject, c.object)
    for key in resolution.actors:
        entry = gazetteer.entries.get(key)
        if entry is None or entry.type is not ActorType.PERSON or not entry.parent:
            continue
        if "head" in lexicon.role_classes(entry.role or "") and entry.parent in resolution.actors:
            heads.setdefault(key, entry.parent)
    return heads


def _on_behalf(
    candidate: Candidate, heads: dict[str, str], people: frozenset[str]
) -> list[Candidate]:
    """A leader acts and is acted on for the state or group: "Obama deploys a force to
    retrain Iraqi troops" is also the United States supporting Iraq; "rebels fighting
    Assad" also oppose Syria. Not between people: a president praising or attacking a
    candidate acts for himself."""
    if candidate.predicate not in (Predicate.SUPPORTS, Predicate.OPPOSES):
        return []
    if candidate.subject in people and candidate.object in people:
        return []
    subject = heads.get(candidate.subject, candidate.subject)
    obj = heads.get(candidate.object, candidate.object)
    found = []
    for proxy_subject, proxy_object in dict.fromkeys(
        [(subject, candidate.object), (candidate.subject, obj)]
    ):
        if (proxy_subject, proxy_object) != (candidate.subject, candidate.object):
            confidence = candidate.confidence * _PROXY_FACTOR
            found.append(
                replace(
                    candidate, subject=proxy_subject, object=proxy_object, confidence=confidence
                )
            )
    return found


def _own_head(candidate: Candidate, heads: dict[str, str]) -> bool:
    """Support between a state and its own head ("forces loyal to Erdogan" are Turkey's):
    no news, and a relation the graph already holds as leaderOf."""
    if candidate.predicate is not Predicate.SUPPORTS:
        return False
    return (
        heads.get(candidate.subject) == candidate.object
        or heads.get(candidate.object) == candidate.subject
    )


def _gazetteer_people_edges(
    resolution: Resolution, gazetteer: Gazetteer, doc: Doc, lexicon: Lexicon
) -> list[tuple[str, Predicate, str, int]]:
    """ "President Trump": a head-of-state title on a person the gazetteer knows the country of."""
    found = []
    for index, mention in enumerate(resolution.mentions):
        entry = gazetteer.entries.get(mention.key or "")
        if entry is None or entry.type is not ActorType.PERSON or not entry.parent:
            continue
        title = title_before(mention.span(doc), lexicon)
        if title is not None and title[0] == "head" and entry.parent in resolution.actors:
            found.append(
                (resolution.mention_keys[index], Predicate.LEADER_OF, entry.parent, mention.start)
            )
    return found


def extract_parsed(
    document: Document,
    doc: Doc,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    places: Places | None = None,
    offset: int = 0,
) -> Extraction:
    """Actors and relations of a document (or of its chunk starting at character
    ``offset``) already parsed by the pipeline."""
    boilerplate = [(begin - offset, end - offset) for begin, end in document.boilerplate]
    mentions = find_mentions(doc, gazetteer, lexicon, boilerplate, places)
    resolution = resolve_mentions(doc, mentions, gazetteer, lexicon)
    focus = focus_state(resolution)
    demonyms = {k: d for k in resolution.actors if (d := gazetteer.demonym(k)) is not None}
    args = Arguments(doc, resolution, lexicon, focus, places, demonyms)
    candidates: list[tuple[Candidate, Span]] = []
    claims: list[Candidate] = []
    for sentence in doc.sents:
        claimed = sentence_claims(sentence, args, lexicon)
        claims += claimed
        found = sentence_relations(sentence, args, lexicon) + claimed
        found += sentence_incitements(sentence, args, lexicon)
        found += sentence_modifiers(sentence, args, lexicon)
        found += sentence_designations(sentence, args, lexicon)
        found += sentence_structure(sentence, args, lexicon)
        found += sentence_stances(sentence, args, lexicon)
        found += sentence_common_enemies(found, args, lexicon)
        candidates += [(c, sentence) for c in sentence_filter(found)]
    authors = claim_authors(claims, args, lexicon)
    for sentence in doc.sents:
        censures = sentence_censures(sentence, args, lexicon, authors)
        candidates += [(c, sentence) for c in sentence_filter(censures)]
    for person, predicate, country, start in _gazetteer_people_edges(
        resolution, gazetteer, doc, lexicon
    ):
        candidate = Candidate(person, predicate, country, doc[start], _TITLE_CONFIDENCE, Status())
        candidates.append((candidate, doc[start].sent))
    heads = _leaders((c for c, _ in candidates), resolution, gazetteer, lexicon)
    people = frozenset(k for k, r in resolution.actors.items() if r.type is ActorType.PERSON)
    for candidate, sentence in list(candidates):
        candidates += [(proxy, sentence) for proxy in _on_behalf(candidate, heads, people)]
    candidates = [(c, s) for c, s in candidates if not _own_head(c, heads)]
    kept = {
        id(c)
        for c in document_filter(c for c, _ in candidates)
        if resolution.add_unnamed(c.subject, gazetteer)
        and resolution.add_unnamed(c.object, gazetteer)
    }
    candidates = [(c, sentence) for c, sentence in candidates if id(c) in kept]
    armed = armed_by_context((c for c, _ in candidates), resolution, doc, lexicon)
    titled = titled_people(resolution, doc, lexicon)
    private = private_people(resolution, titled, [c for c, _ in candidates], lexicon)
    relations = _relations(document, candidates, resolution, heads, armed, private, offset)
    in_edges = {key for r in relations for key in (r.subject, r.object)}
    actors = []
    for key in sorted(resolution.actors):
        record = resolution.actors[key]
        salient = is_salient(record, resolution, doc, titled, lexicon, armed)
        if key not in in_edges and not salient:
            continue
        alt = sorted({s for s in record.surfaces if s and s != record.label})
        actor_type = record.type or ActorType.ARMED_GROUP
        actors.append(Actor(key, record.label, actor_type, tuple(alt), record.wikidata))
    return Extraction(document, tuple(actors), relations)


def _relations(
    document: Document,
    candidates: list[tuple[Candidate, Span]],
    resolution: Resolution,
    heads: dict[str, str],
    armed: set[str],
    private: frozenset[str],
    offset: int,
) -> tuple[Relation, ...]:
    """Candidates that fit the ontology, one per triple and evidence sentence (the most
    confident reading), sorted by position."""
    types = {key: record.type for key, record in resolution.actors.items()}
    unknown = {key for key, kind in types.items() if kind is None and key not in armed}
    best: dict[tuple[str, Predicate, str, int], Relation] = {}
    for candidate, sentence in candidates:
        if types.get(candidate.object) is ActorType.PERSON and (
            candidate.predicate is Predicate.DESIGNATED_TERRORIST
        ):
            government = heads.get(candidate.object)  # "which Trump designated": his government
            if government is None:
                continue
            candidate = replace(candidate, object=government)
        if candidate.subject in unknown or candidate.object in unknown:
            continue  # an organisation nothing shows to be armed: a newspaper, a think tank
        if not candidate.predicate.is_structure and (
            candidate.subject in private or candidate.object in private
        ):
            continue
        if candidate.subject == candidate.object or not candidate.predicate.allows(
            types.get(candidate.subject), types.get(candidate.object)
        ):
            continue
        relation = Relation(
            subject=candidate.subject,
            predicate=candidate.predicate,
            object=candidate.object,
            evidence=_evidence(document, sentence, candidate.cue, offset),
            confidence=round(min(1.0, candidate.confidence), 2),
            extractor=EXTRACTOR,
            attribution=candidate.status.attribution,
            attributed_to=candidate.status.attributed_to,
            cue=candidate.cue.text,
        )
        triple = (relation.subject, relation.predicate, relation.object, relation.evidence.begin)
        if triple not in best or relation.confidence > best[triple].confidence:
            best[triple] = relation
    return tuple(
        sorted(best.values(), key=lambda r: (r.evidence.begin, r.subject, r.predicate, r.object))
    )
