"""Every kind of page on a 320/360 px phone and a 1280 px desktop, in Chromium.

No sideways scrolling, axe-core WCAG 2.0/2.1/2.2 A+AA clean, 16 px body text, chips and home
tiles easy to tap, print without navigation and with link URLs. Screenshots of every kind of
page go to test-output/ (ignored by git) for a reviewer to look at.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, BuildResult
from lxml import html as lxml_html

pytestmark = pytest.mark.browser

OUTPUT = REPO / "test-output"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"320": (320, 640), "360": (360, 740), "1280": (1280, 900)}

# One page of every kind: kind -> site-relative URL ("" is home). Item pages are found by
# following the first link from their index, so the list follows the content.
STATIC = {
    "home": "",
    "guide": "credit-system/",
    "guide-note": "admissions/",
    "guide-table": "admissions/timeline/",
    "consulting": "admissions/consulting/",
    "center": "center/",
    "programs": "programs/",
    "newsletter-archive": "newsletter/",
    "news-list": "news/",
    "events": "events/",
    "events-archive": "events/archive/",
    "calendar": "calendar/",
    "subscribe": "subscribe/",
    "embed": "embed/events/",
    "not-found": "404.html",
}
ITEMS = {
    "program": ("programs/", "programs/"),
    "issue": ("newsletter/", "newsletter/"),
    "announcement": ("news/", "news/"),
    "event": ("events/", "events/"),
}


def _first_link(site: BuildResult, index: str, prefix: str) -> str | None:
    tree = lxml_html.fromstring(site.page(index))
    for a in tree.cssselect(".md-content a"):
        target = urljoin(index, a.get("href") or "")
        rest = target[len(prefix) :]
        if (
            target.startswith(prefix)
            and rest.strip("/")
            and "#" not in target
            and "?" not in target
            and rest.count("/") == 1
            and not rest.startswith("archive")
        ):
            return target
    return None


def page_kinds(site: BuildResult) -> dict[str, str]:
    kinds = dict(STATIC)
    for kind, (index, prefix) in ITEMS.items():
        link = _first_link(site, index, prefix)
        assert link, f"no {kind} page linked from {index}"
        kinds[kind] = link
    if (site.site_dir / "roadmap" / "index.html").exists():
        kinds["roadmap"] = "roadmap/"
    return kinds


@pytest.fixture(scope="module")
def kinds(real_site: BuildResult) -> dict[str, str]:
    return page_kinds(real_site)


# Measures in the page: document width, body text size, small chips and tiles.
MEASURE = """() => {
  const out = {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth};
  const body = document.querySelector('.md-typeset') || document.body;
  out.bodyFont = parseFloat(getComputedStyle(body).fontSize);
  const small = [];
  for (const p of document.querySelectorAll('.md-content p, .md-content li, .eduhub-embed p')) {
    if (!p.offsetParent || !p.textContent.trim()) continue;
    const size = parseFloat(getComputedStyle(p).fontSize);
    if (size < 16) small.push(p.textContent.trim().slice(0, 40) + ' ' + size + 'px');
  }
  out.smallText = small.slice(0, 5);
  const chips = [];
  for (const el of document.querySelectorAll('.eduhub-filter label, .eh-tile')) {
    if (!el.offsetParent) continue;
    const r = el.getBoundingClientRect();
    if (r.height < 44 || r.width < 44) chips.push(el.textContent.trim() + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  out.smallChips = chips;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 && el.offsetParent && getComputedStyle(el).position !== 'fixed') {
      let p = el.parentElement, clipped = false;
      while (p) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; } p = p.parentElement; }
      if (!clipped) wide.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
    }
  }
  out.wide = wide.slice(0, 5);
  return out;
}"""


def _comfort(m: dict) -> list[str]:
    found = []
    if m["bodyFont"] < 16:
        found.append(f"body text {m['bodyFont']}px")
    if m["smallText"]:
        found.append(f"text under 16px: {m['smallText']}")
    if m["smallChips"]:
        found.append(f"chips/tiles under 44px: {m['smallChips']}")
    return found


def test_embed_text_and_chips(browser, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(real_site_url + "embed/events/")
        assert _comfort(page.evaluate(MEASURE)) == []
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=[f"{v}px" for v in VIEWPORTS])
def test_pages_fit_the_screen_and_pass_axe(
    browser, real_site_url: str, kinds: dict[str, str], viewport: str
) -> None:
    width, height = VIEWPORTS[viewport]
    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ko-KR")
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    axe_report: dict[str, int] = {}
    OUTPUT.mkdir(exist_ok=True)
    try:
        for kind, url in kinds.items():
            page.goto(real_site_url + url, wait_until="load")
            found = []
            m = page.evaluate(MEASURE)
            if m["scrollWidth"] != m["innerWidth"]:
                found.append(f"scrollWidth {m['scrollWidth']} != {m['innerWidth']}: {m['wide']}")
            if kind != "embed":  # its own stylesheet: test_embed_text_and_chips
                found += _comfort(m)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            violations = results.response["violations"]
            axe_report[kind] = len(violations)
            for v in violations:
                found.append(f"axe {v['id']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})")
            if found:
                problems[f"{kind} {url}"] = found
            if viewport in ("360", "1280"):
                name = "phone" if viewport == "360" else "desktop"
                page.screenshot(path=str(OUTPUT / f"{name}-{kind}.png"), full_page=False)
    finally:
        context.close()
    print(f"axe violations at {viewport}px: {axe_report}")
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_home_tiles_are_above_the_fold_on_a_phone(browser, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(real_site_url)
        wanted = ["1:1 상담 신청 방법", "이번 달 행사", "입시 일정", "고교학점제", "최신 소식지"]
        for label in wanted:
            tile = page.locator(".eh-tile", has_text=label)
            assert tile.count() == 1, label
            box = tile.bounding_box()
            assert box and box["y"] + box["height"] <= 640, (label, box)
            assert box["height"] >= 44
        consult = page.locator("a.eh-consult")
        assert consult.is_visible()
        assert consult.get_attribute("href").rstrip("/").endswith("admissions/consulting")
    finally:
        context.close()


def test_header_has_a_visible_consulting_entry_on_desktop(browser, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(real_site_url + "events/")
        consult = page.locator("header a.eh-consult")
        assert consult.is_visible()
        consult.click()
        page.wait_for_load_state()
        assert page.url.rstrip("/").endswith("admissions/consulting")
    finally:
        context.close()


def test_events_month_grid_is_an_agenda_on_phones(browser, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(real_site_url + "events/")
        cells = page.evaluate(
            """() => [...document.querySelectorAll('table.eduhub-month td')]
                 .filter(td => td.offsetParent).map(td => [td.querySelectorAll('li:not([hidden])').length,
                 td.getBoundingClientRect().width])"""
        )
        assert cells, "no visible day in the agenda"
        assert all(count > 0 for count, _ in cells), "days without events are hidden"
        assert all(w >= 300 for _, w in cells), "each day spans the width"
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["event", "issue", "guide"])
def test_print_hides_navigation_and_shows_link_urls(
    browser, real_site_url: str, kinds: dict[str, str], kind: str
) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 1000}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(real_site_url + kinds[kind])
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-search',
                      '.md-footer__inner', '.eh-consult']
               .map(s => [s, [...document.querySelectorAll(s)].every(e => !e.offsetParent
                         && getComputedStyle(e).display === 'none' || e.getClientRects().length === 0)])"""
        )
        assert all(ok for _, ok in hidden), hidden
        printed = page.evaluate(
            """() => [...document.querySelectorAll('.md-content a[href]')]
                .filter(a => a.getClientRects().length)
                .map(a => [decodeURI(a.href), getComputedStyle(a, '::after').content])
                .filter(([href, after]) => after && after !== 'none' && after !== 'normal')"""
        )
        assert printed, "no link URL printed after its text"
        assert all(href in after for href, after in printed), printed[:3]
        if kind == "event":
            order = page.evaluate(
                """() => {
                  const facts = document.querySelector('.eduhub-event-facts').getBoundingClientRect().top;
                  const h1 = document.querySelector('.md-content h1').getBoundingClientRect().top;
                  const others = [...document.querySelectorAll('.md-content__inner > :not(h1):not(.eduhub-event-facts):not(.eduhub-event-status)')]
                    .filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().top);
                  return {facts, h1, others: Math.min(...others)};
                }"""
            )
            assert order["h1"] < order["facts"] < order["others"], order
            inside = page.evaluate(
                "() => getComputedStyle(document.querySelector('.eduhub-event-facts')).breakInside"
            )
            assert inside == "avoid"
        page.screenshot(path=str(OUTPUT / f"print-{kind}.png"), full_page=True)
    finally:
        context.close()
