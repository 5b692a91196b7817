"""From a token of the parse to the actors it stands for.

The relation rules find the subject or object *token* of a cue; :class:`Arguments` turns it
into actor keys: the mention that covers it, the named members of a group noun ("militias,
such as Badr and Kataib Hezbollah"), its conjuncts, the country behind "Iraqi troops", the
antecedent of "its" or "the group".
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Mapping

from spacy.tokens import Doc, Token

from ..model import ActorType
from .anaphora import Anaphora
from .behind import country_behind, led_by
from .bodies import NAMING_VERBS
from .holders import holders
from .lexicon import Lexicon
from .mentions import LOCATIVE_PREPS, Mention, MentionKind
from .nlp import GAZETTEER_SPANS
from .parse_tree import prep_objects
from .places import Places
from .resolve import Resolution
from .scene import Scene

_RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
_VIEWING = frozenset({"see", "view", "regard", "consider", "describe", "know"})  # "seen as"
_MEMBER_PREPS = frozenset({"as", "including", "like"})
_COMPANY_PREPS = frozenset({"along", "together", "alongside"})  # "X, along with Y, ..."


class Arguments:
    """Resolves tokens of one parsed document to actor keys."""

    def __init__(
        self,
        doc: Doc,
        resolution: Resolution,
        lexicon: Lexicon,
        focus: str | None = None,
        places: Places | None = None,
        demonyms: Mapping[str, str] | None = None,
    ) -> None:
        self.doc = doc
        self.resolution = resolution
        self.lexicon = lexicon
        self.focus = focus  # the state the article is about (resolve.focus_state)
        self.places = places
        self.scene = Scene(self, demonyms or {})
        self._entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        self._mention_at = {i: m for m in resolution.mentions for i in range(m.start, m.end)}
        self._named_at = {
            i: span.id_
            for span in doc.spans.get(GAZETTEER_SPANS, [])
            for i in range(span.start, span.end)
        }
        # indexes that keep every look-up within a window, never a scan of the document
        self._mention_starts = [m.start for m in resolution.mentions]
        self.anaphora = Anaphora(self)

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

    def place_state(self, token: Token, depth: int = 0) -> str | None:
        """The state a place phrase is in: "Somalia", "Mogadishu", "the Yemeni city of
        Aden", "Nigeria's Borno state"; None when it names no known place."""
        key = self.actor_at(token)
        if key is not None and self.places is not None and key in self.places.keys:
            return key
        if self.places is not None and not token.is_lower and token.pos_ != "PRON":
            # a name, not "her" or "split", which the case-folded city table also holds
            entity = self._entity_at.get(token.i)
            text = entity.text if entity is not None else token.text
            found = self.places.state_of(text)
            if found is not None:
                return found
        if depth < 3:
            for child in token.children:
                if child.dep_ in ("poss", "amod", "compound", "appos") or (
                    child.dep_ == "prep" and child.lower_ == "of"
                ):
                    inner = child if child.dep_ != "prep" else next(iter(child.children), None)
                    found = self.place_state(inner, depth + 1) if inner is not None else None
                    if found is not None:
                        return found
        return None

    def antecedent(self, token: Token) -> str | None:
        """The actor a pronoun or a definite description ("the group") refers back to."""
        return self.anaphora.antecedent(token)

    def antecedents(self, token: Token) -> list[str]:
        """The actors an anaphor refers back to: several for "their" after "A and B"."""
        return self.anaphora.antecedents(token)

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
                if child.dep_ == "appos" and (not own or self._listed(child)):
                    found += [k for k in self.actors_of(child, depth + 1) if k not in found]
                if child.dep_ == "prep" and child.lower_ in _COMPANY_PREPS:
                    for inner in (child, *child.children):
                        for member in inner.children:
                            if member.dep_ == "pobj":
                                found += [
                                    k for k in self.actors_of(member, depth + 1) if k not in found
                                ]
                if child.dep_ == "prep" and child.lower_ in _MEMBER_PREPS:
                    if self._named(item):
                        continue  # "against the Islamic State, including Canada": misparsed
                    members = [
                        k
                        for member in prep_objects(item, (child.lower_,))
                        for k in self.actors_of(member, depth + 1)
                    ]
                    if members and self._described_only(item):
                        # "insurgent groups like the Taliban": the named members
                        found = [k for k in found if k not in own]
                    found += [k for k in members if k not in found]
        return found

    def _named_as(self, token: Token) -> list[str]:
        """ "a militant named Abu Rahman", "a group called Jund al-Khilafa", "a network
        known as Katibah Nusantara": the name."""
        for child in token.children:
            if child.dep_ != "acl" or child.lemma_.lower() not in NAMING_VERBS:
                continue
            for name in child.children:
                if name.dep_ in ("oprd", "dobj", "attr", "xcomp"):
                    return self.actors_of(name, conjuncts=False)
            for name in prep_objects(child, ("as",)):  # "known as X", "called as X"
                return self.actors_of(name, conjuncts=False)
        return []

    def _loyal_to(self, token: Token) -> list[str]:
        """ "forces loyal to the government", "fighters loyal to Haftar": whom they serve."""
        loyal = [c for c in token.children if c.dep_ == "amod" and c.lower_ == "loyal"]
        armed = self.classes(token) & {"force", "state", "nonstate", "collective"}
        return self.prep_actors(loyal[0], ("to",)) if loyal and armed else []

    def _listed(self, appos: Token) -> bool:
        """An "apposition" that is the rest of a list the parser missed: "Turkey, the U.S.
        and the European Union" (named actors with conjuncts of their own)."""
        return self.mention_at(appos) is not None and any(
            self.mention_at(c) is not None for c in appos.conjuncts
        )

    def _named(self, token: Token) -> bool:
        """Whether a token is part of an actor's name, which lists no members."""
        mention = self.mention_at(token)
        return mention is not None and mention.kind is not MentionKind.NOMINAL

    def _described_only(self, token: Token) -> bool:
        """Whether a token names no actor but an unnamed description ("insurgent groups")."""
        mention = self.mention_at(token)
        return mention is not None and mention.kind is MentionKind.NOMINAL

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
                    own = self._own_actors(referent)
                    return own or self._nearest_before(token, referent)
                if clause.head == clause:
                    break
                clause = clause.head
            return []
        if "partitive" in self.lexicon.noun_classes(token.lower_) or token.pos_ == "NUM":
            # "much of northern Iraq", "six of the militants": the whole the part is of;
            # but "government-held areas of Aleppo" are the holder's
            owners = holders(token, self)
            if owners:
                return owners
            wholes = prep_objects(token, ("of",))
            if wholes:
                return [k for o in wholes for k in self.actors_of(o, 1)]
        if self.lexicon.noun_classes(token.lower_) & {"collective", "agent"}:
            groups = self._groups_of(token)
            if groups:
                return groups  # "Sunni militants of Islamic State", "a bomber from Boko Haram"
        if token.dep_ == "appos" and token.pos_ == "NOUN":
            # "Kataib Hezbollah, an Iranian-backed militia"; "the Hezbollah group, an
            # Iranian-backed movement"
            key = self.actor_at(token.head)
            compounds = [self.actor_at(c) for c in token.head.children if c.dep_ == "compound"]
            actor_noun = self.classes(token.head) & {"group", "armed", "collective", "force"}
            if key is None and actor_noun and len(compounds) == 1:
                key = compounds[0]  # not "the EU-Turkey agreement, a violation of ..."
            if key is not None:
                return [key]
        described = self.predicated(token) if token.pos_ == "NOUN" else None
        if described is not None and (key := self.actor_at(described)):
            return [key]  # "The Houthis are an Iranian-backed group"
        if token.pos_ in ("NOUN", "PROPN"):
            named = self._named_as(token) or self._loyal_to(token)
            if named:
                return named
            owners = holders(token, self)
            if owners:
                return owners
            behind = self.country_behind(token)
            if behind:
                return behind
        if token.pos_ in ("PRON", "NOUN"):
            found = self.antecedents(token)
            if found or token.pos_ == "PRON":
                return found
            return self.anaphora.described_group(token) or self.scene.state_of_forces(token)
        return []

    def _nearest_before(self, relative: Token, referent: Token) -> list[str]:
        """ "a response from Israel which has struck ...": the parser hangs the clause on the
        phrase's head, but the actor named right before the pronoun that does something is
        its antecedent."""
        if relative.dep_ != "nsubj":
            return []  # "a peace deal for Colombia that was sponsored by X": the deal
        before = relative.doc[relative.i - 1] if relative.i > 0 else None
        if before is not None and before.is_punct and before.i > 0:
            before = before.doc[before.i - 1]
        inside = before is not None and referent.left_edge.i <= before.i <= referent.right_edge.i
        if before is None or before.pos_ != "PROPN" or not inside or self._where(before):
            return []  # "the truce in Syria which was sponsored by ...": the truce
        key = self.actor_at(before)
        return [key] if key is not None else []

    @staticmethod
    def _where(token: Token) -> bool:
        return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS

    def predicated(self, noun: Token) -> Token | None:
        """The noun a predicate noun describes: "AQAP is an arm of al Qaeda", "Viewed as an
        arm of al Qaeda, AQAP ...", "AQAP, seen as ...", "Turkey sees the PKK as ..."."""
        head = noun.head
        if noun.dep_ == "attr" and head.lemma_ == "be":
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
        verb = head.head if noun.dep_ == "pobj" and head.lower_ == "as" else head
        if noun.dep_ not in ("pobj", "oprd") or verb.lemma_.lower() not in _VIEWING:
            return None
        seen = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if seen is None and verb.dep_ == "acl":
            return verb.head
        if seen is None and verb.dep_ == "advcl":
            return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        return seen

    def _groups_of(self, token: Token) -> list[str]:
        """The armed groups an "of" or "from" phrase of ``token`` names ("fighters of Islamic
        State", "militants from Boko Haram")."""
        return [
            k
            for o in prep_objects(token, ("of", "from"))
            for k in self._own_actors(o)
            if self.type_of(k) is ActorType.ARMED_GROUP
        ]

    def classes(self, token: Token) -> frozenset[str]:
        return self.lexicon.noun_classes(token.lower_) | self.lexicon.noun_classes(token.lemma_)

    def led_by(self, token: Token) -> list[str]:
        """The leader a collective acts for ("a U.S.-led coalition"): :func:`.behind.led_by`."""
        return led_by(token, self)

    def country_behind(self, token: Token) -> list[str]:
        """The actor behind a noun's modifier ("Iraqi troops"): :func:`.behind.country_behind`."""
        return country_behind(token, self)
