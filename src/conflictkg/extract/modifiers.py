"""Stances written as modifiers: "pro-government militias", "anti-Assad rebels", and
joining what a modifier says someone leads: "joined the U.S.-led campaign".

The noun the modifier describes supports ("pro-") or opposes ("anti-") what follows the
hyphen. An unnamed collective ("militias") described this way in an article about one
state becomes that state's: "Syrian pro-government militias". Who joins a campaign or a
coalition another leads supports its leader.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import ActorType, Predicate
from .arguments import Arguments
from .candidate import Candidate
from .lexicon import Lexicon
from .modality import clause_status
from .nlp import HYPHENS
from .participants import subjects

_PREFIXES = {"pro": Predicate.SUPPORTS, "anti": Predicate.OPPOSES}
_CONFIDENCE = 0.8
_JOIN_CONFIDENCE = 0.75


def _described(noun: Token, phrase: Span, args: Arguments) -> list[str]:
    """The actor a "pro-X" noun phrase stands for: the noun's own, else a described group."""
    found = args.actors_of(noun, conjuncts=False)
    people = args.scene.demonym(noun)
    if found or people is None:
        return found
    classes = args.lexicon.noun_classes(noun.lower_)
    if noun.tag_ != "NNS" or "collective" not in classes:
        return []
    written = f"{phrase.text} {noun.lower_}"
    return [args.resolution.add_described(f"{people} {written}", ActorType.ARMED_GROUP, written)]


def _target(word: Token, noun: Token, args: Arguments) -> list[str]:
    """What a stance is toward: "Assad", "government" (the state the article is about);
    not the described noun's own mention ("Pro-government militias" as one name)."""
    own = args.actor_at(noun)
    found = [k for k in args.actors_of(word, conjuncts=False) if k != own]
    named = args.named_at(word)
    if not found and named is not None:
        found = [named]  # "Pro-Russian separatists" named as one group
    if found:
        return found
    classes = args.lexicon.noun_classes(word.lower_)
    if not classes & {"country", "state"}:
        return []
    for child in noun.children:  # "Iraqi pro-government troops": Iraq's government
        key = args.actor_at(child) if child.i < word.i - 2 else None
        if key is not None and args.type_of(key) is ActorType.GOVERNMENT:
            return [key]
    return [args.focus] if args.focus is not None else []


def sentence_modifiers(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """Support and opposition written as "pro-X" and "anti-X" modifiers of a noun."""
    found: list[Candidate] = []
    doc = sentence.doc
    for token in sentence:
        predicate = _PREFIXES.get(token.lower_)
        if predicate is None or token.i + 2 >= sentence.end:
            continue
        hyphen, word = doc[token.i + 1], doc[token.i + 2]
        if hyphen.text not in HYPHENS:
            continue
        noun = word
        while noun.head.i != noun.i and noun.i <= word.i:  # up to the noun described
            noun = noun.head
        if noun.i <= word.i or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        patients = _target(word, noun, args)
        agents = _described(noun, doc[token.i : word.i + 1], args) if patients else []
        status = clause_status(noun, lexicon, args)
        for agent in agents:
            for patient in patients:
                if agent != patient and not status.negated:
                    confidence = _CONFIDENCE * status.factor
                    found.append(Candidate(agent, predicate, patient, token, confidence, status))
    return found + _joined(sentence, args, lexicon)


def _joined(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """ "Germany joined the U.S.-led air strike campaign": Germany supports the U.S."""
    found: list[Candidate] = []
    for verb in sentence:
        if verb.pos_ != "VERB" or "member_verb" not in lexicon.role_classes(verb.lemma_):
            continue
        leaders = [k for c in verb.children if c.dep_ == "dobj" for k in args.led_by(c)]
        if not leaders:
            continue
        status = clause_status(verb, lexicon, args)
        if status.negated:
            continue
        found += [
            Candidate(
                joiner, Predicate.SUPPORTS, leader, verb, _JOIN_CONFIDENCE * status.factor, status
            )
            for joiner in subjects(verb, args)
            for leader in leaders
            if joiner != leader
        ]
    return found
