"""진로로드맵: scoring (shared vectors), the data file's checks, the page context."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from eduhub.errors import Problems
from eduhub.roadmap.anchors import heading_ids
from eduhub.roadmap.context import EventItem, build_page, json_for_html
from eduhub.roadmap.courses import AREAS, OFFICIAL
from eduhub.roadmap.loader import load_roadmap
from eduhub.roadmap.model import TYPE_ORDER, Weights
from eduhub.roadmap.scoring import (
    Answers,
    curriculum,
    decode_fragment,
    encode_fragment,
    score,
)

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "content" / "roadmap" / "roadmap.yml"
SHOWN = "content/roadmap/roadmap.yml"
VECTORS = json.loads((REPO / "tests" / "roadmap_vectors.json").read_text(encoding="utf-8"))
PROGRAMS = sorted(p.stem for p in (REPO / "content" / "programs").glob("*.md") if p.stem != "index")
TIMELINE_IDS = heading_ids((REPO / "content/admissions/timeline.md").read_text(encoding="utf-8"))
CATEGORIES = [
    "briefing",
    "fair",
    "counseling",
    "camp",
    "lecture",
    "experience",
    "admissions-schedule",
]


def _vector_data():
    data = VECTORS["data"]
    w = data["weights"]
    weights = Weights(
        like=w["like"],
        neutral=w["neutral"],
        dislike=w["dislike"],
        favourite=w["favourite"],
        least=w["least"],
        max_subjects=w["maxSubjects"],
    )
    types = [s["type"] for s in data["statements"]]
    subjects = {s["id"]: s["types"] for s in data["subjects"]}
    return weights, types, subjects


@pytest.mark.parametrize("vector", VECTORS["scoring"], ids=lambda v: v["name"])
def test_scoring_vectors(vector: dict) -> None:
    weights, types, subjects = _vector_data()
    answers = decode_fragment(vector["fragment"], len(types), list(subjects))
    assert answers is not None
    result = score(answers, types, subjects, weights)
    assert result.scores == vector["scores"]
    assert list(result.ranked) == vector["ranked"]
    assert list(result.best) == vector["best"]
    assert answers.level == vector["level"]
    assert encode_fragment(answers) == vector["encoded"]


@pytest.mark.parametrize("vector", VECTORS["fragments"], ids=lambda v: v["name"])
def test_fragment_vectors(vector: dict) -> None:
    _, types, subjects = _vector_data()
    answers = decode_fragment(vector["fragment"], len(types), list(subjects))
    if not vector["valid"]:
        assert answers is None
        return
    assert answers is not None
    assert list(answers.favourites) == vector["favourites"]
    assert list(answers.least) == vector["least"]
    assert answers.level == vector["level"]


@pytest.mark.parametrize("vector", VECTORS["curriculum"], ids=lambda v: f"{v['level']}-{v['date']}")
def test_curriculum_vectors(vector: dict) -> None:
    day = date.fromisoformat(vector["date"])
    assert curriculum(vector["level"], day, VECTORS["data"]["from2022"]) == vector["curriculum"]


def test_a_fixed_set_of_answers_gives_the_expected_types() -> None:
    """Loves experiments and fixing things, likes maths and science: 탐구형 then 현실형."""
    roadmap = _load()
    types = [s.type for s in roadmap.statements]
    picks = {"I": "like", "R": "like", "C": "neutral"}
    answers = Answers(
        answers=tuple(picks.get(t, "dislike") for t in types),
        favourites=("sci", "math"),
        least=("music",),
        level="h1",
    )
    subjects = {s.id: s.types for s in roadmap.subjects}
    result = score(answers, types, subjects, roadmap.weights)
    assert result.best[:2] == ("I", "R")
    assert result.scores["A"] < 0


def test_the_real_data_loads_and_fits_the_rules() -> None:
    roadmap = _load()
    assert [t.id for t in roadmap.types] == list(TYPE_ORDER)
    assert 18 <= len(roadmap.statements) <= 30
    for t in roadmap.types:
        assert sum(s.type == t.id for s in roadmap.statements) >= 3
        for names in t.courses.values():
            assert all(n in OFFICIAL or n in AREAS for n in names)
    assert [g.id for g in roadmap.grades] == ["m3", "h1", "h2", "h3"]


def test_official_names_are_exact() -> None:
    """Roman numerals are the Unicode characters; the wrong name public code uses is absent."""
    assert "미적분Ⅱ" in OFFICIAL and "미적분II" not in OFFICIAL
    assert "전자기와 빛" not in OFFICIAL
    assert "경제" not in OFFICIAL  # [S] only in the notes: named by its 교과 instead
    assert OFFICIAL["기하"].group == "career" and OFFICIAL["물리학"].group == "general"


def test_timeline_heading_ids_match_python_markdown() -> None:
    import markdown

    text = (REPO / "content/admissions/timeline.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    html = markdown.markdown(body, extensions=["toc", "tables", "attr_list"])
    assert set(re.findall(r'<h[1-6] id="([^"]+)"', html)) == TIMELINE_IDS
    assert heading_ids("# 제목\n## 중학교 3학년\n## 고3 {#grade-12}\n## 3\n") == {
        "_1",
        "3",
        "grade-12",
        "3_1",
    }


# ---- mistakes in the YAML: each reported as path:line: field: message ----


def _load(text: str | None = None, tmp_path: Path | None = None, problems: Problems | None = None):
    path = DATA
    if text is not None:
        assert tmp_path is not None
        path = tmp_path / "roadmap.yml"
        path.write_text(text, encoding="utf-8")
    problems = problems if problems is not None else Problems()
    roadmap = load_roadmap(
        path,
        SHOWN,
        problems,
        program_slugs=PROGRAMS,
        event_categories=CATEGORIES,
        timeline_ids=TIMELINE_IDS,
    )
    if text is None:
        assert not problems, [str(p) for p in problems.items]
        assert roadmap is not None
    return roadmap


def _line_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return text[:index].count("\n") + 1


ORIGINAL = DATA.read_text(encoding="utf-8")

MISTAKES = [
    # (what, old, new, needle on the reported line, expected field, words in the message)
    (
        "unknown program slug",
        "programs: [star-dormitory, school-university-talent, university-mentoring]",
        "programs: [star-dorm, school-university-talent, university-mentoring]",
        "programs: [star-dorm",
        "types[1].programs",
        "없는 프로그램입니다: star-dorm",
    ),
    (
        "unknown course name",
        "fusion: [창의 공학 설계, 지식 재산 일반]",
        "fusion: [창의 공학 설계, 로봇 만들기]",
        "fusion: [창의 공학 설계, 로봇",
        "types[0].courses.fusion",
        "공식 과목 이름 목록에 없는 과목입니다: 로봇 만들기",
    ),
    (
        "ASCII roman numeral",
        "general: [대수, 미적분Ⅰ, 물리학, 기술·가정]",
        "general: [대수, 미적분I, 물리학, 기술·가정]",
        "general: [대수, 미적분I,",
        "types[0].courses.general",
        "로마 숫자",
    ),
    (
        "a [S]-only subject",
        "general: [화법과 언어, 사회와 문화, 확률과 통계, 영어Ⅰ]",
        "general: [화법과 언어, 사회와 문화, 확률과 통계, 경제]",
        "확률과 통계, 경제]",
        "types[4].courses.general",
        "공식 과목 이름 목록에 없는 과목입니다: 경제",
    ),
    (
        "course in the wrong group",
        "career: [기하, 역학과 에너지, 전자기와 양자, 로봇과 공학세계]",
        "career: [물리학, 역학과 에너지, 전자기와 양자, 로봇과 공학세계]",
        "career: [물리학, 역학과",
        "types[0].courses.career",
        "물리학은(는) 일반선택 과목입니다",
    ),
    (
        "type without statements",
        ", type: C, text:",
        ", type: E, text:",
        "  - id: C\n",
        "types[5]",
        "유형 C(관습형)에 문장이 없습니다",
    ),
    (
        "unknown key (typo)",
        "    plain: 궁금한 것을 끝까지 파고드는 사람",
        "    plian: 궁금한 것을 끝까지 파고드는 사람",
        "    plian:",
        "types[1].plian",
        "알 수 없는 항목입니다",
    ),
    (
        "missing field",
        '  - {id: r2, type: R, text: "도구나 재료로 무언가를 뚝딱 만들어 보기"}',
        "  - {id: r2, type: R}",
        "  - {id: r2, type: R}",
        "statements[1].text",
        "꼭 필요한 항목이 없습니다",
    ),
    (
        "unknown type letter",
        "  - {id: r3, type: R,",
        "  - {id: r3, type: X,",
        "  - {id: r3, type: X,",
        "statements[2].type",
        "허용되지 않는 값입니다: 'X'",
    ),
    (
        "duplicate statement id",
        "  - {id: r4, type: R,",
        "  - {id: r3, type: R,",
        '  - {id: r3, type: R, text: "설명서',
        "statements[3].id",
        "같은 id가 두 번 있습니다: r3",
    ),
    (
        "unknown guidance id",
        "guidance: [snu-science, khu-mechanical]",
        "guidance: [snu-science, khu-mech]",
        "guidance: [snu-science, khu-mech]",
        "types[0].guidance",
        "없는 대학 안내입니다: khu-mech",
    ),
    (
        "the word 필수",
        "    note: 이 모집단위에는 따로 정한 권장과목이 없습니다.",
        "    note: 이 모집단위에는 따로 정한 필수과목이 없습니다.",
        "필수과목이 없습니다",
        "guidance[2].note",
        "'필수'라는 말은 쓰지 않습니다",
    ),
    (
        "unknown timeline anchor",
        "anchor: grade-12",
        "anchor: grade-13",
        "anchor: grade-13",
        "grades[3].anchor",
        "없는 제목 주소입니다: grade-13",
    ),
    (
        "unknown event category",
        "event_categories: [admissions-schedule]",
        "event_categories: [admission-schedule]",
        "event_categories: [admission-schedule]",
        "grades[3].event_categories",
        "없는 행사 분류입니다: admission-schedule",
    ),
    (
        "tab in the indentation",
        "    label: 고등학교 2학년\n",
        "\tlabel: 고등학교 2학년\n",
        "\tlabel: 고등학교 2학년",
        "",
        "탭",
    ),
    (
        "wrong value type",
        "  like: 2        # 좋아요",
        "  like: 많이        # 좋아요",
        "  like: 많이",
        "weights.like",
        "값의 형식이 틀렸습니다",
    ),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m[0])
def test_each_mistake_is_reported_with_path_and_line(mistake: tuple, tmp_path: Path) -> None:
    _, old, new, needle, field, words = mistake
    assert old in ORIGINAL
    text = ORIGINAL.replace(old, new, -1 if "type:" in old else 1)
    problems = Problems()
    assert _load(text, tmp_path, problems) is None
    line = _line_of(text, needle)
    shown = [str(p) for p in problems.items]
    prefix = f"{SHOWN}:{line}: " + (f"{field}: " if field else "")
    assert any(s.startswith(prefix) and words in s for s in shown), shown


def test_every_mistake_at_once(tmp_path: Path) -> None:
    text = ORIGINAL
    for _, old, new, *_ in MISTAKES[:5]:
        text = text.replace(old, new, 1)
    problems = Problems()
    _load(text, tmp_path, problems)
    assert len(problems) >= 5


# ---- the page context ----


def test_context_from_event_tuples_and_the_curriculum_switch() -> None:
    roadmap = _load()

    class P:
        def __init__(self, slug: str) -> None:
            self.slug, self.title, self.summary = slug, f"{slug} 제목", "요약"

    events = [
        (
            "star-1",
            "별 따는 기숙사",
            "2027. 1. 6.(수)",
            "events/star-1/",
            ("high",),
            "star-dormitory",
        ),
        EventItem(
            "old",
            "지난 행사",
            "2026. 1. 1.(목)",
            "events/old/",
            ("high",),
            "star-dormitory",
            "2026-01-01T18:00:00+09:00",
        ),
        EventItem(
            "csat",
            "수능",
            "2026. 11. 26.(목)",
            "events/csat/",
            ("high",),
            None,
            "2026-11-27T00:00:00+09:00",
            "admissions-schedule",
        ),
    ]
    now = datetime.fromisoformat("2026-11-22T09:00:00+09:00")
    page = build_page(roadmap, [P(s) for s in PROGRAMS], events, date(2026, 11, 22), now)
    assert page.h3_curriculum == "2015"
    investigative = next(t for t in page.types if t.id == "I")
    assert [p.url for p in investigative.programs][0] == "programs/star-dormitory/"
    assert [g.label for g in investigative.groups] == ["일반선택", "진로선택", "융합선택"]
    h3 = next(g for g in page.grades if g.id == "h3")
    assert h3.timeline_url == "admissions/timeline/#grade-12"
    assert [e.id for e in h3.events] == ["csat"]
    data = json.loads(page.data_json)
    assert [e["id"] for e in data["events"]] == ["star-1", "csat"]  # the past one is gone
    assert data["programs"]["star-dormitory"]["url"] == "programs/star-dormitory/"
    assert "</script" not in page.data_json.lower()
    assert build_page(roadmap, [], [], date(2027, 3, 2)).h3_curriculum == "2022"


def test_json_for_html_cannot_close_the_script() -> None:
    text = json_for_html({"x": "</script><!-- & "})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><!-- & "}
