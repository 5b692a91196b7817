"""Who does what to whom around a noun cue, and whom a verb's subject stands for.

A verb's subject (inherited through control, coordination and relative clauses); a
noun's possessor, modifiers, "by" phrase, the objects of its prepositions and the verb it
is the object of. Verb cues are read in :mod:`.verb_roles`, a bare "against X" and an
adjective in :mod:`.phrase_roles`; tokens become actors through :mod:`.arguments`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..model import ActorType
from .arguments import Arguments
from .lexicon import Cue
from .parse_tree import (
    at_phrase,
    misread_conjunct,
    prep_objects,
    side_phrase,
    trailing_prep_objects,
)
from .syntax import is_passive, killed_together, members, named_before, passive_subjects

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "dative", "obj")
LIGHT_DEPS = ("dobj", "pobj", "attr", "conj", "appos", "nsubjpass", "oprd")
_CLAUSE_DEPTH = 6  # "plans to send troops ..., bringing ... to help fight X": four clauses up
_AGENT_PREPS = frozenset({"by", "from"})  # "air support from the coalition"
_PARTY_CLASSES = frozenset({"militant", "nonstate", "collective", "armed", "state", "force"})
# "After seizing Sirte, the forces moved east": the clause's subject does what the gerund
# says; not after "with", "for", "of" ("charged X with arming Y": the object does)
_DOING_PREPS = frozenset({"after", "before", "since", "by", "upon", "through", "on", "in"})
POSSESSOR_IS_PATIENT = frozenset(
    {"backer", "supporter", "sponsor", "patron", "enemy", "foe", "opponent", "adversary"}
)


def subjects(verb: Token, args: Arguments) -> list[str]:
    """The actors of a verb's subject, inherited through xcomp, conj and relative clauses."""
    if verb.dep_ == "amod" and verb.tag_ == "VBD" and verb.head.i < verb.i:
        return args.actors_of(verb.head)  # "Iran armed Hezbollah, officials said": misparsed
    current: Token | None = verb
    for level in range(_CLAUSE_DEPTH):
        if current is None:
            break
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return args.actors_of(child) or event_doers(child, args)
        if level > 0 or current.dep_ == "conj":
            # "X was funded by Iran to harass Israel", "was conceived ... and funded": the
            # passive subject of the clause this one hangs off
            for child in current.children:
                if child.dep_ == "nsubjpass" and current.i != verb.i:
                    return args.actors_of(child)
        if current.dep_ == "pcomp" and current.head.lower_ == "of":
            # "Turkey accused Washington of arming the YPG": the object does it
            controller = current.head.head
            agent = controller.dep_ == "pobj" and controller.head.dep_ == "agent"
            if controller.pos_ == "NOUN" and not agent:  # "rebel hopes of removing Assad"
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
        joined = verb.dep_ == "conj" and verb.head == current and current.tag_ == "VBN"
        gerund = current.tag_ == "VBG" or (joined and verb.tag_ == "VBG")
        if current.dep_ == "acl" and gerund and current.head.pos_ in ("NOUN", "PROPN"):
            # "troops battling X"; "the government and rebels fighting X": the parser hangs
            # the clause on the first conjunct, but the noun right before it does it; "the
            # HNC, formed in Riyadh and grouping opponents of X": the named noun
            nearest = [c for c in current.head.conjuncts if c.right_edge.i + 1 == current.i]
            noun = (nearest or [current.head])[0]
            found = _posted_by(noun, args) or args.actors_of(noun, conjuncts=False)
            return found or _armed_owners(noun, args)  # "air strikes supporting X's advance"
        if current.dep_ == "acl" and current.head.pos_ == "NOUN":
            # "their capacity to menace X": the noun's possessor, else its clause's subject
            owners = [c for c in current.head.children if c.dep_ == "poss"]
            if owners:
                return args.actors_of(owners[0])
            doers = _armed_owners(current.head, args)
            if doers:
                return doers  # "Russian bombing raids to bolster Syrian forces"
            current = current.head.head if current.head.dep_ in LIGHT_DEPS else None
        elif (
            current.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and current.head != current
        ):
            if current.dep_ == "ccomp" and args.lexicon.reports(current.head.lemma_):
                break  # "officials said X had been wounded": the speaker did not do it
            if current.dep_ == "conj" and misread_conjunct(current):
                break  # "He escaped after Iraq, ..., invaded the country": not his doing
            if current.dep_ == "advcl" and current.tag_ == "VBG" and current.i > 0:
                # "X back rebels trying to overthrow him": the parser hung the clause on
                # the main verb; the armed or state noun right before it does it (not
                # "post messages professing support for X")
                before = current.doc[current.i - 1]
                if before.tag_ == "NNS" and args.classes(before) & _PARTY_CLASSES:
                    return args.actors_of(before, conjuncts=False)
            current = current.head
        elif current.dep_ == "prep" and current.lower_ in _DOING_PREPS and level > 0:
            verb_head = current.head.pos_ in ("VERB", "AUX")  # not "After taking X, it is ..."
            current = current.head if verb_head and not _it_subject(current.head) else None
        elif current.dep_ == "relcl":
            return args.actors_of(current.head)
        else:
            current = None
    return []


def _it_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children)


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


def _series_of(noun: Token, args: Arguments) -> Token | None:
    """The noun an event is a series of: "a campaign of air strikes", "a wave of attacks"
    (nouns.tsv class ``series``), whose agent carried out the events."""
    outer = noun.head.head
    of = noun.dep_ == "pobj" and noun.head.lower_ == "of" and outer.pos_ == "NOUN"
    return outer if of and "series" in args.classes(outer) else None


def event_doers(noun: Token, args: Arguments, *, conjuncts: bool = True) -> list[str]:
    """Who carried out what an event noun names ("Russian bombing", "air support from the
    coalition"), when the noun itself is no actor."""
    cues = args.lexicon.cues_for(noun.lemma_, "NOUN")
    if not cues or noun.pos_ != "NOUN":
        return []
    return event_agents(noun, cues[0], args, conjuncts=conjuncts)


def armed_event(noun: Token, args: Arguments) -> bool:
    """An armed act no actor stands for ("air strikes", "shelling"), not a rival."""
    cues = args.lexicon.cues_for(noun.lemma_, "NOUN") if noun.pos_ == "NOUN" else ()
    attack = bool(cues) and cues[0].relation == "attacks"
    return attack and "relational" not in args.classes(noun) and args.actor_at(noun) is None


def armed_doers(events: Iterable[Token], args: Arguments) -> list[str]:
    """Who carried out the armed acts among ``events``: "an attack by Boko Haram"."""
    doers = (k for e in events if armed_event(e, args) for k in event_doers(e, args))
    return list(dict.fromkeys(doers))


def _armed_owners(noun: Token, args: Arguments) -> list[str]:
    armed = armed_event(noun, args) or "series" in args.classes(noun)  # "an air campaign"
    return _noun_owners(noun, args) if armed else []  # "U.S. air strikes", not who saw them


def _posted_by(noun: Token, args: Arguments) -> list[str]:
    """ "Kenya has troops in Somalia fighting al Shabaab": unnamed forces that the subject
    has, sends or deploys are the subject's (nouns.tsv class ``posting``)."""
    if "force" not in args.classes(noun) or noun.dep_ not in OBJECT_DEPS or args.actor_at(noun):
        return []
    if "posting" not in args.classes(noun.head):
        return []
    return [k for c in noun.head.children if c.dep_ in SUBJECT_DEPS for k in args.actors_of(c)]


def event_agents(noun: Token, cue: Cue, args: Arguments, *, conjuncts: bool = True) -> list[str]:
    """Who carried out the event a noun names, through its conjuncts (unless ``conjuncts``
    is false): "Stabbings, shootings and car rammings by Palestinians have killed ..."."""
    found: list[str] = []
    for item in (noun, *noun.conjuncts) if conjuncts else (noun,):
        found += [k for k in noun_roles(item, cue, args)[0] if k not in found]
    return found


def _for_armed_act(noun: Token, args: Arguments) -> bool:
    """ "fighting on behalf of X", "plotted attacks on behalf of X": the phrase hangs on an
    armed act (not "speaking on behalf of the family", "a lawsuit on behalf of drivers")."""
    act = noun.head.head if noun.dep_ == "pobj" else noun.head
    acts = [act, *(c for c in act.children if c.dep_ in OBJECT_DEPS)]
    return any(any(c.opposes for c in args.lexicon.cues_for(a.lemma_, a.pos_)) for a in acts)


def noun_roles(noun: Token, cue: Cue, args: Arguments) -> tuple[list[str], list[str]]:
    if "armed_behalf" in args.classes(noun) and not _for_armed_act(noun, args):
        return [], []
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
    in_support = noun.dep_ == "pobj" and noun.head.lower_ == "in"  # "in support of X"
    if not objects and cue.relation == "supports" and in_support:
        objects = args.prep_actors(noun, frozenset({"of"}))  # "sent troops in support of X"
    if not objects and cue.relation == "supports":  # "support for the army's offensive"
        acts = prep_objects(noun, cue.preps | ({"of"} if in_support else set()))
        acts += prep_objects(noun.head, cue.preps) if noun.dep_ == "dobj" else []  # "gave ... to"
        objects = armed_doers(acts, args)
    if not objects and prep_objects(noun, cue.preps):
        # "support for partners, including Iraqi forces": the list hangs on the cue noun
        objects = args.prep_actors(noun, frozenset({"including"}))
    if cue.relation == "supports" and "of" not in cue.preps and not by and not objects:
        # "Iran's backing of Hezbollah": whom; "with the backing of Iran": who
        of = args.prep_actors(noun, frozenset({"of"}))
        objects, by = (of, by) if owned else (objects, of)
    if cue.relation == "supports" and not by and not owned and not in_support:
        # "with the support of Russian air strikes", "under the cover of Russian airstrikes"
        by = armed_doers(prep_objects(noun, ("of",)), args)
    if not objects and cue.relation == "mutual_opposes" and side_phrase(noun):
        # "has been at war with X": the parser hangs "with X" on the verb, right after the noun
        objects = [k for o in trailing_prep_objects(noun, cue.preps) for k in args.actors_of(o)]
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
        and verb_cue(holder, "supports_from", args)
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
    if cue.relation == "mutual_opposes" and not objects and at_phrase(noun):
        sides = subjects(noun.head.head, args)
        if len(sides) > 1:  # "Sudan's army and the RSF are at war": with each other
            return sides, sides
    if cue.relation == "mutual_opposes" and not objects:
        sides = killed_together(noun, args)
        if sides:
            return sides, sides
    if noun.lemma_.lower() in POSSESSOR_IS_PATIENT:  # "the Houthis' Iranian supporters"
        # whose: "Assad's opponents", "a Clinton backer"; not "Iranian" or "U.S. backers"
        whose = [c for c in noun.lefts if c.dep_ in ("poss", "compound", "amod")]
        keys = [(c.dep_, k) for c in whose for k in args.actors_of(c)]
        state = {k for _, k in keys if args.type_of(k) is ActorType.GOVERNMENT}
        own = [k for dep, k in keys if dep == "poss" or (dep == "compound" and k not in state)]
        agents = [k for _, k in keys if k not in own] or appositive_of(_one_of(noun), args)
        return agents or _listed(noun, holder, args), own + objects
    agents = by or modifiers or args.led_by(noun)  # "the U.S.-led campaign against X"
    measured = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    undergoer = measured.head if measured.dep_ == "dobj" else None
    under = noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.lemma_ != "pressure"
    undergoer = noun.head.head if under else undergoer  # "came under attack from X"
    mutual = cue.relation == "mutual_opposes" and objects  # "has had a conflict with X"
    if undergoer is not None and not mutual and (under or verb_cue(undergoer, "undergoes", args)):
        # "The group sustained thousands of airstrikes by a Saudi-led campaign"
        by = by or args.prep_actors(noun, frozenset({"from"}))  # "faced competition from X"
        by = by or args.prep_actors(undergoer, frozenset({"by", "from"}))
        return by or modifiers, objects or subjects(undergoer, args)
    if relational and not agents and objects:
        agents = _listed(noun, holder, args)  # "allies of Washington, including Israel"
    if relational and holder.dep_ not in ("attr", "oprd"):
        pass  # "fighting against allies of X": the allies are others, not the fighters
    elif mutual and side_phrase(noun):
        side = noun.head.head  # "at war with X"; "backed by Y in combat with Islamic State"
        agents = passive_subjects(side, args) if is_passive(side) else []
        agents = [k for k in agents or subjects(side, args) if k not in objects]
    elif cue.relation == "mutual_opposes" and holder.dep_ not in ("dobj", "attr", "nsubj"):
        pass  # "troops killed in armed conflict": no parties of this conflict
    elif cue.relation == "mutual_opposes" and verb_cue(holder.head, "mediates", args):
        pass  # "China tried to end the conflict": a third party, not a side
    elif not agents and (series := _series_of(noun, args)) is not None:
        agents = noun_roles(series, cue, args)[0]  # "Russia's campaign of air strikes on X"
    elif "censure" in args.classes(holder.head):
        pass  # "Ghani condemned the attack in Kabul": who condemns it did not carry it out
    elif not agents and holder.dep_ in LIGHT_DEPS and holder.head.pos_ in ("VERB", "AUX"):
        agents = subjects(holder.head, args)  # "Tehran delivered aid", "sent arms and aid"
    elif (
        not agents
        and noun.dep_ == "pobj"
        and noun.head.head.pos_ in ("VERB", "AUX")
        and not verb_cue(noun.head.head, "undergoes", args)  # "X died in the attack on Y"
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
        # "the Russian air campaign in support of Assad", "has flown airstrikes in support of X"
        agents = agents or event_doers(act, args, conjuncts=False)
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
            patients = passive_subjects(verb, args)
        elif verb.pos_ == "VERB" and verb_cue(verb, "undergoes", args):
            patients = subjects(verb, args)  # "Mansour died in a U.S. drone strike"
        elif verb.pos_ == "NOUN" and verb_cue(verb, "undergoes", args, "NOUN"):
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


def _listed(noun: Token, holder: Token, args: Arguments) -> list[str]:
    """ "opponents of X including Saudi Arabia"; "the HNC, which groups opponents of X"."""
    grouping = args.lexicon.role_classes(holder.head.lemma_)
    if holder.dep_ == "dobj" and "grouping_verb" in grouping:
        return members(noun, args) or subjects(holder.head, args)
    return members(noun, args)


def verb_cue(verb: Token, relation: str, args: Arguments, pos: str = "VERB") -> bool:
    """Whether a verb ("fight off" with its particle) or a noun (``pos``) is a cue of
    ``relation``: "receive" (``supports_from``: the subject is given what its object names);
    "sustain", "repel" (``undergoes``: the subject is on the receiving end of its object);
    "broker" (``mediates``: the subject stands outside the conflict it ends)."""
    lemmas = [verb.lemma_, *(f"{verb.lemma_} {c.lower_}" for c in verb.children if c.dep_ == "prt")]
    return any(c.relation == relation for w in lemmas for c in args.lexicon.cues_for(w, pos))


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
