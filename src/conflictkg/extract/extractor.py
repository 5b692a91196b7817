"""One document in, actors and relations out: the extraction stage of the pipeline.

``extract_document`` parses the text (boilerplate masked out, offsets preserved), finds and
resolves actor mentions, runs the relation, designation and structure rules sentence by
sentence, enforces the ontology's type constraints, and returns plain dataclasses: no spaCy
object leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from .._version import __version__
from ..ingest.boilerplate import mask_boilerplate
from ..model import Actor, ActorType, Document, Extraction, Predicate, Relation
from .arguments import Arguments
from .designation import sentence_designations
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import Lexicon, default_lexicon
from .mentions import MentionKind, find_mentions
from .modality import Status
from .nlp import load_pipeline
from .pairs import CandidateSet, pair_candidates, sentence_evidence
from .relations import Candidate, sentence_relations
from .resolve import ActorRecord, Resolution, resolve_mentions
from .structure import sentence_structure, title_before

EXTRACTOR = f"conflictkg-rules {__version__}"
_TITLE_CONFIDENCE = 0.8
_PROXY_FACTOR = 0.9
_FREQUENT = 3  # named this often, a government is an actor of the article
_NAMING = (MentionKind.NAME, MentionKind.ACRONYM, MentionKind.METONYM)


@dataclass(frozen=True)
class Extractor:
    """The loaded resources of the extraction stage (pipeline, gazetteer, lexicon)."""

    nlp: Language
    gazetteer: Gazetteer
    lexicon: Lexicon
    max_chars: int = 0  # longest text parsed in one piece; 0: the pipeline's max_length

    @classmethod
    def default(cls) -> Extractor:
        return cls(load_pipeline(), load_gazetteer(), default_lexicon())

    def parse(self, document: Document) -> Doc:
        """Parse the document's text with boilerplate masked out (offsets unchanged); a text
        longer than the pipeline accepts is parsed paragraph by paragraph and joined."""
        text = mask_boilerplate(document.text, document.boilerplate)
        limit = self.max_chars or self.nlp.max_length
        if len(text) <= limit:
            return self.nlp(text)
        return Doc.from_docs(list(self.nlp.pipe(split_text(text, limit))), ensure_whitespace=False)

    def extract(self, document: Document) -> Extraction:
        return extract_parsed(document, self.parse(document), self.gazetteer, self.lexicon)

    def candidates(self, document: Document, *, vectors: bool = False) -> CandidateSet:
        """The rules' extraction with every actor pair of every sentence and its features
        (:mod:`conflictkg.extract.pairs`): what the learned scorer reads."""
        doc = self.parse(document)
        extraction = extract_parsed(document, doc, self.gazetteer, self.lexicon)
        return pair_candidates(
            document, doc, extraction, self.gazetteer, self.lexicon, vectors=vectors
        )


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back to it exactly,
    at paragraph breaks where possible, else at the last whitespace, else anywhere."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1 or max(window.rfind(" "), window.rfind("\t")) + 1 or limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _leader_governments(
    candidates: Iterable[Candidate], resolution: Resolution, gazetteer: Gazetteer, lexicon: Lexicon
) -> dict[str, str]:
    """Person → the government they head: from leaderOf edges read in the document, else
    from the people gazetteer when the person's role is a head of state or government."""
    heads: dict[str, str] = {}
    for c in candidates:
        record = resolution.actors.get(c.object)
        if c.predicate is Predicate.LEADER_OF and record and record.type is ActorType.GOVERNMENT:
            heads.setdefault(c.subject, c.object)
    for key in resolution.actors:
        entry = gazetteer.entries.get(key)
        if entry is None or entry.type is not ActorType.PERSON or not entry.parent:
            continue
        if "head" in lexicon.role_classes(entry.role or "") and entry.parent in resolution.actors:
            heads.setdefault(key, entry.parent)
    return heads


def _on_behalf(candidate: Candidate, heads: dict[str, str]) -> Candidate | None:
    """A head of state acting acts for the state: "Obama deploys a force to retrain Iraqi
    troops" is also the United States supporting Iraq."""
    government = heads.get(candidate.subject)
    if candidate.predicate not in (Predicate.SUPPORTS, Predicate.OPPOSES) or government is None:
        return None
    return replace(candidate, subject=government, confidence=candidate.confidence * _PROXY_FACTOR)


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


def _armed_by_context(
    candidates: Iterable[Candidate], resolution: Resolution, doc: Doc, lexicon: Lexicon
) -> set[str]:
    """Organisations the named-entity recogniser found that the text shows to be armed: a
    unit or wing of something, a group people command or belong to, or described by an
    armed noun in apposition ("Loyalty Bloc, a militia")."""
    found = {
        key
        for c in candidates
        if c.predicate.is_structure
        for key in (c.subject, c.object)
        if resolution.actors[key].type is None
    }
    for key, record in resolution.actors.items():
        if record.type is not None:
            continue
        if any(resolution.mentions[i].ner_label == "NORP" for i in record.mentions):
            found.add(key)  # "Iraqi Kurds", "the Phalangists": a people or party acting
            continue
        for index in record.mentions:
            root = resolution.mentions[index].root(doc)
            nouns = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                nouns.append(root.head)
            if any(lexicon.noun_classes(n.lower_) & {"armed", "collective"} for n in nouns):
                found.add(key)
    return found


def _titled_people(resolution: Resolution, doc: Doc, lexicon: Lexicon) -> set[str]:
    titled = set()
    for index, mention in enumerate(resolution.mentions):
        if mention.type is not ActorType.PERSON:
            continue
        span = mention.span(doc)
        title = title_before(span, lexicon)
        appos = [c for c in span.root.children if c.dep_ == "appos"]
        observer = any("observer" in lexicon.noun_classes(c.lemma_) for c in appos)
        roles = any(lexicon.role_classes(c.lemma_) for c in appos)
        if (title is not None or roles) and not observer:
            titled.add(resolution.mention_keys[index])
    return titled


def _is_salient(
    record: ActorRecord, resolution: Resolution, doc: Doc, titled: set[str], lexicon: Lexicon
) -> bool:
    if record.type is ActorType.PERSON:
        # "the Biden administration" names a government, not the person as an actor
        as_name = any(
            resolution.mentions[i].root(doc).dep_ not in ("compound", "nmod")
            for i in record.mentions
        )
        return record.key in titled or (record.from_gazetteer and as_name)
    if record.type is ActorType.ARMED_GROUP:
        return record.from_gazetteer or any(
            resolution.mentions[i].kind not in (MentionKind.DEMONYM, MentionKind.NOMINAL)
            for i in record.mentions
        )
    if record.type is ActorType.GOVERNMENT:
        named = [i for i in record.mentions if resolution.mentions[i].kind in _NAMING]
        if len(named) >= _FREQUENT:
            return True  # a state the article keeps coming back to
        for i in named:
            root = resolution.mentions[i].root(doc)
            while root.dep_ == "conj":  # "Turkey and the United States discussed"
                root = root.head
            if root.dep_ in ("poss", "compound") and "state" in lexicon.noun_classes(
                root.head.lower_
            ):
                root = root.head  # "Lebanon's new Cabinet approved"
            if root.dep_ in ("nsubj", "nsubjpass"):
                return True
    return False


def extract_parsed(
    document: Document, doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon
) -> Extraction:
    """Actors and relations of a document already parsed by the pipeline."""
    mentions = find_mentions(doc, gazetteer, lexicon, document.boilerplate)
    resolution = resolve_mentions(doc, mentions, gazetteer)
    args = Arguments(doc, resolution, lexicon)
    candidates: list[tuple[Candidate, Span]] = []
    for sentence in doc.sents:
        for found in (
            sentence_relations(sentence, args, lexicon),
            sentence_designations(sentence, args, lexicon),
            sentence_structure(sentence, args, lexicon),
        ):
            candidates += [(c, sentence) for c in found]
    for person, predicate, country, start in _gazetteer_people_edges(
        resolution, gazetteer, doc, lexicon
    ):
        candidate = Candidate(person, predicate, country, doc[start], _TITLE_CONFIDENCE, Status())
        candidates.append((candidate, doc[start].sent))
    heads = _leader_governments((c for c, _ in candidates), resolution, gazetteer, lexicon)
    for candidate, sentence in list(candidates):
        proxy = _on_behalf(candidate, heads)
        if proxy is not None:
            candidates.append((proxy, sentence))
    relations = _relations(document, candidates, resolution, heads, doc, lexicon)
    in_edges = {key for r in relations for key in (r.subject, r.object)}
    titled = _titled_people(resolution, doc, lexicon)
    actors = []
    for key in sorted(resolution.actors):
        record = resolution.actors[key]
        if key not in in_edges and not _is_salient(record, resolution, doc, titled, lexicon):
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
    doc: Doc,
    lexicon: Lexicon,
) -> tuple[Relation, ...]:
    """Candidates that fit the ontology, one per triple and evidence sentence (the most
    confident reading), sorted by position."""
    types = {key: record.type for key, record in resolution.actors.items()}
    armed = _armed_by_context((c for c, _ in candidates), resolution, doc, lexicon)
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
        if candidate.subject == candidate.object or not candidate.predicate.allows(
            types.get(candidate.subject), types.get(candidate.object)
        ):
            continue
        relation = Relation(
            subject=candidate.subject,
            predicate=candidate.predicate,
            object=candidate.object,
            evidence=sentence_evidence(document, sentence),
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
