"""The persistent memo (eduhub.memo): content-addressed, kept on disk, pruned per build."""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from eduhub import memo as memo_module
from eduhub.memo import Memo


class Maker:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, value: str):  # type: ignore[no-untyped-def]
        def make() -> bytes:
            self.calls.append(value)
            return value.encode()

        return make


def test_values_are_kept_on_disk_between_processes(tmp_path: Path) -> None:
    make = Maker()
    first = Memo()
    first.open(tmp_path)
    assert first.get("qr", ["svg", "https://a/"], make("a")) == b"a"
    assert first.get("qr", ["svg", "https://a/"], make("a")) == b"a"
    assert make.calls == ["a"]
    first.end_build()
    assert (tmp_path / "memo-qr.pickle").is_file()

    second = Memo()  # another process
    second.open(tmp_path)
    assert second.get("qr", ["svg", "https://a/"], make("a")) == b"a"
    assert make.calls == ["a"]
    assert (second.hits, second.misses) == (1, 0)


def test_another_input_or_table_is_another_value(tmp_path: Path) -> None:
    make = Maker()
    memo = Memo()
    memo.open(tmp_path)
    memo.get("qr", ["svg", "https://a/", "제목"], make("1"))
    memo.get("qr", ["svg", "https://a/", "제목 "], make("2"))
    memo.get("qr", ["png", "https://a/", "제목"], make("3"))
    memo.get("card", ["svg", "https://a/", "제목"], make("4"))
    memo.get("qr", ["svg", "https://a/", "제목"], make("5"))
    assert make.calls == ["1", "2", "3", "4"]


def test_other_code_or_libraries_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make = Maker()
    memo = Memo()
    memo.open(tmp_path)
    memo.get("card", ["x"], make("old"))
    memo.end_build()
    monkeypatch.setattr(memo_module, "fingerprint", lambda: "another version of eduhub")
    again = Memo()
    again.open(tmp_path)
    assert again.get("card", ["x"], make("new")) == b"new"
    assert make.calls == ["old", "new"]


def test_the_fingerprint_covers_package_files() -> None:
    files = {p.name for p in memo_module.PACKAGE.rglob("*") if p.is_file()}
    assert {"qr.py", "cards.py", "html.py", "memo.py"} <= files
    assert len(memo_module.fingerprint()) == 64


def test_a_build_forgets_what_it_did_not_use(tmp_path: Path) -> None:
    make = Maker()
    memo = Memo()
    memo.open(tmp_path)
    memo.get("card", ["kept"], make("kept"))
    memo.get("card", ["dropped"], make("dropped"))
    memo.end_build()
    memo.get("card", ["kept"], make("kept"))
    memo.end_build()
    from eduhub import sealed

    kept = sealed.load(tmp_path / "memo-card.pickle")
    assert isinstance(kept, dict) and len(kept) == 1
    fresh = Memo()
    fresh.open(tmp_path)
    fresh.get("card", ["dropped"], make("dropped"))
    assert make.calls == ["kept", "dropped", "dropped"]


def test_a_table_a_build_never_asked_is_kept_whole(tmp_path: Path) -> None:
    """An issue edit reuses the share cards' files without asking for one card: the next
    build, an event edit, must still find every card (not redraw thousands)."""
    make = Maker()
    memo = Memo()
    memo.open(tmp_path)
    memo.get("card", ["a"], make("a"))
    memo.get("qr", ["q"], make("q"))
    memo.end_build()
    memo.get("qr", ["q"], make("q"))  # a build that asks no card
    memo.end_build()
    again = Memo()
    again.open(tmp_path)
    again.get("card", ["a"], make("a"))
    assert make.calls == ["a", "q"]


def test_a_failed_build_saves_nothing(tmp_path: Path) -> None:
    memo = Memo()
    memo.open(tmp_path)
    memo.get("card", ["x"], Maker()("x"))
    memo.end_build(save=False)
    assert not (tmp_path / "memo-card.pickle").exists()


def test_disabled_or_damaged_memo_makes_values_anew(tmp_path: Path) -> None:
    make = Maker()
    (tmp_path / "memo-card.pickle").write_bytes(b"not a pickle")
    memo = Memo()
    memo.open(tmp_path)
    assert memo.get("card", ["x"], make("x")) == b"x"
    memo.end_build()
    off = Memo()
    off.open(tmp_path, enabled=False)  # EDUHUB_CACHE=0
    off.get("card", ["x"], make("x"))
    off.get("card", ["x"], make("x"))
    assert make.calls == ["x", "x", "x"]


def test_open_for_follows_eduhub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDUHUB_CACHE", "0")
    assert memo_module.open_for(tmp_path).enabled is False
    monkeypatch.setenv("EDUHUB_CACHE", "1")
    opened = memo_module.open_for(tmp_path)
    assert opened.enabled and opened.root == tmp_path / ".cache" / "eduhub"
    opened.open(None)


class _Payload:
    """Unpickling this runs code: what a hostile pull request would commit in .cache/."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.write_text, (self.marker, "ran"))


def test_sealed_files_round_trip_and_refuse_foreign_pickles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eduhub import sealed

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    path = tmp_path / "state.pickle"
    assert sealed.dump({"a": [1, 2]}, path)
    assert sealed.load(path) == {"a": [1, 2]}
    assert (sealed.key_file().stat().st_mode & 0o777) == 0o600

    damaged = bytearray(path.read_bytes())
    damaged[-1] ^= 1
    path.write_bytes(bytes(damaged))
    assert sealed.load(path) is None

    marker = tmp_path / "ran.txt"
    path.write_bytes(pickle.dumps(_Payload(marker)))  # committed, not sealed here
    assert sealed.load(path) is None
    path.write_bytes(sealed.MAGIC + b"\0" * 32 + pickle.dumps(_Payload(marker)))
    assert sealed.load(path) is None
    assert not marker.exists()


def test_a_committed_cache_is_never_unpickled_by_the_build(tmp_path: Path) -> None:
    import sys

    from conftest import REPO, run_mkdocs_build

    sys.path.insert(0, str(REPO / "bench"))
    from corpus import make_corpus

    config = make_corpus(tmp_path / "project", issues=2, events=2)
    cache = config.parent / ".cache" / "eduhub"
    cache.mkdir(parents=True)
    marker = tmp_path / "ran.txt"
    for name in ("state.pickle", "memo-card.pickle", "memo-qr.pickle", "memo-safety.pickle"):
        (cache / name).write_bytes(pickle.dumps(_Payload(marker)))
    result = run_mkdocs_build(config, config.parent / "site")
    assert result.ok, result.output
    assert not marker.exists()


@pytest.mark.parametrize("parallel_pages", [0, 10**6])
def test_body_checks_on_the_other_core_report_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_pages: int
) -> None:
    """On a large site the Markdown bodies and the event descriptions are checked in forked
    children (content.py, PARALLEL_PAGES): their problems must reach `eduhub check` and the
    build all the same."""
    import sys

    from conftest import REPO

    sys.path.insert(0, str(REPO / "bench"))
    from corpus import make_corpus
    from eduhub import content as content_module
    from eduhub.settings import load_settings

    monkeypatch.setenv("EDUHUB_CACHE", "0")
    monkeypatch.setattr(content_module, "PARALLEL_PAGES", parallel_pages)
    config = make_corpus(tmp_path / "project", issues=2, events=2)
    page = config.parent / "content" / "center" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    (config.parent / "content" / "events" / "hostile.yml").write_text(
        "- id: hostile-event\n  title: 행사\n  description: |\n    소개\n\n"
        '    <img src="a.png" onerror="alert(1)">\n'
        '  start: "2026-12-05 14:00"\n  audience: [high]\n  category: briefing\n',
        encoding="utf-8",
    )
    _, problems = content_module.load_content(load_settings(config))
    found = [str(p) for p in problems.items if p.location.path == "content/center/index.md"]
    assert found and all(re.match(r"content/center/index\.md:\d+: ", f) for f in found), found
    described = [str(p) for p in problems.items if p.location.path.endswith("hostile.yml")]
    assert len(described) == 1 and described[0].startswith(
        'content/events/hostile.yml:6: description: HTML 이벤트 속성은 쓸 수 없습니다: onerror="alert(1)"'
    ), described


def test_what_a_child_found_is_kept_like_what_it_made(tmp_path: Path) -> None:
    """Entries a forked child (eduhub.background) found in the memo count as used: the
    build's end must not forget them. It did: the body checks of every other warm build, and
    the cards of a build whose cards were drawn in a child, were made again."""
    from eduhub.background import Background
    from eduhub.memo import MEMO

    make = Maker()
    MEMO.open(tmp_path / "memo")
    try:
        MEMO.get("card", ["here"], make("here"))
        MEMO.get("card", ["there"], make("there"))
        MEMO.end_build()
        MEMO.get("card", ["here"], make("here"))  # the parent asks for one entry itself
        work = Background(lambda: MEMO.get("card", ["there"], make("there")))
        assert work.process is not None, "this test needs fork"
        assert work.result() == b"there"
        MEMO.end_build()
    finally:
        MEMO.open(None)
        MEMO.tables.pop("card", None)
        MEMO.used, MEMO.new = {}, {}
    again = Memo()
    again.open(tmp_path / "memo")
    again.get("card", ["here"], make("here"))
    again.get("card", ["there"], make("there"))
    assert make.calls == ["here", "there"]


def test_an_anchored_key_is_the_key_of_its_parts_made_once_per_object(tmp_path: Path) -> None:
    """`anchored_key` gives exactly the key `get` makes from the parts (so a value found by
    either is found by the other, in this process or the next), computes the parts once per
    object and extra, and lets go of objects a build no longer asks for."""
    memo = Memo()
    memo.open(tmp_path)
    make = Maker()
    asked: list[str] = []

    class Frozen:  # an immutable input, as an Event is
        def __init__(self, text: str) -> None:
            self.text = text

    one, two = Frozen("a"), Frozen("a")

    def parts(thing: Frozen, extra: str):  # type: ignore[no-untyped-def]
        def made() -> list[str]:
            asked.append(thing.text + extra)
            return ["vevent", thing.text, extra]

        return made

    key = memo.anchored_key("t", one, "x", parts(one, "x"))
    assert memo.get("t", None, make("1"), key=key) == b"1"
    assert memo.get("t", ["vevent", "a", "x"], make("2")) == b"1"  # the same key
    assert memo.anchored_key("t", one, "x", parts(one, "x")) == key
    assert asked == ["ax"]  # the second ask of the same object made no parts
    assert memo.anchored_key("t", one, "y", parts(one, "y")) != key  # another extra
    assert memo.anchored_key("t", two, "x", parts(two, "x")) == key  # an equal object
    assert asked == ["ax", "ay", "ax"]
    memo.end_build()
    memo.anchored_key("t", two, "x", parts(two, "x"))
    memo.end_build()  # `one` was not asked for in this build: let go of
    assert all(anchor is two for anchor in memo.anchors["t"].objects())
    assert make.calls == ["1"]


def test_front_matter_from_the_memo_reports_the_same_problems(tmp_path: Path) -> None:
    """The second load of an unchanged page comes from the memo with the same problems; an
    edited page is parsed again."""
    from eduhub.errors import Problems
    from eduhub.pageloader import PageLoader
    from eduhub.settings import make_settings

    docs = tmp_path / "content"
    (docs / "newsletter").mkdir(parents=True)
    page = docs / "newsletter" / "001.md"
    page.write_text("---\ntitle: 제목\nissue: 1\ndate: 2026-13-01\n---\n본문\n", encoding="utf-8")
    settings = make_settings(
        {"site_url": "https://example.org/", "site_name": "t", "docs_dir": str(docs)},
        {},
        config_file=tmp_path / "mkdocs.yml",
    )
    memo_module.MEMO.open(None)
    seen = []
    for _ in range(2):
        problems = Problems()
        data, bad = PageLoader(settings, problems).front_matter(page, "issue.schema.json")
        seen.append((dict(data or {}), bad, [str(p) for p in problems.items]))
    assert seen[0] == seen[1] and seen[0][2]  # the same problems, and there are some
    page.write_text(
        "---\ntitle: 새 제목\nissue: 1\ndate: 2026-12-01\n---\n본문\n", encoding="utf-8"
    )
    problems = Problems()
    data, _ = PageLoader(settings, problems).front_matter(page, "issue.schema.json")
    assert data is not None and data["title"] == "새 제목"
    memo_module.MEMO.end_build(save=False)


def test_an_event_file_edit_keeps_the_other_events_the_same_objects(tmp_path: Path) -> None:
    """Loading an edited event file again gives the very same Event object for every event
    that is equal, line numbers included; the edited event, and one whose lines moved, are
    new objects with the new values."""
    from eduhub.content import _event_file
    from eduhub.errors import Problems
    from eduhub.settings import make_settings

    docs = tmp_path / "content"
    (docs / "events").mkdir(parents=True)
    path = docs / "events" / "2027.yml"
    one = "- id: a\n  title: 가\n  start: 2027-03-02\n  audience: [high]\n  category: briefing\n"
    two = "- id: b\n  title: 나\n  start: 2027-03-03\n  audience: [high]\n  category: briefing\n"
    three = "- id: c\n  title: 다\n  start: 2027-03-04\n  audience: [high]\n  category: briefing\n"
    settings = make_settings(
        {"site_url": "https://example.org/", "site_name": "t", "docs_dir": str(docs)},
        {"event_categories": [{"slug": "briefing", "label": "설명회"}]},
        config_file=tmp_path / "mkdocs.yml",
    )
    memo_module.MEMO.open(None)

    def load(text: str) -> dict[str, Any]:
        path.write_text(text, encoding="utf-8")
        problems = Problems()
        events = _event_file(path, settings, problems, "content/events/2027.yml", set())
        assert not problems.items, problems.items
        return {e.id: e for e in events}

    before = load(one + two + three)
    after = load(one + two.replace("나", "나나") + three)
    assert after["a"] is before["a"] and after["c"] is before["c"]
    assert after["b"] is not before["b"] and after["b"].title == "나나"
    moved = load("# 한 줄 더\n" + one + two.replace("나", "나나") + three)
    assert moved["a"] is not after["a"] and moved["a"].location.line == after["a"].location.line + 1
    memo_module.MEMO.end_build(save=False)
