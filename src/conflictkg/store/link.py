"""Linking a store's actors to open datasets: crosswalk tables and reconciliation services.

A **crosswalk** is a TSV file a user brings (a Wikidata extract, the UCDP or ACLED actor
lists, a national designation list): a header row naming its columns, then one entity a
line. Columns ``iri`` and ``name`` are required; ``aliases`` (separated by ``;``), ``type``
(``Government``, ``ArmedGroup`` or ``Person``) and ``country`` are optional; others are
ignored. A row matches an actor by name, without case, accents or punctuation:

=====  =====================================================================
score  what matched
=====  =====================================================================
1      the actor's label is the row's name
0.9    the label is one of the row's aliases, or the row's name one of the actor's names
0.8    another of the actor's names is an alias; or, for a row typed Government, the
       actor is a government named as the row's country
=====  =====================================================================

A row without a type scores 0.9 times that. A **reconciliation** service (see
:mod:`conflictkg.store.reconcile`) scores its own candidates.

The best candidate of an actor becomes ``owl:sameAs`` when it is the only one with its
score, its score reaches the threshold (and, from a service, the service calls it a
match); the other candidates scoring at least 0.5 become ``skos:closeMatch`` with their
score. A type clash (the row's type, or the service's type, is not the actor's) never links;
nor does a second Wikidata entity for an actor that has one. Two actors ``owl:sameAs`` one
entity are both demoted to ``skos:closeMatch``. Links are checked like documents (SHACL,
HermiT) before they enter the store; a new run from the same table or service replaces
the links it made before.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from ..errors import InputError, ResourceError
from ..model import Actor, ActorType
from ..rdf.links import ActorLink
from ..rdf.vocab import WIKIDATA_ENTITY
from ..resources import data_path, read_tsv
from .corpus import open_store
from .http import Retry
from .reconcile import Candidate, Reconciler

__all__ = ["CrosswalkRow", "LinkReport", "link_store", "read_crosswalk", "read_type_table"]

PROPOSE = 0.5
CACHE_FILE = "reconcile-cache.json"
_PUNCTUATION = re.compile(r"[^\w\s]")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bf\u02be`]")


def normalize(name: str) -> str:
    """A name for comparison: no case, accents, apostrophes, leading "the" or extra space;
    other punctuation is a space ("Kata'ib" is "kataib", "al-Saidi" is "al saidi")."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(_PUNCTUATION.sub(" ", _APOSTROPHES.sub("", text)).split())
    return text.removeprefix("the ")


@dataclass(frozen=True)
class CrosswalkRow:
    """One entity of a crosswalk table, with the line it is on."""

    line: int
    iri: str
    name: str
    aliases: tuple[str, ...] = ()
    type: ActorType | None = None
    country: str | None = None


def read_crosswalk(path: Path) -> list[CrosswalkRow]:
    """The rows of a crosswalk TSV file (see the module documentation).

    Raises:
        InputError: unreadable file, missing ``iri``/``name`` column, a row without an
            absolute IRI or a name, or an unknown type; the message names file and line.
    """
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the crosswalk: {exc}") from exc
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip().lower() for h in next(reader, [])]
    for column in ("iri", "name"):
        if column not in header:
            raise InputError(f"{path}:1: the crosswalk header has no {column!r} column")
    rows = []
    for number, fields in enumerate(reader, start=2):
        if not any(f.strip() for f in fields):
            continue
        row = dict(zip(header, (f.strip() for f in fields), strict=False))
        iri, name = row.get("iri", ""), row.get("name", "")
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise InputError(f"{path}:{number}: {iri!r} is not an absolute IRI") from None
        if not name:
            raise InputError(f"{path}:{number}: the row has no name")
        kind = row.get("type") or None
        if kind is not None and kind not in {t.value for t in ActorType}:
            allowed = ", ".join(t.value for t in ActorType)
            raise InputError(f"{path}:{number}: unknown type {kind!r} (use {allowed})")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
        country = row.get("country") or None
        rows.append(
            CrosswalkRow(number, iri, name, aliases, ActorType(kind) if kind else None, country)
        )
    return rows


def _row_score(actor: Actor, row: CrosswalkRow) -> float:
    label, others = normalize(actor.label), {normalize(n) for n in actor.alt_labels}
    name, aliases = normalize(row.name), {normalize(a) for a in row.aliases}
    if label == name:
        score = 1.0
    elif label in aliases or name in others:
        score = 0.9
    elif others & aliases or (
        actor.type is ActorType.GOVERNMENT
        and row.type is ActorType.GOVERNMENT
        and row.country is not None
        and normalize(row.country) in others | {label}
    ):
        score = 0.8
    else:
        return 0.0
    return score if row.type is not None else round(score * 0.9, 2)


@dataclass(frozen=True)
class _Scored:
    target: str
    score: float
    confident: bool  # the source itself is sure (a crosswalk row; a service's "match")
    clash: str | None = None


@dataclass(frozen=True)
class LinkReport:
    """What a link run did: links made (``owl:sameAs``), proposed (``skos:closeMatch``),
    the actors left without a candidate, and the candidates refused for a clash."""

    linked: tuple[tuple[str, ActorLink], ...]
    proposed: tuple[tuple[str, ActorLink], ...]
    left: tuple[str, ...]
    clashes: tuple[str, ...]

    def lines(self) -> list[str]:
        out = [f"linked: {len(self.linked)} (owl:sameAs)"]
        out += [
            f"  {label} -> {link.target} ({link.score:g}, {link.matched_by})"
            for label, link in self.linked
        ]
        out.append(f"proposed: {len(self.proposed)} (skos:closeMatch)")
        out += [
            f"  {label} ~ {link.target} ({link.score:g}, {link.matched_by})"
            for label, link in self.proposed
        ]
        out.append(f"left: {len(self.left)} actors without a candidate")
        out.append(f"clashes: {len(self.clashes)} (never linked)")
        out += [f"  {clash}" for clash in self.clashes]
        return out


def read_type_table(path: Path | None = None) -> dict[str, ActorType]:
    """What a reconciliation service's entity types mean (``data/reconcile_types.tsv``):
    type id, and lowercased type name, to the actor type.

    Raises:
        ResourceError: the file is missing or malformed (naming file and line).
    """
    table: dict[str, ActorType] = {}
    path = path or data_path("store", "reconcile_types.tsv")
    for number, row in read_tsv(path, ("type_id", "type_name", "actor_type")):
        if row["actor_type"] not in {t.value for t in ActorType}:
            raise ResourceError(f"{path}:{number}: unknown actor type {row['actor_type']!r}")
        table[row["type_id"]] = table[row["type_name"].casefold()] = ActorType(row["actor_type"])
    return table


def _service_scores(actor: Actor, candidates: Sequence[Candidate], url: str) -> list[_Scored]:
    types = read_type_table()
    scored = []
    for candidate in candidates:
        meant = {types.get(i) or types.get(n.casefold()) for i, n in candidate.types} - {None}
        clash = None
        if meant and actor.type not in meant:
            kinds = ", ".join(sorted(t.value for t in meant if t is not None))
            clash = (
                f"{actor.label}: {url} proposes {candidate.iri} of type {kinds}, "
                f"not {actor.type.value}"
            )
        scored.append(_Scored(candidate.iri, candidate.score, candidate.match, clash))
    return scored


def _table_scores(actor: Actor, rows: Sequence[CrosswalkRow], table: Path) -> list[_Scored]:
    scored = []
    for row in rows:
        score = _row_score(actor, row)
        if score <= 0:
            continue
        clash = None
        if row.type is not None and row.type is not actor.type:
            where = f"{table.name}:{row.line}"
            clash = f"{actor.label}: {where} is typed {row.type.value}, not {actor.type.value}"
        scored.append(_Scored(row.iri, score, True, clash))
    return scored


def _decide(
    actor: Actor, scored: Sequence[_Scored], source: str, threshold: float
) -> tuple[list[ActorLink], list[str]]:
    clashes = [s.clash for s in scored if s.clash]
    usable = sorted((s for s in scored if not s.clash), key=lambda s: (-s.score, s.target))
    wikidata = str(WIKIDATA_ENTITY[actor.wikidata]) if actor.wikidata else None
    links: list[ActorLink] = []
    for index, item in enumerate(usable):
        if item.target == wikidata:
            continue  # already linked by the gazetteer
        if wikidata and item.target.startswith(str(WIKIDATA_ENTITY)):
            clashes.append(f"{actor.label}: {source} proposes {item.target}, but it is {wikidata}")
            continue
        unique = index == 0 and (len(usable) == 1 or usable[1].score < item.score)
        exact = unique and item.confident and item.score >= threshold
        if exact or item.score >= PROPOSE:
            links.append(ActorLink(actor.key, item.target, exact, item.score, source))
    return links, clashes


def _one_entity_one_actor(links: Iterable[ActorLink]) -> list[ActorLink]:
    """Demote ``owl:sameAs`` links that would make two actors one."""
    links = list(links)
    shared = Counter(link.target for link in links if link.exact)
    return [
        ActorLink(link.actor, link.target, False, link.score, link.matched_by)
        if link.exact and shared[link.target] > 1
        else link
        for link in links
    ]


def link_store(
    store: Path,
    *,
    table: Path | None = None,
    reconcile: str | None = None,
    threshold: float = 0.9,
    check_owl: bool = True,
    client: httpx.Client | None = None,
    retry: Retry | None = None,
) -> LinkReport:
    """Link the actors of the corpus store ``store`` with a crosswalk ``table`` and/or the
    reconciliation service at ``reconcile`` (see the module documentation).

    Raises:
        InputError: the crosswalk cannot be read.
        StoreError: the store cannot be opened, or the service fails.
        ValidationError: the links would break the shapes or the ontology; none is added.
    """
    rows = read_crosswalk(table) if table is not None else []
    with open_store(store) as corpus:
        actors = corpus.actors
        per_actor: dict[str, list[tuple[str, list[_Scored]]]] = {k: [] for k in actors}
        sources = []
        if table is not None:
            source = f"crosswalk {table.name}"
            sources.append(source)
            for key, actor in actors.items():
                per_actor[key].append((source, _table_scores(actor, rows, table)))
        if reconcile is not None:
            source = f"reconciliation {reconcile}"
            sources.append(source)
            service = Reconciler(reconcile, Path(store) / CACHE_FILE, client=client, retry=retry)
            try:
                found = service.candidates([actors[k].label for k in sorted(actors)])
            finally:
                if client is None:
                    service.close()
            for key, actor in actors.items():
                per_actor[key].append(
                    (source, _service_scores(actor, found[actor.label], reconcile))
                )
        made: list[ActorLink] = []
        clashes: list[str] = []
        for key in sorted(per_actor):
            for source, scored in per_actor[key]:
                links, refused = _decide(actors[key], scored, source, threshold)
                made += links
                clashes += refused
        made = _one_entity_one_actor(made)
        kept = [link for link in corpus.links if link.matched_by not in sources]
        corpus.set_links([*kept, *made], check_owl=check_owl)
    linked_keys = {link.actor for link in made}
    return LinkReport(
        linked=tuple((actors[link.actor].label, link) for link in sorted(made) if link.exact),
        proposed=tuple((actors[link.actor].label, link) for link in sorted(made) if not link.exact),
        left=tuple(sorted(actors[k].label for k in actors if k not in linked_keys)),
        clashes=tuple(sorted(set(clashes))),
    )
