"""The official course-name list: 2022 개정 교육과정 subjects the team's notes confirm.

Only names that ../shared/notes/curriculum-2022.md marks [K] (강원특별자치도교육청 고교학점제
site), [G] (교육부 고시 제2022-33호 별책) or [U] (서울대·경희대 2028 guidance PDFs) are here.
Names seen only in secondary sources ([S]) are left out on purpose: the data names their
교과 instead (AREAS). Changing this list means changing the notes first.
"""

from __future__ import annotations

from dataclasses import dataclass

GROUPS = ("general", "career", "fusion")
GROUP_LABELS = {"general": "일반선택", "career": "진로선택", "fusion": "융합선택"}

SOURCES = {
    "K": "강원특별자치도교육청 고교학점제 누리집(hscredit.gwe.go.kr)",
    "G": "교육부 고시 제2022-33호 별책",
    "U": "서울대학교·경희대학교 2028학년도 안내",
}


@dataclass(frozen=True)
class Course:
    name: str
    subject_area: str  # 교과(군)
    group: str  # "common" | "general" | "career" | "fusion"
    sources: str  # "K", "KU", "G", ...


def _courses(area: str, sources: str, **groups: str) -> list[Course]:
    return [
        Course(name.strip(), area, group, sources)
        for group, names in groups.items()
        for name in names.split(",")
    ]


OFFICIAL: dict[str, Course] = {
    c.name: c
    for c in [
        *_courses(
            "국어",
            "K",
            common="공통국어1, 공통국어2",
            general="화법과 언어, 독서와 작문, 문학",
            career="주제 탐구 독서, 문학과 영상, 직무 의사소통",
            fusion="독서 토론과 글쓰기, 매체 의사소통, 언어생활 탐구",
        ),
        *_courses(
            "수학",
            "KU",
            common="공통수학1, 공통수학2, 기본수학1, 기본수학2",
            general="대수, 미적분Ⅰ, 확률과 통계",
            career="기하, 미적분Ⅱ, 경제 수학, 인공지능 수학, 직무 수학",
            fusion="수학과 문화, 실용 통계, 수학과제 탐구",
        ),
        *_courses(
            "영어",
            "K",
            common="공통영어1, 공통영어2, 기본영어1, 기본영어2",
            general="영어Ⅰ, 영어Ⅱ, 영어 독해와 작문",
            career="영미 문학 읽기, 영어 발표와 토론, 심화 영어, 심화 영어 독해와 작문, 직무 영어",
            fusion="실생활 영어 회화, 미디어 영어, 세계 문화와 영어",
        ),
        *_courses("사회", "KG", common="한국사1, 한국사2, 통합사회1, 통합사회2"),
        *_courses(
            "사회",
            "K",
            general="세계시민과 지리, 세계사, 사회와 문화, 현대사회와 윤리",
            career="한국지리 탐구, 도시의 미래 탐구, 동아시아 역사 기행",
        ),
        *_courses(
            "과학",
            "U",
            general="물리학, 화학, 생명과학, 지구과학",
            career="역학과 에너지, 전자기와 양자, 물질과 에너지, 화학 반응의 세계, "
            "세포와 물질대사, 생물의 유전, 지구시스템과학, 행성우주과학",
        ),
        *_courses(
            "기술·가정",
            "G",
            general="기술·가정",
            career="로봇과 공학세계, 생활과학 탐구",
            fusion="창의 공학 설계, 지식 재산 일반, 아동발달과 부모, 생애 설계와 자립",
        ),
    ]
}

# 교과 names the data may use where the notes have no confirmed subject list (they are not
# subjects, so they fit any group).
AREAS = frozenset(
    {
        "국어 교과",
        "수학 교과",
        "영어 교과",
        "사회 교과",
        "과학 교과",
        "기술·가정 교과",
        "정보 교과",
        "체육 교과",
        "예술 교과",
        "제2외국어·한문 교과",
        "교양 교과",
    }
)


def is_known(name: str) -> bool:
    return name in OFFICIAL or name in AREAS


def source_of(name: str) -> str:
    """Source tags ("K", "KU", ...) of a course name, or "" for a 교과 name."""
    course = OFFICIAL.get(name)
    return course.sources if course else ""
