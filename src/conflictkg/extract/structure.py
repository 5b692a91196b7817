"""Who leads, belongs to, or is part of what.

- titles before a name: "Iraqi Prime Minister Haider al-Abadi", "PYD co-chair Saleh Muslim";
- appositions: "Qassim Soleimani, the Quds Force commander" (leaderOf), "Sheik Jassim al-Saidi,
  a commander with Kataib Hezbollah" (memberOf: an indefinite article makes a leader title a
  membership), "the Quds Force, a unit of the Revolutionary Guard Corps" (partOf);
- verbs: "Hadi al-Amiri, who heads the Badr Brigade", "the group has been headed by X";
- "its YPG military wing", "Hezbollah's paramilitary wing is the Jihad Council" (partOf).

Titles and part nouns come from ``data/roles.tsv`` and ``data/nouns.tsv``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..model import ActorType, Predicate
from .arguments import Arguments
from .candidate import Candidate
from .lexicon import PERSON_ROLES, Lexicon
from .modality import Status
from .parse_tree import prep_objects

_TITLE_CONFIDENCE = 0.85
_APPOSITIVE_ROLES: tuple[str, ...] = ("head", "leader", "member")  # "X, the Quds Force commander"
_LEADING_ROLES: tuple[str, ...] = ("head", "leader")  # "Burkina Faso's leader, X,"
_VERB_CONFIDENCE = 0.85
_PART_CONFIDENCE = 0.8
_ORG_PREPS = frozenset({"of", "with", "for", "in"})
_GROUP_PREPS = frozenset({"from"})  # "a fighter from the Nusra Front", not "a man from Iraq"
_FROM_CONFIDENCE = 0.7
_SHARED_LEADER_CONFIDENCE = 0.6  # "Hezbollah commander X" may lead it, or be one of many
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "PUNCT", "ADV"})


def title_before(doc_span: Span, lexicon: Lexicon) -> tuple[str, int, int, int] | None:
    """The role title written just before a name, as (class, first token, last token + 1,
    first token of the whole pre-name phrase: "Iran's Supreme Leader Ayatollah")."""
    doc = doc_span.doc
    start = doc_span.start
    while start > doc_span.sent.start and doc[start - 1].pos_ in _TITLE_POS:
        if doc[start - 1].text in (",", "(", ")", ":", ";", '"', "\u201c", "\u201d"):
            break
        start -= 1
    words = [t.lower_ for t in doc[start : doc_span.start]]
    matches = []  # (class, first, last) of every title phrase before the name
    for width in range(lexicon.max_title_words, 0, -1):
        for offset in range(len(words) - width, -1, -1):
            phrase = " ".join(words[offset : offset + width]).replace(" - ", "-")
            phrase = phrase.removeprefix("then-")
            classes = lexicon.title_classes(phrase) & PERSON_ROLES
            if classes:
                matches.append((sorted(classes)[0], start + offset, start + offset + width))
    if not matches:
        return None
    # the widest title, the last of them ("Supreme Leader Ayatollah" is one title)
    widest = max(last - first for _, first, last in matches)
    role, first, last = max((m for m in matches if m[2] - m[1] == widest), key=lambda m: m[2])
    # a rank or honorific after a role: "Taliban leader Mullah X", "Quds Force commander
    # Maj. Gen. X" are the leader and the commander
    while role == "official":
        ends = (first, first - 1) if doc[first - 1].text == "." else (first,)  # "Maj . Gen."
        before = [m for m in matches if m[2] in ends]
        if not before:
            break
        role, first, last = max(before, key=lambda m: (m[0] != "official", m[2] - m[1]))
    return role, first, last, start


def _edge(
    person: str, role: str, orgs: list[str], indefinite: bool, cue: Token, args: Arguments
) -> list[Candidate]:
    found = []
    for org in orgs:
        if org == person:
            continue
        if "nonstate" in args.lexicon.noun_classes(cue.lower_) and (
            args.type_of(org) is ActorType.GOVERNMENT
        ):
            continue  # "Algerian militant X" is from Algeria, not a member of its state
        if role == "head":
            if args.type_of(org) is ActorType.PERSON:
                continue  # a state's or a movement's head: "the Taliban's supreme leader"
            predicate = Predicate.LEADER_OF
        elif role == "leader":
            predicate = Predicate.MEMBER_OF if indefinite else Predicate.LEADER_OF
        elif role == "member":
            predicate = Predicate.MEMBER_OF
        else:
            continue
        found.append(Candidate(person, predicate, org, cue, _TITLE_CONFIDENCE, Status()))
    return found


def _title_edges(person_key: str, span: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    title = title_before(span, lexicon)
    if title is None:
        return []
    role, first, last, _ = title
    doc = span.doc
    # the organisation is written right before the title: "Iraqi Prime Minister",
    # "Iran's Supreme Leader", "PYD co-chair" (not "Moscow's ally President X")
    before = first - 2 if first >= 2 and doc[first - 1].tag_ == "POS" else first - 1
    org = args.actor_at(doc[before]) if before >= span.sent.start else None
    orgs = [org] if org is not None and org != person_key else []
    if "nonstate" in lexicon.noun_classes(doc[last - 1].lower_):
        # "Algerian militant X": a state's demonym before a non-state noun is not the state
        orgs = [o for o in orgs if args.type_of(o) is not ActorType.GOVERNMENT]
    found = _edge(person_key, role, orgs, False, doc[last - 1], args)
    if role == "leader" and "shared" in lexicon.title_classes(doc[last - 1].lower_):
        # "Top Hezbollah commander X": one of its commanders, perhaps the one; "U.S.
        # commander General X" serves the state, he does not lead it
        found = [replace(c, predicate=Predicate.MEMBER_OF) for c in found] + [
            replace(c, confidence=_SHARED_LEADER_CONFIDENCE)
            for c in found
            if args.type_of(c.object) is ActorType.ARMED_GROUP
        ]
    return found


def _appositive_edges(
    person_key: str, root: Token, args: Arguments, lexicon: Lexicon
) -> list[Candidate]:
    """ "Qassim Soleimani, the Quds Force commander" and "Burkina Faso's leader, Ibrahim
    Traore,": a role noun in apposition to the name, or the name in apposition to it."""
    nouns = [(c, _APPOSITIVE_ROLES) for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos" and _bare_role(root.head, args):
        # no memberOf this way: "the spokesman, X, of the Netherlands Embassy"
        nouns.append((root.head, _LEADING_ROLES))
    found: list[Candidate] = []
    for noun, roles in nouns:
        classes = lexicon.role_classes(noun.lower_) | lexicon.role_classes(noun.lemma_)
        role = next((r for r in roles if r in classes), None)
        if role is None:
            continue
        indefinite = any(c.lower_ in ("a", "an") for c in noun.children)
        orgs = [
            k
            for c in noun.children
            if c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < noun.i
            for k in args.actors_of(c)
        ]
        orgs += args.prep_actors(noun, _ORG_PREPS)
        orgs += _groups_from(noun, args)
        found += _edge(person_key, role, orgs, indefinite, noun, args)
    return found


def _bare_role(noun: Token, args: Arguments) -> bool:
    """A role noun with nothing before it but its organisation: "Burkina Faso's leader, X,",
    "the leader of Burkina Faso, X,"; not "Helmand's police chief, X," nor "his military
    chief, X" (a person's aide) nor "the head of the armed forces, X,"."""
    if "shared" in args.lexicon.title_classes(noun.lower_):
        return False  # "the U.S. commander in Afghanistan, General X,": one of many
    before = [c for c in noun.children if c.i < noun.i and c.dep_ not in ("det", "punct", "case")]
    if not before:
        return any(args.actor_at(o) for o in prep_objects(noun, ("of",)))
    keys = [args.actor_at(c) for c in before]
    return all(k is not None and args.type_of(k) is not ActorType.PERSON for k in keys)


def _groups_from(token: Token, args: Arguments) -> list[str]:
    """The armed groups of "from" phrases: where a person comes from is a group they belong
    to only when it is one ("a fighter from the Nusra Front"), not a state or place."""
    return [
        k for k in args.prep_actors(token, _GROUP_PREPS) if args.type_of(k) is ActorType.ARMED_GROUP
    ]


def _from_edges(person_key: str, root: Token, args: Arguments) -> list[Candidate]:
    """ "Zekeriya Karsli from the Levant Front said ...": a person's name followed by "from"
    an armed group."""
    return [
        Candidate(person_key, Predicate.MEMBER_OF, group, root, _FROM_CONFIDENCE, Status())
        for group in _groups_from(root, args)
        if group != person_key
    ]


def _verb_edges(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    found: list[Candidate] = []
    for verb in sentence:
        if verb.pos_ != "VERB":
            continue
        classes = lexicon.role_classes(verb.lemma_)
        if not classes & {"leader_verb", "member_verb"}:
            continue
        predicate = Predicate.LEADER_OF if "leader_verb" in classes else Predicate.MEMBER_OF
        participle = verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl")  # "the RSF, led by X"
        passive = participle or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            people = [
                k
                for a in verb.children
                if a.dep_ == "agent"
                for p in a.children
                for k in args.actors_of(p)
            ]
            orgs = [k for c in verb.children if c.dep_ == "nsubjpass" for k in args.actors_of(c)]
            if participle and not orgs:
                orgs = args.actors_of(verb.head)
        else:
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            people = [k for s in subjects for k in args.actors_of(s)]
            orgs = [k for c in verb.children if c.dep_ == "dobj" for k in args.actors_of(c)]
            orgs += args.prep_actors(verb, ("to",))
        for person in people:
            if args.type_of(person) is not ActorType.PERSON:
                continue
            for org in orgs:
                if org != person:
                    found.append(
                        Candidate(person, predicate, org, verb, _VERB_CONFIDENCE, Status())
                    )
    return found


def _under_edges(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """ "Iraq, under the leadership of Saddam Hussein, invaded Kuwait", "Under Abubakar
    Shekau, Boko Haram has killed thousands": who leads the state or group the phrase is
    about (the noun it follows, else its clause's subject)."""
    found: list[Candidate] = []
    for prep in sentence:
        if prep.lower_ != "under" or prep.dep_ != "prep":
            continue
        people: list[str] = []
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if "leader_noun" in lexicon.role_classes(obj.lemma_.lower()):
                people += args.prep_actors(obj, ("of",))  # "under the leadership of X"
                people += [k for c in obj.children if c.dep_ == "poss" for k in args.actors_of(c)]
            else:
                people += args.actors_of(obj, conjuncts=False)  # "under Shekau"
        head = prep.head
        orgs = (
            args.actors_of(head, conjuncts=False)
            if head.pos_ in ("NOUN", "PROPN")
            else [
                k
                for c in head.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for k in args.actors_of(c)
            ]
        )
        for person in people:
            if args.type_of(person) is not ActorType.PERSON:
                continue
            for org in orgs:
                if args.type_of(org) in (ActorType.GOVERNMENT, ActorType.ARMED_GROUP):
                    found.append(
                        Candidate(
                            person, Predicate.LEADER_OF, org, prep, _VERB_CONFIDENCE, Status()
                        )
                    )
    return found


def _part_edges(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    found: list[Candidate] = []
    for noun in sentence:
        if noun.pos_ != "NOUN" or "part" not in lexicon.noun_classes(noun.lower_):
            continue
        wholes = args.prep_actors(noun, ("of",))
        wholes += [k for c in noun.children if c.dep_ == "poss" for k in args.actors_of(c)]
        parts: list[str] = []
        part_deps: tuple[str, ...] = ("compound", "appos", "nmod")
        if noun.dep_ == "appos":  # "Jabhat al-Nusra, the al-Qaeda affiliate,"
            parts = args.actors_of(noun.head)
            wholes += [k for c in noun.children if c.dep_ == "compound" for k in args.actors_of(c)]
            part_deps = ("appos", "nmod")
        parts += [
            k
            for c in noun.children
            if c.dep_ in part_deps and c.i != noun.i
            for k in args.actors_of(c)
        ]
        if noun.dep_ in ("nsubj",) and noun.head.lemma_ == "be":
            parts += [k for c in noun.head.children if c.dep_ == "attr" for k in args.actors_of(c)]
        described = args.predicated(noun)  # "AQAP is an arm of al Qaeda", "seen as an arm of"
        if described is not None and noun.dep_ != "appos":
            parts += args.actors_of(described)
        for part in parts:
            for whole in wholes:
                if part != whole and args.type_of(part) is not ActorType.PERSON:
                    found.append(
                        Candidate(part, Predicate.PART_OF, whole, noun, _PART_CONFIDENCE, Status())
                    )
    return found


def _inclusion_edges(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """ "The Three Brotherhood Alliance, which includes the Arakan Army and the TNLA": each
    armed group an armed alliance includes is a member of it (roles.tsv ``grouping_verb``)."""
    found: list[Candidate] = []
    for verb in sentence:
        if verb.pos_ != "VERB" or "grouping_verb" not in lexicon.role_classes(verb.lemma_):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        wholes = [k for c in subjects for k in args.actors_of(c, conjuncts=False)]
        if verb.dep_ == "relcl" and not wholes:
            wholes = args.actors_of(verb.head, conjuncts=False)
        members = [k for c in verb.children if c.dep_ == "dobj" for k in args.actors_of(c)]
        found += [
            Candidate(member, Predicate.MEMBER_OF, whole, verb, _PART_CONFIDENCE, Status())
            for whole in wholes
            if args.type_of(whole) is ActorType.ARMED_GROUP
            for member in members
            if member != whole and args.type_of(member) is ActorType.ARMED_GROUP
        ]
    return found


def sentence_structure(sentence: Span, args: Arguments, lexicon: Lexicon) -> list[Candidate]:
    """leaderOf, memberOf and partOf candidates of one sentence."""
    found: list[Candidate] = []
    resolution = args.resolution
    for index in args.mentions_in(sentence.start, sentence.end):
        mention = resolution.mentions[index]
        key = resolution.mention_keys[index]
        if args.type_of(key) is not ActorType.PERSON:
            continue
        span = mention.span(sentence.doc)
        found += _title_edges(key, span, args, lexicon)
        found += _appositive_edges(key, span.root, args, lexicon)
        found += _from_edges(key, span.root, args)
    found += _verb_edges(sentence, args, lexicon)
    found += _under_edges(sentence, args, lexicon)
    found += _part_edges(sentence, args, lexicon)
    found += _inclusion_edges(sentence, args, lexicon)
    return found
