"""The Korean search in a real browser: the fixture site built with the real plugin and theme,
served over HTTP, queried by typing into the header search like a visitor."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    BuildResult,
    SiteProject,
    _EnvLoader,
    run_mkdocs_build,
)

FIXTURE = REPO / "tests" / "fixtures" / "search_site"
CASES = yaml.safe_load((FIXTURE / "cases.yml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.browser


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site on a free local port; yields the base URL ("http://127.0.0.1:N/")."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        request_queue_size = 64  # the search fetches a dozen files at once

    handler = functools.partial(Quiet, directory=str(site_dir))
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build_fixture(root: Path, config: dict | None = None) -> BuildResult:
    shutil.copytree(FIXTURE / "content", root / "content")
    result = SiteProject(root, config).build()
    assert result.ok, result.output
    return result


@dataclass
class Network:
    """Bytes the page downloaded, by URL, since the last `reset()`."""

    fetched: dict[str, int] = field(default_factory=dict)
    pending: int = 0  # requests started and not yet finished or failed

    def attach(self, page: Any) -> None:
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _started(self, request: Any) -> None:
        self.pending += 1

    def _failed(self, request: Any) -> None:
        self.pending -= 1

    def _finished(self, request: Any) -> None:
        from playwright.sync_api import Error

        self.pending -= 1
        try:
            size = request.sizes()["responseBodySize"]
        except Error:  # the page went away
            return
        self.fetched[request.url] = self.fetched.get(request.url, 0) + size

    def quiet(self, page: Any, *, calm_ms: int = 300, limit_ms: int = 15_000) -> None:
        """Wait until no request has been in flight for `calm_ms`: the results of a query
        are shown before the last fetches typed on the way (an earlier, shorter query's
        shard or fragments) are reported, and those must count before a `reset()`."""
        calm = waited = 0
        while calm < calm_ms and waited < limit_ms:
            page.wait_for_timeout(50)
            waited += 50
            calm = calm + 50 if self.pending <= 0 else 0

    def reset(self) -> None:
        self.fetched = {}

    @property
    def total(self) -> int:
        return sum(self.fetched.values())


def eh_search(page: Any, query: str) -> list[str]:
    """Type `query` into the eduhub search; the result links, in order (absolute URLs)."""
    box = page.locator("[data-eh-search-input]")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "q => document.querySelector('[data-eh-search]').getAttribute('data-eh-search-done') === q",
        arg=query,
    )
    return page.eval_on_selector_all(
        "[data-eh-search-results] [role=option]", "links => links.map(a => a.href)"
    )


def page_of(url: str, base: str) -> str:
    """Site-relative page of a result URL, without its anchor."""
    return url.removeprefix(base).split("#")[0]


def launch(playwright: Any) -> Any:
    """Chromium for scripts outside pytest (bench/); tests use conftest's `browser`."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    result = build_fixture(tmp_path_factory.mktemp("search-site") / "project")
    with serve(result.site_dir) as base:
        yield base


@pytest.fixture
def page(browser: Any, fixture_site: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    page.goto(fixture_site)
    yield page
    context.close()


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["query"] for c in CASES["cases"]])
def test_eval_query_finds_its_page_in_the_top_3(page: Any, fixture_site: str, case: dict) -> None:
    pages = [page_of(u, fixture_site) for u in eh_search(page, case["query"])]
    assert case["page"] in pages[:3], f"{case['query']!r} ({case['why']}): {pages}"
    assert pages.index(case["page"]) <= 2  # at most two other pages above it


@pytest.mark.parametrize("query", CASES["nonsense"])
def test_nonsense_finds_nothing(page: Any, query: str) -> None:
    assert eh_search(page, query) == []
    assert page.locator("[data-eh-search-status]").inner_text() == "검색 결과가 없습니다"


def test_result_shows_a_marked_snippet_and_links_to_the_heading(
    page: Any, fixture_site: str
) -> None:
    links = eh_search(page, "망원경")
    assert links == [fixture_site + "newsletter/7/#camp"]
    item = page.locator("[data-eh-search-results] [role=option]").first
    assert item.locator("mark").first.inner_text() == "망원경"
    assert "봄 캠프 소식" in item.inner_text()  # the section heading
    assert "소식지 · 2026-03-14" in item.inner_text()  # kind and date of a newsletter issue


def test_exact_word_ranks_above_bigram_matches(page: Any, fixture_site: str) -> None:
    # 학생부 is a whole word in one page and only a piece of 학생부종합전형 in another
    pages = [page_of(u, fixture_site) for u in eh_search(page, "학생부")]
    assert pages[:2] == ["more/school-record/", "cases/case-03/"]


def test_all_words_before_some_words(page: Any, fixture_site: str) -> None:
    pages = [page_of(u, fixture_site) for u in eh_search(page, "캠프 망원경")]
    assert pages[0] == "newsletter/7/"  # both words; sw-camp has only 캠프
    assert "more/sw-camp/" in pages


def test_latin_words_and_prefixes(page: Any, fixture_site: str) -> None:
    assert page_of(eh_search(page, "AI")[0], fixture_site) == "more/sw-camp/"
    assert page_of(eh_search(page, "couns")[0], fixture_site) == "more/english/"


def test_keyboard_arrows_enter_and_escape(page: Any, fixture_site: str) -> None:
    links = eh_search(page, "진로")
    assert len(links) >= 2
    box = page.locator("[data-eh-search-input]")
    box.press("ArrowDown")
    box.press("ArrowDown")
    active = page.locator("[role=option][aria-selected=true]")
    assert active.count() == 1
    assert box.get_attribute("aria-activedescendant") == active.get_attribute("id")
    box.press("ArrowUp")
    first = page.locator("[role=option]").first
    assert first.get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("/")  # opens it again, as in Material
    assert page.locator("#__search").is_checked()
    eh_search(page, "진로")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(links[0])


def test_aria_combobox_listbox_and_live_count(page: Any) -> None:
    box = page.locator("[data-eh-search-input]")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    eh_search(page, "설명회")
    assert box.get_attribute("aria-expanded") == "true"
    status = page.locator("[data-eh-search-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "검색 결과 1건"


def test_query_in_the_url_opens_search(page: Any, fixture_site: str) -> None:
    page.goto(fixture_site + "?q=학점제")
    page.wait_for_function(
        "document.querySelector('[data-eh-search]').getAttribute('data-eh-search-done') === '학점제'"
    )
    assert page.locator("#__search").is_checked()
    assert page.locator("[data-eh-search-input]").input_value() == "학점제"
    first = page.locator("[data-eh-search-results] [role=option]").first
    assert page_of(first.get_attribute("href") or "", fixture_site) == "cases/case-01/"


def test_phone_width(browser: Any, fixture_site: str) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="ko-KR"
    )
    page = context.new_page()
    page.goto(fixture_site)
    button = page.locator("label.md-header__button[for=__search]")
    assert button.is_visible()
    button.click()
    box = page.locator("[data-eh-search-input]")
    box.wait_for(state="visible")
    links = eh_search(page, "원서접수")
    assert page_of(links[0], fixture_site) in {"cases/case-02/", "cases/case-10/"}
    item = page.locator("[data-eh-search-results] [role=option]").first
    bounds = item.bounding_box()
    assert bounds and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    item.tap()
    page.wait_for_url(links[0])
    context.close()


def test_first_query_downloads_little_and_a_repeat_nothing(page: Any) -> None:
    network = Network()
    network.attach(page)
    network.reset()
    eh_search(page, "고교학점제")
    network.quiet(page)
    first = {url: size for url, size in network.fetched.items() if "/search/" in url}
    assert any(url.endswith("/search/manifest.json") for url in first)
    assert any("/search/s/" in url for url in first) and any("/search/f/" in url for url in first)
    assert 0 < sum(first.values()) <= 300_000
    network.reset()
    eh_search(page, "학점제")  # the same bigrams (and fragments) as before
    eh_search(page, "고교학점제")
    network.quiet(page)
    assert [url for url in network.fetched if "/search/" in url] == []


def test_tokenizer_in_the_browser_matches_the_vectors(page: Any) -> None:
    import json

    vectors = json.loads((REPO / "tests" / "search_vectors.json").read_text(encoding="utf-8"))
    got = page.evaluate(
        "vs => vs.map(v => window.__ehSearch.tokenize(v.input))", vectors["tokenize"]
    )
    assert got == [v["tokens"] for v in vectors["tokenize"]]


@pytest.fixture(scope="module")
def real_site_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real content and mkdocs.yml, with Material's search plugin left out if still on."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    config["plugins"] = [
        p
        for p in config["plugins"]
        if not (p == "search" or (isinstance(p, dict) and "search" in p))
    ]
    config["docs_dir"] = str(REPO / "content")
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    root = tmp_path_factory.mktemp("real-search")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = run_mkdocs_build(config_file, root / "site")
    assert result.ok, result.output
    with serve(result.site_dir) as base:
        yield base


@pytest.mark.parametrize(
    "query,expected",
    [("학점제", "credit-system/"), ("상담", "programs/"), ("멘토링", "programs/")],
)
def test_real_site_search(browser: Any, real_site_served: str, query: str, expected: str) -> None:
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(real_site_served)
    pages = [page_of(u, real_site_served) for u in eh_search(page, query)]
    assert pages, f"{query!r} found nothing on the real site"
    assert any(p.startswith(expected) for p in pages[:5]), pages
    context.close()


def test_real_site_page_titled_as_typed_comes_first(browser: Any, real_site_served: str) -> None:
    page = browser.new_page()
    page.goto(real_site_served)
    pages = [page_of(u, real_site_served) for u in eh_search(page, "고교학점제")]
    # first when nothing else is titled 고교학점제; the content is still being written
    assert "credit-system/" in pages[:3], pages
    page.close()


def test_axe_finds_no_problem_in_the_search_box_and_results(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    closed = axe.run(page, context="[data-eh-search]").response["violations"]
    eh_search(page, "진로 진학")
    page.locator("[data-eh-search-input]").press("ArrowDown")
    opened = axe.run(page, context="[data-eh-search]").response["violations"]
    assert [v["id"] for v in closed + opened] == []


def test_a_syllable_still_being_composed_is_left_out(page: Any, fixture_site: str) -> None:
    box = page.locator("[data-eh-search-input]")
    box.click()
    ime = page.context.new_cdp_session(page)
    ime.send("Input.insertText", {"text": "학점"})
    ime.send("Input.imeSetComposition", {"text": "젷", "selectionStart": 1, "selectionEnd": 1})
    done = (
        "q => document.querySelector('[data-eh-search]').getAttribute('data-eh-search-done') === q"
    )
    page.wait_for_function(done, arg="학점젷")
    composing = page.eval_on_selector_all("[role=option]", "links => links.map(a => a.href)")
    assert fixture_site + "cases/case-01/" in composing  # searched for 학점, not 학점젷
    ime.send("Input.insertText", {"text": "제"})  # the syllable is done: 학점제
    page.wait_for_function(done, arg="학점제")
    links = page.eval_on_selector_all("[role=option]", "links => links.map(a => a.href)")
    assert links == [fixture_site + "cases/case-01/"]
