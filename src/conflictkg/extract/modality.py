"""Is a relation asserted, denied, hedged, or somebody's claim? Read off the clause.

The words come from ``data/modality.tsv``: negations and denials drop the relation, hedges
lower its confidence, and a reporting or claim verb above the cue marks it *attributed*
to that verb's subject ("U.S. officials said ...", "Trump's claim that ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Attribution
from .arguments import Arguments
from .lexicon import Lexicon

# clauses that inherit the negation of the clause they hang off ("does not want to fight");
# a coordinated clause does not ("does not fund Hamas, but it arms Hezbollah")
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl", "csubj"})


@dataclass(frozen=True)
class Status:
    """What the clause around a cue says about the relation."""

    negated: bool = False
    factor: float = 1.0
    attribution: Attribution = Attribution.ASSERTED
    attributed_to: str | None = None


def _speaker(verb: Token, args: Arguments) -> str | None:
    """Who says or claims it: the actor named as the verb's subject, else the subject's words."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "poss", "agent"):
            subject = child
            if child.dep_ == "agent":
                subject = next((g for g in child.children if g.dep_ == "pobj"), child)
            key = args.actor_at(subject)
            if key is None and subject.pos_ == "PRON":
                key = args.antecedent(subject)
            record = args.resolution.actors.get(key) if key else None
            if record is not None:
                return record.label
            return _phrase(subject) or None
    return None


def _phrase(head: Token) -> str:
    """A noun phrase without its clauses and appositions: "A senior Iranian cleric"."""
    dropped = {
        t.i
        for c in head.children
        if c.dep_ in ("relcl", "acl", "appos", "prep", "punct") or (c.i > head.i and c.dep_ == "cc")
        for t in c.subtree
    }
    kept = [t for t in head.subtree if t.i not in dropped]
    return "".join(t.text_with_ws for t in kept).strip(" ,")


def _negated_here(token: Token, lexicon: Lexicon, *, modal: bool = True) -> bool:
    """Whether ``token`` is negated, or (with ``modal``) made a mere possibility by its own
    modal ("could supply", "should deem"; not "could hear [them] battling")."""
    for child in token.children:
        kind = lexicon.modality.get(child.lower_, ("", 1.0))[0]
        if modal and kind == "irrealis" and child.dep_ in ("aux", "advmod", "mark"):
            return True
        following = child.nbor(1).lower_ if child.i + 1 < len(child.doc) else ""
        if following == "only":  # "not only ... but also" asserts both
            continue
        if child.dep_ == "neg" or (kind == "negation" and child.dep_ in ("det", "advmod")):
            return True
    return False


def _hedge_factor(token: Token, lexicon: Lexicon) -> float:
    factor = 1.0
    for child in token.children:
        kind, value = lexicon.modality.get(child.lower_, ("", 1.0))
        if kind in ("hedge", "irrealis") and child.dep_ in ("aux", "advmod", "mark", "acomp"):
            factor *= value
    return factor


_NOMINAL_LINKS = frozenset({"dobj", "pobj", "prep", "nsubjpass", "compound", "amod", "attr"})


def _governing_verb(cue: Token) -> Token | None:
    """The verb a noun or preposition cue is part of an argument of: "take" in "not take
    any action against X", "benefit" in "could benefit from Iranian weapons"."""
    if cue.pos_ not in ("NOUN", "ADP", "ADJ"):
        return None
    current = cue
    for _ in range(4):
        if current.dep_ not in _NOMINAL_LINKS or current.head == current:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _subordinate(verb: Token) -> bool:
    """A clause of its own time or reason: "as the coalition struck", "while X fought"."""
    return any(
        c.dep_ == "mark" and c.lower_ not in ("that", "whether", "if") for c in verb.children
    )


def clause_status(cue: Token, lexicon: Lexicon, args: Arguments) -> Status:
    """Negation, hedging and attribution of the relation cued by ``cue``."""
    if _negated_here(cue, lexicon):
        return Status(negated=True)
    holder = cue.head.head if cue.dep_ == "pobj" and cue.head.lower_ == "of" else None
    if holder is not None and holder.pos_ == "NOUN" and _negated_here(holder, lexicon, modal=False):
        return Status(negated=True)  # "no signs of hostility between X and Y"
    factor = _hedge_factor(cue, lexicon)
    governor = _governing_verb(cue)
    if governor is not None and _negated_here(governor, lexicon):
        return Status(negated=True)  # "decided not to take action against X"
    attribution, speaker = Attribution.ASSERTED, None
    link, current = cue.dep_, cue
    adverbial = False  # crossed an adverbial clause: a denial above it is about another act
    for _ in range(8):
        # "denies supporting the group and accuses Congo of ...": a finite verb coordinated
        # with the denial is an act of its own, as an adverbial clause is
        finite = link == "conj" and current.tag_ in ("VBZ", "VBD", "VBP")
        adverbial = adverbial or link == "advcl" or _subordinate(current) or finite
        head = current.head
        if head == current or current.dep_ in ("nsubj", "nsubjpass"):
            break  # "Moscow's ally Assad rejected the plan": the subject is taken as given
        word = head.lemma_.lower() if head.pos_ != "ADP" else head.lower_
        kind, value = lexicon.modality.get(word, ("", 1.0))
        if kind == "negation" and head.pos_ == "ADP":
            return Status(negated=True)
        if kind == "denial" and not adverbial:  # not "failed to act, as X attacked Y"
            return Status(negated=True)
        if kind == "irrealis" and head.pos_ in ("VERB", "ADJ"):  # "urged Turkey to fight",
            # "it is important for Iran to arm the Houthis"
            return Status(negated=True)
        # "no response from Israel, which has struck X": "no" is the noun's, not the clause's
        negated = link != "relcl" and _negated_here(head, lexicon, modal=False)
        if link in _CLAUSE_LINKS and negated and kind != "report":
            return Status(negated=True)
        if kind in ("claim", "report") and attribution is Attribution.ASSERTED:
            attribution, speaker = Attribution.ATTRIBUTED, _speaker(head, args)
            factor *= value
        factor *= _hedge_factor(head, lexicon)
        link, current = head.dep_, head
    return Status(False, round(factor, 4), attribution, speaker)
