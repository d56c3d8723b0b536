"""Grammar rules that need no grammar checker (NL7xx), part of the ``ap`` profile.

LanguageTool (NL801) covers general grammar when it runs. These rules cover
what a copy desk checks and a general grammar checker reads past. Word lists
live in ``rules/data/grammar.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newslint.data import load_data
from newslint.diagnostics import Category, Severity
from newslint.document import Sentence, Token, TokenKind
from newslint.rule import Example, Rule, RuleContext, Scope
from newslint.spelling.morph import ends_in_s_form

WORD = TokenKind.WORD

# A verb is a word the model finds much likelier after "will", and after "to"
# or "should", than on its own (log10 lifts): "will resign", "to resign",
# "should respect". Nouns that follow "to" ("to court", "to school") are
# rarely seen after "will" or "should".
_LIFT_AFTER_TO = 0.5
_LIFT_AFTER_SHOULD = 0.8
_LIFT_AFTER_WILL = 0.3
# A subject longer than this ("the head of the agency's board") is past
# what word-by-word reading can delimit: the clause is left alone.
_MAX_SUBJECT_WORDS = 6
# Nor is a verb more than this many words after "that" (adverbs included).
_MAX_CLAUSE_WORDS = 12


@dataclass(frozen=True)
class MandativeData:
    """The tables of ``rules/data/grammar.toml`` ``[mandative]``."""

    triggers: frozenset[str]
    continuations: frozenset[str]
    determiners: frozenset[str]
    plural_pronouns: frozenset[str]
    modals: frozenset[str]
    finite: dict[str, str]
    particles: frozenset[str]


@lru_cache(maxsize=1)
def mandative_data() -> MandativeData:
    """Load ``rules/data/grammar.toml`` once."""
    raw = load_data("data/grammar.toml")["mandative"]
    return MandativeData(
        triggers=frozenset(raw["triggers"]),
        continuations=frozenset(raw["continuations"]),
        determiners=frozenset(raw["determiners"]),
        plural_pronouns=frozenset(raw["plural_pronouns"]),
        modals=frozenset(raw["modals"]),
        finite=dict(raw["finite"]),
        particles=frozenset(raw["particles"]),
    )


@lru_cache(maxsize=8192)
def is_verb(word: str) -> bool:
    """Return True when the language model reads lower-case ``word`` as a verb's bare form."""
    from newslint.spelling.langmodel import language_model

    lm = language_model()
    if not lm.knows(word):
        return False
    alone = lm.logprob(word)
    return lm.logprob(word, "will") - alone >= _LIFT_AFTER_WILL and (
        lm.logprob(word, "to") - alone >= _LIFT_AFTER_TO
        or lm.logprob(word, "should") - alone >= _LIFT_AFTER_SHOULD
    )


def bare_form(word: str) -> str | None:
    """Return the bare form of a third-person "-s" verb ("rolls": "roll"), or None."""
    if not ends_in_s_form(word):
        return None
    stems: tuple[str, ...]
    if word.endswith("ies") and len(word) > 4:
        stems = (word[:-3] + "y", word[:-1])
    elif word.endswith("es"):
        stems = (word[:-1], word[:-2])
    else:
        stems = (word[:-1],)
    return next((s for s in stems if is_verb(s)), None)


@dataclass(frozen=True)
class IndicativeVerb:
    """A verb in the indicative where the mandative clause wants its bare form."""

    token: Token
    bare: str


def _plural(word: Token) -> bool:
    """Return True for a lower-case noun that looks plural ("members"); names are singular."""
    return word.text[:1].islower() and ends_in_s_form(word.norm)


def clause_verb(tokens: Sequence[Token], start: int, data: MandativeData) -> IndicativeVerb | None:
    """Read the clause that begins at ``tokens[start]`` (after "that").

    Return its verb when it is an indicative form the bare form replaces
    ("the agency rolls back", "the report is withdrawn"), None when the
    verb is already bare, a modal carries it, or the clause cannot be read.
    """
    subject: list[Token] = []
    i = start
    stop = min(len(tokens), start + _MAX_CLAUSE_WORDS)
    while i < stop and len(subject) <= _MAX_SUBJECT_WORDS:
        tok = tokens[i]
        if tok.kind is not WORD:
            return None  # a comma, dash or quotation mark: too loose to read
        word = tok.norm
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) and tokens[i + 1].kind is WORD else ""
        if word in data.modals:
            return None
        if not subject:
            if word in data.finite or word.endswith("ly"):
                return None  # "that is", "that finally": a relative clause, or past reading
            subject.append(tok)
            i += 1
            continue
        if word in data.finite:
            if nxt in ("not", "n't"):
                return None  # "that it not be": the word order changes, past a word swap
            return IndicativeVerb(tok, data.finite[word])
        if word.endswith("ly") and tok.text[:1].islower():
            i += 1  # an adverb before the verb: "the firm immediately pays"
            continue
        if tok.text[:1].isupper() or word in data.determiners:
            subject.append(tok)
            i += 1
            continue
        head = subject[-1]
        plural_subject = head.norm in data.plural_pronouns or _plural(head)
        bare = bare_form(word)
        if bare is not None and (nxt in data.particles or not nxt or not _verb_next(nxt, data)):
            if plural_subject:
                return None  # "the members' votes": a noun, not an agreeing verb
            return IndicativeVerb(tok, bare)
        if is_verb(word) and not (nxt in data.finite or nxt in data.modals):
            return None  # the bare form already: "that Ukraine be", "that users share"
        subject.append(tok)
        i += 1
    return None


def _verb_next(word: str, data: MandativeData) -> bool:
    """Return True when ``word`` after a "-s" word makes that word a noun ("forces withdraw")."""
    return word in data.finite or word in data.modals or is_verb(word)


class MandativeSubjunctive(Rule):
    """Flag an indicative verb in a clause that states a demand.

    ## What it flags
    A "that" clause after a word of demanding, requiring or proposing
    ("demanded that", "the requirement that", "urged that") whose verb is in
    the indicative: "demanded that the minister resigns", "asked that the
    report is withdrawn". A clause joined to it by "and that" counts too.
    Clauses with a modal ("should resign") are left alone, and so are
    "insist" and "suggest", which also report beliefs.

    ## Why
    American usage, and AP style with it, puts the verb of such a clause in
    its bare form (the mandative subjunctive): the clause says what should
    happen, not what does. With the "-s" form the sentence reads as a report
    of fact ("demanded that the firm pays" suggests it already does).
    British usage also accepts "should".

    ## Example
    `The regulator demanded that the bank be fined and that its chief executive
    resigns.`

    ## Use instead
    `The regulator demanded that the bank be fined and that its chief executive
    resign.`
    """

    code = "NL701"
    name = "mandative-subjunctive"
    category = Category.GRAMMAR
    summary = "Indicative verb in a clause that states a demand ('demanded that he resigns')."
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    pack = "ap"
    fixable = True
    examples = (
        Example(
            "The union demanded that the chief executive resigns.",
            expect=("resigns",),
        ),
        Example("The union demanded that the chief executive resign."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report indicative verbs in mandative "that" clauses."""
        tokens = unit.tokens
        if not any(t.norm == "that" for t in tokens):
            return
        data = mandative_data()
        trigger: Token | None = None  # the demand word governing this part of the sentence
        for i, tok in enumerate(tokens):
            if tok.kind is not WORD or tok.norm != "that" or i == 0:
                continue
            before = tokens[i - 1].norm
            if before in data.triggers:
                trigger = tokens[i - 1]
            elif trigger is None or before not in data.continuations:
                trigger = None
                continue
            verb = clause_verb(tokens, i + 1, data)
            if verb is None:
                continue
            typed = verb.token.text
            bare = verb.bare if typed.islower() else verb.bare.capitalize()
            ctx.report(
                verb.token.start,
                verb.token.end,
                f"After '{trigger.text} that', write '{bare}', not '{typed}': the clause "
                "says what should happen (the subjunctive; British usage also allows "
                f"'should {verb.bare}').",
                suggestions=[bare],
                fix=ctx.replace(verb.token.start, verb.token.end, bare, safe=False),
            )


RULES: tuple[type[Rule], ...] = (MandativeSubjunctive,)
