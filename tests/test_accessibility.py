"""axe-core finds no WCAG 2.1 A/AA violation on one page of every kind, on a phone and a desktop."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import BuildResult
from lxml import html as lxml_html

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when EDUHUB_SITE_URL is not set

pytestmark = pytest.mark.browser

STATIC_PAGES = [
    "",
    "center/",
    "admissions/",
    "credit-system/",
    "programs/",
    "newsletter/",
    "news/",
    "events/",
    "calendar/",
    "subscribe/",
    "embed/events/",
    "roadmap/",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _first_link(real_site: BuildResult, index: str, prefix: str) -> str | None:
    tree = lxml_html.fromstring(real_site.page(index))
    for a in tree.iter("a"):
        href = a.get("href") or ""
        target = urljoin(index, href)
        if (
            target.startswith(prefix)
            and target.rstrip("/") != prefix.rstrip("/")
            and "#" not in target
        ):
            return target
    return None


def _pages(real_site: BuildResult) -> list[str]:
    pages = list(STATIC_PAGES)
    for index, prefix in [
        ("programs/", "programs/"),
        ("newsletter/", "newsletter/"),
        ("news/", "news/"),
        ("events/", "events/"),
    ]:
        link = _first_link(real_site, index, prefix)
        assert link, f"no item page linked from {index}"
        pages.append(link)
    return pages


@pytest.mark.parametrize("viewport", [(360, 740), (1280, 900)], ids=["phone", "desktop"])
def test_no_axe_violations(browser, real_site: BuildResult, real_site_url: str, viewport) -> None:
    axe = Axe()
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, locale="ko-KR"
    )
    page = context.new_page()
    report = {}
    try:
        for url in _pages(real_site):
            page.goto(real_site_url + url)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            violations = results.response["violations"]
            if violations:
                report[url] = [
                    f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})"
                    for v in violations
                ]
    finally:
        context.close()
    assert report == {}


def test_pages_make_no_request_to_other_hosts(
    browser, real_site: BuildResult, real_site_url: str
) -> None:
    """Loaded in a real browser, no page asks any host but the site's own.

    The site's own host is where the test serves it and the configured site_url (Material's
    script fetches the sitemap from there).
    """
    own = (real_site_url, SITE_URL, "data:", "blob:")
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: foreign.append(request.url) if not request.url.startswith(own) else None,
    )
    try:
        for url in _pages(real_site):
            page.goto(real_site_url + url, wait_until="networkidle")
    finally:
        context.close()
    assert foreign == []
