"""진로로드맵 in Chromium: keyboard-only answers, shared address, no requests, axe, print, no JS,
and the JavaScript scorer against the shared vectors."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import BuildResult
from eduhub.roadmap.courses import AREAS, OFFICIAL

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
JS = REPO / "plugins/eduhub/templates/assets/eduhub/roadmap.js"
VECTORS = json.loads((REPO / "tests/roadmap_vectors.json").read_text(encoding="utf-8"))
# The test build's date (conftest.BUILD_EPOCH): events after it are "upcoming" in the browser too.
CLOCK = datetime.fromisoformat("2026-11-22T10:00:00+09:00")
PHONE = {"width": 360, "height": 740}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def roadmap_url(real_site: BuildResult, real_site_url: str) -> str:
    if not (real_site.site_dir / "roadmap" / "index.html").is_file():
        pytest.skip("/roadmap/ is not wired into the build yet")
    return real_site_url + "roadmap/"


def _context(browser, **kwargs):
    context = browser.new_context(viewport=PHONE, locale="ko-KR", **kwargs)
    return context


def _page(context):
    page = context.new_page()
    page.clock.set_fixed_time(CLOCK)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    return page


class _MaterialAlternates:
    """The requests Material's own script makes while a page loads, to wait for them.

    For every `<link rel="alternate">` (our three feed links) Material fetches `sitemap.xml`
    beside the linked file, looking for the page in other languages. Those fetches belong to
    the page's load, but on a busy machine they can start after Playwright's "network idle",
    and then they looked like requests made after load (a flaky failure in CI). Attach before
    `goto`, call `wait` after it.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.settled = 0
        page.on("requestfinished", self._settle)
        page.on("requestfailed", self._settle)

    def _settle(self, request) -> None:
        if request.url.endswith("/sitemap.xml"):
            self.settled += 1

    def wait(self, limit_ms: int = 15_000) -> None:
        wanted = self.page.locator("link[rel=alternate]").count()
        waited = 0
        while self.settled < wanted:
            assert waited < limit_ms, f"{self.settled} of {wanted} sitemap lookups settled"
            self.page.wait_for_timeout(50)
            waited += 50


def _tab_until(page, condition: str, limit: int = 80) -> None:
    """Presses Tab until the focused element fits `condition` (it may already fit)."""
    check = f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"
    for _ in range(limit):
        if page.evaluate(check):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached: {condition}")


def _answer_by_keyboard(page) -> int:
    """Answers every question with the keyboard only; returns the number of key presses."""
    presses = 0
    _tab_until(page, "el.name === 'q0' || (el.name && el.name.startsWith('q'))")
    steps = page.locator(".eduhub-rm-step").count()
    for step in range(steps):
        visible = page.locator(f".eduhub-rm-step[data-step='{step}']")
        groups = visible.locator("fieldset").count()
        if step < steps - 2:
            for index in range(groups):
                if index:
                    page.keyboard.press("Tab")
                # A tab stop on an unanswered group is its first radio (좋아요). Every other
                # statement: Space for 좋아요; otherwise move right to 보통 (arrows also check).
                page.keyboard.press("Space" if index % 2 == 0 else "ArrowRight")
                presses += 2
        elif step == steps - 2:
            _tab_until(page, "el.name === 'f' && el.value === 'sci'")
            page.keyboard.press("Space")
            _tab_until(page, "el.name === 'l' && el.value === 'music'")
            page.keyboard.press("Space")
        else:
            _tab_until(page, "el.name === 'g'")
            page.keyboard.press("ArrowRight")  # m3 -> h1
        target = "finish" if step == steps - 1 else "next"
        _tab_until(page, f"el.dataset && el.dataset.rm === '{target}'")
        page.keyboard.press("Enter")
        if target == "next":
            assert page.evaluate("document.activeElement.tagName") == "H3"  # focus moved on
            page.keyboard.press("Tab")
    return presses


def _stored(page) -> list[str]:
    """localStorage keys, without Material's own colour-scheme key (site-wide, not answers)."""
    return [k for k in page.evaluate("Object.keys(localStorage)") if not k.endswith("__palette")]


def _result_text(page) -> str:
    return page.locator("#eduhub-rm-result").inner_text()


def test_js_scorer_matches_the_shared_vectors(browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content("<!doctype html><title>v</title><p>x</p>")
        page.add_script_tag(content=JS.read_text(encoding="utf-8"))
        got = page.evaluate(
            """(v) => {
              const api = window.eduhubRoadmap;
              const ids = v.data.subjects.map((s) => s.id);
              const n = v.data.statements.length;
              return {
                scoring: v.scoring.map((c) => {
                  const input = api.decode(c.fragment, n, ids, v.data.levels);
                  const r = api.score(v.data, input);
                  return {scores: r.scores, ranked: r.ranked, best: r.best, level: input.level,
                          encoded: api.encode(input)};
                }),
                fragments: v.fragments.map((c) => api.decode(c.fragment, n, ids, v.data.levels)),
                curriculum: v.curriculum.map((c) =>
                  api.curriculum(c.level, new Date(c.date + "T12:00:00"), v.data.from2022)),
              };
            }""",
            VECTORS,
        )
    finally:
        context.close()
    for want, have in zip(VECTORS["scoring"], got["scoring"], strict=True):
        assert have["scores"] == want["scores"], want["name"]
        assert have["ranked"] == want["ranked"], want["name"]
        assert have["best"] == want["best"], want["name"]
        assert have["level"] == want["level"], want["name"]
        assert have["encoded"] == want["encoded"], want["name"]
    for want, have in zip(VECTORS["fragments"], got["fragments"], strict=True):
        if not want["valid"]:
            assert have is None, want["name"]
        else:
            assert have["favourites"] == want["favourites"], want["name"]
            assert have["least"] == want["least"], want["name"]
            assert have["level"] == want["level"], want["name"]
    assert got["curriculum"] == [c["curriculum"] for c in VECTORS["curriculum"]]


def test_keyboard_only_to_a_result_then_the_shared_address(browser, roadmap_url: str) -> None:
    context = _context(browser)
    page = _page(context)
    try:
        page.goto(roadmap_url)
        _answer_by_keyboard(page)
        result = page.locator("#eduhub-rm-result")
        result.wait_for(state="visible")
        assert page.evaluate("document.activeElement.id") == "eduhub-rm-result"
        text = _result_text(page)
        assert "가장 잘 맞는 흥미 유형" in text and "고1 기준" in text
        assert page.locator("#eduhub-rm-result .eduhub-rm-course").count() > 5
        assert page.locator("#eduhub-rm-result a[href*='programs/']").count() > 0
        assert page.locator("#eduhub-rm-result a[href*='events/']").count() > 0
        assert page.locator("#eduhub-rm-result a[href*='admissions/timeline/#']").count() > 0
        page.wait_for_function("document.getElementById('eduhub-rm-live').textContent.length > 0")
        assert "결과가 나왔습니다" in page.locator("#eduhub-rm-live").inner_text()
        figures = page.locator("#eduhub-rm-result figcaption").inner_text()
        shared = page.url
        assert "#v=1&a=" in shared and page.errors == []  # type: ignore[attr-defined]
        summary = page.locator(".eduhub-rm-summary-line").inner_text()
    finally:
        context.close()

    fresh = _context(browser)
    page = _page(fresh)
    try:
        page.goto(shared)
        page.locator("#eduhub-rm-result").wait_for(state="visible")
        assert page.locator(".eduhub-rm-summary-line").inner_text() == summary
        assert page.locator("#eduhub-rm-result figcaption").inner_text() == figures
    finally:
        fresh.close()


def test_no_request_after_load_and_no_storage_unless_asked(browser, roadmap_url: str) -> None:
    context = _context(browser)
    page = _page(context)
    requests: list[str] = []
    try:
        alternates = _MaterialAlternates(page)
        page.goto(roadmap_url, wait_until="networkidle")
        alternates.wait()
        # The browser itself may fetch the site's favicon again when the address changes.
        page.on(
            "request", lambda r: None if r.url.endswith("favicon.svg") else requests.append(r.url)
        )
        for index in range(page.locator(".eduhub-rm-step").count() - 2):
            step = page.locator(f".eduhub-rm-step[data-step='{index}']")
            for label in step.locator(".eduhub-rm-choices label:first-child").all():
                label.click()
            page.locator("[data-rm=next]").click()
        page.locator("label:has(input[name=f][value=math])").click()
        page.locator("[data-rm=next]").click()
        page.locator("label:has(input[name=g][value=h2])").click()
        page.locator("[data-rm=finish]").click()
        page.locator("#eduhub-rm-result").wait_for(state="visible")
        assert page.evaluate("document.cookie") == ""
        assert _stored(page) == []
        page.get_by_role("button", name="이 기기에 결과 저장").click()
        assert _stored(page) == ["eduhub-roadmap"]
        page.get_by_role("button", name="저장한 결과 지우기").click()
        assert _stored(page) == []
        page.wait_for_timeout(300)
    finally:
        context.close()
    assert requests == []


def test_axe_clean_at_360_px_on_the_form_and_the_result(browser, roadmap_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = _context(browser)
    page = _page(context)
    report = {}
    try:
        page.goto(roadmap_url)
        for state in ("form", "result"):
            if state == "result":
                page.goto(roadmap_url + "#v=1&a=" + "2" * 8 + "1" * 8 + "0" * 8 + "&f=sci&g=h3")
                page.reload()
                page.locator("#eduhub-rm-result").wait_for(state="visible")
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            violations = results.response["violations"]
            if violations:
                report[state] = [f"{v['id']}: {v['nodes'][0]['target']}" for v in violations]
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert report == {}
    assert width <= PHONE["width"]


def test_print_shows_the_summary_only(browser, roadmap_url: str) -> None:
    context = _context(browser)
    page = _page(context)
    try:
        page.goto(roadmap_url + "#v=1&a=" + "2" * 24 + "&g=h1")
        page.locator("#eduhub-rm-result").wait_for(state="visible")
        page.emulate_media(media="print")
        assert page.locator(".eduhub-rm-summary").is_visible()
        assert "상담에 가져갈 것" in page.locator(".eduhub-rm-summary").inner_text()
        assert not page.locator(".eduhub-rm-guide").is_visible()
        assert not page.locator("#eduhub-rm-result figure").is_visible()
        assert not page.locator(".md-header").is_visible()
    finally:
        context.close()


def test_without_javascript_the_guide_is_readable(browser, roadmap_url: str) -> None:
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(roadmap_url)
        assert not page.locator("#eduhub-rm-form").is_visible()
        assert page.locator(".eduhub-rm-nojs").is_visible()
        types = page.locator(".eduhub-rm-guide .eduhub-rm-type")
        assert types.count() == 6
        text = page.locator(".eduhub-rm-guide").inner_text()
        for words in (
            "탐구형",
            "일반선택",
            "진로선택",
            "융합선택",
            "학년별 로드맵",
            "점수 계산 방법",
        ):
            assert words in text
        assert page.get_by_role("link", name="커리어넷").is_visible()
    finally:
        context.close()


def test_every_course_on_the_result_is_an_official_name(browser, roadmap_url: str) -> None:
    context = _context(browser)
    page = _page(context)
    try:
        seen: set[str] = set()
        for level in ("m3", "h1", "h2"):
            for pattern in ("2" * 24, "0" * 12 + "2" * 12, "2222" + "0" * 20):
                page.goto(roadmap_url + f"#v=1&a={pattern}&g={level}")
                page.reload()
                page.locator("#eduhub-rm-result").wait_for(state="visible")
                seen |= set(page.locator("#eduhub-rm-result .eduhub-rm-course").all_text_contents())
    finally:
        context.close()
    assert seen
    assert {name for name in seen if name not in OFFICIAL and name not in AREAS} == set()


@pytest.mark.parametrize(
    ("clock", "courses"),
    [("2026-11-22T10:00:00+09:00", False), ("2027-03-02T10:00:00+09:00", True)],
    ids=["2026-entered-2024", "2027-entered-2025"],
)
def test_the_curriculum_switch_follows_the_visitors_clock(
    browser, roadmap_url: str, clock: str, courses: bool
) -> None:
    """A 고3 in 2026 entered in 2024 (2015 curriculum); from March 2027 every 고3 is on 2022."""
    context = _context(browser)
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat(clock))
    try:
        page.goto(roadmap_url + "#v=1&a=" + "2" * 24 + "&g=h3")
        page.locator("#eduhub-rm-result").wait_for(state="visible")
        note = page.locator("#eduhub-rm-result .eduhub-rm-warn", has_text="2015 개정 교육과정")
        assert note.count() == (0 if courses else 1)
        assert (page.locator("#eduhub-rm-result .eduhub-rm-groups").count() > 0) == courses
        if not courses:
            assert note.get_by_role("link", name="상담").count() == 1
    finally:
        context.close()
