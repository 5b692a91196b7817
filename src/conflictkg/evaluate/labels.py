"""Gold labels of candidate relations, and relation counts without building a graph.

An article's actors are matched to its gold entities exactly as
:func:`~conflictkg.evaluate.compare.score_graph` matches graph nodes (the actors are mapped
to RDF and matched by Wikidata id and labels). A candidate triple ``(subject key,
predicate, object key)`` then gets the edge's fate under the scoring rules of
``tests/corpus/README.md``: 1 if it hits a required gold relation, 0 if it would be a false
positive, None if it is ignored (an optional relation, or an optional entity at either
end). :meth:`DocumentLabels.counts` counts a set of triples as the scorer does (triples
mapping to the same gold triple count once), so thresholds can be searched without RDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Actor, Document, Extraction
from ..rdf.iri import actor_iri
from ..rdf.mapping import to_graph
from .compare import Counts, Gold, gold_ids
from .gold import RELATION_PREDICATES

GoldKey = tuple[str, str, str]


@dataclass(frozen=True)
class DocumentLabels:
    """Actor keys mapped to gold ids (``""``: optional entity; None: no gold entity) and
    the article's required and optional gold relation triples."""

    ends: dict[str, str | None]
    required: frozenset[GoldKey]
    optional: frozenset[GoldKey]

    @classmethod
    def of(cls, actors: Sequence[Actor], gold: Gold) -> DocumentLabels:
        graph = to_graph([Extraction(Document("labels", ""), tuple(actors))])
        ids = gold_ids(graph, gold)
        ends = {actor.key: ids.get(actor_iri(actor.key)) for actor in actors}
        optional_ids = {e.id for e in gold.entities if e.optional}
        required = {
            edge.key
            for edge in gold.relations
            if not edge.optional and not {edge.s, edge.o} & optional_ids
        }
        optional = {edge.key for edge in gold.relations if edge.optional} - required
        return cls(ends, frozenset(required), frozenset(optional))

    def key(self, subject: str, predicate: str, obj: str) -> GoldKey | None:
        """The gold triple a candidate maps to (an unmatched end stays its own, marked with
        a leading NUL as the scorer marks it), or None if the scorer would ignore it."""
        sid, oid = self.ends.get(subject), self.ends.get(obj)
        if sid == "" or oid == "":
            return None
        key = (sid or "\0" + subject, predicate, oid or "\0" + obj)
        return None if key in self.optional else key

    def label(self, subject: str, predicate: str, obj: str) -> int | None:
        key = self.key(subject, predicate, obj)
        return None if key is None else int(key in self.required)

    def counts(self, triples: Iterable[tuple[str, str, str]]) -> dict[str, Counts]:
        """Per relation predicate, the counts of these triples as :func:`score_graph`
        would give them for a graph holding exactly these edges."""
        keys = {k for s, p, o in triples if (k := self.key(s, p, o)) is not None}
        found = {}
        for predicate in RELATION_PREDICATES:
            hits = sum(1 for k in keys if k[1] == predicate and k in self.required)
            wrong = sum(1 for k in keys if k[1] == predicate and k not in self.required)
            wanted = sum(1 for k in self.required if k[1] == predicate)
            found[predicate] = Counts(hits, wrong, wanted - hits)
        return found
