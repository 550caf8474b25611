"""
What a reader typed, made safe and the same for both databases (pure: values in, values out).

The query language is the web-search one readers know (PostgreSQL's `websearch_to_tsquery`):
words must all appear, "quoted words" must appear together, `or` between words offers
alternatives, and a leading `-` excludes a word. Everything else (AND, NEAR, `*`, `^`,
`title:`, brackets, SQL) is read as plain words, so no input can be a syntax error on
either database.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
MAX_TERMS = 16

# PostgreSQL's English stop words (tsearch_data/english.stop): dropped from both databases'
# queries, so a query of only stop words finds nothing on either, rather than everything
# on SQLite, which has no stop list.
_STOP_LIST = """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now"""
STOP_WORDS = frozenset(_STOP_LIST.split())

WORD = re.compile(r"[^\W_]+")
_CHUNK = re.compile(r'"[^"]*"?|[^\s"]+')


def _fold_char(char):
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


# Letters with diacritics, one character each to their base letter: folding keeps every
# text's length, so a passage found in folded text is at the same place in the original.
# PostgreSQL applies the same table with translate() (migration 0008).
_FOLDABLE = [
    chr(code)
    for start, end in ((0xC0, 0x250), (0x370, 0x500), (0x1E00, 0x1F00))
    for code in range(start, end)
    if _fold_char(chr(code)) != chr(code)
]
FOLD_FROM = "".join(_FOLDABLE)
FOLD_TO = "".join(_fold_char(char) for char in _FOLDABLE)
_FOLD_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """`text` without diacritics ("Ciné" -> "Cine"), character for character."""
    return text.translate(_FOLD_TABLE)


@dataclass(frozen=True)
class Term:
    """A word, or words that must appear together, possibly excluded."""

    words: tuple[str, ...]
    excluded: bool = False


@dataclass(frozen=True)
class Query:
    """Alternatives (joined by `or`), each a set of terms that must all hold."""

    text: str  # what the reader typed, cleaned and capped: shown back in the search box
    alternatives: tuple[tuple[Term, ...], ...]
    truncated: bool = False

    def __bool__(self):
        return bool(self.alternatives)

    @property
    def words(self) -> list[str]:
        """Every wanted word, in order (for "did you mean")."""
        return [w for terms in self.alternatives for t in terms if not t.excluded for w in t.words]

    def as_websearch(self) -> str:
        """For PostgreSQL's websearch_to_tsquery: only words, quotes, `or` and `-`."""
        return " or ".join(
            " ".join(("-" if t.excluded else "") + _quoted(t.words) for t in terms)
            for terms in self.alternatives
        )

    def as_any_word(self) -> str:
        """Every wanted term as an alternative (websearch syntax): where any of them is."""
        return " or ".join(
            _quoted(t.words) for terms in self.alternatives for t in terms if not t.excluded
        )

    def as_fts5(self) -> str:
        """For SQLite's FTS5 MATCH: every word in double quotes, so none is an operator."""
        alternatives = []
        for terms in self.alternatives:
            wanted = " AND ".join(_fts5_phrase(t.words) for t in terms if not t.excluded)
            unwanted = "".join(f" NOT {_fts5_phrase(t.words)}" for t in terms if t.excluded)
            alternatives.append(f"({wanted}){unwanted}")
        return " OR ".join(f"({a})" for a in alternatives)


def _quoted(words):
    return f'"{" ".join(words)}"' if len(words) > 1 else words[0]


def _fts5_phrase(words):
    return '"' + " ".join(words) + '"'


def clean(raw: str) -> tuple[str, bool]:
    """What a reader typed, without what no database takes (NUL, lone surrogates), capped."""
    text = raw.encode("utf-8", "ignore").decode("utf-8")
    text = "".join(c if c.isprintable() else " " for c in text)
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


def parse(raw: str) -> Query:
    text, truncated = clean(raw)
    alternatives, current, count = [], [], 0
    for chunk in _CHUNK.findall(text):
        if chunk.lower() == "or":
            if current:
                alternatives.append(current)
            current = []
            continue
        excluded = chunk.startswith("-") and len(chunk) > 1
        quoted = chunk.startswith('"')
        words = tuple(WORD.findall(fold(chunk).lower()))
        if not quoted and len(words) == 1 and words[0] in STOP_WORDS:
            continue
        if not words or all(word in STOP_WORDS for word in words) or count >= MAX_TERMS:
            continue
        count += 1
        current.append(Term(words=words, excluded=excluded))
    if current:
        alternatives.append(current)
    # An alternative made only of exclusions would mean "every essay but": not a search.
    kept = tuple(tuple(terms) for terms in alternatives if any(not t.excluded for t in terms))
    return Query(text=text, alternatives=kept, truncated=truncated)
