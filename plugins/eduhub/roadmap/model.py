"""The roadmap data as loaded from content/roadmap/roadmap.yml (plain, frozen objects)."""

from __future__ import annotations

from dataclasses import dataclass, field

TYPE_ORDER = ("R", "I", "A", "S", "E", "C")  # Holland's order; also the last tie-break
LEVELS = {"m3": "중학생", "h1": "고1", "h2": "고2", "h3": "고3"}
ANSWERS = {"like": "좋아요", "neutral": "보통", "dislike": "별로예요"}


@dataclass(frozen=True)
class Weights:
    like: int = 2
    neutral: int = 1
    dislike: int = 0
    favourite: int = 2
    least: int = -2
    max_subjects: int = 3


@dataclass(frozen=True)
class Statement:
    id: str
    type: str
    text: str


@dataclass(frozen=True)
class Subject:
    id: str
    name: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class GuidanceCategory:
    name: str  # the university's own word (권장과목, 핵심, 권장)
    meaning: str
    courses: tuple[str, ...]


@dataclass(frozen=True)
class Guidance:
    id: str
    university: str
    title: str
    source: str
    applies_to: str
    categories: tuple[GuidanceCategory, ...] = ()
    note: str = ""
    note_courses: tuple[str, ...] = ()


@dataclass(frozen=True)
class InterestType:
    id: str  # R I A S E C
    name: str
    plain: str
    description: str
    fields: tuple[str, ...]
    courses: dict[str, tuple[str, ...]]  # group ("general", "career", "fusion") -> names
    guidance: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    also_called: str = ""


@dataclass(frozen=True)
class Grade:
    id: str  # m3 h1 h2 h3
    label: str
    audience: str
    anchor: str  # heading id on admissions/timeline/
    todo: tuple[str, ...]
    programs: tuple[str, ...] = ()
    event_categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Roadmap:
    types: tuple[InterestType, ...]
    statements: tuple[Statement, ...]
    subjects: tuple[Subject, ...]
    guidance: tuple[Guidance, ...]
    grades: tuple[Grade, ...]
    weights: Weights = field(default_factory=Weights)
    common_programs: tuple[str, ...] = ()
    curriculum_2022_from: int = 2025
    src_uri: str = "roadmap/roadmap.yml"

    def type(self, type_id: str) -> InterestType:
        return next(t for t in self.types if t.id == type_id)

    def guidance_by_id(self) -> dict[str, Guidance]:
        return {g.id: g for g in self.guidance}
