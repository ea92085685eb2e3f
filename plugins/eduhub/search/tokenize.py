"""The search tokenizer. Its twin in the browser is `overrides/assets/eduhub/search.js`:
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
from dataclasses import dataclass

RUN = re.compile(r"[가-힣]+|[0-9a-z]+")
SPACE = re.compile("[ \t\n\r\f\v\u2028\u2029]+")  # the same class as search.js

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


def stem(word: str) -> str | None:
    """The word without its trailing particle, when a particle ends it."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return None


def bigrams(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(len(word) - 1)]


def tokenize(text: str) -> list[str]:
    """Index tokens of `text`, in order, repeats kept (the indexer counts them)."""
    text = normalize(text)
    tokens: list[str] = []
    previous: Run | None = None
    for run in runs(text):
        if not run.hangul:
            if len(run.text) >= 2:
                tokens.append(run.text)
        else:
            if previous is not None and previous.hangul:
                if SPACE.fullmatch(text, previous.end, run.start):
                    tokens.append(previous.text[-1] + run.text[0])
            tokens.append("=" + run.text)
            s = stem(run.text)
            if s:
                tokens.append("=" + s)
            tokens.extend(bigrams(run.text))
        previous = run
    return tokens


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
