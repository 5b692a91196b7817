"""Armed events: who attacked whom when the text names an event rather than a target.

- Incitement: "X urged its followers to attack targets in the United States", "calling on
  Muslims to carry out attacks in Germany": X opposes the target (the followers' attack is
  not a fact, the call is).

- Claims of responsibility: "X claimed responsibility for the bombing, which killed 20
  soldiers", "X claimed the attack on a police station": X is the attack's agent.
- Victims: the objects of what the event did ("which killed 20 soldiers", "killing three
  officers").
- Places: an armed group's attack "in Maiduguri" with no target named is an attack on the
  state the place is in (an inferred, less confident edge). A state's strikes on a place
  say where, not whom: "Russian air strikes on Syria" stay inferred, and are dropped where
  the text says the two are allies.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import ActorType, Predicate
from .arguments import Arguments
from .candidate import Candidate
from .lexicon import Cue, Lexicon
from .modality import clause_status
from .parse_tree import prep_objects
from .participants import OBJECT_DEPS, SUBJECT_DEPS, noun_roles, subjects
from .verb_roles import verb_roles

_TEMPORAL_PREPS = frozenset({"after", "before", "since", "until", "following"})
_LOCATIVE_PREPS = frozenset(
    {"in", "into", "at", "near", "across", "throughout", "outside", "inside"}
)
_CLAIM_VERBS = frozenset({"claim", "take", "accept", "admit", "assume", "bear"})
_RESPONSIBILITY = frozenset({"responsibility", "credit"})
_PLACE_FACTOR = 0.75  # an attack on whoever holds the place, not a named target
_CLAIM_CONFIDENCE = 0.85
_INCITE_CONFIDENCE = 0.7
_EVENT_WINDOW = 2  # sentences to look back for the attack "the attack" refers to


def attack_cue(token: Token, lexicon: Lexicon) -> Cue | None:
    """The violent-event cue of a token, if it is one ("attack", "bombing", "stormed")."""
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    for cue in lexicon.cues_for(token.lemma_, pos) or lexicon.cues_for(token.lower_, pos):
        if cue.relation == "attacks":
            return cue
    return None


def is_armed_nonstate(key: str, args: Arguments) -> bool:
    """An armed group, or a person acting outside any state (a militant, not a president):
    whose attack somewhere is an attack on the state there."""
    kind = args.type_of(key)
    if kind is ActorType.PERSON:
        record = args.resolution.actors.get(key)
        return record is not None and not record.from_gazetteer
    return kind in (ActorType.ARMED_GROUP, None)


def _earlier_places(event: Token, args: Arguments, lexicon: Lexicon) -> list[str]:
    """ "Militants attacked an army base in central Mali. JNIM claimed the attack.": the
    states of the places of the attack that "the attack" refers back to, the nearest one
    told in the sentences just before."""
    if event.pos_ != "NOUN" or not any(c.lower_ == "the" for c in event.children):
        return []
    doc = event.doc
    start = event.sent.start
    for _ in range(_EVENT_WINDOW):
        if start == 0:
            break
        sentence = doc[start - 1].sent
        for told in reversed(sentence):
            if attack_cue(told, lexicon) is not None:
                places = place_targets(told, args)
                if places:
                    return places
        start = sentence.start
    return []


def _country_referred(place: Token, args: Arguments) -> str | None:
    """ "across the country", "in the Horn of Africa country": the state referred back to."""
    if "country" not in args.classes(place) or place.pos_ != "NOUN":
        return None
    key = args.antecedent(place)
    return key if key is not None and args.type_of(key) is ActorType.GOVERNMENT else None


def place_targets(event: Token, args: Arguments, *, named: bool = False) -> list[str]:
    """The states of the places an event happened in: "in Maiduguri", "across Somalia",
    "an attack on a police station in Jakarta"."""
    holders = [event]
    if event.dep_ in OBJECT_DEPS:  # "launched attacks in ..."
        holders.append(event.head)
    elif event.dep_ == "pobj" and event.head.lower_ not in _TEMPORAL_PREPS:
        # "killed in an attack in ..."; not "settled in X a week after the attack"
        holders.append(event.head.head)
    holders += [c for c in event.children if c.dep_ in OBJECT_DEPS]
    holders += [
        o for p in event.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
    ]
    found: list[str] = []
    for name in event.children if named else ():  # "claimed the Ouagadougou assault"
        if name.dep_ in ("compound", "nmod") and name.pos_ == "PROPN" and name.i < event.i:
            state = args.place_state(name)
            if state is not None and args.actor_at(name) is None:
                found.append(state)
    struck = (*OBJECT_DEPS, "nsubjpass")  # "hit the city of X", "X was shelled by Y"
    for place in (c for c in event.children if c.dep_ in struck and event.pos_ == "VERB"):
        where = "place" in args.classes(place) or place.pos_ == "PROPN"
        if (where or "stake" in args.classes(place)) and not args.actor_at(place):
            state = args.place_state(place)  # "hit the city of Port Sudan"
            if state is not None and state not in found:
                found.append(state)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for place in (pobj, *pobj.conjuncts):  # "in Paris and Brussels"
                    if "boundary" in args.classes(place):
                        continue  # "villages near Turkey's border" are in no one state
                    state = args.place_state(place) or _country_referred(place, args)
                    if state is not None and state not in found:
                        found.append(state)
    return found


def victims_states(event: Token, args: Arguments) -> list[str]:
    """The states whose people an armed group's violence struck: "killed two American
    citizens", "the kidnapping of British tourists", "Japanese hostages were beheaded": an
    attack on a state's people opposes the state, wherever it happened."""
    victims = cue_objects(event, frozenset({"of", "on", "against"}))
    victims += [c for c in event.children if c.dep_ == "nsubjpass"]
    found: list[str] = []
    for victim in (v for v in victims if "citizen" in args.classes(v)):
        for child in (c for c in victim.lefts if c.dep_ in ("amod", "compound", "nmod")):
            key = args.actor_at(child)
            if key and args.type_of(key) is ActorType.GOVERNMENT and key not in found:
                found.append(key)
    return found


def is_locative(patient: Token) -> bool:
    """A token inside a place phrase: "into northern Syria", "in Iraq"."""
    head = patient.head
    if patient.dep_ == "pobj" and head.lower_ in (*_LOCATIVE_PREPS, "into", "over"):
        return True
    return any(
        c.dep_ == "amod" and c.lower_ in ("northern", "southern", "eastern", "western", "central")
        for c in patient.children
    )


def cue_objects(cue: Token, preps: frozenset[str]) -> list[Token]:
    """A cue's objects and the objects of its prepositions among ``preps``, with conjuncts."""
    objects = [c for c in cue.children if c.dep_ in OBJECT_DEPS]
    objects += [
        o
        for p in cue.children
        if p.dep_ == "prep" and p.lower_ in preps
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return [t for o in objects for t in (o, *o.conjuncts)]


def named_places(cue: Token, preps: frozenset[str], args: Arguments) -> set[str]:
    """The states a cue's objects name as places rather than as targets: "bombed northern
    Iraq", "strikes on Syria", "an air strike on Beirut" (a state's bare name or capital:
    where, not whom, unless the text says more)."""
    found: set[str] = set()
    for token in cue_objects(cue, preps):
        mention = args.mention_at(token)
        if (
            mention is None
            or mention.key is None
            or args.type_of(mention.key) is not (ActorType.GOVERNMENT)
        ):
            continue
        # "strikes on Beirut": a capital that elsewhere stands for its government is a place
        if is_locative(token) or mention.kind.value in ("name", "acronym", "metonym"):
            found.add(mention.key)
    return found


def _victims(event: Token, args: Arguments, lexicon: Lexicon) -> list[str]:
    """Who an event hit: its named targets, and the objects of the verbs that tell what it
    did ("the bombing, which killed 20 soldiers", "an attack killing three officers")."""
    cue = attack_cue(event, lexicon)
    found = noun_roles(event, cue, args)[1] if cue is not None else []
    clauses = [c for c in event.children if c.dep_ in ("relcl", "acl")]
    if event.head.pos_ == "VERB" and event.dep_ in ("pobj", "dobj"):
        verb = event.head.head if event.dep_ == "pobj" else event.head
        clauses += [c for c in verb.children if c.dep_ in ("advcl", "conj") and c.tag_ == "VBG"]
    for clause in clauses:
        if attack_cue(clause, lexicon) is None:
            continue
        for child in clause.children:
            if child.dep_ in OBJECT_DEPS:
                found += [k for k in args.actors_of(child) if k not in found]
    return found


def _authors(verb: Token, lexicon: Lexicon) -> bool:
    """A verb whose subject is the author of the event it takes ("claimed the bombing",
    "masterminded the attack", "planned the raid": nouns.tsv class ``author``)."""
    return verb.lemma_ == "claim" or "author" in lexicon.noun_classes(verb.lemma_)


def _objects_of(token: Token, word: str) -> list[Token]:
    """The noun objects of one preposition of a token: the events of "responsible for the
    attack", "claimed responsibility for the bombing", the whole of "one of the attacks"."""
    return [
        g
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == word
        for g in prep.children
        if g.dep_ == "pobj"
    ]


def _claimed_events(verb: Token, lexicon: Lexicon) -> list[Token]:
    """The events a claim verb takes responsibility for: "claimed responsibility for the
    attack", "claimed the bombings"."""
    events: list[Token] = []
    for obj in (c for c in verb.children if c.dep_ in OBJECT_DEPS):
        if obj.lemma_.lower() in _RESPONSIBILITY:
            for holder in (obj, verb):
                events += _objects_of(holder, "for")
        elif _authors(verb, lexicon) and attack_cue(obj, lexicon) is not None:
            events.append(obj)  # "claimed the bombings", "masterminded the attack"
    if verb.lemma_ == "claim" and verb.tag_ == "VBN":  # "the assault, claimed by AQIM"
        if verb.dep_ in ("acl", "relcl", "amod") and attack_cue(verb.head, lexicon) is not None:
            events.append(verb.head)
        events += [
            c for c in verb.children if c.dep_ == "nsubjpass" and attack_cue(c, lexicon) is not None
        ]
    # "claimed responsibility for one of the attacks": the attacks
    events = [
        wholes[0] if event.pos_ == "NUM" and (wholes := _objects_of(event, "of")) else event
        for event in events
    ]
    return [e for event in events for e in (event, *event.conjuncts)]


def _author_nouns(noun: Token, args: Arguments) -> list[str]:
    """Who an author noun describes: "X, the mastermind of the attack", "the mastermind,
    X", "X was the mastermind", "named X as the mastermind"."""
    if noun.dep_ == "appos":
        return args.actors_of(noun.head, conjuncts=False)
    named = [c for c in noun.children if c.dep_ == "appos"]
    if named:
        return args.actors_of(named[0], conjuncts=False)
    if noun.dep_ == "attr":
        return subjects(noun.head, args)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
        return [
            k for c in noun.head.head.children if c.dep_ in OBJECT_DEPS for k in args.actors_of(c)
        ]
    return []


def _claims(
    sentence: Span, args: Arguments, lexicon: Lexicon
) -> list[tuple[Token, list[str], list[Token]]]:
    """Each claim of a sentence: the word that makes it, its authors, and the events it
    names (none: the attack the article is about, "X was responsible", "the mastermind")."""
    claims = []
    for word in sentence:
        if word.pos_ == "NOUN" and "perpetrator" in lexicon.noun_classes(word.lemma_):
            events = prep_objects(word, ("of", "behind", "for"))
            claims.append((word, _author_nouns(word, args), events))
            continue
        if word.lemma_.lower() == "responsible" and word.head.pos_ in ("AUX", "VERB"):
            # "X was responsible for the attack", "X was responsible"
            events = [e for event in _objects_of(word, "for") for e in (event, *event.conjuncts)]
            verb = word.head
        elif word.pos_ == "VERB" and (
            word.lemma_.lower() in _CLAIM_VERBS or _authors(word, lexicon)
        ):
            verb, events = word, _claimed_events(word, lexicon)
            if not events:
                continue
        else:
            continue
        agents = args.prep_actors(verb, ("by",)) if verb.tag_ == "VBN" else []
        agents = (
            agents
            or subjects(verb, args)
            or [k for c in verb.children if c.dep_ in SUBJECT_DEPS for k in args.actors_of(c)]
        )
        claims.append((verb, agents, events))
    return claims


def sentence_claims(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """Opposition read off claims of responsibility for attacks."""
    found: list[Candidate] = []
    for word, agents, events in _claims(sentence, args, lexicon):
        status = clause_status(word, lexicon, args)
        if not agents or status.negated:
            continue
        armed = all(is_armed_nonstate(a, args) for a in agents)
        readings: list[tuple[Token, list[str], bool]] = []
        for event in events:
            if attack_cue(event, lexicon) is None:
                continue
            victims, inferred = _victims(event, args, lexicon), False
            if not victims and armed:
                victims, inferred = place_targets(event, args, named=True), True
                victims = victims or _earlier_places(event, args, lexicon)
                if not victims and args.scene.state is not None:
                    # "claimed the attack": the state where the article's events happen
                    victims = [args.scene.state]
            readings.append((event, victims, inferred))
        if not events and armed and args.scene.state is not None:
            readings.append((word, [args.scene.state], True))  # "X was responsible"
        for event, victims, inferred in readings:
            factor = _PLACE_FACTOR if inferred else 1.0
            confidence = _CLAIM_CONFIDENCE * factor * status.factor
            found += [
                Candidate(agent, Predicate.OPPOSES, victim, event, confidence, status, inferred)
                for agent in agents
                for victim in victims
                if victim != agent
            ]
    return found


def _inciter(event: Token, lexicon: Lexicon) -> Token | None:
    """The verb that calls for an attack: "urged X to attack", "calling on X to carry out
    attacks", "urged attacks on X" (nouns.tsv class ``incite``)."""
    verb = event.head if event.pos_ == "NOUN" and event.dep_ == "dobj" else event
    if verb != event and verb.pos_ == "VERB" and "incite" in lexicon.noun_classes(verb.lemma_):
        return verb  # "urged further attacks on X"
    if verb.dep_ != "xcomp" or "incite" not in lexicon.noun_classes(verb.head.lemma_):
        return None
    if any(c.relation == "mediates" for c in lexicon.cues_for(verb.lemma_, "VERB")):
        return None  # "urged Turkey to stop its shelling of X": a call to end the attacks
    return verb.head


def sentence_incitements(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """Opposition read off calls for attacks: who calls opposes the target."""
    found: list[Candidate] = []
    for event in sentence:
        cue = attack_cue(event, lexicon)
        inciter = _inciter(event, lexicon) if cue is not None else None
        if cue is None or inciter is None:
            continue
        status = clause_status(inciter, lexicon, args)
        if status.negated:
            continue
        agents = subjects(inciter, args)
        if not agents and inciter.dep_ == "acl" and inciter.head.dep_ in OBJECT_DEPS:
            agents = subjects(inciter.head.head, args)  # "posted pictures calling on X to"
        roles = verb_roles if event.pos_ == "VERB" else noun_roles
        targets = [k for k in roles(event, cue, args)[1] if k not in agents]
        targets = targets or place_targets(event, args, named=True)
        confidence = _INCITE_CONFIDENCE * status.factor
        found += [
            Candidate(agent, Predicate.OPPOSES, target, event, confidence, status)
            for agent in agents
            for target in targets
            if target != agent
        ]
    return found
