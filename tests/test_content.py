"""The site's own content: every planned program has a page, nothing is placeholder text,
every page can be reached by following links from the home page, and the event data covers
the whole school year for every audience and category."""

from __future__ import annotations

import re
from collections import deque
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml
from conftest import REPO, BuildResult
from lxml import html as lxml_html

CONTENT = REPO / "content"
TODAY = date(2026, 11, 22)  # the build date of the test builds (conftest.BUILD_EPOCH)

# Every program named in the district's plan (seeds), with its page slug. Extra phrases are
# parts of the program the page must mention (the plan lists them under the same item).
PROGRAMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "학습심리 상담": ("learning-psychology-counseling", ()),
    "학부모아카데미": ("parent-academy", ("학습플래너",)),
    "진로진학 전문가 특강": ("expert-lectures", ()),
    "고교대학연계 지역인재육성": ("school-university-talent", ()),
    "금빛학교": ("geumbit-school", ("교육경비보조금",)),
    "언제나 진로진학 상시상담": (
        "always-counseling",
        ("1:1 맞춤형 진학 상담", "학생부종합전형 컨설팅", "유학 상담"),
    ),
    "수시/정시 대입 설명회": ("admissions-briefing", ()),
    "수시박람회": ("susi-fair", ("입학사정관",)),
    "별 따는 기숙사": ("star-dormitory", ("집중형 멘토링 캠프",)),
    "교육금천 소식지": ("newsletter", ()),
    "미래형 인재양성 진로프로그램": ("future-careers", ("기업", "대학", "전문업체")),
    "나만의 교육과정 만들기 컨설팅": ("my-curriculum-consulting", ()),
    "진학 아카데미": ("admissions-academy", ("고교학점제 특강",)),
    "학습컨설팅": ("learning-consulting", ()),
    "대학생 멘토링": ("university-mentoring", ("전공 체험",)),
}

PLACEHOLDER = re.compile(
    r"lorem\s+ipsum|(?<![a-z])todo(?![a-z])|(?<![a-z])tbd(?![a-z])|예시\s*텍스트",
    re.IGNORECASE,
)
AUDIENCES = {"elementary", "middle", "high", "parents", "teachers"}
EVENT_CATEGORIES = {
    "briefing",
    "fair",
    "counseling",
    "camp",
    "lecture",
    "experience",
    "admissions-schedule",
}


def visible_text(page_html: str) -> str:
    """The text a reader sees: the body without scripts, styles and templates."""
    tree = lxml_html.fromstring(page_html)
    for node in tree.xpath("//script | //style | //template | //noscript"):
        node.drop_tree()
    body = tree.find("body")
    return " ".join((body if body is not None else tree).text_content().split())


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4 : text.index("\n---", 4)]) or {}


def load_events() -> list[dict]:
    events: list[dict] = []
    for path in sorted(CONTENT.glob("events/*.yml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in items:
            events.append({**item, "_file": path.name})
    return events


def as_date(value: str) -> date:
    return date.fromisoformat(str(value)[:10])


# --- programs -------------------------------------------------------------------------


@pytest.mark.parametrize("name", PROGRAMS)
def test_every_planned_program_has_a_page(real_site: BuildResult, name: str) -> None:
    slug, phrases = PROGRAMS[name]
    page = real_site.site_dir / "programs" / slug / "index.html"
    assert page.is_file(), f"{name}: no page at /programs/{slug}/"
    text = visible_text(page.read_text(encoding="utf-8"))
    assert name in text
    for phrase in phrases:
        assert phrase in text, f"{name}: the page does not mention {phrase!r}"


def test_program_pages_say_who_and_how(real_site: BuildResult) -> None:
    for name, (slug, _) in PROGRAMS.items():
        text = visible_text(real_site.page(f"programs/{slug}/"))
        assert "누구를 위한" in text, name
        assert "어떻게" in text, name


def test_programs_index_lists_every_program(real_site: BuildResult) -> None:
    text = visible_text(real_site.page("programs/"))
    for name in PROGRAMS:
        assert name in text


# --- no placeholder text ----------------------------------------------------------------


def test_no_page_contains_placeholder_text(real_site: BuildResult) -> None:
    problems = []
    for page in sorted(real_site.site_dir.rglob("*.html")):
        match = PLACEHOLDER.search(visible_text(page.read_text(encoding="utf-8")))
        if match:
            problems.append(f"{page.relative_to(real_site.site_dir)}: {match.group(0)!r}")
    assert not problems, "\n".join(problems)


def test_placeholder_pattern_catches_the_usual_suspects() -> None:
    for text in ["Lorem ipsum dolor", "TODO: 채우기", "일정 TBD", "(tbd)", "예시 텍스트입니다"]:
        assert PLACEHOLDER.search(text), text
    for text in ["고교학점제", "Todos los", "outbound", "예시를 들면"]:
        assert not PLACEHOLDER.search(text), text


# --- every content page is reachable -----------------------------------------------------


def expected_url(path: Path) -> str | None:
    """The site-relative URL a content Markdown file is published at (None: not published)."""
    meta = front_matter(path)
    if meta.get("draft"):
        return None
    rel = path.relative_to(CONTENT).as_posix()
    if rel.startswith("newsletter/") and "issue" in meta:
        return f"newsletter/{meta['issue']}/"
    if rel == "index.md":
        return ""
    if rel.endswith("/index.md"):
        return rel[: -len("index.md")]
    return rel[: -len(".md")] + "/"


def crawl(site_dir: Path) -> set[str]:
    """Site-relative URLs of the pages reached by following links from the home page."""
    base = "http://site.invalid/"
    home = lxml_html.fromstring((site_dir / "index.html").read_text(encoding="utf-8"))
    canonical = home.xpath('//link[@rel="canonical"]/@href')
    site_url = canonical[0] if canonical else None
    seen: set[str] = set()
    queue: deque[str] = deque([""])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        file = site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)
        if not file.is_file() or file.suffix != ".html":
            continue
        seen.add(url)
        tree = lxml_html.fromstring(file.read_text(encoding="utf-8"))
        for href in tree.xpath("//a/@href"):
            if site_url and href.startswith(site_url):
                href = "/" + href[len(site_url) :]
                target = urljoin(base, href)
            else:
                target = urljoin(base + url, href)
            parsed = urlparse(target)
            if parsed.netloc != "site.invalid":
                continue
            path = unquote(parsed.path).lstrip("/")
            if path not in seen:
                queue.append(path)
    return seen


def test_every_content_page_is_reachable_from_the_home_page(real_site: BuildResult) -> None:
    reached = crawl(real_site.site_dir)
    missing = []
    for path in sorted(CONTENT.rglob("*.md")):
        url = expected_url(path)
        if url is None:
            continue
        if not (real_site.site_dir / url / "index.html").is_file():
            missing.append(f"{path.relative_to(CONTENT)}: not built at /{url}")
        elif url not in reached:
            missing.append(f"{path.relative_to(CONTENT)}: /{url} is not linked from the site")
    assert not missing, "\n".join(missing)


# --- events ------------------------------------------------------------------------------


def test_event_files_cover_every_audience_and_category() -> None:
    events = load_events()
    audiences = {a for e in events for a in e["audience"]}
    categories = {e["category"] for e in events}
    assert audiences == AUDIENCES
    assert categories == EVENT_CATEGORIES


def test_event_ids_are_unique_across_files() -> None:
    ids = [e["id"] for e in load_events()]
    assert len(ids) == len(set(ids))


def test_the_regular_consultation_repeats_weekly_with_days_off() -> None:
    weekly = [e for e in load_events() if (e.get("repeat") or {}).get("freq") == "weekly"]
    assert weekly, "no weekly event"
    assert any(e["repeat"].get("until") and e["repeat"].get("except") for e in weekly)
    assert any(e.get("program") == "always-counseling" for e in weekly)


def test_some_event_is_cancelled() -> None:
    assert any(e.get("status") == "cancelled" for e in load_events())


def test_the_school_year_has_past_and_upcoming_events() -> None:
    events = load_events()
    starts = [as_date(e["start"]) for e in events]
    assert all(date(2026, 3, 1) <= d <= date(2027, 2, 28) for d in starts)
    assert any(d < TODAY for d in starts)
    upcoming = [d for d in starts if d > TODAY]
    assert len(upcoming) >= 3
    assert any(d.year == 2027 for d in upcoming)


def test_center_events_say_details_come_from_center_announcements() -> None:
    """The center's own dates are a plan: each event says so (official dates are exempt)."""
    for event in load_events():
        if event["category"] == "admissions-schedule" or event.get("status") == "cancelled":
            continue
        text = f"{event.get('summary', '')} {event.get('description', '')}"
        assert "센터 공지" in text, event["id"]


def test_event_data_invents_no_links_or_unverified_dates() -> None:
    for path in sorted(CONTENT.glob("events/*.yml")):
        text = path.read_text(encoding="utf-8")
        assert text.lstrip().startswith("#"), f"{path.name}: needs the note for staff at the top"
    for event in load_events():
        assert "online" not in event, event["id"]
        assert "url" not in (event.get("registration") or {}), event["id"]
        # 정시 원서 접수 2027-01-04~07 is single-sourced: not published as fact.
        assert not ("정시" in event["title"] and event["category"] == "admissions-schedule")


# --- one address, no unverified facts ---------------------------------------------------


def test_the_address_lives_in_one_place() -> None:
    pages = [p for p in CONTENT.rglob("*.md") if "시흥대로73길" in p.read_text(encoding="utf-8")]
    assert [p.relative_to(CONTENT).as_posix() for p in pages] == ["center/index.md"]


def test_known_mistakes_are_not_published() -> None:
    mistakes = [
        "5등급 절대평가로 바뀝니다",
        "수능도 5등급으로 바뀝니다",
        "심화수학이 추가됩니다",
        "미이수하면 유급",
        "2027. 1. 4.",
        "2027년 1월 4일",
    ]
    for path in sorted(CONTENT.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for phrase in mistakes:
            assert phrase not in text, f"{path.relative_to(CONTENT)}: {phrase}"
