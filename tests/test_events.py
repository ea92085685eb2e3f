"""Event pages, lists, the calendar and embed pages and events.json, from real builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BuildResult
from lxml import html as lxml_html
from test_events_sample import ALL_IDS, TRICKY_SUMMARY, XSS_TITLE, sample_project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = sample_project(tmp_path_factory.mktemp("events") / "project").build()
    assert result.ok, result.output
    return result


def tree(built: BuildResult, url: str):
    return lxml_html.fromstring(built.page(url))


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_build_is_clean_and_data_files_are_not_published(built: BuildResult) -> None:
    assert "WARNING" not in built.output
    assert not list(built.site_dir.rglob("*.yml"))


def test_every_event_has_a_page_outside_the_global_nav(built: BuildResult) -> None:
    for event_id in ALL_IDS:
        page = tree(built, f"events/{event_id}/")
        nav = " ".join(a.get("href", "") for a in page.cssselect("nav.md-nav--primary a"))
        assert event_id not in nav
    assert "archive" not in " ".join(
        a.get("href", "") for a in tree(built, "").cssselect(".md-tabs a")
    )


def test_hostile_title_shows_as_text_everywhere(built: BuildResult) -> None:
    for url in ["events/briefing-2027/", "events/", "embed/events/", ""]:
        raw = built.page(url)
        assert "<script>alert(1)</script>" not in raw, url
        links = lxml_html.fromstring(raw).iter("a", "h1")
        assert any(text(e) == XSS_TITLE for e in links), url
    page = tree(built, "events/briefing-2027/")
    assert text(page.cssselect("article h1")[0]) == XSS_TITLE
    assert page.findtext(".//title").startswith(XSS_TITLE)
    data = json.loads((built.site_dir / "events.json").read_text(encoding="utf-8"))
    assert (
        data["events"][[e["id"] for e in data["events"]].index("briefing-2027")]["title"]
        == XSS_TITLE
    )


def test_event_page_shows_everything(built: BuildResult) -> None:
    page = tree(built, "events/briefing-2027/")
    facts = {
        text(dt): text(dd)
        for dt, dd in zip(
            page.cssselect("dl.eduhub-event-facts dt"),
            page.cssselect("dl.eduhub-event-facts dd"),
            strict=True,
        )
    }
    assert facts["일시"] == "2026년 12월 5일 (토) 14:00~16:00"
    assert facts["장소"].startswith("금천구청 대강당")
    assert facts["대상"] == "고등학생, 학부모"
    assert facts["분류"] == "설명회"
    assert "접수 중" in facts["신청"] and "정원: 200명" in facts["신청"]
    assert "11월 20일 (금) ~ 12월 3일 (목)" in facts["신청"]
    assert text(page.cssselect(".eduhub-event__summary")[0]) == TRICKY_SUMMARY
    assert page.cssselect("article strong")  # the description's Markdown was rendered
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "../briefing-2027.ics" in hrefs
    google = next(h for h in hrefs if h.startswith("https://calendar.google.com/calendar/render?"))
    assert "dates=20261205T140000/20261205T160000" in google and "ctz=Asia/Seoul" in google
    assert any(h.startswith("https://map.naver.com/p/search/") for h in hrefs)
    assert "https://example.org/apply?a=1&b=2" in hrefs


def test_repeating_event_lists_its_next_dates_and_links_its_program(built: BuildResult) -> None:
    page = tree(built, "events/counseling-weekly/")
    dates = [text(li) for li in page.cssselect(".eduhub-next-dates li")]
    assert dates[0] == "2026년 11월 24일 (화) 15:00~17:00"  # the next one after the build date
    assert not any("12월 29일" in d for d in dates)
    assert "매주 화요일 (2027년 1월 26일까지)" in text(page.cssselect("dl")[0])
    assert "../../programs/always-counseling/" in [a.get("href") for a in page.iter("a")]


def test_cancelled_event_is_shown_prominently(built: BuildResult) -> None:
    page = tree(built, "events/camp-cancelled/")
    banner = page.cssselect(".eduhub-event-status--cancelled")
    assert banner and "취소된 행사입니다" in text(banner[0])
    listing = tree(built, "events/").cssselect('[data-event-id="camp-cancelled"]')[0]
    assert "취소" in text(listing.cssselect(".eduhub-badge")[0])


def test_events_index_groups_upcoming_events_by_month(built: BuildResult) -> None:
    page = tree(built, "events/")
    assert "행사·일정" in text(page.cssselect("article h1")[0])
    groups = page.cssselect("#eduhub-event-list [data-filter-group]")
    months = [text(g.cssselect("h2")[0]) for g in groups]
    assert months == ["2026년 11월", "2026년 12월", "2027년 1월"]
    ids = [
        li.get("data-event-id") for li in page.cssselect("#eduhub-event-list [data-filter-item]")
    ]
    assert ids == [
        "counseling-weekly",
        "briefing-2027",
        "lecture-soon",
        "monthly-talk",
        "camp-cancelled",
    ]
    assert "fair-2026" not in ids  # over: it is in the archive
    first = page.cssselect('[data-event-id="briefing-2027"]')[0]
    assert text(first.cssselect(".eduhub-event__when")[0]) == "12월 5일 (토) 14:00~16:00"
    assert first.get("data-audience") == "high parents" and first.get("data-category") == "briefing"
    assert first.get("data-event-ends") == "2026-12-05T16:00:00+09:00"
    assert text(first.cssselect("[data-reg-state]")[0]) == "접수 중"
    later = page.cssselect('[data-event-id="lecture-soon"] [data-reg-state]')[0]
    assert text(later) == "접수 예정" and later.get("data-reg-opens") == "2026-12-01T10:00:00+09:00"


def test_filters_follow_the_filter_js_contract(built: BuildResult) -> None:
    page = tree(built, "events/")
    form = page.cssselect("form[data-eduhub-filter]")[0]
    assert form.get("data-eduhub-filter") == "#eduhub-event-list" and form.get("hidden") is not None
    names = {i.get("name") for i in form.iter("input")}
    assert names == {"audience", "category", "when"}
    assert {i.get("value") for i in form.cssselect("input[name=category]")} >= {
        "",
        "briefing",
        "camp",
    }
    assert form.cssselect("legend")


def test_month_grid_is_a_real_table(built: BuildResult) -> None:
    page = tree(built, "events/")
    tables = page.cssselect("table.eduhub-month")
    assert [text(t.cssselect("caption")[0]) for t in tables][:3] == [
        "2026년 11월",
        "2026년 12월",
        "2027년 1월",
    ]
    assert [text(th) for th in tables[0].cssselect("thead th")] == list("일월화수목금토")
    december = tables[1]
    cell_29 = [
        td
        for td in december.iter("td")
        if td.cssselect(".eduhub-sr-only")
        and text(td.cssselect(".eduhub-sr-only")[0]) == "12월 29일 (화)"
    ][0]
    assert not cell_29.cssselect("[data-event-ref]")  # except date
    cell_22 = [td for td in december.iter("td") if "12월 22일 (화)" in text(td)][0]
    assert [li.get("data-event-ref") for li in cell_22.cssselect("li")] == ["counseling-weekly"]
    today = page.cssselect('td[aria-current="date"]')
    assert len(today) == 1 and "11월 22일" in text(today[0])


def test_archive_lists_past_events(built: BuildResult) -> None:
    page = tree(built, "events/archive/")
    ids = [li.get("data-event-id") for li in page.cssselect("[data-filter-item]")]
    assert ids == ["fair-2026"]
    assert "2026년 9월" in text(page.cssselect("article")[0])
    assert "archive/" in [a.get("href") for a in tree(built, "events/").iter("a")]


def test_home_page_lists_the_next_events(built: BuildResult) -> None:
    page = tree(built, "")
    section = page.cssselect(".eduhub-home-events")[0]
    ids = [li.get("data-event-id") for li in section.cssselect("[data-filter-item]")]
    assert ids == [
        "counseling-weekly",
        "briefing-2027",
        "lecture-soon",
        "monthly-talk",
        "camp-cancelled",
    ]
    assert "events/" in [a.get("href") for a in section.iter("a")]


def test_program_page_lists_its_events(built: BuildResult) -> None:
    page = tree(built, "programs/always-counseling/")
    ids = [
        li.get("data-event-id")
        for li in page.cssselect(".eduhub-program-events [data-filter-item]")
    ]
    assert ids == ["counseling-weekly"]


def test_calendar_page_has_webcal_and_https_links_per_audience(built: BuildResult) -> None:
    page = tree(built, "calendar/")
    hrefs = [a.get("href") for a in page.iter("a")]
    for path in ["events.ics"] + [
        f"events/{a}.ics" for a in ["elementary", "middle", "high", "parents", "teachers"]
    ]:
        assert f"webcal://eduhub.test/{path}" in hrefs
        assert f"https://eduhub.test/{path}" in hrefs
    body = text(page.cssselect("article")[0])
    for app in ["구글 캘린더", "애플 캘린더", "아웃룩", "네이버 캘린더", "구독"]:
        assert app in body
    snippet = text(page.cssselect("pre.eduhub-snippet code")[0])
    assert snippet.startswith('<iframe src="https://eduhub.test/embed/events/?audience=high"')
    assert not page.cssselect("article iframe")  # shown as text, not embedded


def test_embed_page_is_standalone_korean_and_filterable(built: BuildResult) -> None:
    raw = built.page("embed/events/")
    page = lxml_html.fromstring(raw)
    assert page.get("lang") == "ko"
    assert not page.cssselect(".md-header, .md-nav, .md-tabs, .md-sidebar")
    scripts = [s.get("src") for s in page.iter("script")]
    assert scripts == ["../../assets/eduhub/filter.js", "../../assets/eduhub/events.js"]
    assert {i.get("value") for i in page.cssselect("input[name=audience]")} == {
        "",
        "elementary",
        "middle",
        "high",
        "parents",
        "teachers",
    }
    links = page.cssselect("#eduhub-embed-list a")
    assert links and all(a.get("target") == "_blank" for a in links)
    assert len(page.cssselect("[data-filter-item]")) == 5


def test_events_json(built: BuildResult) -> None:
    data = json.loads((built.site_dir / "events.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["generated"] == "2026-11-22T09:00:00+09:00"
    by_id = {e["id"]: e for e in data["events"]}
    assert set(by_id) == ALL_IDS
    briefing = by_id["briefing-2027"]
    assert (
        briefing["start"] == "2026-12-05T14:00:00+09:00"
        and briefing["end"] == "2026-12-05T16:00:00+09:00"
    )
    assert briefing["url"] == "https://eduhub.test/events/briefing-2027/"
    assert briefing["ics"] == "https://eduhub.test/events/briefing-2027.ics"
    assert briefing["registration"] == {
        "url": "https://example.org/apply?a=1&b=2",
        "opens": "2026-11-20T00:00:00+09:00",
        "closes": "2026-12-03T23:59:59+09:00",
        "capacity": 200,
        "state_at_build": "open",
    }
    assert by_id["fair-2026"]["start"] == "2026-09-12" and by_id["fair-2026"]["all_day"] is True
    weekly = by_id["counseling-weekly"]
    assert weekly["repeat"] == {
        "freq": "weekly",
        "interval": 1,
        "until": "2027-01-26",
        "except": ["2026-12-29"],
    }
    assert len(weekly["occurrences"]) == 12
    assert weekly["program"]["url"] == "https://eduhub.test/programs/always-counseling/"
    assert by_id["camp-cancelled"]["status"] == "cancelled"


def test_events_json_is_json_dumps_own_text(built: BuildResult) -> None:
    """The document is put together record by record (see jsonout.events_json): its bytes
    are exactly what json.dumps makes of the whole (indent 2, UTF-8, a final newline)."""
    raw = (built.site_dir / "events.json").read_bytes()
    data = json.loads(raw)
    assert data["events"]  # records with repeats, registrations, programs and hostile text
    assert raw == (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_no_event_page_requests_another_host(built: BuildResult) -> None:
    for page in [
        built.site_dir / "embed/events/index.html",
        built.site_dir / "events/briefing-2027/index.html",
    ]:
        root = lxml_html.fromstring(page.read_bytes())
        for element in root.iter("script", "link", "img", "iframe"):
            url = element.get("src") or (
                element.get("href")
                if element.tag == "link" and element.get("rel") == "stylesheet"
                else None
            )
            assert not url or "://" not in url, (page, url)


def test_output_is_byte_identical_across_builds(tmp_path: Path) -> None:
    first = sample_project(tmp_path / "a").build()
    second = sample_project(tmp_path / "b").build(env={"TZ": "Pacific/Honolulu"})
    assert first.ok and second.ok
    for relative in [
        "events/index.html",
        "events/briefing-2027/index.html",
        "embed/events/index.html",
        "calendar/index.html",
        "events.json",
        "events.ics",
    ]:
        assert (first.site_dir / relative).read_bytes() == (
            second.site_dir / relative
        ).read_bytes(), relative


def _documented_fields(section: str) -> list[str]:
    """Field names in the first column of a table under `section` in docs/reference/events-json.md."""
    from conftest import REPO

    text = (REPO / "docs" / "reference" / "events-json.md").read_text(encoding="utf-8")
    body = text.split(section, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    import re

    return re.findall(r"^\| `(\w+)` \|", body, re.M)


def test_events_json_matches_its_documentation(built: BuildResult) -> None:
    data = json.loads((built.site_dir / "events.json").read_text(encoding="utf-8"))
    assert _documented_fields("## 최상위") == list(data)
    event = next(e for e in data["events"] if e["registration"])
    assert sorted(_documented_fields("## 행사 하나")) == sorted(event)
    assert sorted(_documented_fields("### `registration`")) == sorted(event["registration"])
