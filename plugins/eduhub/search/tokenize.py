"""The search tokenizer. Its twin in the browser is `plugins/eduhub/templates/assets/eduhub/search.js`:
both must give the same tokens for the vectors in `tests/search_vectors.json`.

Text is NFKC-normalised and lowercased, then cut into runs: Hangul syllables (가-힣) or
ASCII letters and digits. Everything else separates runs. From the runs:

- a Latin/digit run of two or more characters is one token (`sw`, `2026`);
- a Hangul run gives its whole word as `=word`, the word without a trailing particle as
  `=stem` (진로를 -> `=진로`), and its syllable bigrams (`고교학점제` -> 고교 교학 학점 점제);
- two Hangul runs separated by white space only also give the bigram across the space
  (`원서 접수` -> 서접), so a query typed without the space still finds the spaced text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

RUN = re.compile(r"[가-힣]+|[0-9a-z]+")
# The last syllable of a Hangul run, white space only, the first syllable of the next run.
ACROSS = re.compile("([가-힣])[ \t\n\r\f\v\u2028\u2029]+(?=([가-힣]))")

# Trailing particles, longest first; a stem keeps at least two syllables.
PARTICLES = (
    "에서는", "에게서", "으로는", "에서", "에게", "으로", "부터", "까지", "처럼", "보다",
    "께서", "이나", "와는", "과는", "은", "는", "이", "가", "을", "를", "에", "의", "도",
    "로", "와", "과", "만",
)  # fmt: skip


@dataclass(frozen=True)
class Run:
    text: str
    hangul: bool
    start: int
    end: int


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[Run]:
    """The runs of already normalised text, in order."""
    return [
        Run(m.group(), "가" <= m.group()[0] <= "힣", m.start(), m.end()) for m in RUN.finditer(text)
    ]


_BY_LENGTH = tuple(
    (n, frozenset(p for p in PARTICLES if len(p) == n))
    for n in sorted({len(p) for p in PARTICLES}, reverse=True)
)


def stem(word: str) -> str | None:
    """The word without its trailing particle, when a particle ends it."""
    for n, particles in _BY_LENGTH:
        if len(word) - n >= 2 and word[-n:] in particles:
            return word[:-n]
    return None


def bigrams(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(len(word) - 1)]


@lru_cache(maxsize=100_000)  # a pure memo: words repeat a lot, and this is the hot loop
def _word_tokens(word: str) -> tuple[str, ...]:
    if word[0] < "가":
        return (word,) if len(word) >= 2 else ()
    s = stem(word)
    return ("=" + word, *(("=" + s,) if s else ()), *bigrams(word))


def tokenize(text: str) -> list[str]:
    """Index tokens of `text`: each run's tokens in order, then the bigrams across spaces.
    Repeats are kept (the indexer counts them)."""
    return list(_tokens(normalize(text)))


def token_counts(text: str) -> Counter[str]:
    """How often each token occurs in `text` (the indexer's view of `tokenize`)."""
    return Counter(_tokens(normalize(text)))


def _tokens(text: str) -> Iterator[str]:
    return chain(
        chain.from_iterable(map(_word_tokens, RUN.findall(text))),
        map("".join, ACROSS.findall(text)),
    )


@dataclass(frozen=True)
class Part:
    """One word of a query: every part should match (AND), else as many as possible."""

    text: str
    hangul: bool
    stem: str | None
    prefix: bool = False  # Latin word still being typed: match words starting with it


def parse_query(query: str) -> list[Part]:
    """The parts of a query (the browser does the same in `parseQuery`)."""
    text = normalize(query)
    found = runs(text)
    parts: list[Part] = []
    for i, run in enumerate(found):
        if not run.hangul and len(run.text) < 2:
            continue
        last = i == len(found) - 1 and run.end == len(text)
        parts.append(
            Part(
                run.text,
                run.hangul,
                stem(run.text) if run.hangul else None,
                prefix=last and not run.hangul,
            )
        )
    unique: dict[str, Part] = {}
    for part in parts:
        unique.setdefault(part.text, part)
    return list(unique.values())
