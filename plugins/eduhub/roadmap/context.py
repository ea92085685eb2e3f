"""What the /roadmap/ page prints and the data its script reads: pure, no MkDocs.

The page is a readable guide without JavaScript (types, fields, course groups, the
grade-by-grade roadmap); roadmap.js adds the questionnaire and reads everything it needs
from one embedded JSON block, so nothing is requested after the page has loaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from .courses import GROUP_LABELS, GROUPS, SOURCES, source_of
from .model import LEVELS, TYPE_ORDER, Guidance, Roadmap
from .scoring import THIRD_MARGIN, curriculum

CONSULTING_URL = "admissions/consulting/"
TIMELINE_URL = "admissions/timeline/"
ADIGA_URL = "https://www.adiga.kr/"
CAREERNET_URL = "https://www.career.go.kr/"
CHECK_SENTENCE = "대학마다 다르니 지원하려는 대학의 안내와 학교 교육과정 편제표를 확인하세요"
EVENTS_PER_GRADE = 3
LEVEL_AUDIENCE = {"m3": "middle", "h1": "high", "h2": "high", "h3": "high"}


class ProgramLike(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str: ...


@dataclass(frozen=True)
class EventItem:
    """One event as the roadmap shows it (built from an events view or a plain tuple)."""

    id: str
    title: str
    when: str  # `2026. 12. 12.(토) 14:00` as the events pages write it
    url: str  # site-relative, "events/<id>/"
    audience: tuple[str, ...]
    program: str | None
    ends: str = ""  # ISO instant it is over ("" = unknown: kept); the script hides past ones
    category: str = ""


def event_items(events: Iterable[Any]) -> list[EventItem]:
    """EventItems from event views (`.event`, `.when_full`, `.url`, `.ends`, `.past`) or from
    (id, title, date text, url, audience, program) tuples; past views are left out."""
    items = []
    for event in events:
        if isinstance(event, EventItem):
            items.append(event)
        elif isinstance(event, tuple):
            id_, title, when, url, audience, program = event[:6]
            items.append(EventItem(id_, title, when, url, tuple(audience), program))
        else:
            if getattr(event, "past", False) or getattr(event, "cancelled", False):
                continue
            e = event.event
            category = getattr(e.category, "slug", "") if getattr(e, "category", None) else ""
            items.append(
                EventItem(
                    id=e.id,
                    title=e.title,
                    when=event.when_full,
                    url=event.url,
                    audience=tuple(e.audience),
                    program=e.program,
                    ends=event.ends,
                    category=category,
                )
            )
    return items


@dataclass(frozen=True)
class CourseView:
    name: str
    sources: str  # "KU", "G", ... or "" for a 교과 name


@dataclass(frozen=True)
class CourseGroupView:
    key: str
    label: str
    courses: tuple[CourseView, ...]


@dataclass(frozen=True)
class ProgramView:
    slug: str
    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class TypeView:
    id: str
    name: str
    also_called: str
    plain: str
    description: str
    fields: tuple[str, ...]
    groups: tuple[CourseGroupView, ...]
    guidance: tuple[Guidance, ...]
    programs: tuple[ProgramView, ...]


@dataclass(frozen=True)
class GradeView:
    id: str
    label: str
    timeline_url: str  # site-relative with the heading anchor
    todo: tuple[str, ...]
    programs: tuple[ProgramView, ...]
    events: tuple[EventItem, ...]


@dataclass(frozen=True)
class RoadmapPage:
    types: tuple[TypeView, ...]
    grades: tuple[GradeView, ...]
    common_programs: tuple[ProgramView, ...]
    statements: tuple[tuple[str, str, str], ...]  # (id, type, text) in data order
    pages: tuple[tuple[tuple[int, str, str], ...], ...]  # questionnaire pages of (index, id, text)
    subjects: tuple[tuple[str, str], ...]  # (id, name)
    levels: tuple[tuple[str, str], ...]
    weights_text: tuple[str, ...]
    tie_rule: str
    build_date: str  # ISO date, the script's default "today" without a clock
    h3_curriculum: str  # "2015" or "2022" for a 고3 at the build date (the no-JS text)
    sources: tuple[tuple[str, str], ...]  # (tag, source name)
    data_json: str  # for <script type="application/json">, safe inside HTML
    max_subjects: int = 3
    consulting_url: str = CONSULTING_URL
    adiga_url: str = ADIGA_URL
    careernet_url: str = CAREERNET_URL
    check_sentence: str = CHECK_SENTENCE


def build_page(
    roadmap: Roadmap,
    programs: Sequence[ProgramLike],
    events: Iterable[Any],
    today: date,
    now: datetime | None = None,
) -> RoadmapPage:
    """Everything the template and the script need. `events` are event views or tuples."""
    by_slug = {
        p.slug: ProgramView(p.slug, p.title, p.summary, f"programs/{p.slug}/") for p in programs
    }
    # Kept in the caller's order (the events pages' order: next occurrence first).
    items = [e for e in event_items(events) if not _over(e, now)]
    guidance = roadmap.guidance_by_id()

    def program_views(slugs: Iterable[str]) -> tuple[ProgramView, ...]:
        return tuple(by_slug[s] for s in slugs if s in by_slug)

    types = tuple(
        TypeView(
            id=t.id,
            name=t.name,
            also_called=t.also_called,
            plain=t.plain,
            description=t.description,
            fields=t.fields,
            groups=tuple(
                CourseGroupView(
                    g, GROUP_LABELS[g], tuple(CourseView(c, source_of(c)) for c in t.courses[g])
                )
                for g in GROUPS
            ),
            guidance=tuple(guidance[g] for g in t.guidance if g in guidance),
            programs=program_views(t.programs),
        )
        for t in roadmap.types
    )
    grades = tuple(
        GradeView(
            id=g.id,
            label=g.label,
            timeline_url=f"{TIMELINE_URL}#{g.anchor}",
            todo=g.todo,
            programs=program_views(g.programs),
            events=tuple(
                e
                for e in items
                if g.audience in e.audience
                and (e.program in g.programs or e.category in g.event_categories)
            )[:EVENTS_PER_GRADE],
        )
        for g in roadmap.grades
    )
    statements = tuple((s.id, s.type, s.text) for s in roadmap.statements)
    w = roadmap.weights
    weights_text = (
        f"문장 하나에 좋아요 {w.like}점, 보통 {w.neutral}점, 별로예요 {w.dislike}점을 그 문장의 유형에 더합니다.",
        f"좋아하는 과목 하나마다 그 과목과 연결된 유형에 {w.favourite:+d}점, "
        f"덜 좋아하는 과목 하나마다 {w.least:+d}점을 더합니다(각각 {w.max_subjects}개까지).",
        f"가장 높은 두 유형을 보여 주고, 세 번째 유형이 두 번째와 {THIRD_MARGIN}점 이하로 "
        "차이 나면 함께 보여 줍니다.",
    )
    tie_rule = (
        "점수가 같으면 좋아요를 더 많이 고른 유형을 앞에 두고, 그래도 같으면 "
        "현실형·탐구형·예술형·사회형·진취형·관습형 차례로 둡니다."
    )
    referenced = {s for t in roadmap.types for s in t.programs} | set(roadmap.common_programs)
    referenced |= {s for g in roadmap.grades for s in g.programs}
    categories = {c for g in roadmap.grades for c in g.event_categories}
    data = {
        "v": 1,
        "buildDate": today.isoformat(),
        "from2022": roadmap.curriculum_2022_from,
        "weights": {
            "like": w.like,
            "neutral": w.neutral,
            "dislike": w.dislike,
            "favourite": w.favourite,
            "least": w.least,
            "maxSubjects": w.max_subjects,
        },
        "thirdMargin": THIRD_MARGIN,
        "typeOrder": list(TYPE_ORDER),
        "types": [
            {
                "id": t.id,
                "name": t.name,
                "also": t.also_called,
                "plain": t.plain,
                "fields": list(t.fields),
                "courses": {g: list(t.courses[g]) for g in GROUPS},
                "guidance": [g for g in t.guidance if g in guidance],
                "programs": [p for p in t.programs if p in by_slug],
            }
            for t in roadmap.types
        ],
        "statements": [{"id": s.id, "type": s.type} for s in roadmap.statements],
        "subjects": [
            {"id": s.id, "name": s.name, "types": list(s.types)} for s in roadmap.subjects
        ],
        "guidance": {
            g.id: {
                "university": g.university,
                "title": g.title,
                "source": g.source,
                "applies": g.applies_to,
                "categories": [
                    {"name": c.name, "meaning": c.meaning, "courses": list(c.courses)}
                    for c in g.categories
                ],
                "note": g.note,
            }
            for g in roadmap.guidance
        },
        "groups": GROUP_LABELS,
        "levels": LEVELS,
        "levelAudience": LEVEL_AUDIENCE,
        "programs": {
            s: {"title": p.title, "url": p.url} for s, p in by_slug.items() if s in referenced
        },
        "commonPrograms": [p for p in roadmap.common_programs if p in by_slug],
        "events": [
            {
                "id": e.id,
                "title": e.title,
                "when": e.when,
                "url": e.url,
                "audience": list(e.audience),
                "program": e.program,
                "ends": e.ends,
                "category": e.category,
            }
            for e in items
            if e.program in referenced or e.category in categories
        ],
        "grades": [
            {
                "id": g.id,
                "label": g.label,
                "url": f"{TIMELINE_URL}#{g.anchor}",
                "todo": list(g.todo),
                "programs": [p for p in g.programs if p in by_slug],
                "categories": list(g.event_categories),
                "audience": g.audience,
            }
            for g in roadmap.grades
        ],
    }
    return RoadmapPage(
        types=types,
        grades=grades,
        common_programs=program_views(roadmap.common_programs),
        statements=statements,
        pages=_pages(roadmap),
        subjects=tuple((s.id, s.name) for s in roadmap.subjects),
        levels=tuple(LEVELS.items()),
        weights_text=weights_text,
        tie_rule=tie_rule,
        build_date=today.isoformat(),
        h3_curriculum=curriculum("h3", today, roadmap.curriculum_2022_from),
        sources=tuple(SOURCES.items()),
        data_json=json_for_html(data),
        max_subjects=w.max_subjects,
    )


def _over(event: EventItem, now: datetime | None) -> bool:
    if now is None or not event.ends:
        return False
    try:
        return datetime.fromisoformat(event.ends) <= now
    except ValueError:
        return False


def _pages(roadmap: Roadmap, per_page: int = 6) -> tuple[tuple[tuple[int, str, str], ...], ...]:
    """Questionnaire pages: statements interleaved across types (one of each type per round,
    the starting type rotating), so a page never asks about one type only."""
    by_type: dict[str, list[tuple[int, str, str]]] = {t: [] for t in TYPE_ORDER}
    for index, s in enumerate(roadmap.statements):
        by_type[s.type].append((index, s.id, s.text))
    order: list[tuple[int, str, str]] = []
    round_ = 0
    while any(by_type.values()):
        start = round_ % len(TYPE_ORDER)
        for t in TYPE_ORDER[start:] + TYPE_ORDER[:start]:
            if by_type[t]:
                order.append(by_type[t].pop(0))
        round_ += 1
    return tuple(tuple(order[i : i + per_page]) for i in range(0, len(order), per_page))


def json_for_html(data: Any) -> str:
    """JSON that cannot end its <script> element or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
