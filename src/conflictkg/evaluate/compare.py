"""Score an RDF graph of one article against its gold annotation (``tests/corpus/README.md``).

Rules, exactly as the corpus README states them, with the ambiguities resolved here:

1. **Nodes.** Every subject typed ``ck:Government``, ``ck:ArmedGroup``, ``ck:Person`` or
   ``ck:Actor`` is matched to at most one gold entity: by an ``owl:sameAs`` Wikidata IRI
   equal to a gold ``wikidata`` id; failing that (no sameAs, or one to an id the gold does
   not list), by a label equal to a gold name after :func:`~conflictkg.gold.normalise_name`.
   Labels are tried ``rdfs:label`` first, then ``skos:prefLabel``, then ``skos:altLabel``,
   each property's values in sorted order (lexical form, then language tag); the first
   label that matches decides. A name or Wikidata id shared by several gold entities goes
   to the first of them in file order.
2. **Entities.** A matched non-optional gold entity is one hit. Further nodes for it are
   duplicates, counted as false positives; the hit is the node matched by the strongest
   evidence (sameAs, then rdfs:label, prefLabel, altLabel), ties broken by IRI (IRIs before
   blank nodes). A node matching nothing is a false positive; nodes matching optional
   entities are ignored. Type accuracy is over the hits: the node's specific classes
   (``ck:Actor`` only when it has none) must all be among the gold type(s).
3. **Edges.** Each asserted ``supports``/``opposes``/``designatedTerrorist`` triple is mapped
   to gold ids. Touching a node of an optional entity: ignored. In the gold set: a hit; an
   optional gold triple: ignored; anything else, including an edge to an unmatched or
   untyped node: a false positive. Triples are counted after mapping, so two node-level
   triples that map to the same gold triple (duplicate nodes) are **one** hit, and likewise
   one false positive. Recall is over the non-optional gold triples (a triple listed both
   optional and non-optional counts as non-optional; one touching an optional entity
   counts as optional, since no graph edge could hit it). ``structure``
   (``leaderOf``/``memberOf``/``partOf``) is scored the same way, separately.
4. **Confidence.** With ``min_confidence`` > 0 a triple is dropped when every reified
   ``rdf:Statement`` of it has ``ck:confidence`` below the threshold; a triple without a
   statement, or a statement without a numeric confidence, counts as 1.0. Statements whose
   triple is not asserted are not scored.
5. **Arithmetic** (:mod:`conflictkg.scores`): P, R and F1 from summed counts; a zero
   denominator gives 0.0 unless the category is empty on both sides, which gives 1.0.

The score types and the renderers live in :mod:`conflictkg.scores` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import BNode, Literal, Node, URIRef

from ..rdf.vocab import CK
from .gold import (
    RELATION_PREDICATES,
    STRUCTURE_PREDICATES,
    Gold,
    GoldEdge,
    find_gold_for,
    load_gold,
    normalise_name,
    wikidata_id,
)
from .scores import (
    PREDICATES,
    CorpusScore,
    Counts,
    DocumentDetails,
    DocumentScore,
    EdgeDetail,
    EntityCounts,
    NodeDetail,
    micro_average,
    render_details,
    render_json,
    render_table,
    sum_counts,
)

__all__ = [
    "PREDICATES",
    "CorpusScore",
    "Counts",
    "DocumentDetails",
    "DocumentScore",
    "EdgeDetail",
    "EntityCounts",
    "Gold",
    "NodeDetail",
    "find_gold_for",
    "gold_ids",
    "load_gold",
    "micro_average",
    "render_details",
    "render_json",
    "render_table",
    "score_graph",
]

_SPECIFIC_CLASSES: dict[Node, str] = {
    CK.Government: "Government",
    CK.ArmedGroup: "ArmedGroup",
    CK.Person: "Person",
}
_ACTOR_CLASSES = (*_SPECIFIC_CLASSES, CK.Actor)
_LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
_RANK_NAMES = ("owl:sameAs", "rdfs:label", "skos:prefLabel", "skos:altLabel")


@dataclass(frozen=True)
class _Node:
    node: Node
    types: frozenset[Node]
    labels: tuple[tuple[int, str], ...]  # (label property rank 1..3, lexical form), in order
    qids: tuple[str, ...]

    def detail(self, gold_id: str | None = None, rank: int | None = None) -> NodeDetail:
        return NodeDetail(
            node=str(self.node) if isinstance(self.node, URIRef) else "",
            label=self.labels[0][1] if self.labels else "",
            types=tuple(sorted(str(t).rsplit("#", 1)[-1] for t in self.types)),
            gold_id=gold_id,
            matched_by=None if rank is None else _RANK_NAMES[rank],
        )

    def type_names(self) -> frozenset[str]:
        specific = {_SPECIFIC_CLASSES[t] for t in self.types if t in _SPECIFIC_CLASSES}
        return frozenset(specific or {"Actor"})


def _literal_sort_key(value: Literal) -> tuple[str, str]:
    return (str(value), value.language or "")


def _actor_nodes(graph: rdflib.Graph) -> list[_Node]:
    subjects: set[Node] = set()
    for cls in _ACTOR_CLASSES:
        subjects.update(graph.subjects(RDF.type, cls))
    nodes = []
    for subject in subjects:
        labels: list[tuple[int, str]] = []
        for rank, prop in enumerate(_LABEL_PROPERTIES, start=1):
            values = [v for v in graph.objects(subject, prop) if isinstance(v, Literal)]
            labels.extend((rank, str(v)) for v in sorted(values, key=_literal_sort_key))
        qids = {wikidata_id(str(v)) for v in graph.objects(subject, OWL.sameAs)}
        types = frozenset(t for t in graph.objects(subject, RDF.type) if t in _ACTOR_CLASSES)
        nodes.append(_Node(subject, types, tuple(labels), tuple(sorted(q for q in qids if q))))
    return sorted(nodes, key=_node_sort_key)


def _node_sort_key(node: _Node) -> tuple[bool, str, tuple[tuple[int, str], ...], tuple[str, ...]]:
    iri = str(node.node) if isinstance(node.node, URIRef) else ""
    return (isinstance(node.node, BNode), iri, node.labels, tuple(sorted(map(str, node.types))))


def _match(node: _Node, gold: Gold, names: dict[str, tuple[str, ...]]) -> tuple[str, int] | None:
    """(gold entity id, rank) for a node: rank 0 sameAs, 1 rdfs:label, 2 prefLabel, 3 alt."""
    for entity in gold.entities:
        if entity.wikidata is not None and entity.wikidata in node.qids:
            return entity.id, 0
    for rank, label in node.labels:
        ids = names.get(normalise_name(label))
        if ids:
            return ids[0], rank
    return None


def gold_ids(graph: rdflib.Graph, gold: Gold) -> dict[Node, str | None]:
    """Each actor node's gold entity, matched as :func:`score_graph` matches it (rule 1):
    its id, ``""`` for an optional entity, None when it matches nothing."""
    names = gold.name_index()
    optional = {entity.id for entity in gold.entities if entity.optional}
    found: dict[Node, str | None] = {}
    for node in _actor_nodes(graph):
        matched = _match(node, gold, names)
        found[node.node] = None if matched is None else "" if matched[0] in optional else matched[0]
    return found


@dataclass(frozen=True)
class _Statement:
    confidence: float
    text: str


def _statements(graph: rdflib.Graph) -> dict[tuple[Node, Node, Node], list[_Statement]]:
    index: dict[tuple[Node, Node, Node], list[_Statement]] = {}
    for statement, subject in graph.subject_objects(RDF.subject):
        predicate = graph.value(statement, RDF.predicate)
        obj = graph.value(statement, RDF.object)
        if predicate is None or obj is None:
            continue
        confidences = [_float(v) for v in graph.objects(statement, CK.confidence)]
        known = [c for c in confidences if c is not None]
        text = " ".join(sorted(str(v) for v in graph.objects(statement, CK.evidenceText)))
        begin, end = graph.value(statement, CK.beginOffset), graph.value(statement, CK.endOffset)
        shown = f'"{text}"' if text else "(statement without evidence text)"
        if begin is not None and end is not None:
            shown += f" [{begin}-{end}]"
        if known:
            shown += f" confidence {max(known):.2f}"
        entry = _Statement(max(known) if known else 1.0, shown)
        index.setdefault((subject, predicate, obj), []).append(entry)
    return index


def _float(value: Node) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


_Key = tuple[str, str, str]


@dataclass(frozen=True)
class _Mapping:
    """How the graph's nodes map to the gold: what :func:`_score_edges` needs.

    ``ends`` maps each actor node to its gold id: ``None`` for an unmatched node, ``""``
    for a node of an optional entity (in ``optional_ids``).
    """

    ends: dict[Node, str | None]
    displays: dict[Node, str]
    statements: dict[tuple[Node, Node, Node], list[_Statement]]
    optional_ids: frozenset[str]
    min_confidence: float


def _score_edges(
    graph: rdflib.Graph, edges: Sequence[GoldEdge], predicates: Sequence[str], mapping: _Mapping
) -> tuple[dict[str, Counts], list[EdgeDetail], list[EdgeDetail]]:
    """Per-predicate counts, missed gold edges and wrong graph edges of one section.

    A non-optional gold edge touching an optional entity is treated as optional, since a
    graph edge touching that entity is ignored and could never hit it.
    """
    required = {
        edge.key: edge
        for edge in edges
        if not edge.optional and not {edge.s, edge.o} & mapping.optional_ids
    }
    optional = {edge.key for edge in edges if edge.optional} - required.keys()
    hits: set[_Key] = set()
    wrong: dict[_Key, tuple[str, str, list[str]]] = {}
    for p in predicates:
        for s, o in graph.subject_objects(CK[p]):
            found = mapping.statements.get((s, CK[p], o), [])
            if found and max(st.confidence for st in found) < mapping.min_confidence:
                continue
            sid, oid = mapping.ends.get(s), mapping.ends.get(o)
            if sid == "" or oid == "":
                continue  # touches an optional entity
            key = (sid or "\0" + str(s), p, oid or "\0" + str(o))
            if key in required:
                hits.add(key)
            elif key not in optional:
                s_shown = sid or mapping.displays.get(s, f"<{s}>")
                o_shown = oid or mapping.displays.get(o, f"<{o}>")
                entry = wrong.setdefault(key, (s_shown, o_shown, []))
                entry[2].extend(st.text for st in found)
    counts: dict[str, Counts] = {}
    for p in predicates:
        tp = sum(1 for key in hits if key[1] == p)
        fp = sum(1 for key in wrong if key[1] == p)
        fn = sum(1 for key in required if key[1] == p and key not in hits)
        counts[p] = Counts(tp, fp, fn)
    missed = [
        EdgeDetail(edge.s, edge.p, edge.o, (edge.evidence,) if edge.evidence else ())
        for key, edge in required.items()
        if key not in hits
    ]
    wrong_details = [
        EdgeDetail(s_shown, key[1], o_shown, tuple(sorted(texts)))
        for key, (s_shown, o_shown, texts) in wrong.items()
    ]
    return counts, sorted(missed, key=_edge_order), sorted(wrong_details, key=_edge_order)


def _edge_order(edge: EdgeDetail) -> tuple[str, str, str, tuple[str, ...]]:
    return (edge.subject, edge.predicate, edge.object, edge.evidence)


def score_graph(
    graph: rdflib.Graph,
    gold: Gold,
    document: str | None = None,
    *,
    min_confidence: float = 0.0,
) -> DocumentScore:
    """Score one article's graph against its gold annotation (rules: module docstring).

    ``document`` names the row in reports; it defaults to the gold ``doc``.
    """
    names = gold.name_index()
    optional_ids = {entity.id for entity in gold.entities if entity.optional}
    ends: dict[Node, str | None] = {}
    displays: dict[Node, str] = {}
    claimed: dict[str, list[tuple[int, _Node]]] = {}
    false_entities: list[NodeDetail] = []
    for node in _actor_nodes(graph):
        displays[node.node] = node.detail().shown
        matched = _match(node, gold, names)
        if matched is None:
            ends[node.node] = None
            false_entities.append(node.detail())
        elif matched[0] in optional_ids:
            ends[node.node] = ""
        else:
            ends[node.node] = matched[0]
            claimed.setdefault(matched[0], []).append((matched[1], node))

    duplicates: list[NodeDetail] = []
    type_errors: list[tuple[NodeDetail, tuple[str, ...]]] = []
    type_correct = 0
    for entity_id, candidates in claimed.items():
        candidates.sort(key=lambda pair: (pair[0], _node_sort_key(pair[1])))
        rank, hit = candidates[0]
        allowed = gold.entity(entity_id).types
        if hit.type_names() <= set(allowed):
            type_correct += 1
        else:
            type_errors.append((hit.detail(entity_id, rank), allowed))
        duplicates.extend(node.detail(entity_id, r) for r, node in candidates[1:])
    missed_entities = [e.id for e in gold.entities if not e.optional and e.id not in claimed]
    entities = EntityCounts(
        tp=len(claimed),
        fp=len(false_entities) + len(duplicates),
        fn=len(missed_entities),
        duplicates=len(duplicates),
        type_correct=type_correct,
    )

    mapping = _Mapping(ends, displays, _statements(graph), frozenset(optional_ids), min_confidence)
    rel_counts, rel_missed, rel_wrong = _score_edges(
        graph, gold.relations, RELATION_PREDICATES, mapping
    )
    str_counts, str_missed, str_wrong = _score_edges(
        graph, gold.structure, STRUCTURE_PREDICATES, mapping
    )
    per_predicate = {**rel_counts, **str_counts}
    details = DocumentDetails(
        missed_entities=tuple(missed_entities),
        false_entities=tuple(sorted(false_entities, key=_node_detail_order)),
        duplicates=tuple(sorted(duplicates, key=_node_detail_order)),
        type_errors=tuple(sorted(type_errors, key=lambda pair: _node_detail_order(pair[0]))),
        missed_edges=tuple(rel_missed + str_missed),
        wrong_edges=tuple(rel_wrong + str_wrong),
    )
    return DocumentScore(
        document=document if document is not None else gold.doc,
        entities=entities,
        relations=sum_counts(rel_counts.values()),
        structure=sum_counts(str_counts.values()),
        predicates=tuple((p, per_predicate[p]) for p in PREDICATES),
        details=details,
        min_confidence=min_confidence,
    )


def _node_detail_order(detail: NodeDetail) -> tuple[str, str, str]:
    return (detail.gold_id or "", detail.label, detail.node)
