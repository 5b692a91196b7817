"""Who does what to whom around a cue word: its agents and patients, read off the parse.

A verb's subject (inherited through control, coordination and relative clauses), its
objects and the objects of its prepositions; a noun's possessor, modifiers, "by" phrase
and the verb it is the object of; the "X" of "X-backed"; the phrase a bare "against X"
attaches to. Tokens become actors through :class:`~conflictkg.extract.arguments.Arguments`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorType
from .arguments import Arguments
from .lexicon import Cue
from .nlp import HYPHENS
from .parse_tree import misread_conjunct, prep_objects, side_phrase
from .syntax import is_passive, killed_together, members, named_before

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "dative", "obj")
LIGHT_DEPS = ("dobj", "pobj", "attr", "conj", "appos", "nsubjpass", "oprd")
PARTICIPLE_AGENT_DEPS = ("npadvmod", "compound", "nmod", "amod", "nsubj", "advmod")
_AGENT_PREPS = frozenset({"by", "from"})  # "air support from the coalition"
_BANS = frozenset({"outlaw", "ban", "proscribe", "blacklist"})
POSSESSOR_IS_PATIENT = frozenset({"backer", "supporter", "sponsor", "patron", "enemy", "foe"})


def hyphen_agent(verb: Token, args: Arguments) -> list[str]:
    """The "Iranian" of "Iranian-backed": a modifier joined to the participle by a hyphen."""
    for child in verb.children:
        if child.i < verb.i and child.dep_ in PARTICIPLE_AGENT_DEPS:
            # "Iran-backed", "Iran - backed": the modifier's phrase ends at the hyphen
            between = verb.doc[child.right_edge.i + 1 : verb.i]
            hyphen = len(between) == 1 and between[0].text in HYPHENS
            if hyphen or child.i == verb.i - 1:
                found = args.actors_of(child)
                if found:
                    return found
    previous = verb.doc[verb.i - 2] if verb.i >= 2 else None
    if previous is not None and verb.doc[verb.i - 1].text == "-":
        key = args.actor_at(previous)
        if key is not None:
            return [key]
    return []


def subjects(verb: Token, args: Arguments) -> list[str]:
    """The actors of a verb's subject, inherited through xcomp, conj and relative clauses."""
    if verb.dep_ == "amod" and verb.tag_ == "VBD" and verb.head.i < verb.i:
        return args.actors_of(verb.head)  # "Iran armed Hezbollah, officials said": misparsed
    current: Token | None = verb
    for level in range(4):
        if current is None:
            break
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return args.actors_of(child) or _event_doers(child, args)
        if level > 0 or current.dep_ == "conj":
            # "X was funded by Iran to harass Israel", "was conceived ... and funded": the
            # passive subject of the clause this one hangs off
            for child in current.children:
                if child.dep_ == "nsubjpass" and current.i != verb.i:
                    return args.actors_of(child)
        if current.dep_ == "pcomp" and current.head.lower_ == "of":
            # "Turkey accused Washington of arming the YPG": the object does it
            controller = current.head.head
            if controller.pos_ == "NOUN":  # "rebel hopes of removing Assad", "Iran's plan of"
                doers = _noun_owners(controller, args)
                if doers:
                    return doers
            while controller.pos_ not in ("VERB", "AUX") and controller.head != controller:
                controller = controller.head  # "accused by Egypt of funding": "of" on Egypt
            objects = [c for c in controller.children if c.dep_ in OBJECT_DEPS]
            if not objects:  # "the UAE has been accused by experts of supplying"
                objects = [c for c in controller.children if c.dep_ == "nsubjpass"]
            if objects:
                return args.actors_of(objects[0])
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ == "NOUN":
            # "troops battling X"; "the government and rebels fighting X": the parser hangs
            # the clause on the first conjunct, but the noun right before it does it
            nearest = [c for c in current.head.conjuncts if c.right_edge.i + 1 == current.i]
            return args.actors_of((nearest or [current.head])[0], conjuncts=False)
        if current.dep_ == "acl" and current.head.pos_ == "NOUN":
            # "their capacity to menace X": the noun's possessor, else its clause's subject
            owners = [c for c in current.head.children if c.dep_ == "poss"]
            if owners:
                return args.actors_of(owners[0])
            current = current.head.head if current.head.dep_ in LIGHT_DEPS else None
        elif (
            current.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and current.head != current
        ):
            if current.dep_ == "ccomp" and args.lexicon.reports(current.head.lemma_):
                break  # "officials said X had been wounded": the speaker did not do it
            if current.dep_ == "conj" and misread_conjunct(current):
                break  # "He escaped after Iraq, ..., invaded the country": not his doing
            current = current.head
        elif current.dep_ == "relcl":
            return args.actors_of(current.head)
        else:
            current = None
    return []


def verb_roles(verb: Token, cue: Cue, args: Arguments) -> tuple[list[str], list[str]]:
    if cue.relation in ("supports_from", "opposes_from"):
        # "received weapons from Iran", "receives training ... from Iran", "lost Mosul to X"
        holders = [verb] + [
            t for c in verb.children if c.dep_ in OBJECT_DEPS for t in (c, *c.conjuncts)
        ]
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
        if not agents:  # "backed by air support from the coalition"
            agents = [k for by in prep_objects(verb, ("by",)) for k in _event_doers(by, args)]
        if not agents:  # "trained and organized by Revolutionary Guards": the last verb's
            later = [c for c in verb.conjuncts if c.i > verb.i and c.tag_ == "VBN"]
            agents = args.prep_actors(later[-1], frozenset({"by"})) if later else []
        patients = _passive_subjects(verb, args)
        if not patients and verb.dep_ == "conj":  # "was conceived by clerics and funded by Iran"
            patients = [  # "have worked with X, but are opposed by Turkey": a shared subject
                k
                for c in verb.head.children
                if c.dep_ in ("nsubjpass", "nsubj")
                for k in args.actors_of(c)
            ]
        if not patients and verb.dep_ in ("acl", "amod", "relcl"):
            patients = args.actors_of(verb.head, conjuncts=False)
        if not patients and verb.dep_ == "advcl":  # "Backed by Iran, the rebels advanced"
            patients = [
                k for c in verb.head.children if c.dep_ == "nsubj" for k in args.actors_of(c)
            ]
        if not agents and cue.opposes and verb.dep_ == "amod" and verb.lemma_ in _BANS:
            # "the outlawed PKK", "the banned Muslim Brotherhood": by the article's state
            armed = all(args.type_of(k) is ActorType.ARMED_GROUP for k in patients)
            agents = [args.focus] if args.focus and armed else []
        if not agents and cue.relation == "opposes" and "measure" in args.classes(verb):
            agents = _measuring_state(verb, patients, args)  # "Diendere has been charged"
        partnering = not agents and not cue.opposes and "with" in cue.preps
        partners = args.prep_actors(verb, frozenset({"with"})) if partnering else []
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


def _one_of(noun: Token) -> Token:
    """ "one" of "X, one of Y's allies" and "X, one of the backers of Y", else the noun."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        return noun.head.head
    return noun


def _noun_owners(noun: Token, args: Arguments) -> list[str]:
    """Whose a noun is: its possessor or modifier ("Iran's plan", "rebel hopes")."""
    found: list[str] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
            found += args.actors_of(child, conjuncts=False) or args.anaphora.described_group(
                child, singular=True
            )
    return found


def _event_doers(noun: Token, args: Arguments) -> list[str]:
    """Who carried out what an event noun names ("Russian bombing", "air support from the
    coalition"), when the noun itself is no actor."""
    cues = args.lexicon.cues_for(noun.lemma_, "NOUN")
    return event_agents(noun, cues[0], args) if cues and noun.pos_ == "NOUN" else []


def event_agents(noun: Token, cue: Cue, args: Arguments) -> list[str]:
    """Who carried out the event a noun names, through its conjuncts: "Stabbings,
    shootings and car rammings by Palestinians have killed ..."."""
    found: list[str] = []
    for item in (noun, *noun.conjuncts):
        found += [k for k in noun_roles(item, cue, args)[0] if k not in found]
    return found


def noun_roles(noun: Token, cue: Cue, args: Arguments) -> tuple[list[str], list[str]]:
    owned = any(c.dep_ == "poss" for c in noun.children)
    relational = "relational" in args.lexicon.noun_classes(noun.lemma_.lower())
    modifiers = [
        k
        for c in noun.children
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i
        # "its Lebanese ally": the adjective says who the ally is, the possessor whose
        if not (
            owned
            and relational
            and c.dep_ == "amod"
            and noun.lemma_.lower() not in POSSESSOR_IS_PATIENT
        )
        for k in args.actors_of(c)
    ]
    by = args.prep_actors(noun, _AGENT_PREPS if cue.relation == "supports" else frozenset({"by"}))
    objects = args.prep_actors(noun, cue.preps)
    if (
        not objects
        and cue.relation == "supports"
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
    ):
        objects = args.prep_actors(noun, frozenset({"of"}))  # "sent troops in support of X"
    if cue.relation == "supports" and "of" not in cue.preps and not by and not objects:
        # "Iran's backing of Hezbollah": whom; "with the backing of Iran": who
        of = args.prep_actors(noun, frozenset({"of"}))
        objects, by = (of, by) if owned else (objects, of)
    if not objects and cue.relation == "mutual_opposes" and noun.dep_ == "nsubj":
        # "Fighting erupted between X and Y": the parser hangs the sides on the verb
        objects = args.prep_actors(noun.head, frozenset({"between"}))
    holder = noun
    while holder.dep_ == "conj":
        holder = holder.head
    if not objects and holder.dep_ == "dobj":  # "sent advisers and weapons to the Houthis"
        objects = args.prep_actors(holder.head, cue.preps)
    if (
        by
        and not objects
        and holder is not noun
        and holder.pos_ == "VERB"
        and _verb_cue(holder, "supports_from", args)
    ):
        # "receives weapons from Iran, and political support from Syria": the parser made
        # the second object a conjunct of the verb; its subject is still the receiver
        return by, subjects(holder, args)
    if not modifiers and not by and noun.dep_ == "appos":  # "Al-Shabaab, an affiliate of"
        modifiers = args.actors_of(noun.head)
    between = args.prep_actors(noun, frozenset({"between"}))
    if cue.relation == "mutual_opposes" and len(between) > 1:
        return between, between  # "Yemen's war between the Houthis and X": Yemen is where
    if cue.relation == "supports_from":  # "Hezbollah acts as a proxy for Iran"
        patients = light_subjects(noun, args) or appositive_of(noun, args)
        return objects or modifiers, patients or members(noun, args)
    if cue.relation == "mutual_opposes" and not objects:  # "the Iran-Israel conflict"
        named = named_before(noun, args)
        if len(named) < 2:
            named = args.antecedents(noun)  # "relations between the former rivals"
        if len(named) > 1:
            return named, named
    if cue.relation == "mutual_opposes" and not objects:
        sides = killed_together(noun, args)
        if sides:
            return sides, sides
    if noun.lemma_.lower() in POSSESSOR_IS_PATIENT:  # "the Houthis' Iranian supporters"
        own = [k for c in noun.children if c.dep_ == "poss" for k in args.actors_of(c)]
        agents = [k for k in modifiers if k not in own] or appositive_of(_one_of(noun), args)
        return agents, own + objects
    agents = by or modifiers or args.led_by(noun)  # "the U.S.-led campaign against X"
    measured = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    undergoer = measured.head if measured.dep_ == "dobj" else None
    under = noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.lemma_ != "pressure"
    undergoer = noun.head.head if under else undergoer  # "came under attack from X"
    mutual = cue.relation == "mutual_opposes" and objects  # "has had a conflict with X"
    if undergoer is not None and not mutual and (under or _verb_cue(undergoer, "undergoes", args)):
        # "The group sustained thousands of airstrikes by a Saudi-led campaign"
        by = by or args.prep_actors(noun, frozenset({"from"}))  # "faced competition from X"
        by = by or args.prep_actors(undergoer, frozenset({"by", "from"}))
        return by or modifiers, objects or subjects(undergoer, args)
    if relational and holder.dep_ not in ("attr", "oprd"):
        pass  # "fighting against allies of X": the allies are others, not the fighters
    elif mutual and side_phrase(noun):
        side = noun.head.head  # "at war with X"; "backed by Y in combat with Islamic State"
        agents = _passive_subjects(side, args) if is_passive(side) else []
        agents = [k for k in agents or subjects(side, args) if k not in objects]
    elif cue.relation == "mutual_opposes" and holder.dep_ not in ("dobj", "attr", "nsubj"):
        pass  # "troops killed in armed conflict": no parties of this conflict
    elif cue.relation == "mutual_opposes" and _verb_cue(holder.head, "mediates", args):
        pass  # "China tried to end the conflict": a third party, not a side
    elif not agents and holder.dep_ in LIGHT_DEPS and holder.head.pos_ in ("VERB", "AUX"):
        agents = subjects(holder.head, args)  # "Tehran delivered aid", "sent arms and aid"
    elif (
        not agents
        and noun.dep_ == "pobj"
        and noun.head.head.pos_ in ("VERB", "AUX")
        and not _verb_cue(noun.head.head, "undergoes", args)  # "X died in the attack on Y"
    ):
        agents = subjects(noun.head.head, args)  # "responded with airstrikes"
    elif (
        not agents
        and cue.relation == "supports"
        and noun.dep_ == "pobj"
        and noun.head.head.pos_ == "NOUN"
    ):
        act = noun.head.head  # "Iran's intervention on the side of Assad"
        agents = [k for c in act.children if c.dep_ == "poss" for k in args.actors_of(c)]
    patients = objects
    if not patients and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        holder = noun.head.head  # "With Iranian arms, the rebels grew"
        if holder.pos_ in ("NOUN", "PROPN"):  # "the army, with air support from Russia,"
            patients = args.actors_of(holder, conjuncts=False)
        else:
            patients = subjects(holder, args)
    victim_clause = noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by")
    if not patients and victim_clause and cue.relation != "mutual_opposes":
        verb = noun.head.head  # "Hezbollah fighters were killed in an Israeli strike"
        if verb.pos_ == "VERB" and is_passive(verb):
            patients = _passive_subjects(verb, args)
        elif verb.pos_ == "VERB" and _verb_cue(verb, "undergoes", args):
            patients = subjects(verb, args)  # "Mansour died in a U.S. drone strike"
        elif verb.pos_ == "NOUN" and _verb_cue(verb, "undergoes", args, "NOUN"):
            # "the death of Mansour in a U.S. drone strike", "Mansour's death in ..."
            patients = [k for c in verb.children if c.dep_ == "poss" for k in args.actors_of(c)]
            patients += [k for k in args.prep_actors(verb, ("of",)) if k not in patients]
    if not patients and relational:
        one = _one_of(noun)  # "one of its allies"
        named = appositive_of(one, args) if one is not noun else []
        patients = named or appositive_of(noun, args) or members(noun, args)  # "Moscow's ally"
        if not patients and noun.i + 1 < len(noun.doc):  # the parser lost the apposition
            after = args.actor_at(noun.doc[noun.i + 1])
            patients = [after] if after is not None else []
    return agents, patients


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


def _verb_cue(verb: Token, relation: str, args: Arguments, pos: str = "VERB") -> bool:
    """Whether a verb (or a noun, ``pos``) is a cue of ``relation``: "receive", "get"
    (``supports_from``: the subject is given what its object names); "sustain", "face",
    "death" (``undergoes``: the subject is on the receiving end of its object); "end",
    "broker" (``mediates``: the subject stands outside the conflict it ends)."""
    return any(c.relation == relation for c in args.lexicon.cues_for(verb.lemma_, pos))


def light_subjects(noun: Token, args: Arguments) -> list[str]:
    """The subject of the verb a noun is the object or complement of ("acts as a proxy")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return subjects(head.head, args)
    if noun.dep_ in LIGHT_DEPS and head.pos_ in ("VERB", "AUX"):
        return subjects(head, args)
    return []


def appositive_of(noun: Token, args: Arguments) -> list[str]:
    if noun.dep_ in ("appos", "compound", "attr") and noun.head.pos_ in (
        "NOUN",
        "PROPN",
        "AUX",
        "VERB",
    ):
        if noun.dep_ == "attr":
            return subjects(noun.head, args)
        return args.actors_of(noun.head)
    return [k for c in noun.children if c.dep_ == "appos" for k in args.actors_of(c)]


def _passive_subjects(verb: Token, args: Arguments) -> list[str]:
    return [k for c in verb.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)]
