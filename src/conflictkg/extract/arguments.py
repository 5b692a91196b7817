"""From a token of the parse to the actors it stands for.

The relation rules find the subject or object *token* of a cue; :class:`Arguments` turns it
into actor keys: the mention that covers it, the named members of a group noun ("militias,
such as Badr and Kataib Hezbollah"), its conjuncts, the country behind "Iraqi troops", the
antecedent of "its" or "the group".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable

from spacy.tokens import Doc, Token

from ..model import ActorType
from .lexicon import Lexicon
from .mentions import Mention, MentionKind
from .nlp import GAZETTEER_SPANS
from .places import Places
from .resolve import Resolution, focus_group

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "theirs"})
_RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
# "the Houthis' Iranian supporters" are Iranian: adjectives before possessors
_MODIFIER_PRIORITY = ("amod", "compound", "npadvmod", "nmod", "poss")
_MEMBER_PREPS = frozenset({"as", "including"})
_COMPANY_PREPS = frozenset({"along", "together", "alongside"})  # "X, along with Y, ..."
_ANAPHOR_WINDOW = 3  # sentences to look back for an antecedent
# head nouns through which a state's name or demonym stands for the state ("Iraqi troops")
_STATE_HEADS = frozenset({"state", "force", "facility", "weapon"})
_PEOPLE_ENDINGS = ("ist", "er", "ian", "ant", "ent")  # terrorists, protesters, civilians
_PEOPLE_NOUNS = frozenset({"suspect", "people", "person", "victim", "hostage", "prisoner"})
_DESCRIBED_WINDOW = 20  # sentences to look back for "Syrian rebels" behind "rebels"
_ANAPHOR_CHILD_DEPS = frozenset({"det", "punct", "prep", "relcl", "acl", "appos"})


def prep_objects(token: Token, preps: Collection[str]) -> list[Token]:
    """The objects of a token's prepositions among ``preps``: the X of "fight against X"."""
    return [
        obj
        for prep in token.children
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ in ("pobj", "pcomp")
    ]


def _stance_marked(token: Token) -> bool:
    """Whether a modifier follows "pro-" or "anti-": "pro-Russian", "anti-Assad"."""
    doc = token.doc
    return (
        token.i >= 2
        and doc[token.i - 1].text in ("-", "\u2010", "\u2011")
        and doc[token.i - 2].lower_ in ("pro", "anti")
    )


class Arguments:
    """Resolves tokens of one parsed document to actor keys."""

    def __init__(
        self,
        doc: Doc,
        resolution: Resolution,
        lexicon: Lexicon,
        focus: str | None = None,
        places: Places | None = None,
        demonym: str | None = None,
    ) -> None:
        self.doc = doc
        self.resolution = resolution
        self.lexicon = lexicon
        self.focus = focus  # the state the article is about (resolve.focus_state)
        self.places = places
        self.demonym = demonym  # the focus state's demonym: "Syrian"
        self._entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        self._mention_at = {i: m for m in resolution.mentions for i in range(m.start, m.end)}
        self._named_at = {
            i: span.id_
            for span in doc.spans.get(GAZETTEER_SPANS, [])
            for i in range(span.start, span.end)
        }
        self._sentence_starts = [sent.start for sent in doc.sents]
        # indexes that keep every look-up within a window, never a scan of the document
        self._mention_starts = [m.start for m in resolution.mentions]
        self._key_starts: dict[str, list[int]] = {}
        for mention, key in zip(resolution.mentions, resolution.mention_keys, strict=True):
            self._key_starts.setdefault(key, []).append(mention.start)

    # -- basic lookups -------------------------------------------------------------------
    def actor_at(self, token: Token) -> str | None:
        """The actor of the mention covering ``token``, if any."""
        return self.resolution.token_actor.get(token.i)

    def mentions_in(self, start: int, end: int) -> range:
        """Indices of the mentions that start in tokens ``start`` to ``end - 1``."""
        return range(
            bisect_left(self._mention_starts, start), bisect_left(self._mention_starts, end)
        )

    def is_alliance(self, key: str) -> bool:
        """An intergovernmental body ("NATO", "the African Union"): a government that is
        no state."""
        return (
            self.type_of(key) is ActorType.GOVERNMENT
            and self.places is not None
            and key not in self.places.keys
        )

    def named_at(self, token: Token) -> str | None:
        """The gazetteer entry a token is part of a name of, mention or not ("Russian" in
        "Pro-Russian separatists")."""
        return self._named_at.get(token.i)

    def mention_at(self, token: Token) -> Mention | None:
        """The mention covering ``token``, if any."""
        return self._mention_at.get(token.i)

    def type_of(self, key: str) -> ActorType | None:
        record = self.resolution.actors.get(key)
        return record.type if record else None

    def _sentence_index(self, token_index: int) -> int:
        return max(0, bisect_right(self._sentence_starts, token_index) - 1)

    def place_state(self, token: Token, depth: int = 0) -> str | None:
        """The state a place phrase is in: "Somalia", "Mogadishu", "the Yemeni city of
        Aden", "Nigeria's Borno state"; None when it names no known place."""
        key = self.actor_at(token)
        if key is not None and self.places is not None and key in self.places.keys:
            return key
        if self.places is not None:
            entity = self._entity_at.get(token.i)
            text = entity.text if entity is not None else token.text
            found = self.places.state_of(text)
            if found is not None:
                return found
        if depth < 2:
            for child in token.children:
                if child.dep_ in ("poss", "amod", "compound", "appos") or (
                    child.dep_ == "prep" and child.lower_ == "of"
                ):
                    inner = child if child.dep_ != "prep" else next(iter(child.children), None)
                    found = self.place_state(inner, depth + 1) if inner is not None else None
                    if found is not None:
                        return found
        return None

    # -- anaphora --------------------------------------------------------------------------
    def _preceding_mentions(self, token: Token, window: int = _ANAPHOR_WINDOW) -> Iterable[int]:
        """Mention indices before ``token``, nearest first, within ``window`` sentences."""
        sentence = self._sentence_index(token.i)
        earliest = self._sentence_starts[max(0, sentence - window)]
        low = bisect_left(self._mention_starts, earliest)
        high = bisect_left(self._mention_starts, token.i)
        for index in range(high - 1, low - 1, -1):
            if self.resolution.mentions[index].end <= token.i:
                yield index

    def _wanted_types(self, token: Token) -> frozenset[ActorType | None] | None:
        """The actor types an anaphor can refer to, or None if ``token`` is no anaphor."""
        word = token.lower_
        if word in _PERSON_PRONOUNS:
            return frozenset({ActorType.PERSON})
        if word in _THING_PRONOUNS:
            return frozenset({ActorType.GOVERNMENT, ActorType.ARMED_GROUP, None})
        if token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.children):
            return None
        if any(c.dep_ not in _ANAPHOR_CHILD_DEPS for c in token.children):
            return None  # "the Kurdish group", "the group's" ... : a new description
        classes = self.lexicon.noun_classes(token.lower_)
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
        wanted = self._wanted_types(token)
        if wanted is None:
            return []
        if token.pos_ == "PRON":
            local = self._in_sentence(token, wanted)
            if local is None:
                return []  # "terrorists ... battling them": people who are no actor
            if local:
                return local
        candidates = list(self._preceding_mentions(token))
        if token.pos_ == "NOUN":
            same = self._same_head(token, self._preceding_mentions(token, _DESCRIBED_WINDOW))
            if same is not None:  # "Houthi militants ... the militants"
                return [same]
            # "the group": the most talked-about group nearby, then the nearest
            keys = self.resolution.mention_keys
            candidates.sort(
                key=lambda m: (
                    self.type_of(keys[m]) is None,
                    -self._mentions_before(keys[m], token.i),
                )
            )
        elif token.dep_ in ("nsubj", "nsubjpass"):
            # a subject pronoun continues an earlier subject ("..., he said")
            candidates.sort(key=lambda m: not self._is_subject(m))
        for index in candidates:
            key = self.resolution.mention_keys[index]
            if self.type_of(key) in wanted and not self._same_phrase(index, token):
                return [key]
        return []

    def _same_head(self, token: Token, candidates: Iterable[int]) -> str | None:
        """The nearest earlier mention with the same head noun: "Syrian rebels" for "the
        rebels" or a bare "rebels"."""
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
                and self.type_of(key) is not ActorType.GOVERNMENT
            ):
                return key
        return None

    def _described_group(self, token: Token) -> list[str]:
        """ "rebels", "the rebels" with no modifier: the group the article already described
        with that noun ("Syrian rebels"), else, in an article about one state, that state's
        ("Syrian rebels" in an article about Syria)."""
        classes = self._classes(token)
        if token.tag_ != "NNS" or "collective" not in classes or "generic" in classes:
            return []
        if any(c.dep_ not in _ANAPHOR_CHILD_DEPS for c in token.children):
            return []
        same = self._same_head(token, self._preceding_mentions(token, _DESCRIBED_WINDOW))
        if same is not None:
            return [same]
        group = focus_group(self.resolution)
        if "group" in classes and group is not None:
            return [group]  # "insurgents" in an article about Boko Haram
        if self.demonym is None or group is not None:
            return []
        label = f"{self.demonym} {token.lower_}"
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
            self.actor_at(c) is not None for c in token.subtree
        ):
            return []
        by_type: dict[ActorType | None, list[str]] = {}
        for index in self._preceding_mentions(token):
            key = self.resolution.mention_keys[index]
            kind = self.type_of(key)
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
        "suspects")."""
        plural = pronoun.lower_ in ("they", "them", "their", "theirs")
        tokens = list(reversed(pronoun.doc[pronoun.sent.start : pronoun.i]))
        if pronoun.dep_ in ("nsubj", "nsubjpass"):
            # a subject pronoun continues an earlier subject: "Iran does not fund Hamas,
            # but it arms Hezbollah"
            subjects = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass")]
            tokens = subjects + [t for t in tokens if t not in subjects]
        for token in tokens:
            if token.dep_ in ("amod", "compound", "npadvmod") or token.pos_ == "PRON":
                continue  # "Iranian" in "Iranian arms" is no referent
            key = self.actor_at(token)
            if key is None and token.pos_ == "NOUN":
                behind = self._country_behind(token)  # "The Syrian army ... says it"
                key = behind[0] if behind else None
            if key is None and token.pos_ == "NOUN" and self._wanted_types(token) is not None:
                key = self.antecedent(token)
            if key is None and plural and self._people(token):
                return None
            if key is None or self.type_of(key) not in wanted or token.head.i == pronoun.i:
                continue
            if self._attacks_own(token, pronoun):
                continue
            if pronoun.lower_ in ("their", "they", "them", "theirs"):
                first = token
                while first.dep_ == "conj":
                    first = first.head
                keys = [self.actor_at(t) for t in (first, *first.conjuncts)]
                return [k for k in dict.fromkeys(keys) if k and self.type_of(k) in wanted] or [key]
            return [key]
        return []

    def _people(self, token: Token) -> bool:
        """A plural noun for people a plural pronoun can refer to: "terrorists", "suspects"."""
        if token.tag_ != "NNS" or token.pos_ != "NOUN" or token.dep_ in ("compound", "amod"):
            return False
        lemma = token.lemma_.lower()
        classes = self._classes(token)
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
        return root.head.i == token.i

    # -- actors of a token -----------------------------------------------------------------
    def prep_actors(self, token: Token, preps: Collection[str]) -> list[str]:
        """The actors named as objects of a token's prepositions among ``preps``."""
        found: list[str] = []
        for obj in prep_objects(token, preps):
            found += [k for k in self.actors_of(obj) if k not in found]
        return found

    def actors_of(self, token: Token, depth: int = 0, *, conjuncts: bool = True) -> list[str]:
        """Every actor ``token`` stands for, with its listed members and (unless
        ``conjuncts`` is false: "Iran-backed militias and U.S.-led forces") its conjuncts."""
        if depth > 3:
            return []
        found: list[str] = []
        following = [c for c in token.conjuncts if c.i > token.i] if conjuncts else []
        for item in (token, *following):
            own = self._own_actors(item)
            found += [k for k in own if k not in found]
            for child in item.children:
                if child.dep_ == "appos" and not own:
                    found += [k for k in self.actors_of(child, depth + 1) if k not in found]
                if child.dep_ == "prep" and child.lower_ in _COMPANY_PREPS:
                    for inner in (child, *child.children):
                        for member in inner.children:
                            if member.dep_ == "pobj":
                                found += [
                                    k for k in self.actors_of(member, depth + 1) if k not in found
                                ]
                if child.dep_ == "prep" and child.lower_ in _MEMBER_PREPS:
                    for member in prep_objects(item, (child.lower_,)):
                        found += [k for k in self.actors_of(member, depth + 1) if k not in found]
        return found

    def _own_actors(self, token: Token) -> list[str]:
        key = self.actor_at(token)
        if key is not None:
            return [key]
        if token.lower_ in _RELATIVE:
            clause = token.head
            for _ in range(3):  # "whom the United States would like to see toppled"
                if clause.dep_ == "relcl":
                    referent = clause.head
                    if clause.tag_ == "VBP" and referent.conjuncts:
                        # "The United States and Russia, which back ...": all of them
                        while referent.dep_ == "conj":
                            referent = referent.head
                        return self.actors_of(referent)
                    return self._own_actors(referent)
                if clause.head == clause:
                    break
                clause = clause.head
            return []
        if "partitive" in self.lexicon.noun_classes(token.lower_):
            # "much of northern Iraq", "swaths of Yemen": the whole the part is of
            wholes = prep_objects(token, ("of",))
            if wholes:
                return [k for o in wholes for k in self._own_actors(o)]
        if token.dep_ == "appos" and token.pos_ == "NOUN" and self.actor_at(token.head):
            return [str(self.actor_at(token.head))]  # "Kataib Hezbollah, an Iranian-backed militia"
        if token.pos_ in ("NOUN", "PROPN"):
            behind = self._country_behind(token)
            if behind:
                return behind
        if token.pos_ in ("PRON", "NOUN"):
            found = self.antecedents(token)
            if found or token.pos_ == "PRON":
                return found
            return self._described_group(token) or self._implicit_state(token)
        return []

    def _classes(self, token: Token) -> frozenset[str]:
        return self.lexicon.noun_classes(token.lower_) | self.lexicon.noun_classes(token.lemma_)

    def _implicit_state(self, token: Token) -> list[str]:
        """ "soldiers", "security forces", "the police" with no state named: the state the
        article is about; not "rebel forces", "Kurdish troops" or "their soldiers"."""
        if self.focus is None or "force" not in self._classes(token):
            return []
        for child in token.children:
            if child.i > token.i or child.dep_ not in _MODIFIER_DEPS:
                continue
            if child.dep_ == "poss" or "official" not in self._classes(child):
                return []
        return [self.focus]

    def _led_by(self, token: Token) -> list[str]:
        """ "a U.S.-led coalition", "the Saudi-led campaign": the collective acts for its leader."""
        for child in token.children:
            if child.dep_ in ("amod", "acl", "compound") and child.lemma_.lower() == "lead":
                for agent in child.children:
                    if agent.i < child.i and agent.dep_ in ("npadvmod", "compound", "nmod", "amod"):
                        key = self.actor_at(agent)
                        if key is not None:
                            return [key]
        return []

    def _country_behind(self, token: Token) -> list[str]:
        """The actor a noun stands for through its modifier: "Iraqi troops" (Iraq), "YPG
        positions" (the YPG), "the Obama administration" (the government Obama heads);
        but not "Syrian rebels" (a government's demonym before a non-state noun)."""
        classes = self._classes(token)
        if classes & {"observer", "relational", "place"}:
            return []  # "Tehran's proxies" are not Tehran; "Syria's largest city" is a place
        leader = self._led_by(token)
        if leader:
            return leader
        modifiers = sorted(
            (c for c in token.children if c.dep_ in _MODIFIER_DEPS and c.i < token.i),
            key=lambda c: _MODIFIER_PRIORITY.index(c.dep_),
        )
        for child in modifiers:
            if _stance_marked(child):
                continue  # "pro-Russian separatists" are not Russia
            key = self.actor_at(child)
            if key is None and child.dep_ == "poss":
                key = self.antecedent(child)
            if key is None and "facility" in classes and child.dep_ == "compound":
                # "a police station", "an army convoy": the force the facility belongs to
                owners = self._country_behind(child) or self._implicit_state(child)
                key = owners[0] if owners else None
            if key is None:
                continue
            record = self.resolution.actors[key]
            if record.type is ActorType.PERSON:
                if "state" in classes and record.parent in self.resolution.actors:
                    return [record.parent]
                continue
            if record.type is ActorType.GOVERNMENT and not classes & _STATE_HEADS:
                continue  # "Syrian rebels", "a Syrian man", "a U.S. citizen" are not the state
            return [key]
        return []
