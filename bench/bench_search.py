"""Search figures (not pass/fail): index build time and size for 1,000 synthetic issues +
3,000 events, bytes a query downloads (real browser, real UI), and the evaluation against
Material's default search on the fixture site.

Usage: .venv/bin/python bench/bench_search.py [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "plugins"))

from eduhub.feature import RenderedPage  # noqa: E402 (after the sys.path line)
from eduhub.search.feature import SearchFeature  # noqa: E402

ISSUES, EVENTS = 1000, 3000
QUERIES = [
    "학점제",
    "원서접수",
    "진로 진학",
    "2027학년도",
    "면접",
    "SW",
    "설명회",
    "고교학점제 선택과목",
]


def word_pool() -> list[str]:
    """Korean and Latin words from the real content and the fixture, for realistic bigrams."""
    words: list[str] = []
    for path in sorted((REPO / "content").rglob("*.md")) + sorted(
        (REPO / "tests" / "fixtures" / "search_site").rglob("*.md")
    ):
        words += re.findall(r"[가-힣0-9A-Za-z·]+", path.read_text(encoding="utf-8"))
    return words or ["진로", "진학", "고교학점제", "상담"]


def synthetic_pages(seed: int = 7) -> list[RenderedPage]:
    rng = random.Random(seed)
    pool = word_pool()

    def sentence(n: int) -> str:
        return " ".join(rng.choice(pool) for _ in range(n)) + "."

    pages = []
    start = date(2010, 3, 1)
    for n in range(1, ISSUES + 1):
        html = [f"<h1 id='t'>교육금천 제{n}호</h1><p>{sentence(12)}</p>"]
        for s in range(5):
            html.append(f"<h2 id='s{s}'>{sentence(3)}</h2>")
            html += [f"<p>{sentence(rng.randint(8, 16))} {sentence(10)}</p>" for _ in range(4)]
        pages.append(
            RenderedPage(
                f"newsletter/{n}.md",
                f"newsletter/{n}/",
                f"교육금천 제{n}호",
                "".join(html),
                "issue",
                start + timedelta(days=7 * n),
            )
        )
    for n in range(EVENTS):
        title = sentence(4)[:-1]
        html = (
            f"<h1 id='t'>{title}</h1><p>{sentence(6)}</p><ul><li>장소: 금천진로진학지원센터</li>"
            f"<li>대상: 고등학생, 학부모</li></ul><p>{sentence(20)}</p>"
        )
        pages.append(
            RenderedPage(
                f"events/{n}.md",
                f"events/e{n:05d}/",
                title,
                html,
                "event",
                start + timedelta(days=2 * n),
            )
        )
    return pages


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the index forks two)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def build_index(pages: list[RenderedPage]) -> tuple[float, float, dict[str, bytes]]:
    """(wall seconds, CPU seconds, files): CPU time too, as the machine may be shared."""
    began, cpu = time.perf_counter(), _cpu()
    feature = SearchFeature(None)  # type: ignore[arg-type]
    for page in pages:
        feature.page_rendered(page)
    files = feature.outputs()
    return time.perf_counter() - began, _cpu() - cpu, files


def index_figures(files: dict[str, bytes]) -> None:
    shards = [len(v) for k, v in files.items() if k.startswith("search/s/")]
    fragments = [len(v) for k, v in files.items() if k.startswith("search/f/")]
    print(f"  manifest: {len(files['search/manifest.json']):,} B")
    print(
        f"  shards: {len(shards)}, total {sum(shards):,} B, median {statistics.median(shards):,.0f} B, "
        f"max {max(shards):,} B"
    )
    print(
        f"  page fragments: {len(fragments)}, median {statistics.median(fragments):,.0f} B, "
        f"max {max(fragments):,} B"
    )


def material_index_size(pages: list[RenderedPage]) -> int:
    """Bytes of Material's search_index.json for the same pages (its own indexer)."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex(lang=["ko"], separator=r"[\s\-]+", pipeline=[], fields={})
    for page in pages:
        index.add_entry_from_context(
            SimpleNamespace(content=page.html, toc=[], url=page.url, title=page.title, meta={})
        )
    return len(index.generate_search_index(None).encode())


def browser_figures(files: dict[str, bytes]) -> None:
    """The real UI of the fixture site, pointed at the synthetic index: bytes per query."""
    from playwright.sync_api import sync_playwright
    from test_search_browser import Network, build_fixture, eh_search, launch, serve

    with tempfile.TemporaryDirectory() as tmp:
        result = build_fixture(Path(tmp) / "project")
        shutil.rmtree(result.site_dir / "search")
        for path, data in files.items():
            target = result.site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        with serve(result.site_dir) as base, sync_playwright() as pw:
            browser = launch(pw)
            print(
                "  bytes per query on the synthetic index, real UI (manifest + shards + fragments):"
            )
            for query in QUERIES:
                page = browser.new_page()
                page.goto(base)
                network = Network()
                network.attach(page)
                links = eh_search(page, query)
                first, count = network.total, len(network.fetched)
                shards = sum(1 for u in network.fetched if "/search/s/" in u)
                network.reset()
                eh_search(page, query)
                print(
                    f"  {query}: first {first:,} B in {count} files ({shards} shards, "
                    f"{len(links)} results shown); repeat {network.total:,} B"
                )
                page.close()
            browser.close()


def evaluation() -> None:
    """recall@1 / recall@3 and bytes per query: eduhub vs Material's default search."""
    from conftest import base_config
    from playwright.sync_api import sync_playwright
    from test_search_browser import CASES, Network, build_fixture, eh_search, launch, page_of, serve

    material = base_config()
    material["theme"].pop("custom_dir")
    material["plugins"] = ["search"]
    material.pop("extra_css", None)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        ours = build_fixture(Path(tmp) / "ours")
        theirs = build_fixture(Path(tmp) / "material", material)
        browser = launch(pw)
        for name, site, run in (("eduhub", ours, eh_search), ("material", theirs, material_search)):
            with serve(site.site_dir) as base:
                at1 = at3 = 0
                sizes = []
                for case in CASES["cases"]:
                    page = browser.new_page()
                    network = Network()
                    network.attach(page)
                    page.goto(base)
                    pages = [page_of(u, base) for u in run(page, case["query"])]
                    rank = pages.index(case["page"]) + 1 if case["page"] in pages else None
                    at1 += rank == 1
                    at3 += rank is not None and rank <= 3
                    sizes.append(sum(v for u, v in network.fetched.items() if is_search(u)))
                    print(f"  {name:8} {case['query']:8} rank {rank}  results {len(pages)}")
                    page.close()
                nonsense = []
                for query in CASES["nonsense"]:
                    page = browser.new_page()
                    page.goto(base)
                    nonsense.append(len(run(page, query)))
                    page.close()
                total = len(CASES["cases"])
                print(
                    f"  {name}: recall@1 {at1}/{total} = {at1 / total:.2f}, recall@3 {at3}/{total} = "
                    f"{at3 / total:.2f}, nonsense results {nonsense}, search bytes per page view "
                    f"with one query: median {statistics.median(sizes):,.0f} B"
                )
        browser.close()


def is_search(url: str) -> bool:
    return "/search/" in url or "search" in url.rsplit("/", 1)[-1] or "/lunr/" in url


def material_search(page: Any, query: str) -> list[str]:
    """Type into Material's own search and wait until its result count settles."""
    page.locator("label.md-header__button[for=__search]").click() if not page.locator(
        ".md-search__input"
    ).is_visible() else None
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    # Material searches on keyup; Hangul typed through an IME ends with key events, while
    # Playwright inserts it as text: a real key release (End) gives Material its keyup
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    # Korean result counts all say "일치하는 문서" (none, one, other); then let it settle
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.includes('일치하는 문서')"
    )
    last, stable = None, 0
    for _ in range(100):
        page.wait_for_timeout(100)
        now = (meta.inner_text(), page.locator(".md-search-result__item").count())
        stable = stable + 1 if now == last else 0
        last = now
        if stable >= 5:
            break
    return page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link:first-child",
        "links => links.map(a => a.href)",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    pages = synthetic_pages()
    text = sum(len(p.html) for p in pages)
    print(f"search: {ISSUES:,} issues + {EVENTS:,} events ({text / 1e6:.1f} MB of HTML)")
    runs = []
    for _ in range(3):
        wall, cpu, files = build_index(pages)
        runs.append((wall, cpu))
    wall, cpu = min(runs)
    began = time.process_time()
    sum(range(10**7))  # a yardstick: about 0.1 s of CPU on an idle 2024 laptop
    yardstick = time.process_time() - began
    print(
        f"  index build (extract + tokenize + shard + fragments), best of 3: {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs, "
        f"yardstick sum(range(10**7)) {yardstick:.2f} s CPU"
    )
    index_figures(files)
    again = build_index(pages)[2]
    print(f"  deterministic: {again == files}")
    print(
        f"  Material's search_index.json for the same pages: {material_index_size(pages):,} B, "
        "downloaded whole on every page load"
    )
    if not args.no_browser:
        browser_figures(files)
        print(
            "evaluation on tests/fixtures/search_site (real builds, real browser, typed queries):"
        )
        evaluation()


if __name__ == "__main__":
    main()
