"""Terrorist designation: "X designated Y a terrorist organization", "the U.S.-designated
terrorist group Y", "Y is considered a terrorist organization by A, B and C".

A designation needs a designation verb (``data/designation.tsv``: designate, deem, list,
consider ...) tied to a terrorism label ("terrorist", "terror") in the same phrase. Verbs
of mere perception ("Turkey sees the group as terrorists") give opposition instead.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Predicate
from .arguments import Arguments
from .candidate import Candidate
from .lexicon import Lexicon
from .modality import Status, clause_status

_DESIGNATION_CONFIDENCE = 0.9
_PERCEPTION_CONFIDENCE = 0.7


def _designation_verb(label: Token, lexicon: Lexicon) -> Token | None:
    """The designation verb governing (or modifying the same noun as) a terrorism label."""
    current = label
    for _ in range(4):
        for candidate in (current, *current.children):
            if candidate.i != label.i and lexicon.designation.get(candidate.lemma_.lower()) in (
                "verb",
                "soft",
            ):
                return candidate
        if current.head == current:
            break
        current = current.head
    return None


def _by_agents(verb: Token, args: Arguments) -> list[str]:
    found: list[str] = []
    for token in verb.subtree:
        if token.dep_ in ("agent", "prep") and token.lower_ == "by" and token.i > verb.i:
            for pobj in token.children:
                if pobj.dep_ == "pobj":
                    found += [k for k in args.actors_of(pobj) if k not in found]
    return found


def _listed_before(verb: Token, args: Arguments) -> list[str]:
    """ "Kataib Hezbollah, designated a terrorist organization by ...": the nearest actor to
    the left of a participle set off by a comma."""
    doc = verb.doc
    i = verb.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    while i >= verb.sent.start:
        key = args.actor_at(doc[i])
        if key is not None:
            return [key]
        if doc[i].is_punct and doc[i].text != ",":
            break
        i -= 1
    return []


def _misparsed_relative(verb: Token, args: Arguments) -> tuple[list[str], list[str]] | None:
    """ "the Houthis, which Trump designated as ...", parsed with the designator as the head
    of the verb and "which" hanging off it: (designators, listed) repaired, or None."""
    head = verb.head
    if verb.dep_ not in ("acl", "relcl") or args.actor_at(head) is None or head.i == 0:
        return None
    relative = head.doc[head.i - 1]
    if relative.lower_ not in ("which", "that", "whom", "who"):
        return None
    antecedent = head.doc[relative.i - 2] if relative.nbor(-1).text == "," else relative.nbor(-1)
    return args.actors_of(head), args.actors_of(antecedent)


def _elliptic(verb: Token, args: Arguments) -> list[tuple[Token, list[str]]]:
    """ "should deem the Kurds terrorists, as it does with the PKK": the clauses that repeat
    the designation, each with the groups it is repeated for (a fact even when the main
    clause is only advice)."""
    found: list[tuple[Token, list[str]]] = []
    for clause in verb.children:
        if clause.dep_ == "advcl" and clause.lemma_ == "do":
            found.append((clause, args.prep_actors(clause, ("with",))))
        elif (
            clause.dep_ == "prep"
            and clause.lower_ == "with"
            and any(c.lemma_ == "do" for c in clause.children)  # "does" parsed as its aux
        ):
            groups = [k for g in clause.children if g.dep_ == "pobj" for k in args.actors_of(g)]
            does = next(c for c in clause.children if c.lemma_ == "do")
            found.append((does, groups))
    return found


def _roles(verb: Token, args: Arguments) -> tuple[list[str], list[str]]:
    """(designators, listed groups) of a designation verb."""
    repaired = _misparsed_relative(verb, args)
    if repaired is not None and repaired[1]:
        return repaired
    return _direct_roles(verb, args)


def _direct_roles(verb: Token, args: Arguments) -> tuple[list[str], list[str]]:
    designators = _by_agents(verb, args)
    listed = [k for c in verb.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)]
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or verb.tag_ == "VBN":
        if not listed and verb.dep_ in ("acl", "amod", "relcl", "appos"):
            listed = args.actors_of(verb.head)
        if not designators:  # "the U.S.-designated terrorist groups Hamas and Hezbollah"
            for child in verb.children:
                if child.i < verb.i and child.dep_ in ("npadvmod", "compound", "nmod", "amod"):
                    designators = args.actors_of(child)
            if designators and not listed:
                listed = args.actors_of(verb.head)
    if designators and not listed:
        # a participle the parser took for a finite verb: "X, designated ... by Y"
        listed = [k for c in verb.children if c.dep_ == "nsubj" for k in args.actors_of(c)]
        if not listed and verb.dep_ in ("acl", "amod", "relcl", "appos"):
            listed = args.actors_of(verb.head)
        listed = listed or _listed_before(verb, args)
    if not designators:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) > 1:  # "which Ankara considers ...": the parser took both for subjects
            subjects = [c for c in subjects if c.tag_ not in ("WDT", "WP")]
        if not subjects and verb.dep_ == "relcl" and verb.pos_ == "NOUN":
            # "which Ankara and Washington list as ...": "list" taken for a noun, its
            # subject for a modifier
            subjects = [c for c in verb.lefts if c.dep_ in ("nmod", "compound", "amod")]
        designators = [k for s in subjects for k in args.actors_of(s)]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
        listed = listed or [k for o in objects for k in args.actors_of(o)]
        if not listed:  # "Ankara considers the YPG a terrorist group": a small clause
            listed = [
                k
                for c in verb.children
                if c.dep_ in ("ccomp", "xcomp")
                for s in c.children
                if s.dep_ == "nsubj"
                for k in args.actors_of(s)
            ]
        if not listed and verb.dep_ == "relcl":  # "the Houthis, which Trump designated"
            listed = args.actors_of(verb.head)
    return designators, [k for k in listed if k not in designators]


def sentence_designations(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """Designation (and perception-as-terrorist) candidates of one sentence."""
    found: list[Candidate] = []
    seen_verbs: set[int] = set()
    for token in sentence:
        if lexicon.designation.get(token.lemma_.lower()) != "label":
            continue
        verb = _designation_verb(token, lexicon)
        if verb is None or verb.i in seen_verbs:
            continue
        seen_verbs.add(verb.i)
        designators, listed = _roles(verb, args)
        readings = [(clause_status(verb, lexicon, args), listed)]
        for clause, groups in _elliptic(verb, args):
            repeated = [k for k in groups if k not in listed and k not in designators]
            readings.append((clause_status(clause, lexicon, args), repeated))
        soft = lexicon.designation.get(verb.lemma_.lower()) == "soft" or _held_view(verb)
        for status, groups in readings:
            if not status.negated:
                found += _candidates(verb, designators, groups, soft, status)
    return found


def _held_view(verb: Token) -> bool:
    """ "Turkey, which considers it a terrorist group": a state's view, as "sees them as
    terrorists" is (opposition); "is considered a terrorist organization by" lists."""
    return verb.lemma_.lower() == "consider" and not any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.children
    )


def _candidates(
    verb: Token, designators: list[str], listed: list[str], soft: bool, status: Status
) -> list[Candidate]:
    found = []
    for designator in designators:
        for group in listed:
            if soft:
                predicate, subject, obj = Predicate.OPPOSES, designator, group
                confidence = _PERCEPTION_CONFIDENCE
            else:
                predicate, subject, obj = Predicate.DESIGNATED_TERRORIST, group, designator
                confidence = _DESIGNATION_CONFIDENCE
            found.append(
                Candidate(subject, predicate, obj, verb, confidence * status.factor, status)
            )
    return found
