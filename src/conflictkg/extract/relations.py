"""Support and opposition read from the dependency parse around cue words.

For every token whose lemma is a cue (``data/cues.tsv``), the rules find its *agent*
(subject, possessor, "by" phrase, the "X" of "X-backed") and its *patient* (object, the
object of the cue's prepositions, the noun an "X-backed" participle modifies) with
:mod:`~conflictkg.extract.participants`, and check the clause for negation, denial,
hedging and reported speech (:mod:`~conflictkg.extract.modality`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..model import ActorType, Predicate
from .arguments import Arguments
from .candidate import Candidate
from .events import cue_objects, is_armed_nonstate, named_places, place_targets, victims_states
from .lexicon import Cue, Lexicon
from .modality import clause_status
from .nlp import HYPHENS
from .parse_tree import at_phrase, prep_objects, trailing_preps
from .participants import OBJECT_DEPS, noun_roles
from .phrase_roles import adj_roles, prep_roles
from .syntax import is_passive
from .verb_roles import verb_roles


def cues_of(token: Token, pos: str, lexicon: Lexicon) -> tuple[Cue, ...]:
    """The cues of a token: a phrasal verb first ("take on"), then its lemma, then its form."""
    particles = [  # "pushed back", "pushed the militants back"
        c.lower_
        for c in token.children
        if c.dep_ == "prt"
        or (c.dep_ == "advmod" and c.lower_ in _PARTICLES)
        or (c.dep_ == "prep" and c.lower_ == "out")  # "drove the militants out of Kismayo"
    ]
    for particle in particles:
        phrasal = lexicon.cues_for(f"{token.lemma_} {particle}", pos)
        if phrasal:
            return phrasal
    return lexicon.cues_for(token.lemma_, pos) or lexicon.cues_for(token.lower_, pos)


def _choose_cue(token: Token, cues: tuple[Cue, ...]) -> Cue:
    preps = {c.lower_ for c in trailing_preps(token)}  # "has been at war with X"
    for cue in cues:
        if cue.preps & preps:
            return cue
    # "A and B are at war"; "U.S.-Iranian hostility": both sides named before the noun
    if at_phrase(token) or any(_joins_names(t) for c in token.lefts for t in (c, *c.lefts)):
        return next((c for c in cues if c.relation == "mutual_opposes"), cues[0])
    return cues[0]


def _joins_names(token: Token) -> bool:
    """A hyphen between two capitalised words ("U.S.-Iranian"; not "five-year-old")."""
    if token.text not in HYPHENS or token.i == 0 or token.i + 1 >= len(token.doc):
        return False
    return token.nbor(-1).text[:1].isupper() and token.nbor(1).text[:1].isupper()


_PARTICLES = frozenset({"back", "out", "off", "down", "up", "away"})
_MEMBERSHIP_NOUNS = frozenset({"ally", "partner", "member"})
_PLACE_FACTOR = 0.75  # a place or a bare state name, not a named target
_FIGHTING = frozenset({"fight", "battle"})  # "A and B have been fighting": each other
_SIDE_PREPS = frozenset({"with", "against", "alongside", "beside", "for", "on", "under"})
_MUTUAL_FACTOR = 0.9  # the other direction of a mutual relation ("ally")


def _relations_of(
    cue: Cue, agents: list[str], patients: list[str]
) -> Iterator[tuple[str, Predicate, str]]:
    predicate = Predicate.OPPOSES if cue.opposes else Predicate.SUPPORTS
    for agent in agents:
        for patient in patients:
            if agent == patient:
                continue
            yield agent, predicate, patient
            if cue.relation in ("mutual_opposes", "mutual_supports"):
                yield patient, predicate, agent


_NOT_CUES = frozenset({"undergoes", "mediates"})  # rows that shape other cues' roles


def _mistagged_verb(token: Token) -> bool:
    """A word the tagger took for a preposition or a noun that the parser gives a subject and
    an object: "Egypt and Saudi Arabia back the Sudanese army" ("back" as ADP)."""
    deps = {c.dep_ for c in token.children}
    return token.pos_ in ("ADP", "ADV", "NOUN") and "nsubj" in deps and "dobj" in deps


def _lost_verb(token: Token, sentence: Span) -> bool:
    """ "Russia and Iran back Assad": in a sentence the parser found no verb in, it took the
    verb for an adverb, leaving the names before it as the root and the one after it as an
    apposition."""
    # not "Egypt and Saudi Arabia back X", with "back" the root
    return token.pos_ in ("ADV", "ADP") and sentence.root.i < token.i


def _lost_verb_roles(token: Token, sentence: Span, args: Arguments) -> tuple[list[str], list[str]]:
    """The subjects of a lost verb are the root's names before it; its object, the first
    name after it, or the group that name owns ("Haftar's Libyan National Army")."""
    named = [t for t in sentence[token.i - sentence.start + 1 :] if args.actor_at(t)]
    if not named:
        return [], []
    obj = named[0]
    while obj.dep_ in ("compound", "poss") and args.actor_at(obj.head):
        obj = obj.head
    after = args.actor_at(obj) or ""
    return [k for k in args.actors_of(sentence.root) if k != after], [after]


def sentence_relations(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """Support and opposition candidates of one sentence."""
    found: list[Candidate] = []
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in sentence)
    for token in sentence:
        lost = verbless and _lost_verb(token, sentence)
        pos = (
            "VERB"
            if token.pos_ in ("VERB", "AUX") or _mistagged_verb(token) or lost
            else token.pos_
        )
        if pos == "ADP" and token.dep_ != "prep":
            continue
        # "repel" opposes its object, and also makes its subject the patient of the attack
        # it repels (an undergoes row); rows that only shape roles are no cues of their own
        cues = tuple(c for c in cues_of(token, pos, lexicon) if c.relation not in _NOT_CUES)
        if token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass"):
            # "Fighting between X and Y has killed ...": a gerund subject with no object of
            # its own is the noun
            objects = any(c.dep_ in OBJECT_DEPS for c in token.children)
            nominal = () if objects else lexicon.cues_for(token.lower_, "NOUN")
            pos, cues = ("NOUN", nominal) if nominal else (pos, cues)
        if not cues:
            continue
        cue = _choose_cue(token, cues)
        if lost:
            agents, patients = _lost_verb_roles(token, sentence, args)
        elif pos == "VERB":
            agents, patients = verb_roles(token, cue, args)
        elif pos == "NOUN":
            agents, patients = noun_roles(token, cue, args)
        elif pos == "ADP":
            agents, patients = prep_roles(token, args)
        elif pos == "ADJ":
            agents, patients = adj_roles(token, cue, args)
        else:
            continue
        if not agents and cue.relation == "mutual_opposes" and len(patients) > 1:
            # "the clashes between A and B"; not "a battle with A and other B" (one side)
            between = prep_objects(token, ("between",)) or prep_objects(token.head, ("between",))
            agents = patients if between else []
        classes = args.classes(token)
        if not cue.opposes or ("measure" in classes and "deadly" not in classes):
            # "sheltering 2.5 million Syrians" is no support for Syria, nor is "arrested
            # three Syrians" opposition to it ("killed 100 Kenyans" is)
            people = _people_of_states(token, cue, args)
            patients = [p for p in patients if p not in people]
        if cue.relation != "mutual_opposes":
            # "The United States and Russia, which back opposing sides": a list is not
            # related to itself
            patients = [p for p in patients if p not in agents]
        # "A and B have been fighting": each other; "X was arrested": by the state; guesses
        guessed = pos == "VERB" and _agentless_measure(token, cue, args)
        if not patients:
            guessed = _facing(token, cue, agents, args)
            patients = agents if guessed else _reciprocal(token, cue, agents, args.lexicon)
        if _in_contest(token, args):
            continue  # "lost the primary to X", "defeated X in the election"
        places: set[str] = set()
        if cue.relation == "attacks" and "conquest" not in classes:
            places = named_places(token, cue.preps, args)  # not "the invasion of Iraq"
            if not patients and agents and all(is_armed_nonstate(a, args) for a in agents):
                patients = victims_states(token, args)  # "killed two American citizens"
                if not patients:
                    patients = place_targets(token, args)  # "militants attacked a hotel in Aden"
                    places = set(patients)
        if not agents or not patients:
            continue
        status = clause_status(token, lexicon, args)
        if status.negated:
            continue
        if pos == "NOUN" and token.lemma_.lower() in _MEMBERSHIP_NOUNS:
            # "NATO ally Turkey": Turkey is a member of NATO, not backed by it
            alliances = [a for a in agents if args.is_alliance(a)]
            found += [
                Candidate(p, Predicate.MEMBER_OF, a, token, cue.confidence, status)
                for a in alliances
                for p in patients
                if p != a
            ]
            agents = [a for a in agents if a not in alliances]
        for subject, predicate, obj in _relations_of(cue, agents, patients):
            inferred = obj in places or guessed
            if inferred and pos == "NOUN" and args.type_of(subject) is ActorType.GOVERNMENT:
                continue  # "Russian air strikes on Syria" say where ("attacked Syria": whom)
            confidence = cue.confidence * status.factor * (_PLACE_FACTOR if inferred else 1.0)
            found.append(Candidate(subject, predicate, obj, token, confidence, status, inferred))
            if pos == "NOUN" and "mutual" in lexicon.noun_classes(token.lemma_.lower()):
                # "Moscow's ally Assad": an alliance binds both of them
                found.append(
                    Candidate(
                        obj,
                        predicate,
                        subject,
                        token,
                        confidence * _MUTUAL_FACTOR,
                        status,
                        inferred,
                    )
                )
    return found


def _agentless_measure(verb: Token, cue: Cue, args: Arguments) -> bool:
    """ "X was arrested", "has been charged": a state's measure whose agent the text leaves
    out (verb_roles.verb_roles gives it to the state of the place it happened in)."""
    return (
        cue.relation == "opposes"
        and "measure" in args.classes(verb)
        and is_passive(verb)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _people_of_states(token: Token, cue: Cue, args: Arguments) -> set[str]:
    """States a cue's objects name only by their people ("Syrians", "Afghans")."""
    found = set()
    for obj in cue_objects(token, cue.preps):
        mention = args.mention_at(obj)
        if mention is not None and mention.kind.value == "demonym" and obj.tag_ in ("NNS", "NNPS"):
            found.add(mention.key or "")
    return found


def _in_contest(token: Token, args: Arguments) -> bool:
    """Whether a cue is about an election, a game or a lawsuit, not a conflict."""
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    objects += [
        o for p in token.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
    ]
    return any("contest" in args.lexicon.noun_classes(o.lemma_.lower()) for o in objects)


def _names_a_side(prep: Token, args: Arguments) -> bool:
    """ "fought alongside X", "fought for the government" (not "for years", nor "for
    control of the country": what the sides fight over, nouns.tsv class ``stake``)."""
    if prep.dep_ != "prep" or prep.lower_ not in _SIDE_PREPS:
        return False
    return not any(
        o.ent_type_ in ("DATE", "TIME") or "stake" in args.classes(o) for o in prep.children
    )


def _reciprocal(token: Token, cue: Cue, agents: list[str], lexicon: Lexicon) -> list[str]:
    """ "Hezbollah and Israel fought each other", "the Iran-Israel conflict": coordinated
    agents act on one another."""
    if len(agents) < 2:
        return []
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    each_other = any(c.lower_ in ("other", "another") for c in objects)
    # "A and B have fought a war": the object names a conflict between the subjects
    conflict = any(
        cue.relation == "mutual_opposes"
        for c in objects
        for cue in lexicon.cues_for(c.lemma_, "NOUN")
    )
    return agents if each_other or conflict or cue.relation == "mutual_opposes" else []


def _facing(token: Token, cue: Cue, agents: list[str], args: Arguments) -> bool:
    """ "Sudan's army and the RSF have been fighting since April": a state and an armed
    group that fight with no one else named fight each other (allies fight someone named, or
    fight "alongside" each other). A guess: less confident, and dropped where the document
    says the two support each other."""
    sides = {args.type_of(k) for k in agents}
    return (
        len(agents) == 2
        and sides == {ActorType.GOVERNMENT, ActorType.ARMED_GROUP}
        and token.pos_ == "VERB"
        and token.lemma_ in _FIGHTING
        and not any(c.dep_ in OBJECT_DEPS for c in token.children)
        and not any(c.dep_ in ("xcomp", "advcl") for c in token.children)  # "to retake X"
        and not any(_names_a_side(c, args) for c in token.children)
    )
