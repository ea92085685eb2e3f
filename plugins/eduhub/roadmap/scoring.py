"""Scoring of the self-check: the Python twin of score() in assets/eduhub/roadmap.js.

Both are checked against tests/roadmap_vectors.json. The page never sends answers anywhere:
the build uses this module only in tests and to state the rules on the page.

Rules (stated on the page under "점수 계산 방법"):
- each answer adds weights.like / neutral / dislike to its statement's type;
- each favourite subject adds weights.favourite to every type it is linked to, each least
  favourite adds weights.least (a negative number);
- ranking: higher score first; on a tie, the type with more 좋아요 answers first; if still
  tied, Holland's order R, I, A, S, E, C;
- best fit: the first two types, and the third too when it is at most THIRD_MARGIN points
  behind the second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .model import LEVELS, TYPE_ORDER, Weights

THIRD_MARGIN = 1
ANSWER_CODES = {"2": "like", "1": "neutral", "0": "dislike"}
CODE_OF = {v: k for k, v in ANSWER_CODES.items()}
FRAGMENT_VERSION = "1"


@dataclass(frozen=True)
class Answers:
    answers: tuple[str | None, ...]  # per statement, in data order: like/neutral/dislike/None
    favourites: tuple[str, ...] = ()  # subject ids
    least: tuple[str, ...] = ()
    level: str | None = None  # m3 h1 h2 h3


@dataclass(frozen=True)
class Result:
    scores: dict[str, int]
    likes: dict[str, int]
    ranked: tuple[str, ...]
    best: tuple[str, ...]


def score(
    answers: Answers,
    statement_types: Sequence[str],
    subject_types: Mapping[str, Sequence[str]],
    weights: Weights,
) -> Result:
    scores = dict.fromkeys(TYPE_ORDER, 0)
    likes = dict.fromkeys(TYPE_ORDER, 0)
    points = {"like": weights.like, "neutral": weights.neutral, "dislike": weights.dislike}
    for type_id, answer in zip(statement_types, answers.answers, strict=False):
        if answer is None:
            continue
        scores[type_id] += points[answer]
        if answer == "like":
            likes[type_id] += 1
    for subject_ids, weight in (
        (answers.favourites, weights.favourite),
        (answers.least, weights.least),
    ):
        for subject in subject_ids[: weights.max_subjects]:
            for type_id in subject_types.get(subject, ()):
                scores[type_id] += weight
    ranked = tuple(sorted(TYPE_ORDER, key=lambda t: (-scores[t], -likes[t], TYPE_ORDER.index(t))))
    best = ranked[:2]
    if scores[ranked[2]] >= scores[ranked[1]] - THIRD_MARGIN:
        best = ranked[:3]
    return Result(scores, likes, ranked, best)


def encode_fragment(answers: Answers) -> str:
    """`v=1&a=2102-...&f=math.sci&l=art&g=h1` (what follows `#` in the shared address)."""
    parts = [
        f"v={FRAGMENT_VERSION}",
        "a=" + "".join(CODE_OF[a] if a else "-" for a in answers.answers),
    ]
    if answers.favourites:
        parts.append("f=" + ".".join(answers.favourites))
    if answers.least:
        parts.append("l=" + ".".join(answers.least))
    if answers.level:
        parts.append(f"g={answers.level}")
    return "&".join(parts)


def decode_fragment(
    fragment: str, statement_count: int, subject_ids: Sequence[str]
) -> Answers | None:
    """Answers from a fragment; None when it is not ours or no longer fits the data."""
    fields: dict[str, str] = {}
    for part in fragment.lstrip("#").split("&"):
        key, _, value = part.partition("=")
        fields[key] = value
    if fields.get("v") != FRAGMENT_VERSION:
        return None
    codes = fields.get("a", "")
    if len(codes) != statement_count or any(c not in "210-" for c in codes):
        return None
    known = set(subject_ids)

    def subjects(key: str) -> tuple[str, ...]:
        values = [s for s in fields.get(key, "").split(".") if s in known]
        return tuple(dict.fromkeys(values))

    favourites = subjects("f")
    least = tuple(s for s in subjects("l") if s not in favourites)
    level = fields.get("g")
    return Answers(
        answers=tuple(ANSWER_CODES.get(c) for c in codes),
        favourites=favourites,
        least=least,
        level=level if level in LEVELS else None,
    )


def school_year(today: date) -> int:
    """The Korean school year starts in March: January and February belong to the last one."""
    return today.year if today.month >= 3 else today.year - 1


def entry_year(level: str, today: date) -> int:
    """The year a student of this level entered (or will enter) high school."""
    year = school_year(today)
    if level == "m3":
        return year + 1
    return year - (int(level[1]) - 1)


def curriculum(level: str, today: date, first_2022_year: int = 2025) -> str:
    """ "2022" or "2015": the curriculum the student's high-school courses follow."""
    return "2022" if entry_year(level, today) >= first_2022_year else "2015"
