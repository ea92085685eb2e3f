"""The kit in a real Chromium: /go/ redirects, copy buttons, the poster in print, the survey
link and the next consultation day by the visitor's clock."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import BuildResult, SiteProject, serve_directory
from eduhub.kit.shortcode import code_for
from test_kit_site import kit_project

pytestmark = pytest.mark.browser

SEOUL = ZoneInfo("Asia/Seoul")
BUILD_DAY = datetime(2026, 11, 22, 10, 0, tzinfo=SEOUL)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = kit_project(SiteProject(tmp_path_factory.mktemp("kit-browser") / "project")).build()
    assert result.ok, result.output
    return result


@pytest.fixture(scope="module")
def site_url(built: BuildResult):
    base, stop = serve_directory(built.site_dir)
    yield base
    stop()


def open_at(browser, url: str, moment: datetime = BUILD_DAY, **options):
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", **options)
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(url)
    return context, page


def test_short_link_redirects_to_the_page(browser, site_url: str) -> None:
    code = code_for("event", "briefing-2027")
    context, page = open_at(browser, site_url + f"go/{code}/")
    page.wait_for_url(site_url + "events/briefing-2027/")
    assert page.url == site_url + "events/briefing-2027/"
    context.close()
    issue = code_for("issue", 3)
    context, page = open_at(browser, site_url + f"go/{issue}/")
    page.wait_for_url(site_url + "newsletter/3/")
    context.close()


def test_short_link_without_javascript_still_redirects(browser, site_url: str) -> None:
    code = code_for("event", "lecture-done")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + f"go/{code}/")
    page.wait_for_url(site_url + "events/lecture-done/")
    context.close()


def test_copy_buttons_put_the_exact_text_on_the_clipboard(
    browser, site_url: str, built: BuildResult
) -> None:
    data = json.loads((built.site_dir / "kit" / "kit.json").read_text(encoding="utf-8"))
    item = next(i for i in data["items"] if i["id"] == "briefing-2027")
    context, page = open_at(browser, site_url + "kit/events/briefing-2027/")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    expected = {
        "단문 복사": item["sms"],
        "제목 복사": item["lms_subject"],
        "본문 복사": item["lms"],
        "짧은 주소 복사": item["short_url"],
    }
    for name, text in expected.items():
        page.get_by_role("button", name=name, exact=True).first.click()
        page.wait_for_function(
            "() => document.querySelector('[data-kit-status]').textContent !== ''"
        )
        assert page.evaluate("navigator.clipboard.readText()") == text, name
        page.evaluate("document.querySelector('[data-kit-status]').textContent = ''")
    page.get_by_role("button", name="QR 이미지 복사").click()
    page.wait_for_function("() => document.querySelector('[data-kit-status]').textContent !== ''")
    types = page.evaluate("async () => (await navigator.clipboard.read()).flatMap(i => i.types)")
    assert "image/png" in types
    context.close()


def test_poster_prints_on_one_a4_page_with_a_large_title(browser, site_url: str) -> None:
    context, page = open_at(browser, site_url + "kit/events/briefing-2027/poster/")
    page.emulate_media(media="print")
    size = page.eval_on_selector(
        ".eduhub-poster__title", "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size * 0.75 >= 48  # px -> pt
    assert page.locator(".eduhub-poster-tools").is_hidden()
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    assert page.locator(".eduhub-poster__code svg").count() == 1
    context.close()


def test_long_title_poster_still_one_page(browser, site_url: str) -> None:
    context, page = open_at(browser, site_url + "kit/events/briefing-2027/poster/")
    page.evaluate(
        "document.querySelector('.eduhub-poster__title').textContent = '아주 긴 제목 '.repeat(40)"
    )
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    context.close()


def survey_visible(page) -> bool:
    return page.locator("[data-survey-after]").first.is_visible()


def test_survey_link_appears_only_after_the_event(browser, site_url: str) -> None:
    context, page = open_at(browser, site_url + "events/briefing-2027/")
    assert page.locator("[data-survey-after]").count() == 1
    assert not survey_visible(page)
    context.close()
    context, page = open_at(
        browser, site_url + "events/briefing-2027/", datetime(2026, 12, 12, 16, 1, tzinfo=SEOUL)
    )
    assert survey_visible(page)
    link = page.get_by_role("link", name="만족도 조사 참여하기")
    assert link.get_attribute("href") == "https://forms.example.org/s/briefing?x=1&y=2"
    assert "센터" in page.locator("[data-survey-after]").inner_text()
    context.close()


def test_survey_link_in_the_archive(browser, site_url: str) -> None:
    context, page = open_at(browser, site_url + "events/archive/")
    assert page.get_by_role("link", name="만족도 조사 참여하기").first.is_visible()
    context.close()


def test_next_consultation_day_follows_the_visitor_clock(browser, site_url: str) -> None:
    context, page = open_at(browser, site_url + "admissions/consulting/")
    label = page.locator("[data-consult-label]")
    assert label.inner_text() == "12월 4일 (금) 16:00~19:00"
    context.close()
    later = datetime(2026, 12, 5, 9, 0, tzinfo=SEOUL)
    context, page = open_at(browser, site_url + "admissions/consulting/", later)
    assert page.locator("[data-consult-label]").inner_text() == "12월 11일 (금) 16:00~19:00"
    context.close()


@pytest.mark.parametrize(
    "url",
    [
        "kit/",
        "kit/events/briefing-2027/",
        "kit/events/briefing-2027/poster/",
        "admissions/consulting/",
    ],
)
def test_kit_pages_have_no_axe_violations(browser, site_url: str, url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context, page = open_at(browser, site_url + url, viewport={"width": 360, "height": 740})
    results = Axe().run(
        page,
        context={"include": [["main"]]} if url != "kit/events/briefing-2027/poster/" else None,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    assert results.response["violations"] == [], results.generate_report()
    context.close()
