"""Anaphora: what "it", "their", "the group", "the two nations" and a bare "rebels" refer to.

Pronouns look in their own sentence first (a subject pronoun continues an earlier subject;
"their" after "A and B" is both), then back over a window of sentences; a definite
description ("the militants") prefers an earlier mention with the same head noun, then the
most talked-about actor of its kind nearby. Look-ups use precomputed indexes and a window.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import ActorType
from .mentions import MentionKind
from .nlp import HYPHENS
from .parse_tree import own_subject, prep_objects
from .resolve import focus_group

if TYPE_CHECKING:
    from .arguments import Arguments

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "theirs"})
_ANAPHOR_WINDOW = 3  # sentences to look back for an antecedent
_DESCRIBED_WINDOW = 20  # sentences to look back for "Syrian rebels" behind "rebels"
_ANAPHOR_CHILD_DEPS = frozenset({"det", "punct", "prep", "relcl", "acl", "appos"})
_COORDINATION = frozenset({"cc", "conj"})
_DESCRIPTIVE = frozenset({"nonstate", "collective"})  # "rebel" in "rebel fighters"
_QUANTIFIERS = frozenset({"all", "any", "some", "many", "most", "several", "other", "no"})
_PEOPLE_ENDINGS = ("ist", "er", "ian", "ant", "ent")  # terrorists, protesters, civilians
_PEOPLE_NOUNS = frozenset({"suspect", "people", "person", "victim", "hostage", "prisoner"})


_LOCATIVE = frozenset({"in", "at", "near", "across", "throughout", "inside", "into", "from"})


def _where(token: Token) -> bool:
    """A token in a place phrase ("in Iraq, Syria and Yemen"): no antecedent."""
    first = token
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    return first.dep_ == "pobj" and first.head.lower_ in _LOCATIVE


class Anaphora:
    """The antecedents of anaphors in one parsed document."""

    def __init__(self, args: Arguments) -> None:
        self.args = args
        self.doc = args.doc
        self.resolution = args.resolution
        self.lexicon = args.lexicon
        self._sentence_starts = [sent.start for sent in self.doc.sents]
        self._mention_starts = [m.start for m in self.resolution.mentions]
        self._key_starts: dict[str, list[int]] = {}
        for mention, key in zip(
            self.resolution.mentions, self.resolution.mention_keys, strict=True
        ):
            self._key_starts.setdefault(key, []).append(mention.start)

    def _sentence_index(self, token_index: int) -> int:
        return max(0, bisect_right(self._sentence_starts, token_index) - 1)

    def preceding_mentions(self, token: Token, window: int = _ANAPHOR_WINDOW) -> Iterable[int]:
        """Mention indices before ``token``, nearest first, within ``window`` sentences."""
        sentence = self._sentence_index(token.i)
        earliest = self._sentence_starts[max(0, sentence - window)]
        low = bisect_left(self._mention_starts, earliest)
        high = bisect_left(self._mention_starts, token.i)
        for index in range(high - 1, low - 1, -1):
            if self.resolution.mentions[index].end <= token.i:
                yield index

    def wanted_types(self, token: Token) -> frozenset[ActorType | None] | None:
        """The actor types an anaphor can refer to, or None if ``token`` is no anaphor."""
        word = token.lower_
        if word in _PERSON_PRONOUNS:
            return frozenset({ActorType.PERSON})
        if word in _THING_PRONOUNS:
            return frozenset({ActorType.GOVERNMENT, ActorType.ARMED_GROUP, None})
        if token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.children):
            return None
        if any(c.dep_ == "appos" and c.left_edge.i == token.i + 1 for c in token.children):
            return None  # "the Sunni jihadist group Islamic State": named right there
        classes = self.lexicon.noun_classes(token.lower_)
        # "the government and its ally Iran": still the government the article means
        allowed = _ANAPHOR_CHILD_DEPS | (_COORDINATION if "country" in classes else frozenset())
        if any(
            c.dep_ not in allowed
            and not (
                c.dep_ in ("amod", "compound", "nmod")
                and "epithet" in self.lexicon.noun_classes(c.lower_)
            )
            and not self._tie(c)  # "the Iranian-backed group" is still the group
            for c in token.children
        ):
            return None  # "the Kurdish group", "the group's" ... : a new description
        if any(self.args.actor_at(o) for o in prep_objects(token, ("of",))):
            return None  # "the government of President Assad" names whose it is
        if "group" in classes:
            return frozenset({ActorType.ARMED_GROUP, None})
        if "country" in classes:
            return frozenset({ActorType.GOVERNMENT})
        return None

    def antecedent(self, token: Token) -> str | None:
        """The actor a pronoun or a definite description ("the group") refers back to."""
        found = self.antecedents(token)
        return found[0] if found else None

    def antecedents(self, token: Token) -> list[str]:
        """The actors an anaphor refers back to: several for "their" after "A and B"."""
        pair = self._pair(token)
        if pair:
            return pair
        wanted = self.wanted_types(token)
        if wanted is None:
            return []
        if token.pos_ == "PRON":
            local = self._in_sentence(token, wanted)
            if local is None:
                return []  # "terrorists ... battling them": people who are no actor
            if local:
                return local
        candidates = list(self.preceding_mentions(token))
        if token.pos_ == "NOUN":
            same = self._same_head(token, self.preceding_mentions(token, _DESCRIBED_WINDOW))
            if same is not None:  # "Houthi militants ... the militants"
                return [same]
            classes = self.args.classes(token)
            if "militant" in classes and "dominant" not in classes and self._called(token) is None:
                # "the rebels" in an article that calls no named group so: the state's rebels
                described = self.described_group(token)
                if described:
                    return described
            if token.tag_ == "NNS" and any(self._tie(c) for c in token.children):
                return []  # "the Iranian-backed militias": others, unless called so before
            # "the group": the most talked-about group nearby, then the nearest
            keys = self.resolution.mention_keys
            candidates.sort(
                key=lambda m: (
                    self.args.type_of(keys[m]) is None,
                    -self._mentions_before(keys[m], token.i),
                )
            )
        elif token.dep_ in ("nsubj", "nsubjpass"):
            chained = self._chained_subject(token, wanted)
            if chained or chained is None:  # "Turkey ... it is fighting IS. It is also ..."
                return chained or []
            # a subject pronoun continues an earlier subject ("..., he said")
            candidates.sort(key=lambda m: not self._is_subject(m))
        elif token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass"):
            # so does the possessor of a subject: "Hezbollah was funded to harass Israel.
            # Its forces were trained by ...": Hezbollah's
            candidates.sort(key=lambda m: not self._is_subject(m))
        keys = [
            self.resolution.mention_keys[index]
            for index in candidates
            if not self._same_phrase(index, token)
        ]
        keys = [k for k in keys if self.args.type_of(k) in wanted]
        home = self.args.scene.placed_state
        if token.pos_ == "NOUN" and wanted == {ActorType.GOVERNMENT}:
            if home in keys:
                return [home]  # "the government" of the state the article's events happen in
            keys = [k for k in keys if not self.args.is_alliance(k)]  # "the military": no UN's
        return keys[:1]

    def _chained_subject(
        self, pronoun: Token, wanted: frozenset[ActorType | None], depth: int = 0
    ) -> list[str] | None:
        """A subject pronoun after one of its kind in the last sentence means the same; None:
        a sentence's first "It" after a sentence about a thing is the thing."""
        sentence = self._sentence_index(pronoun.i)
        if sentence == 0 or depth > 3:
            return []
        previous = self.doc[self._sentence_starts[sentence - 1] : self._sentence_starts[sentence]]
        roots = [t for t in previous if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        thing = bool(roots) and roots[0].pos_ == "NOUN" and pronoun.lower_ == "it"
        if thing and pronoun.i == pronoun.sent.start and not self.args.actors_of(roots[0]):
            return None  # "The deal is opposed by X. It is supported by Y": the deal
        subjects = [t for t in roots if t.pos_ == "PRON"]
        if not subjects or self.wanted_types(subjects[0]) != wanted:
            return []
        earlier = subjects[0]
        local = self._in_sentence(earlier, wanted)
        if local:
            return local
        return self._chained_subject(earlier, wanted, depth + 1) or self.antecedents(earlier)

    def _same_head(self, token: Token, candidates: Iterable[int]) -> str | None:
        """The nearest earlier mention with the same head noun ("Syrian rebels": "rebels")."""
        lemma = token.lemma_.lower()
        for index in candidates:
            mention = self.resolution.mentions[index]
            root = mention.root(self.doc)
            key = self.resolution.mention_keys[index]
            if mention.kind in (MentionKind.NOMINAL, MentionKind.ENTITY) and (
                root.lemma_.lower() == lemma
            ):
                return key
            if (  # "Houthi rebels ... the rebels"
                root.dep_ in ("compound", "amod")
                and root.head.lemma_.lower() == lemma
                and self.args.type_of(key) is not ActorType.GOVERNMENT
            ):
                return key
        return None

    def _called(self, token: Token) -> str | None:
        """A named armed group the article calls by ``token``'s noun anywhere ("Houthi
        rebels" for "rebels", "rebel-held")."""
        return self._same_head(token, range(len(self.resolution.mentions)))

    def _stance(self, modifier: Token) -> bool:
        """ "Turkish-backed", "U.S.-led", "anti-Assad", "pro-government": a modifier saying
        whom the group sides with, not which group it is ("the Turkish-backed rebels" are
        the rebels)."""
        if modifier.dep_ not in ("amod", "compound") or modifier.i == 0:
            return False
        doc = modifier.doc
        if doc[modifier.left_edge.i].lower_ in ("pro", "anti"):
            return True
        return doc[modifier.i - 1].text in HYPHENS and bool(
            self.lexicon.cues_for(modifier.lemma_.lower(), "VERB")
        )

    def _tie(self, modifier: Token) -> bool:
        """A stance or another participle after a hyphen ("al Qaeda-linked", "IS-inspired"):
        whom the group is tied to, not which group it is."""
        hyphenated = modifier.tag_ == "VBN" and modifier.i > 0
        return self._stance(modifier) or (
            hyphenated and modifier.dep_ == "amod" and modifier.nbor(-1).text in HYPHENS
        )

    def described_group(
        self, token: Token, *, singular: bool = False, of_noun: bool = False
    ) -> list[str]:
        """ "rebels", "the rebels", "rebel fighters", "rebel groups" with no other modifier:
        the group the article already described with that noun ("Syrian rebels"), else the
        armed group it is about, else, in an article about one state, that state's ("Syrian
        rebels"). ``singular`` also takes a singular noun ("rebel-held") as its plural;
        ``of_noun``: the modifier of a plural noun ("rebel" of "rebel groups"), which may
        name the group described before as a bare plural does."""
        classes = self.args.classes(token)
        descriptive = [
            c
            for c in token.children
            if c.dep_ in ("amod", "compound") and self.args.classes(c) & _DESCRIPTIVE
        ]
        if "generic" in classes and token.tag_ == "NNS" and len(descriptive) == 1:
            # "rebel groups" are rebels
            return self.described_group(descriptive[0], singular=True, of_noun=True)
        wanted = _DESCRIPTIVE if singular else frozenset({"collective"})
        if (token.tag_ != "NNS" and not singular) or not classes & wanted or "generic" in classes:
            return []
        stances = [c for c in token.children if self._stance(c)]
        if any(
            c.dep_ not in _ANAPHOR_CHILD_DEPS | _COORDINATION
            and c not in descriptive
            and c not in stances
            for c in token.children
        ):  # "fighting between rebels and Islamic State": the rebels still
            return []
        if any(c.lower_ in _QUANTIFIERS for c in token.children):
            return []  # "all insurgents", "some rebels": no group in particular
        if of_noun or not singular:  # "rebel-held" names no particular rebels
            same = self._same_head(token, self.preceding_mentions(token, _DESCRIBED_WINDOW))
            if same is not None:
                return [same]
        group = focus_group(self.resolution)
        if "dominant" in classes and group is not None:
            # "insurgents" in an article about Boko Haram; "Iranian-backed fighters" are others
            return [] if stances else [group]
        if "dominant" in classes or stances:
            return []  # unnamed "militants" are one of the groups named, not a new one
        if group is not None and ("militant" not in classes or self._called(token) is not None):
            # with a group in focus, "rebels" are a new group only if no named group of the
            # article is ever called so ("Houthi rebels")
            return []
        people = self.args.scene.demonym(token)
        if people is None:
            return []
        noun = token.lower_ if token.tag_ == "NNS" else token.lemma_.lower()
        if token.tag_ != "NNS" and "militant" in classes:
            noun += "s"  # "rebel-held": rebels; "opposition-held": the opposition
        label = f"{people} {noun}"
        return [self.resolution.add_described(label, ActorType.ARMED_GROUP)]

    def _attacks_own(self, subject: Token, pronoun: Token) -> bool:
        """ "Hezbollah had attacked its troops": the possessive in the object of a hostile
        verb is not the verb's own subject (unless "its own")."""
        verb = subject.head
        if subject.dep_ != "nsubj" or pronoun.nbor(1).lower_ == "own":
            return False
        cues = self.lexicon.cues_for(verb.lemma_, "VERB")
        if not cues or not cues[0].opposes:
            return False
        return any(t.i == pronoun.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree)

    def _pair(self, token: Token) -> list[str]:
        """ "the two nations", "the former rivals": the last two actors of one type named
        before, in this sentence or the ones just before it."""
        if "pair" not in self.lexicon.noun_classes(token.lower_) or token.tag_ != "NNS":
            return []
        if not any(c.lower_ in ("the", "both") for c in token.children) or any(
            self.args.actor_at(c) is not None for c in token.subtree
        ):
            return []
        by_type: dict[ActorType | None, list[str]] = {}
        for index in self.preceding_mentions(token):
            key = self.resolution.mention_keys[index]
            kind = self.args.type_of(key)
            if kind is ActorType.PERSON:
                continue
            keys = by_type.setdefault(kind, [])
            if key not in keys:
                keys.append(key)
            if len(keys) == 2:
                return sorted(keys)
        return []

    def _in_sentence(self, pronoun: Token, wanted: frozenset[ActorType | None]) -> list[str] | None:
        """The nearest noun phrase before a pronoun in its sentence that names an actor (or
        is itself an anaphor such as "the rebels"); a coordination counts whole for "their".
        None when "they" or "them" refers to nearer people who are no actor ("terrorists",
        "suspects"), or "its" to a government no actor stands for."""
        plural = pronoun.lower_ in ("they", "them", "their", "theirs")
        tokens = list(reversed(pronoun.doc[pronoun.sent.start : pronoun.i]))
        if pronoun.dep_ in ("nsubj", "nsubjpass"):
            # a subject pronoun continues an earlier subject: "Iran does not fund Hamas,
            # but it arms Hezbollah"
            subjects = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass")]
            # a phrase before it in its own clause ("As part of a U.S.-led coalition, it
            # is fighting") is no antecedent of a subject
            own_clause = {t.i for t in pronoun.head.subtree}
            tokens = subjects + [t for t in tokens if t not in subjects and t.i not in own_clause]
        bound = own_subject(pronoun)  # "X struck them": not X
        tokens = [t for t in tokens if t.i not in bound]
        for token in tokens:
            if token.dep_ in ("amod", "compound", "npadvmod") or token.pos_ == "PRON":
                continue  # "Iranian" in "Iranian arms" is no referent
            if _where(token) and "force" not in self.args.classes(token):
                # "fighting in Iraq, Syria and Yemen against its rival": places; not "took
                # the town from the government and its ally"
                continue
            key = self.args.actor_at(token)
            if key is None and token.pos_ == "NOUN":
                # "The Syrian army ... says it"; "Government forces ... their ally"
                behind = self.args.country_behind(token) or self.args.scene.state_of_forces(token)
                key = behind[0] if behind else None
            if key is None and token.pos_ == "NOUN" and self.wanted_types(token) is not None:
                key = self.antecedent(token)
                if key is None and not plural:  # "the government and its ally": whoever
                    return None  # "the government" is, "its" is too
            if key is None and plural and self._people(token):
                return None
            if key is None or self.args.type_of(key) not in wanted or token.head.i == pronoun.i:
                continue
            if self._attacks_own(token, pronoun):
                continue
            if pronoun.lower_ in ("their", "they", "them", "theirs"):
                first = token
                while first.dep_ == "conj":
                    first = first.head
                keys = [self.args.actor_at(t) for t in (first, *first.conjuncts)]
                return [k for k in dict.fromkeys(keys) if k and self.args.type_of(k) in wanted] or [
                    key
                ]
            return [key]
        return []

    def _people(self, token: Token) -> bool:
        """A plural noun for people a plural pronoun can refer to: "terrorists", "suspects"."""
        if token.tag_ != "NNS" or token.pos_ != "NOUN" or token.dep_ in ("compound", "amod"):
            return False
        lemma = token.lemma_.lower()
        classes = self.args.classes(token)
        return bool(
            classes & {"nonstate", "collective", "population", "group"}
            or lemma.endswith(_PEOPLE_ENDINGS)
            or lemma in _PEOPLE_NOUNS
        )

    def _mentions_before(self, key: str, before: int) -> int:
        """How often ``key`` was mentioned before token ``before``."""
        return bisect_left(self._key_starts.get(key, []), before)

    def _is_subject(self, mention_index: int) -> bool:
        root = self.resolution.mentions[mention_index].root(self.doc)
        return root.dep_ in ("nsubj", "nsubjpass")

    def _same_phrase(self, mention_index: int, token: Token) -> bool:
        root = self.resolution.mentions[mention_index].root(self.doc)
        # "the al Qaeda-linked group": al Qaeda is in the description, not referred to
        return root.head.i == token.i or token.left_edge.i <= root.i <= token.right_edge.i
