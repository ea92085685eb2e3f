"""The archive's category filter and axe-core on newsletter pages, in a real Chromium."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import BuildResult, serve_directory
from test_newsletter import make_newsletter_site

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    site = make_newsletter_site(tmp_path_factory.mktemp("newsletter-browser") / "project")
    result: BuildResult = site.build()
    assert result.ok, result.output
    base, stop = serve_directory(result.site_dir)
    yield base
    stop()


def _visible_titles(page) -> list[str]:
    return [
        " ".join(t.split()) for t in page.locator(".eduhub-archive h3:visible").all_inner_texts()
    ]


def test_archive_filters_by_category_from_the_address(browser, site_url: str) -> None:
    page = browser.new_page(locale="ko-KR")
    page.goto(site_url + "newsletter/?category=study")
    assert _visible_titles(page) == ["제11호 겨울방학 공부 계획"]
    assert page.locator("#eduhub-year-2026").is_hidden(), "an empty year disappears"
    assert page.locator("[data-eduhub-filter-status]").inner_text() == "1개 항목"
    page.get_by_role("radio", name="교육정책").check()
    assert _visible_titles(page) == ["제12호 교육 <정책> & \"입시\" 'A' 소식"]
    page.get_by_role("radio", name="전체").check()
    assert len(_visible_titles(page)) == 4
    page.close()


def test_archive_without_javascript_shows_every_issue(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "newsletter/?category=study")
    assert len(_visible_titles(page)) == 4
    assert page.locator("form[data-eduhub-filter]").is_hidden()
    context.close()


@pytest.mark.parametrize(
    "url", ["", "newsletter/", "newsletter/12/", "news/", "news/counseling/", "subscribe/"]
)
def test_newsletter_pages_have_no_axe_violations(browser, site_url: str, url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ko-KR")
    page = context.new_page()
    page.goto(site_url + url)
    # Only what this feature draws: the page chrome (header, footer, search) has its own test.
    scope = {"include": [["article.md-content__inner"]]}
    results = Axe().run(
        page, context=scope, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    )
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == [], violations
    context.close()
