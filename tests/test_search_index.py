"""The search index without a browser: extraction, postings, shards, determinism, and a
real MkDocs build writing it."""

from __future__ import annotations

import bisect
import hashlib
import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import SiteProject
from eduhub.content import Content
from eduhub.dates import build_datetime
from eduhub.feature import RenderedPage
from eduhub.search.extract import Section, sections
from eduhub.search.feature import SearchFeature
from eduhub.search.index import ALPHABET, PageEntry, _balanced, build
from eduhub.settings import Settings
from eduhub.siteindex import SiteIndex

PAGE_HTML = (
    '<h1 id="title">고교학점제 안내<a class="headerlink" href="#title">¶</a></h1>'
    "<p>고교<b>학점제</b>는 선택<br>과목 제도입니다.</p><script>var 숨김 = 1;</script>"
    '<h2 id="how">신청 <em>방법</em></h2><ul><li>온라인</li><li>방문</li></ul>'
    "<h3>아이디 없는 제목</h3><p>본문 &amp; 끝</p>"
)


def test_sections_cut_at_headings_with_ids() -> None:
    assert sections(PAGE_HTML) == [
        Section("", "고교학점제 안내", "고교학점제는 선택 과목 제도입니다."),
        Section("how", "신청 방법", "온라인 방문 아이디 없는 제목 본문 & 끝"),
    ]


def test_text_before_the_first_heading_is_a_section() -> None:
    assert sections("<p>머리말</p><h2 id='a'>가</h2>") == [
        Section("", "", "머리말"),
        Section("a", "가", ""),
    ]


def decode(postings: str, pw: int, sw: int) -> list[tuple[int, int, int]]:
    def number(digits: str) -> int:
        n = 0
        for d in digits:
            n = n * 64 + ALPHABET.index(d)
        return n

    step = pw + sw + 1
    return [
        (
            number(postings[i : i + pw]),
            number(postings[i + pw : i + pw + sw]),
            ALPHABET.index(postings[i + step - 1]),
        )
        for i in range(0, len(postings), step)
    ]


def lookup(files: dict[str, bytes], term: str) -> list[tuple[int, int, int]]:
    """What the browser does: route the term to its shard by the manifest's ranges."""
    manifest = json.loads(files["search/manifest.json"])
    firsts = [first for first, _ in manifest["shards"]]
    name = manifest["shards"][bisect.bisect_right(firsts, term) - 1][1]
    shard = json.loads(files[f"search/s/{name}.json"])
    return decode(shard.get(term, ""), manifest["pw"], manifest["sw"])


def entries(n: int = 300) -> list[PageEntry]:
    pages = [PageEntry("credit/", "고교학점제 안내", "page", None, tuple(sections(PAGE_HTML)))]
    for i in range(n):
        pages.append(
            PageEntry(
                f"events/{i:04d}/",
                f"행사 {i}",
                "event",
                date(2026, 1, 1),
                (Section("", "", f"진로 체험 {i}회차 모집 안내 학생 학부모 상담 {i * 7}"),),
            )
        )
    return pages


def test_postings_weigh_title_above_heading_above_body() -> None:
    files = build(entries())
    credit = 0  # "credit/" sorts before "events/..."
    title = {(p, s): w for p, s, w in lookup(files, "=고교학점제")}
    assert title[(credit, 0)] >= 32  # in the title (and the body of the first section)
    heading = {(p, s): w for p, s, w in lookup(files, "방법")}
    body = {(p, s): w for p, s, w in lookup(files, "온라")}
    assert heading[(credit, 1)] > body[(credit, 1)] > 0
    assert len(lookup(files, "진로")) == 300  # every event page has it


def test_every_term_is_found_through_the_manifest_and_shards_are_content_hashed() -> None:
    files = build(entries())
    manifest = json.loads(files["search/manifest.json"])
    assert len(manifest["shards"]) > 1
    firsts = [first for first, _ in manifest["shards"]]
    assert firsts == sorted(firsts) and firsts[0] == ""
    for _first, name in manifest["shards"]:
        data = files[f"search/s/{name}.json"]
        assert hashlib.sha256(data).hexdigest()[:12] == name
        shard = json.loads(data)
        for term in shard:
            assert lookup(files, term), term
    fragment = json.loads(files[f"search/{manifest['fragments'][0]}1.json"])
    assert fragment["u"] == "events/0000/" and fragment["d"] == "2026-01-01"
    assert fragment["k"] == "event"


def test_fragments_come_in_runs_and_an_edit_renames_one_run() -> None:
    """Page n's fragment is in folder fragments[n // run]; changing one page's text changes
    only its run's folder, so a rebuild keeps the other files byte for byte."""
    pages = sorted(entries(), key=lambda p: p.url)
    files = build(pages)
    manifest = json.loads(files["search/manifest.json"])
    run = manifest["run"]
    assert len(manifest["fragments"]) == -(-len(pages) // run) > 2
    for number, page in enumerate(pages):
        data = files[f"search/{manifest['fragments'][number // run]}{number}.json"]
        assert json.loads(data)["u"] == page.url
    assert sum(1 for path in files if path.startswith("search/f/")) == len(pages)

    edited = list(pages)
    edited[run + 3] = replace(pages[run + 3], sections=(Section("", "", "바뀐 본문"),))
    after = json.loads(build(edited)["search/manifest.json"])
    changed = [
        i
        for i, (a, b) in enumerate(zip(manifest["fragments"], after["fragments"], strict=True))
        if a != b
    ]
    assert changed == [1]


def test_same_input_same_bytes_whatever_the_order() -> None:
    pages = entries()
    assert build(pages) == build(list(reversed(pages)))


def test_feature_collects_rendered_pages() -> None:
    settings = Settings(
        site_url="https://example.org/",
        site_name="교육금천",
        docs_dir=Path("content"),
        project_dir=Path("."),
        build_time=build_datetime({"SOURCE_DATE_EPOCH": "1795305600"}),
    )
    feature = SearchFeature(SiteIndex(settings, Content()))
    feature.page_rendered(
        RenderedPage("news/a.md", "news/a/", "공지", PAGE_HTML, "news", date(2026, 3, 2))
    )
    files = feature.outputs()
    assert "search/manifest.json" in files
    assert all(path.startswith("search/") for path in files)


def test_core_does_not_import_mkdocs() -> None:
    code = (
        "import sys, eduhub.search.index, eduhub.search.extract, eduhub.search.feature;"
        "print(any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_real_build_writes_the_index_and_our_header_search(site: SiteProject) -> None:
    site.write("guide.md", "# 안내\n\n## 원서 접수 {#apply}\n\n정시모집 원서 접수 일정입니다.\n")
    result = site.build()
    assert result.ok, result.output
    search = result.site_dir / "search"
    manifest = json.loads((search / "manifest.json").read_text())
    fragments = [
        json.loads(p.read_text())
        for folder in manifest["fragments"]
        for p in (search / folder).glob("*.json")
    ]
    guide = next(f for f in fragments if f["u"] == "guide/")
    assert guide["s"][1] == {"a": "apply", "h": "원서 접수", "t": "정시모집 원서 접수 일정입니다."}
    page = result.page("guide/")
    assert "data-eh-search" in page and 'role="combobox"' in page
    assert 'data-md-component="search"' not in page  # Material's search JS stays away
    assert "search_index.json" not in "".join(p.name for p in result.site_dir.rglob("*"))
    assert (result.site_dir / "assets" / "eduhub" / "search.js").is_file()


def test_two_real_builds_write_the_same_search_bytes(site: SiteProject) -> None:
    site.write("a.md", "# 가\n\n## 원서 접수 {#apply}\n\n정시모집 원서 접수 일정입니다.\n")
    site.write("b.md", "# 나\n\n고교학점제는 학생이 진로에 따라 과목을 선택하는 제도입니다.\n")
    first = site.build(site_dir=site.root / "one")
    second = site.build(site_dir=site.root / "two")
    assert first.ok and second.ok, first.output + second.output

    def files(root):
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in (root / "search").rglob("*")
            if p.is_file()
        }

    assert files(first.site_dir) == files(second.site_dir)


def test_two_processes_write_the_same_bytes_as_one() -> None:
    """Large sites are indexed by two forked processes; the split must not show in the output."""
    pages = entries(600)
    one = build(pages, workers=1)
    two = build(pages, workers=2)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert build(pages) == one  # the default (two processes at this size) agrees too


def test_parts_carry_about_the_same_amount_of_text() -> None:
    pages = entries(600)
    chunks = _balanced(pages, 2)
    assert [first for first, _ in chunks] == [0, len(chunks[0][1])]
    assert sum(len(chunk) for _, chunk in chunks) == len(pages)
    sizes = [sum(len(s.text) for p in chunk for s in p.sections) for _, chunk in chunks]
    assert abs(sizes[0] - sizes[1]) < 0.1 * sum(sizes)


def test_remembered_counts_give_the_bytes_of_a_fresh_index() -> None:
    """Under serve the pages' counts are kept between builds: after an edit (and with one
    page gone) the index is byte for byte the one a fresh process makes."""
    pages = entries()
    assert build(pages, remember=True) == build(pages)
    edited = list(pages)
    edited[3] = replace(pages[3], sections=(Section("", "", "바뀐 본문 새 낱말"),))
    del edited[5]
    for workers in (1, 2):
        assert build(edited, workers, remember=True) == build(edited, workers)


def test_an_edit_is_patched_into_the_last_index_with_a_fresh_builds_bytes() -> None:
    """Under serve an edit that keeps the URLs, the mean section length and the section
    width is patched into the last index (only the edited pages are cut, counted and
    posted): byte for byte what a fresh process builds, through several edits, new and
    vanished terms and an edit undone."""
    from eduhub.search import index

    pages = entries(400)
    build(pages, remember=True)
    edits = [
        (7, "진로 체험 새낱말 모집 안내 학생 학부모 상담"),  # a new term
        (7, "진로 체험 7회차 모집 안내 학생 학부모 상담 49"),  # undone: the term is gone
        (12, "상담 모집 진로 체험 학생 학부모 안내 다른말"),
        (399, "진로 체험 마지막 모집 안내 학생 학부모 상담 끝"),
    ]
    edited = list(pages)
    for n, text in edits:
        edited[n] = replace(edited[n], sections=(Section("", "", text),))
        before = index._LAST
        patched = build(edited, remember=True)
        assert index._LAST is before is not None  # patched, not rebuilt
        assert patched == build(edited), n
    title = replace(edited[3], title="새 제목 낱말")  # a title's terms weigh more
    edited[3] = title
    assert build(edited, remember=True) == build(edited)
    assert lookup(build(edited), "낱말")[0][0] == 3


def test_the_next_process_patches_the_snapshot_of_a_cached_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cached build keeps its index (`carry`); the next build, in a new process, gets the
    `snapshot` back as `previous` and cuts only the changed page (and that page as it was),
    with the bytes of a fresh build. A snapshot of other pages, or no snapshot at all (bytes
    nobody can read), is a full build with the same bytes."""
    from eduhub.search import index

    pages = entries(400)
    assert build(pages, carry=True) == build(pages)
    snap = index.snapshot()
    assert snap is not None
    edited = list(pages)
    edited[7] = replace(pages[7], sections=(Section("", "", "진로 체험 새낱말 모집 안내 학생"),))
    monkeypatch.setattr(index, "_LAST", None)  # as in a new process
    monkeypatch.setattr(index, "_KNOWN", {})
    cut = index._cut
    calls: list[str] = []
    monkeypatch.setattr(index, "_cut", lambda page: calls.append(page.url) or cut(page))
    patched = build(edited, 1, carry=True, previous=snap)
    assert calls == [pages[7].url, pages[7].url]  # the new page and the old one: no other
    assert patched == build(edited, 1)
    assert [page for page, _, _ in lookup(patched, "낱말")] == [7]  # events/0006/ is page 7

    chained = index.snapshot()  # the patched index is carried on in turn
    again = list(edited)
    again[12] = replace(edited[12], title="바뀐 제목")
    monkeypatch.setattr(index, "_LAST", None)
    assert build(again, 1, carry=True, previous=chained) == build(again, 1)

    for previous in (chained, b"not a snapshot"):
        monkeypatch.setattr(index, "_LAST", None)
        calls.clear()
        assert build(pages[:-1], 1, carry=True, previous=previous) == build(pages[:-1], 1)
        assert len(calls) >= len(pages) - 1  # every page cut: nothing to patch


def test_a_snapshot_taken_to_carry_on_is_let_go_here() -> None:
    from eduhub.search import index

    build(entries(20), carry=True)
    assert index.snapshot() is not None and index._LAST is not None
    assert index.snapshot(forget=True) is not None
    assert index._LAST is None and index.snapshot() is None
