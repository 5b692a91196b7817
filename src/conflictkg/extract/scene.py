"""Where an article's events happen: the state whose conflict it reports, so the demonym of
the groups it describes without naming them ("Syrian rebels") and the state of the forces
it names without their state ("government forces", "the police")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import ActorType
from .nlp import HYPHENS
from .parse_tree import trailing_prep_objects

if TYPE_CHECKING:
    from .arguments import Arguments

_LOCATIVE = frozenset({"in", "near", "around", "across", "inside", "outside", "throughout"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})  # before a noun
_DEFINING_DEPS = frozenset({"amod"})  # "forces loyal to X"


class Scene:
    """The places of one parsed document, read through its :class:`Arguments`."""

    def __init__(self, args: Arguments, demonyms: Mapping[str, str]) -> None:
        self.args = args
        self.demonyms = demonyms  # of the states named as actors: "Syrian" for syr

    def demonym(self, token: Token) -> str | None:
        """The demonym of an unnamed group described at ``token`` ("rebels"): of the state
        its sentence places events in ("rebels in Syria", "in Syria's civil war"), else of
        the article's scene."""
        local = (self._where(t) for t in token.sent)
        state = next((k for k in local if k in self.demonyms), None)
        return self.demonyms.get(state or self.state or "")

    def _where(self, token: Token) -> str | None:
        """The state a place phrase ("in Syria", "near Aleppo") puts events in, if any;
        not "near the Turkish border", which two states share."""
        if token.dep_ != "pobj" or token.head.lower_ not in _LOCATIVE:
            return None
        if "boundary" in self.args.classes(token):
            return None
        if self.args.lexicon.reports(token.head.head.lemma_):
            return None  # "told reporters in Moscow": where it was said, not where it happens
        if "meeting" in self.args.classes(token.head.head):
            return None  # "peace talks in Geneva", "met in Kuwait": where sides meet
        if token.head.head.dep_ == "acl" and token.head.head.tag_ == "VBN":
            return None  # "the HNC, formed in Saudi Arabia": where a body was founded
        return self.args.place_state(token)

    @cached_property
    def state(self) -> str | None:
        """The state whose conflict the article reports: of the states it names as actors,
        the one its place phrases name most often, then the one named most. An article about
        Russia's air war has Syrian rebels, not Russian ones; one about Syria's talks in
        Geneva has no Swiss actor at all; "told reporters in Moscow" places nothing."""
        scores = self._scores
        return scores[0][2] if scores else self.args.focus

    @cached_property
    def placed_state(self) -> str | None:
        """The state the article's place phrases name clearly most ("in Syria", "near
        Aleppo": at least twice, and more than any other), if any; "Kenya and Somalia met in
        Nairobi" places nothing."""
        scores = self._scores
        if not scores or -scores[0][0] < 2 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
            return None
        return scores[0][2]

    def _home_of(self, token: Token) -> str | None:
        """The state of a people's adjective on a militant noun: "Myanmar rebels", "Syrian
        insurgents" fight in that state as surely as "in Syria" places them there."""
        if token.dep_ not in ("amod", "compound") or token.i > token.head.i:
            return None
        if "militant" not in self.args.classes(token.head):
            return None  # "Myanmar rebels", not "the Syrian opposition" or "Syrian people"
        return self._peoples.get(token.lower_) or self.args.place_state(token)

    @cached_property
    def _peoples(self) -> dict[str, str]:
        return {demonym.lower(): key for key, demonym in self.demonyms.items()}

    @cached_property
    def _scores(self) -> list[tuple[int, int, str]]:
        places = Counter(
            k for t in self.args.doc if (k := self._where(t) or self._home_of(t)) is not None
        )
        return sorted(
            (-places[key], -len(record.mentions), key)
            for key, record in self.args.resolution.actors.items()
            if record.type is ActorType.GOVERNMENT and key in places
        )

    def _backing(self, modifier: Token) -> bool:
        """ "Western-backed", "U.N.-backed": who backs the noun, not which one it is."""
        hyphen = modifier.i > 0 and modifier.doc[modifier.i - 1].text in HYPHENS
        cues = self.args.lexicon.cues_for(modifier.lemma_, "VERB")
        return modifier.tag_ == "VBN" and hyphen and any(c.relation == "supports" for c in cues)

    def state_of_forces(self, token: Token) -> list[str]:
        """ "soldiers", "security forces", "the police" with no state named: the state the
        article is about; not "rebel forces", "Kurdish troops" or "their soldiers"."""
        if "force" not in self.args.classes(token):
            return []
        if any(c.lower_ in ("those", "these", "that", "this", "such") for c in token.children):
            return []  # "those forces": the ones just named
        stationed = [  # "security forces in Burkina Faso", "the government in Kabul"
            state
            for place in trailing_prep_objects(token, ("in",))
            if place.dep_ == "pobj" and (state := self.args.place_state(place)) is not None
        ]
        state = self.args.focus or self.placed_state
        if state is None and not stationed:
            return []
        official = False
        governing = "governing" in self.args.classes(token)
        for child in token.children:
            if child.i > token.i or child.dep_ not in MODIFIER_DEPS:
                continue
            if governing and stationed and self._backing(child):
                continue  # "the Western-backed government in Kabul" is still the government
            if child.dep_ == "poss" or "official" not in self.args.classes(child):
                return []
            official = True
        defining = _DEFINING_DEPS if self.args.focus else _DEFINING_DEPS | {"acl", "relcl"}
        if not official and any(c.dep_ in defining and c.i > token.i for c in token.children):
            # "forces loyal to X": others, not the state; and where the state is only
            # guessed from the article's places, so are "forces fighting troops loyal to X"
            return []
        if token.dep_ in ("compound", "amod") and any(
            c.i < token.i
            and (key := self.args.actor_at(c)) is not None
            and self.args.type_of(key) is ActorType.GOVERNMENT
            for c in token.head.children
        ):
            return []  # "the Saudi military spokesman": the state named beside it
        return stationed[:1] or ([state] if state else [])
