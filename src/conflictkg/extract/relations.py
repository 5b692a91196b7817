"""Support and opposition read from the dependency parse around cue words.

For every token whose lemma is a cue (``data/cues.tsv``), the rules find its *agent*
(subject, possessor, "by" phrase, the "X" of "X-backed") and its *patient* (object, the
object of the cue's prepositions, the noun an "X-backed" participle modifies), turn both
into actors with :class:`~conflictkg.arguments.Arguments`, and check the clause for
negation, denial, hedging and reported speech (:mod:`conflictkg.modality`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Predicate
from .arguments import Arguments
from .lexicon import Cue, Lexicon
from .modality import Status, clause_status

_SUBJECT_DEPS = ("nsubj", "csubj")
_OBJECT_DEPS = ("dobj", "dative", "obj")
_LIGHT_DEPS = ("dobj", "pobj", "attr", "conj", "appos", "nsubjpass", "oprd")
_PARTICIPLE_AGENT_DEPS = ("npadvmod", "compound", "nmod", "amod", "nsubj", "advmod")
_DASHES = frozenset({"-", "\u2010", "\u2011", "\u2013", "\u2014", "/"})
_POSSESSOR_IS_PATIENT = frozenset({"backer", "supporter", "sponsor", "patron", "enemy", "foe"})


@dataclass(frozen=True)
class Candidate:
    """A relation read from one sentence, before it becomes a :class:`model.Relation`."""

    subject: str
    predicate: Predicate
    object: str
    cue: Token
    confidence: float
    status: Status


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN":
        return _is_passive(verb.head)  # "was conceived by clerics and funded by Iran"
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod", "relcl")
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def _hyphen_agent(verb: Token, args: Arguments) -> list[str]:
    """The "Iranian" of "Iranian-backed": a modifier joined to the participle by a hyphen."""
    for child in verb.children:
        if child.i < verb.i and child.dep_ in _PARTICIPLE_AGENT_DEPS:
            between = verb.doc[child.i + 1 : verb.i]
            if any(t.text in ("-", "\u2010", "\u2011") for t in between) or child.i == verb.i - 1:
                found = args.actors_of(child)
                if found:
                    return found
    previous = verb.doc[verb.i - 2] if verb.i >= 2 else None
    if previous is not None and verb.doc[verb.i - 1].text == "-":
        key = args.actor_at(previous)
        if key is not None:
            return [key]
    return []


def _subjects(verb: Token, args: Arguments) -> list[str]:
    """The actors of a verb's subject, inherited through xcomp, conj and relative clauses."""
    current: Token | None = verb
    for level in range(4):
        if current is None:
            break
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                return args.actors_of(child)
        if level > 0 or current.dep_ == "conj":
            # "X was funded by Iran to harass Israel", "was conceived ... and funded": the
            # passive subject of the clause this one hangs off
            for child in current.children:
                if child.dep_ == "nsubjpass" and current.i != verb.i:
                    return args.actors_of(child)
        if current.dep_ == "pcomp" and current.head.lower_ == "of":
            # "Turkey accused Washington of arming the YPG": the object does it
            controller = current.head.head
            while controller.pos_ not in ("VERB", "AUX") and controller.head != controller:
                controller = controller.head  # "accused by Egypt of funding": "of" on Egypt
            objects = [c for c in controller.children if c.dep_ in _OBJECT_DEPS]
            if not objects:  # "the UAE has been accused by experts of supplying"
                objects = [c for c in controller.children if c.dep_ == "nsubjpass"]
            if objects:
                return args.actors_of(objects[0])
        if current.dep_ == "acl" and current.head.pos_ == "NOUN":
            # "their capacity to menace X": the noun's possessor, else its clause's subject
            owners = [c for c in current.head.children if c.dep_ == "poss"]
            if owners:
                return args.actors_of(owners[0])
            current = current.head.head if current.head.dep_ in _LIGHT_DEPS else None
        elif (
            current.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and current.head != current
        ):
            current = current.head
        elif current.dep_ == "relcl":
            return args.actors_of(current.head)
        else:
            current = None
    return []


def _verb_roles(verb: Token, cue: Cue, args: Arguments) -> tuple[list[str], list[str]]:
    if cue.relation in ("supports_from", "opposes_from"):
        # "received weapons from Iran", "receives training, weapons and support from Iran",
        # "lost Mosul to Iraqi forces"
        holders = [verb] + [
            t for c in verb.children if c.dep_ in _OBJECT_DEPS for t in (c, *c.conjuncts)
        ]
        agents = []
        for holder in holders:
            agents += [k for k in args.prep_actors(holder, cue.preps) if k not in agents]
        return agents, _subjects(verb, args)
    hyphen = _hyphen_agent(verb, args) if verb.tag_ == "VBN" else []
    if hyphen:
        return hyphen, args.actors_of(verb.head) if verb.dep_ in ("amod", "acl") else []
    if _is_passive(verb):
        agents = args.prep_actors(verb, frozenset({"by"}))
        patients = [k for c in verb.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)]
        if not patients and verb.dep_ == "conj":  # "was conceived by clerics and funded by Iran"
            patients = [
                k for c in verb.head.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)
            ]
        if not patients and verb.dep_ in ("acl", "amod", "relcl"):
            patients = args.actors_of(verb.head)
        return agents, patients
    patients = [k for c in verb.children if c.dep_ in _OBJECT_DEPS for k in args.actors_of(c)]
    patients += args.prep_actors(verb, cue.preps)
    if not patients and verb.dep_ in ("xcomp", "ccomp"):  # "see X toppled"
        patients = [
            k for c in verb.head.children if c.dep_ in _OBJECT_DEPS for k in args.actors_of(c)
        ]
    if not patients and verb.dep_ == "relcl":
        relative = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
        if relative or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
            patients = args.actors_of(verb.head)
    agents = _subjects(verb, args)
    if not agents:  # "Airstrikes by the Saudi-led coalition killed ...": the attack's agent
        for subject in (c for c in verb.children if c.dep_ in _SUBJECT_DEPS):
            cues = args.lexicon.cues_for(subject.lemma_, "NOUN")
            if cues and cues[0].relation == cue.relation:
                agents = _noun_roles(subject, cues[0], args)[0]
    return agents, patients


def _noun_roles(noun: Token, cue: Cue, args: Arguments) -> tuple[list[str], list[str]]:
    modifiers = [
        k
        for c in noun.children
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i
        for k in args.actors_of(c)
    ]
    by = args.prep_actors(noun, frozenset({"by"}))
    objects = args.prep_actors(noun, cue.preps)
    holder = noun
    while holder.dep_ == "conj":
        holder = holder.head
    if not objects and holder.dep_ == "dobj":  # "sent advisers and weapons to the Houthis"
        objects = args.prep_actors(holder.head, cue.preps)
    if not modifiers and not by and noun.dep_ == "appos":  # "Al-Shabaab, an affiliate of"
        modifiers = args.actors_of(noun.head)
    if cue.relation == "supports_from":  # "Hezbollah acts as a proxy for Iran"
        patients = _light_subjects(noun, args) or _appositive_of(noun, args)
        return objects or modifiers, patients or _members(noun, args)
    if cue.relation == "mutual_opposes" and not objects:  # "the Iran-Israel conflict"
        named = _named_before(noun, args)
        if len(named) < 2:
            named = args.antecedents(noun)  # "relations between the former rivals"
        if len(named) > 1:
            return named, named
    if noun.lemma_.lower() in _POSSESSOR_IS_PATIENT:  # "the Houthis' Iranian supporters"
        own = [k for c in noun.children if c.dep_ == "poss" for k in args.actors_of(c)]
        agents = [k for k in modifiers if k not in own] or _appositive_of(noun, args)
        return agents, own + objects
    agents = by or modifiers
    measured = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    undergoer = measured.head if measured.dep_ == "dobj" else None
    if undergoer is not None and _undergoes(undergoer, args):
        # "The group sustained thousands of airstrikes by a Saudi-led campaign"
        by = by or args.prep_actors(undergoer, frozenset({"by"}))
        return by or modifiers, objects or _subjects(undergoer, args)
    if not agents and holder.dep_ in _LIGHT_DEPS and holder.head.pos_ in ("VERB", "AUX"):
        agents = _subjects(holder.head, args)  # "Tehran delivered aid", "sent arms and aid"
    elif not agents and noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
        agents = _subjects(noun.head.head, args)  # "responded with airstrikes"
    patients = objects
    if not patients and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        patients = _subjects(noun.head.head, args)  # "With Iranian arms, the rebels grew"
    if not patients and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by"):
        verb = noun.head.head  # "Hezbollah fighters were killed in an Israeli strike"
        if verb.pos_ == "VERB" and _is_passive(verb):
            patients = [
                k for c in verb.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)
            ]
    if not patients and cue.relation == "supports" and noun.lemma_.lower() in ("ally", "proxy"):
        patients = _appositive_of(noun, args) or _members(noun, args)  # "Moscow's ally Assad"
    return agents, patients


def _undergoes(verb: Token, args: Arguments) -> bool:
    """ "sustain", "suffer", "face": the subject is on the receiving end of its object."""
    return any(c.relation == "undergoes" for c in args.lexicon.cues_for(verb.lemma_, "VERB"))


def _members(noun: Token, args: Arguments) -> list[str]:
    """The named members of a relational noun: "Tehran's proxies, such as Kataib Hezbollah"."""
    found: list[str] = []
    for child in noun.children:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("as", "including")):
            targets = (
                [child]
                if child.dep_ == "appos"
                else [g for g in child.children if g.dep_ == "pobj"]
            )
            found += [k for t in targets for k in args.actors_of(t) if k not in found]
    return found


def _light_subjects(noun: Token, args: Arguments) -> list[str]:
    """The subject of the verb a noun is the object or complement of ("acts as a proxy")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return _subjects(head.head, args)
    if noun.dep_ in _LIGHT_DEPS and head.pos_ in ("VERB", "AUX"):
        return _subjects(head, args)
    return []


def _named_before(noun: Token, args: Arguments) -> list[str]:
    """The actors named in the words right before a noun: "the Iran–Israel proxy conflict",
    "a U.S.-Iran confrontation"."""
    found: list[str] = []
    i = noun.i - 1
    while i >= noun.sent.start:
        token = noun.doc[i]
        if token.pos_ not in ("PROPN", "NOUN", "ADJ") and token.text not in _DASHES:
            break
        key = args.actor_at(token)
        if key is not None and key not in found:
            found.insert(0, key)
        i -= 1
    return found


def _prep_roles(prep: Token, args: Arguments) -> tuple[list[str], list[str]]:
    """A bare "against X": whoever the phrase it attaches to is about ("aligned against X",
    "used by the group against an American base", "the alliance against X")."""
    patients = [k for c in prep.children if c.dep_ == "pobj" for k in args.actors_of(c)]
    head = prep.head
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        if _is_passive(head):  # "used by the group against X", "X and Y are aligned against Z"
            by = args.prep_actors(head, frozenset({"by"}))
            passive_subjects = [
                k for c in head.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)
            ]
            return by or passive_subjects, patients
        return _subjects(head, args), patients
    if head.pos_ in ("NOUN", "PROPN"):
        own = args.actor_at(head)
        if own is not None:
            return args.actors_of(head), patients
        agents = [
            k
            for c in head.children
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < head.i
            for k in args.actors_of(c)
        ]
        if not agents and head.dep_ in _LIGHT_DEPS and head.head.pos_ in ("VERB", "AUX"):
            agents = _subjects(head.head, args)
        return agents, patients
    return [], patients


def _appositive_of(noun: Token, args: Arguments) -> list[str]:
    if noun.dep_ in ("appos", "compound", "attr") and noun.head.pos_ in (
        "NOUN",
        "PROPN",
        "AUX",
        "VERB",
    ):
        if noun.dep_ == "attr":
            return _subjects(noun.head, args)
        return args.actors_of(noun.head)
    return [k for c in noun.children if c.dep_ == "appos" for k in args.actors_of(c)]


def _cues_of(token: Token, pos: str, lexicon: Lexicon) -> tuple[Cue, ...]:
    """The cues of a token: a phrasal verb first ("take on"), then its lemma, then its form."""
    for particle in (c.lower_ for c in token.children if c.dep_ == "prt"):
        phrasal = lexicon.cues_for(f"{token.lemma_} {particle}", pos)
        if phrasal:
            return phrasal
    return lexicon.cues_for(token.lemma_, pos) or lexicon.cues_for(token.lower_, pos)


def _choose_cue(token: Token, cues: tuple[Cue, ...]) -> Cue:
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    for cue in cues:
        if cue.preps & preps:
            return cue
    return cues[0]


def _relations_of(
    cue: Cue, agents: list[str], patients: list[str]
) -> Iterator[tuple[str, Predicate, str]]:
    predicate = Predicate.SUPPORTS if cue.relation.startswith("supports") else Predicate.OPPOSES
    for agent in agents:
        for patient in patients:
            if agent == patient:
                continue
            yield agent, predicate, patient
            if cue.relation == "mutual_opposes":
                yield patient, predicate, agent


def sentence_relations(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """Support and opposition candidates of one sentence."""
    found: list[Candidate] = []
    for token in sentence:
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
        if any(c.relation == "undergoes" for c in lexicon.cues_for(token.lemma_, pos)):
            continue
        if pos == "ADP" and token.dep_ != "prep":
            continue
        cues = _cues_of(token, pos, lexicon)
        if not cues:
            continue
        cue = _choose_cue(token, cues)
        if pos == "VERB":
            agents, patients = _verb_roles(token, cue, args)
        elif pos == "NOUN":
            agents, patients = _noun_roles(token, cue, args)
        elif pos == "ADP":
            agents, patients = _prep_roles(token, args)
        else:
            continue
        if not agents and cue.relation == "mutual_opposes" and len(patients) > 1:
            agents = patients  # "the clashes between A and B"
        if not patients:
            patients = _reciprocal(token, cue, agents)
        if not agents or not patients:
            continue
        status = clause_status(token, lexicon, args)
        if status.negated:
            continue
        for subject, predicate, obj in _relations_of(cue, agents, patients):
            found.append(
                Candidate(subject, predicate, obj, token, cue.confidence * status.factor, status)
            )
    return found


def _reciprocal(token: Token, cue: Cue, agents: list[str]) -> list[str]:
    """ "Hezbollah and Israel fought each other", "the Iran-Israel conflict": coordinated
    agents act on one another."""
    if len(agents) < 2:
        return []
    each_other = any(
        c.dep_ in _OBJECT_DEPS and c.lower_ in ("other", "another") for c in token.children
    )
    return agents if each_other or cue.relation == "mutual_opposes" else []
