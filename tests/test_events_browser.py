"""Event filters, the visitor's clock and the embed, in a real Chromium (Debian's)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import BuildResult, serve_directory
from test_events_sample import sample_project

pytestmark = pytest.mark.browser

SEOUL = ZoneInfo("Asia/Seoul")
BUILD_DAY = datetime(2026, 11, 22, 10, 0, tzinfo=SEOUL)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    result: BuildResult = sample_project(
        tmp_path_factory.mktemp("events-browser") / "project"
    ).build()
    assert result.ok, result.output
    base, stop = serve_directory(result.site_dir)
    yield base
    stop()


def open_at(browser, url: str, moment: datetime = BUILD_DAY, **options):
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", **options)
    page = context.new_page()
    if options.get("java_script_enabled", True):
        page.clock.set_fixed_time(moment)
    page.goto(url)
    return context, page


def visible_ids(page, scope: str = "#eduhub-event-list") -> list[str]:
    return page.eval_on_selector_all(
        f"{scope} [data-filter-item]",
        "items => items.filter(i => i.offsetParent !== null).map(i => i.dataset.eventId)",
    )


def visible_grid_refs(page) -> set[str]:
    return set(
        page.eval_on_selector_all(
            "[data-events-grid] [data-event-ref]",
            "items => items.filter(i => i.offsetParent !== null).map(i => i.dataset.eventRef)",
        )
    )


def test_filters_by_audience_and_category_without_reloading(browser, site_url: str) -> None:
    context, page = open_at(browser, site_url + "events/")
    assert page.locator("form[data-eduhub-filter]").is_visible()
    assert visible_ids(page) == [
        "counseling-weekly",
        "briefing-2027",
        "lecture-soon",
        "monthly-talk",
        "camp-cancelled",
    ]
    page.get_by_role("group", name="대상").get_by_role("radio", name="초등학생").check()
    assert visible_ids(page) == ["lecture-soon"]
    assert visible_grid_refs(page) == {"lecture-soon"}
    assert page.locator("[data-eduhub-filter-status]").inner_text() == "1개 항목"
    assert page.locator("#eduhub-month-2026-11").is_hidden()  # an empty month disappears
    page.get_by_role("group", name="대상").get_by_role("radio", name="학부모").check()
    page.get_by_role("group", name="분류").get_by_role("radio", name="설명회").check()
    assert visible_ids(page) == ["briefing-2027"]
    page.get_by_role("group", name="분류").get_by_role("radio", name="캠프").check()
    assert visible_ids(page) == []
    assert page.locator("[data-events-empty]").is_visible()
    assert page.url == site_url + "events/"  # nothing reloaded
    context.close()


def test_address_preselects_an_audience(browser, site_url: str) -> None:
    context, page = open_at(browser, site_url + "events/?audience=middle")
    assert visible_ids(page) == ["camp-cancelled"]
    context.close()


def test_without_javascript_every_event_shows(browser, site_url: str) -> None:
    context, page = open_at(
        browser, site_url + "events/?audience=middle", java_script_enabled=False
    )
    assert page.locator("#eduhub-event-list [data-filter-item]:visible").count() == 5
    assert page.locator("form[data-eduhub-filter]").is_hidden()
    assert page.locator("[data-reg-state]:visible").first.inner_text() == "접수 중"
    context.close()


def test_a_stale_build_hides_past_events_and_corrects_registration(browser, site_url: str) -> None:
    # 2026-12-10: the 12-05 briefing is over; the lecture's registration (12-01 10:00 to
    # 12-15 18:00) has opened since the build.
    later = datetime(2026, 12, 10, 9, 0, tzinfo=SEOUL)
    context, page = open_at(browser, site_url + "events/", later)
    assert visible_ids(page) == [
        "counseling-weekly",
        "lecture-soon",
        "monthly-talk",
        "camp-cancelled",
    ]
    assert "briefing-2027" not in visible_grid_refs(page)
    assert page.locator("[data-eduhub-filter-status]").inner_text() == "4개 항목"
    label = page.locator('[data-event-id="lecture-soon"] [data-reg-state]')
    assert label.inner_text() == "접수 중"
    page.get_by_role("group", name="대상").get_by_role("radio", name="고등학생").check()
    assert visible_ids(page) == ["counseling-weekly"]  # the past briefing stays hidden
    context.close()
    context, page = open_at(browser, site_url + "", later)
    assert visible_ids(page, ".eduhub-home-events") == [
        "counseling-weekly",
        "lecture-soon",
        "monthly-talk",
        "camp-cancelled",
    ]
    context.close()
    context, page = open_at(
        browser, site_url + "events/lecture-soon/", datetime(2026, 12, 16, 9, 0, tzinfo=SEOUL)
    )
    assert page.locator("[data-reg-state]").inner_text() == "마감"
    context.close()


def test_embed_filters_by_audience_from_the_address(browser, site_url: str) -> None:
    context, page = open_at(browser, site_url + "embed/events/?audience=high")
    assert visible_ids(page, "#eduhub-embed-list") == ["counseling-weekly", "briefing-2027"]
    assert page.locator("[data-events-audience-filter]").is_hidden()  # the school chose already
    assert page.locator("nav, .md-header").count() == 0
    context.close()
    context, page = open_at(browser, site_url + "embed/events/")
    assert len(visible_ids(page, "#eduhub-embed-list")) == 5
    assert page.locator("[data-events-audience-filter]").is_visible()
    context.close()


def test_embed_makes_no_third_party_request(browser, site_url: str) -> None:
    requested: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "embed/events/?audience=high")
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(site_url) for url in requested), requested
    context.close()


@pytest.mark.parametrize(
    "url,scope",
    [
        ("events/", "article.md-content__inner"),
        ("events/briefing-2027/", "article.md-content__inner"),
        ("events/camp-cancelled/", "article.md-content__inner"),
        ("calendar/", "article.md-content__inner"),
        ("embed/events/", "body"),
    ],
)
def test_event_pages_have_no_axe_violations(browser, site_url: str, url: str, scope: str) -> None:
    context, page = open_at(browser, site_url + url, viewport={"width": 360, "height": 740})
    results = Axe().run(
        page,
        context={"include": [[scope]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    assert results.response["violations"] == [], results.generate_report()
    context.close()
