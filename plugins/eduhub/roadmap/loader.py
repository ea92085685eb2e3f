"""Read content/roadmap/roadmap.yml: schema first, then the checks a schema cannot do.

Every mistake becomes one `path:line: field: message` problem; nothing is raised here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Problems, SourceLocation
from ..schema import validate
from ..yamlio import LineDict, LineList, parse_yaml, read_file
from .anchors import heading_ids
from .courses import AREAS, GROUP_LABELS, GROUPS, OFFICIAL
from .model import (
    TYPE_ORDER,
    Grade,
    Guidance,
    GuidanceCategory,
    InterestType,
    Roadmap,
    Statement,
    Subject,
    Weights,
)

SCHEMA = "roadmap.schema.json"
SRC_URI = "roadmap/roadmap.yml"  # inside docs_dir
TIMELINE_SRC_URI = "admissions/timeline.md"
MIN_STATEMENTS_PER_TYPE = 3
GRADE_ORDER = ("m3", "h1", "h2", "h3")
FORBIDDEN_WORDS = ("필수",)  # our wording is 권장; a university's own word is quoted as its own


def load_roadmap(
    path: Path,
    shown: str,
    problems: Problems,
    *,
    program_slugs: Iterable[str],
    event_categories: Iterable[str] | None = None,
    timeline_ids: Iterable[str] | None = None,
) -> Roadmap | None:
    """The roadmap, or None when the file has mistakes (each added to `problems`).

    `timeline_ids` are the heading ids of admissions/timeline.md (see `heading_ids`);
    None skips that check (and so does `event_categories`).
    """
    text = read_file(path, shown, problems)
    if text is None:
        return None
    before = len(problems)
    data = parse_yaml(text, shown, problems)
    if data is None:
        if len(problems) == before:
            problems.add(SourceLocation(shown, 1), "파일이 비어 있습니다")
        return None
    if not validate(data, SCHEMA, shown, problems):
        return None
    checker = _Checker(shown, problems)
    checker.cross_check(
        data,
        set(program_slugs),
        None if event_categories is None else set(event_categories),
        None if timeline_ids is None else set(timeline_ids),
    )
    if len(problems) > before:
        return None
    return _build(data)


class _Checker:
    def __init__(self, shown: str, problems: Problems) -> None:
        self.shown = shown
        self.problems = problems

    def add(self, line: int, message: str, field: str, hint: str = "") -> None:
        self.problems.add(SourceLocation(self.shown, line), message, field=field, hint=hint)

    def cross_check(
        self,
        data: LineDict,
        programs: set[str],
        categories: set[str] | None,
        anchors: set[str] | None,
    ) -> None:
        types: LineList = data["types"]
        self._unique(types, "types", "id")
        seen_types = {t["id"] for t in types}
        for missing in (t for t in TYPE_ORDER if t not in seen_types):
            self.add(types.line, f"유형 {missing}이(가) 없습니다", "types", "R, I, A, S, E, C 모두")

        statements: LineList = data["statements"]
        self._unique(statements, "statements", "id")
        per_type = {t: 0 for t in TYPE_ORDER}
        for item in statements:
            per_type[item["type"]] += 1
        for index, item in enumerate(types):
            count = per_type.get(item["id"], 0)
            if count < MIN_STATEMENTS_PER_TYPE:
                what = "문장이 없습니다" if count == 0 else f"문장이 {count}개뿐입니다"
                self.add(
                    types.line_of(index),
                    f"유형 {item['id']}({item['name']})에 {what}",
                    f"types[{index}]",
                    f"statements에 type: {item['id']}인 문장을 "
                    f"{MIN_STATEMENTS_PER_TYPE}개 이상 적으세요",
                )

        subjects: LineList = data["subjects"]
        self._unique(subjects, "subjects", "id")
        guidance: LineList = data["guidance"]
        self._unique(guidance, "guidance", "id")
        guidance_ids = {g["id"] for g in guidance}

        for index, item in enumerate(types):
            where = f"types[{index}]"
            courses: LineDict = item["courses"]
            for group in GROUPS:
                self._courses(courses[group], f"{where}.courses.{group}", group)
            for key, known, hint in (
                ("guidance", guidance_ids, "아래 guidance 목록의 id와 똑같이 적으세요"),
                ("programs", programs, "content/programs/의 파일 이름(.md 빼고)을 적으세요"),
            ):
                values: LineList = item.get(key, LineList())
                for i, value in enumerate(values):
                    if value not in known:
                        what = "대학 안내" if key == "guidance" else "프로그램"
                        self.add(
                            values.line_of(i), f"없는 {what}입니다: {value}", f"{where}.{key}", hint
                        )
        for index, item in enumerate(guidance):
            for c_index, category in enumerate(item["categories"]):
                self._courses(
                    category["courses"], f"guidance[{index}].categories[{c_index}].courses", None
                )
            if "note_courses" in item:
                self._courses(item["note_courses"], f"guidance[{index}].note_courses", None)
        self._programs(data.get("common_programs", LineList()), "common_programs", programs)

        grades: LineList = data["grades"]
        for index, item in enumerate(grades):
            where = f"grades[{index}]"
            if index < len(GRADE_ORDER) and item["id"] != GRADE_ORDER[index]:
                self.add(
                    grades.line_of(index),
                    f"학년 차례가 맞지 않습니다: {item['id']}",
                    f"{where}.id",
                    "m3, h1, h2, h3 차례로 적으세요",
                )
            self._programs(item.get("programs", LineList()), f"{where}.programs", programs)
            if anchors is not None and item["anchor"] not in anchors:
                self.add(
                    item.line_of("anchor"),
                    f"학년별·시기별 준비 페이지에 없는 제목 주소입니다: {item['anchor']}",
                    f"{where}.anchor",
                    "있는 주소: " + ", ".join(sorted(anchors)),
                )
            if categories is not None:
                slugs: LineList = item.get("event_categories", LineList())
                for i, value in enumerate(slugs):
                    if value not in categories:
                        self.add(
                            slugs.line_of(i),
                            f"없는 행사 분류입니다: {value}",
                            f"{where}.event_categories",
                            "쓸 수 있는 값: " + ", ".join(sorted(categories)),
                        )
        self._words(data, [])

    def _unique(self, items: LineList, name: str, key: str) -> None:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item[key] in seen:
                self.add(
                    items.line_of(index),
                    f"같은 {key}가 두 번 있습니다: {item[key]}",
                    f"{name}[{index}].{key}",
                )
            seen.add(item[key])

    def _courses(self, names: LineList, field: str, group: str | None) -> None:
        for index, name in enumerate(names):
            line = names.line_of(index)
            if name in AREAS:
                continue
            course = OFFICIAL.get(name)
            if course is None:
                self.add(
                    line,
                    f"공식 과목 이름 목록에 없는 과목입니다: {name}",
                    field,
                    _course_hint(name),
                )
            elif group is not None and course.group != group:
                actual = GROUP_LABELS.get(course.group, "공통과목")
                self.add(
                    line,
                    f"{name}은(는) {actual} 과목입니다",
                    field,
                    f"{GROUP_LABELS[group]} 목록이 아니라 알맞은 묶음에 적으세요",
                )

    def _programs(self, values: LineList, field: str, programs: set[str]) -> None:
        for index, value in enumerate(values):
            if value not in programs:
                self.add(
                    values.line_of(index),
                    f"없는 프로그램입니다: {value}",
                    field,
                    "content/programs/의 파일 이름(.md 빼고)을 적으세요",
                )

    def _words(self, node: Any, names: list[str]) -> None:
        """Our own text says 권장, never 필수 (see the curriculum notes)."""
        if isinstance(node, LineDict):
            for key, value in node.items():
                if isinstance(value, str):
                    self._word(value, node.line_of(key), ".".join([*names, key]))
                else:
                    self._words(value, [*names, key])
        elif isinstance(node, LineList):
            for index, value in enumerate(node):
                field = ".".join(names) + f"[{index}]"
                if isinstance(value, str):
                    self._word(value, node.line_of(index), field)
                else:
                    self._words(value, [field])

    def _word(self, text: str, line: int, field: str) -> None:
        for word in FORBIDDEN_WORDS:
            if word in text:
                self.add(
                    line,
                    f"'{word}'라는 말은 쓰지 않습니다",
                    field,
                    "대학 안내는 '권장'으로 적습니다 (대학의 자격 요건이 아닙니다)",
                )


def _course_hint(name: str) -> str:
    fixed = name.replace("II", "Ⅱ").replace("I", "Ⅰ") if name.isascii() is False else name
    if fixed != name and fixed in OFFICIAL:
        return f"'{fixed}'(로마 숫자 Ⅰ·Ⅱ 문자)로 적으세요"
    squeezed = name.replace(" ", "")
    for official in OFFICIAL:
        if official.replace(" ", "") == squeezed:
            return f"'{official}'(띄어쓰기까지 똑같이)로 적으세요"
    return "과목 목록에 없으면 교과 이름(예: 정보 교과)으로 적으세요 (docs/staff/roadmap.md)"


def _texts(items: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in items or ())


def _build(data: LineDict) -> Roadmap:
    w = data["weights"]
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    return Roadmap(
        types=tuple(
            sorted(
                (
                    InterestType(
                        id=t["id"],
                        name=t["name"],
                        plain=t["plain"],
                        description=t["description"],
                        fields=_texts(t["fields"]),
                        courses={g: _texts(t["courses"][g]) for g in GROUPS},
                        guidance=_texts(t.get("guidance")),
                        programs=_texts(t.get("programs")),
                        also_called=t.get("also_called", ""),
                    )
                    for t in data["types"]
                ),
                key=lambda t: order[t.id],
            )
        ),
        statements=tuple(Statement(s["id"], s["type"], s["text"]) for s in data["statements"]),
        subjects=tuple(Subject(s["id"], s["name"], _texts(s["types"])) for s in data["subjects"]),
        guidance=tuple(
            Guidance(
                id=g["id"],
                university=g["university"],
                title=g["title"],
                source=g["source"],
                applies_to=g["applies_to"],
                categories=tuple(
                    GuidanceCategory(c["name"], c["meaning"], _texts(c["courses"]))
                    for c in g["categories"]
                ),
                note=g.get("note", ""),
                note_courses=_texts(g.get("note_courses")),
            )
            for g in data["guidance"]
        ),
        grades=tuple(
            Grade(
                id=g["id"],
                label=g["label"],
                audience=g["audience"],
                anchor=g["anchor"],
                todo=_texts(g["todo"]),
                programs=_texts(g.get("programs")),
                event_categories=_texts(g.get("event_categories")),
            )
            for g in data["grades"]
        ),
        weights=Weights(
            like=w["like"],
            neutral=w["neutral"],
            dislike=w["dislike"],
            favourite=w["favourite"],
            least=w["least"],
            max_subjects=w["max_subjects"],
        ),
        common_programs=_texts(data.get("common_programs")),
        curriculum_2022_from=data["curriculum_2022_from"],
    )


def load_site_roadmap(
    settings: Any, problems: Problems, program_slugs: Iterable[str]
) -> tuple[Roadmap | None, str | None]:
    """(roadmap, its src_uri) for the site's content/roadmap/roadmap.yml; (None, None) when the
    site has no roadmap file. `settings` is eduhub's Settings (docs_dir, display_path,
    event_categories)."""
    path = settings.docs_dir / SRC_URI
    if not path.is_file():
        return None, None
    timeline = settings.docs_dir / TIMELINE_SRC_URI
    anchors = heading_ids(timeline.read_text(encoding="utf-8")) if timeline.is_file() else None
    roadmap = load_roadmap(
        path,
        settings.display_path(path),
        problems,
        program_slugs=program_slugs,
        event_categories=[c.slug for c in settings.event_categories],
        timeline_ids=anchors,
    )
    return roadmap, SRC_URI
