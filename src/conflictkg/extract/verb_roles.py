"""Who does what to whom around a verb cue: its subject and objects, the "by" phrase of a
passive, the "X" of "X-backed", and who took a measure the text names no agent for.
Nouns, and the subjects verbs inherit, are in :mod:`.participants`."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorType
from .arguments import Arguments
from .lexicon import Cue
from .nlp import HYPHENS
from .parse_tree import prep_objects
from .participants import (
    OBJECT_DEPS,
    SUBJECT_DEPS,
    armed_doers,
    event_agents,
    event_doers,
    subjects,
)
from .syntax import is_passive, passive_subjects

PARTICIPLE_AGENT_DEPS = ("npadvmod", "compound", "nmod", "amod", "nsubj", "advmod")
_PLACE_DEPTH = 2  # "an offensive around the city of Aleppo": the place's phrases to climb
_BANS = frozenset({"outlaw", "ban", "proscribe", "blacklist"})


def hyphen_agent(verb: Token, args: Arguments) -> list[str]:
    """The "Iranian" of "Iranian-backed": a modifier joined to the participle by a hyphen."""
    if any(c.dep_ == "agent" for c in verb.children):
        return []  # "with Iraq backed by Iran": its agent is the "by" phrase
    for child in verb.children:
        if child.i < verb.i and child.dep_ in PARTICIPLE_AGENT_DEPS:
            # "Iran-backed", "Iran - backed": the modifier's phrase ends at the hyphen
            between = verb.doc[child.right_edge.i + 1 : verb.i]
            hyphen = len(between) == 1 and between[0].text in HYPHENS
            # the subject of a clause's verb mistagged a participle ("The coalition bombed
            # X") is no "X-" agent; of a modifier's ("the army besieged areas"), it is
            clause = child.dep_ == "nsubj" and verb.dep_ not in ("amod", "acl")
            if hyphen or (child.i == verb.i - 1 and not clause):
                found = args.actors_of(child)
                if found:
                    return found
    previous = verb.doc[verb.i - 2] if verb.i >= 2 else None
    if previous is not None and verb.doc[verb.i - 1].text == "-":
        key = args.actor_at(previous)
        if key is not None:
            return [key]
    return []


def _hostile(noun: Token, args: Arguments) -> bool:
    """A noun that names a hostile act or stance: what is received is no support."""
    cues = args.lexicon.cues_for(noun.lemma_, "NOUN")
    return bool(cues) and all(c.opposes for c in cues)


def verb_roles(verb: Token, cue: Cue, args: Arguments) -> tuple[list[str], list[str]]:
    if cue.relation in ("supports_from", "opposes_from"):
        # "received weapons from Iran", "receives training ... from Iran", "lost Mosul to X"
        holders = [verb] + [
            t for c in verb.children if c.dep_ in OBJECT_DEPS for t in (c, *c.conjuncts)
        ]
        if cue.relation == "supports_from" and any(_hostile(t, args) for t in holders[1:]):
            return [], []  # "has gotten competition from ISIS", "received threats from X"
        agents = []
        for holder in holders:
            agents += [k for k in args.prep_actors(holder, cue.preps) if k not in agents]
        return agents, subjects(verb, args)
    hyphen = hyphen_agent(verb, args) if verb.tag_ == "VBN" else []
    if hyphen:
        if verb.dep_ not in ("amod", "acl"):
            return hyphen, []
        patients = args.actors_of(verb.head, conjuncts=False)
        event = args.lexicon.cues_for(verb.head.lemma_, "NOUN")
        if not patients and event and event[0].opposes:  # "a Russian-backed offensive by X"
            patients = event_agents(verb.head, event[0], args)
        return hyphen, patients
    if is_passive(verb):
        agents = args.prep_actors(verb, frozenset({"by"}))
        # "backed by air support from the coalition", "backed by U.S. air strikes and AU troops"
        for by in (o for b in prep_objects(verb, ("by",)) for o in (b, *b.conjuncts)):
            if args.actor_at(by) is None:  # the loop reads the conjuncts, each on its own
                doers = event_doers(by, args, conjuncts=False)
                agents += [k for k in doers if k not in agents]
        if not agents:  # "trained and organized by Revolutionary Guards": the last verb's
            later = [c for c in verb.conjuncts if c.i > verb.i and c.tag_ == "VBN"]
            agents = args.prep_actors(later[-1], frozenset({"by"})) if later else []
        patients = passive_subjects(verb, args)
        if not patients and verb.dep_ == "conj":  # "was conceived by clerics and funded by Iran"
            patients = [  # "have worked with X, but are opposed by Turkey": a shared subject
                k
                for c in verb.head.children
                if c.dep_ in ("nsubjpass", "nsubj")
                for k in args.actors_of(c)
            ]
        if not patients and verb.dep_ in ("acl", "amod", "relcl"):
            # "the rebel-held city backed by X": backing a place is no backing of its holder
            held = not cue.opposes and "place" in args.classes(verb.head)
            patients = [] if held else args.actors_of(verb.head, conjuncts=False)
            if not patients and not cue.opposes and verb.dep_ != "relcl":
                patients = _backed_event_agents(verb.head, args)  # not "many of whom are"
        if not patients and verb.dep_ == "advcl":  # "Backed by Iran, the rebels advanced"
            patients = [
                k for c in verb.head.children if c.dep_ == "nsubj" for k in args.actors_of(c)
            ]
        if not patients and verb.dep_ in ("acl", "advcl"):
            patients = _set_off_noun(verb, args)  # "between the YPG, backed by X, and Y"
        if not agents and cue.opposes and verb.dep_ == "amod" and verb.lemma_ in _BANS:
            # "the outlawed PKK", "the banned Muslim Brotherhood": by the article's state
            armed = all(args.type_of(k) is ActorType.ARMED_GROUP for k in patients)
            agents = [args.focus] if args.focus and armed else []
        if not agents and cue.relation == "opposes" and "measure" in args.classes(verb):
            agents = _measuring_state(verb, patients, args)  # "Diendere has been charged"
        partnering = not agents and not cue.opposes and "with" in cue.preps
        partners = args.prep_actors(verb, cue.preps) if partnering else []  # "allied to X"
        return (patients, partners) if partners else (agents, patients)  # "are allied with X"
    patients = [k for c in verb.children if c.dep_ in OBJECT_DEPS for k in args.actors_of(c)]
    patients += args.prep_actors(verb, cue.preps)
    for obj in (c for c in verb.children if c.dep_ in OBJECT_DEPS):  # "retook a town from X"
        patients += [k for k in args.prep_actors(obj, cue.preps) if k not in patients]
    if not patients and verb.dep_ in ("xcomp", "ccomp"):  # "see X toppled"
        patients = [
            k for c in verb.head.children if c.dep_ in OBJECT_DEPS for k in args.actors_of(c)
        ]
    if not patients and not cue.opposes:  # "helping Damascus reclaim territory": the
        patients = [  # parser made the helped the subject of the clause that follows
            k
            for c in verb.children
            if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i
            for s in c.children
            if s.dep_ == "nsubj"
            for k in args.actors_of(s)
        ]
    if not patients and "censure" in args.classes(verb):
        patients = censured_authors(verb, args)  # "condemned Turkey's shelling": Turkey
    if not patients and cue.relation in ("opposes", "attacks", "supports"):
        # "repelled an attack by Boko Haram", "supported the Syrian army's offensive"
        patients = _event_authors(verb, args)
    if not patients and verb.dep_ == "relcl":
        relative = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
        if relative or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            patients = args.actors_of(verb.head)
    agents = subjects(verb, args)
    if not agents:  # "Airstrikes by the Saudi-led coalition killed ...": the attack's agent
        for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
            cues = args.lexicon.cues_for(subject.lemma_, "NOUN")
            if cues and cues[0].opposes == cue.opposes:
                agents = event_agents(subject, cues[0], args)
    return agents, patients


def _event_authors(verb: Token, args: Arguments) -> list[str]:
    """Who carried out the armed event a verb's object names: "repelled an attack by Boko
    Haram", "thwarted an offensive by the rebels", "backed the Syrian army's offensive"."""
    return armed_doers((c for c in verb.children if c.dep_ in OBJECT_DEPS), args)


def _backed_event_agents(noun: Token, args: Arguments) -> list[str]:
    """Who carries out the armed event a support participle hangs on: "its advances backed
    by Hezbollah"; "a Syrian government offensive around the city of Aleppo backed by
    Russian airstrikes", where the parser hangs the participle on the place."""
    event = noun
    for _ in range(_PLACE_DEPTH):
        if event.dep_ != "pobj" or not (args.classes(event) & {"place"} or event.pos_ == "PROPN"):
            break
        event = event.head.head  # "offensive around the city", "the city of Aleppo"
    cues = args.lexicon.cues_for(event.lemma_, "NOUN") if event.pos_ == "NOUN" else ()
    if not cues or not cues[0].opposes or "relational" in args.classes(event):
        return []  # "his enemies backed by Turkey": no event
    return event_agents(event, cues[0], args, conjuncts=False)


def _measuring_state(verb: Token, patients: list[str], args: Arguments) -> list[str]:
    """Who arrests, charges or jails a person the text names no agent for: the state of the
    place it happened in ("was arrested in Brussels", "sentenced to death in Kuwait"). Not
    the state the article is about: a trial or an arrest abroad is common."""
    if not patients or any(args.type_of(k) is not ActorType.PERSON for k in patients):
        return []
    for place in prep_objects(verb, ("in",)):
        state = args.place_state(place)
        if state is not None:
            return [state]
    return []


def censured_acts(verb: Token, args: Arguments) -> list[tuple[Token, Cue]]:
    """The acts a censure verb condemns, each with its cue: "condemned Turkey's shelling",
    "denounced the attack" (nouns.tsv class ``censure``)."""
    acts = []
    for obj in (c for c in verb.children if c.dep_ in OBJECT_DEPS):
        for act in (obj, *obj.conjuncts):
            cues = args.lexicon.cues_for(act.lemma_, "NOUN")
            if cues and args.actor_at(act) is None:
                acts.append((act, cues[0]))
    return acts


def censured_authors(verb: Token, args: Arguments) -> list[str]:
    """Who did the acts a censure verb condemns, where the act names them: "Turkey's
    shelling", "the U.S. air strikes", "the attack by Boko Haram"."""
    found: list[str] = []
    for act, cue in censured_acts(verb, args):
        found += [k for k in event_agents(act, cue, args) if k not in found]
    return found


def _set_off_noun(verb: Token, args: Arguments) -> list[str]:
    """The actor a participle set off by commas follows, where the parser hung the
    participle higher: "heavy fighting between the YPG, backed by U.S. air strikes, and
    Islamic State" (the YPG is backed)."""
    if verb.i < 2 or verb.nbor(-1).text != ",":
        return []
    noun = verb.nbor(-2)
    while noun.dep_ in ("compound", "amod", "flat") and verb.i > noun.head.i > noun.i:
        noun = noun.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in ("pobj", "dobj", "conj", "appos"):
        return []
    return args.actors_of(noun, conjuncts=False)
