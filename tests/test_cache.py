"""The persistent build cache (.cache/eduhub/, eduhub.cache): a cached build is byte-identical
to a clean one, and any change to a global input makes every page render again."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_EPOCH, REPO, BuildResult, run_mkdocs_build
from eduhub.cache import Unstable, digest, global_key, link_targets, tree_digest
from markupsafe import escape

sys.path.insert(0, str(REPO / "bench"))
from corpus import make_corpus  # noqa: E402

ISSUE = "newsletter/102/index.html"  # a synthetic issue nobody edits here
EDITED = "content/newsletter/synthetic/00101.md"


def _digests(site_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(site_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


class Project:
    def __init__(self, root: Path) -> None:
        self.config = make_corpus(root, issues=4, events=8)
        self.root = root
        self.site = root / "site"
        self.clean_builds = 0

    def build(self, env: dict[str, str] | None = None) -> BuildResult:
        result = run_mkdocs_build(self.config, self.site, env=env)
        assert result.ok, result.output
        return result

    def clean(self, env: dict[str, str] | None = None) -> dict[str, str]:
        """Digests of a build without the cache, into a new folder."""
        self.clean_builds += 1
        out = self.root.parent / f"clean-{self.clean_builds}"
        result = run_mkdocs_build(self.config, out, env={**(env or {}), "EDUHUB_CACHE": "0"})
        assert result.ok, result.output
        return _digests(out)

    def stamp(self, relative: str = ISSUE) -> int:
        """The inode and mtime of an output file: unchanged when the file was reused."""
        st = (self.site / relative).stat()
        return hash((st.st_ino, st.st_mtime_ns))

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")


def test_warm_build_reuses_pages_and_equals_a_clean_build(project: Project) -> None:
    project.build()
    before = project.stamp()
    assert (project.root / ".cache" / "eduhub" / "state.pickle").is_file()
    project.build()
    assert project.stamp() == before  # moved from the previous output, not rendered again
    outputs = [project.stamp(name) for name in ("search/manifest.json", "events.ics")]
    project.build()  # generated files are kept too, build after build
    assert [project.stamp(name) for name in ("search/manifest.json", "events.ics")] == outputs
    assert _digests(project.site) == project.clean()
    assert not project.site.with_name("site.eduhub-previous").exists()


def test_inputs_beside_the_content_reach_every_output(project: Project) -> None:
    """What a differential search found the keys missing: a program's title in events.json,
    a plugin option set from the environment (`!ENV`), a hook's code, and a site override
    printing MkDocs' own build date. After each, the warm build is a clean build's."""
    project.build()
    program = project.root / "content" / "programs" / "admissions-academy.md"
    text = program.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    program.write_text(text.replace(title, title + " (개편)", 1), encoding="utf-8")
    project.build()
    assert "(개편)" in (project.site / "events.json").read_text(encoding="utf-8")
    assert _digests(project.site) == project.clean()

    project.edit("mkdocs.yml", "feed_limit: 50", "feed_limit: !ENV [EDUHUB_TEST_LIMIT, 50]")
    hook = project.root / "hook.py"
    hook.write_text(
        "def on_page_markdown(markdown, **kwargs):\n    return markdown + '\\n\\n훅 A\\n'\n",
        encoding="utf-8",
    )
    project.append("mkdocs.yml", "\nhooks:\n  - hook.py\n")
    project.build()
    project.build({"EDUHUB_TEST_LIMIT": "2"})
    assert _digests(project.site) == project.clean({"EDUHUB_TEST_LIMIT": "2"})
    hook.write_text(hook.read_text(encoding="utf-8").replace("훅 A", "훅 B"), encoding="utf-8")
    project.build({"EDUHUB_TEST_LIMIT": "2"})
    assert "훅 B" in (project.site / ISSUE).read_text(encoding="utf-8")
    assert _digests(project.site) == project.clean({"EDUHUB_TEST_LIMIT": "2"})

    copyright = project.root / "overrides" / "partials" / "copyright.html"
    copyright.write_text(
        copyright.read_text(encoding="utf-8")
        + "<p>{{ build_date_utc.strftime('%Y-%m-%d') }}</p>\n",
        encoding="utf-8",
    )
    later = {"EDUHUB_TEST_LIMIT": "2", "SOURCE_DATE_EPOCH": str(int(BUILD_EPOCH) + 86400)}
    project.build({"EDUHUB_TEST_LIMIT": "2"})
    project.build(later)
    assert _digests(project.site) == project.clean(later)


def test_an_override_that_reads_the_page_turns_fragment_reuse_off(project: Project) -> None:
    """A fragment is reused for a third page once two pages of the folder rendered it alike;
    a site override that prints something of the page (here: only for some categories) can
    make the third differ. Such an override turns the reuse off for the build."""
    copyright = project.root / "overrides" / "partials" / "copyright.html"
    copyright.write_text(
        copyright.read_text(encoding="utf-8")
        + "{% if page and page.meta.issue == 103 %}<p>셋째 호</p>{% endif %}\n",
        encoding="utf-8",
    )
    clean = project.clean()
    assert clean == project.clean({"EDUHUB_FRAGMENTS": "0"})
    out = project.root.parent / f"clean-{project.clean_builds}"
    third = (out / "newsletter" / "103" / "index.html").read_text(encoding="utf-8")
    assert "<p>셋째 호</p>" in third


def test_hidden_entries_of_site_dir_survive(project: Project) -> None:
    """MkDocs keeps dot-entries of site_dir (a gh-pages checkout's .git): so does the cache."""
    project.build()
    (project.site / ".git").mkdir()
    (project.site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    project.build()
    assert (project.site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"


def test_a_failed_build_leaves_the_previous_site(project: Project) -> None:
    project.build()
    before = _digests(project.site)
    project.append("content/center/index.md", "\n[없는 쪽](no-such-page.md)\n")
    result = run_mkdocs_build(project.config, project.site)  # strict: the bad link fails it
    assert not result.ok
    assert _digests(project.site) == before
    assert not project.site.with_name("site.eduhub-previous").exists()


def test_one_issue_and_one_event_changed(project: Project) -> None:
    project.build()
    reused = project.stamp()
    project.append(EDITED, "\n\n캐시시험문단 한 줄 더.\n")
    project.build()
    assert "캐시시험문단" in (project.site / "newsletter/101/index.html").read_text("utf-8")
    assert project.stamp() == reused
    assert _digests(project.site) == project.clean()  # archive, feeds, search, e-mail too

    events = sorted((project.root / "content/events").glob("synthetic-*.yml"))[0]
    project.edit(events.relative_to(project.root).as_posix(), "합성 행사", "바뀐 합성 행사")
    project.build()
    assert _digests(project.site) == project.clean()


def test_the_next_build_patches_the_search_index_the_last_one_carried(
    project: Project,
) -> None:
    """The search index of a cached build is kept with its files (`Feature.carry`); the next
    `mkdocs build`, another process, patches the edited page into it instead of indexing
    every page again: a clean build's bytes."""
    project.build()
    carried = project.root / ".cache" / "eduhub" / "carried-search.pickle"
    assert carried.is_file()  # beside the state, not in it
    first_carried = carried.read_bytes()
    project.append(EDITED, "\n\n색인이월 시험 문단.\n")
    result = run_mkdocs_build(project.config, project.site, extra_args=("-v",))
    assert result.ok, result.output
    patched = re.search(r"search: (\d+) of (\d+) pages patched into the last index", result.output)
    assert patched, result.output[-3000:]
    assert 1 <= int(patched[1]) < int(patched[2]) // 4
    assert _digests(project.site) == project.clean()

    # A carried file that is not the one the state names (the build before's, a sound index
    # of the same pages) is not used.
    carried.write_bytes(first_carried)
    project.append(EDITED, "\n\n한 줄 더.\n")
    result = run_mkdocs_build(project.config, project.site, extra_args=("-v",))
    assert result.ok and "pages patched into the last index" not in result.output
    assert _digests(project.site) == project.clean()


def _each_reaches_every_page(project: Project, changes: list[tuple[str, Any]]) -> None:
    """After each change in turn, no page was reused (an issue page shows it) and the site
    is a clean build's."""
    for name, change in changes:
        before = project.stamp()
        change()
        project.build()
        assert project.stamp() != before, f"{name}: an issue page was reused"
        assert _digests(project.site) == project.clean(), name


def test_every_global_input_invalidates(project: Project) -> None:
    """Each change below reaches every page: nothing may be reused afterwards."""
    project.build()
    changes = [
        (
            "mkdocs.yml",
            lambda: project.edit("mkdocs.yml", "site_name: 교육금천", "site_name: 교육금천2"),
        ),
        (
            "template",
            lambda: project.append("overrides/partials/copyright.html", "\n{# changed #}\n"),
        ),
        (
            "nav page",
            lambda: project.edit(
                "content/center/index.md", "title: 센터 소개", "title: 센터 소개하기"
            ),
        ),
    ]
    # (The build date is not among them: a page reads it through its context, see
    # test_the_build_instant_reaches_pages_only_through_their_context.)
    _each_reaches_every_page(project, changes)


def test_editing_a_nav_page_renders_that_page_not_the_site(project: Project) -> None:
    """The nav of every page holds the titles and front matter of the pages in it, not
    their bodies: a guide page's text edited (its title from the front matter, or from
    mkdocs.yml's nav for the home page) leaves every page outside the nav reused, and the
    site is a clean build's."""
    project.build()
    for page, old, new in [
        (
            "content/credit-system/glossary.md",
            "쉬운 말로 풀었습니다.",
            "쉬운 말로 다시 풀었습니다.",
        ),
        ("content/index.md", "한곳에 모았습니다.", "한곳에 모아 두었습니다."),
    ]:
        reused = project.stamp()
        project.edit(page, old, new)
        project.build()
        assert project.stamp() == reused, page
        assert _digests(project.site) == project.clean(), page
    assert "다시 풀었습니다" in (project.site / "credit-system/glossary/index.html").read_text()


def test_what_the_nav_shows_of_a_page_renders_every_page(project: Project) -> None:
    """A nav page's front matter beyond its title (the nav shows `subtitle`, `icon` and
    `status`), and the first heading of a nav page whose title is that heading: each edit
    reaches every page."""
    project.build()
    page = "content/center/index.md"  # listed bare in the nav: its title is its own
    changes = [
        (
            "subtitle",
            lambda: project.edit(
                page, "title: 센터 소개\n", "title: 센터 소개\nsubtitle: 새 부제\n"
            ),
        ),
        ("title from the heading", lambda: project.edit(page, "title: 센터 소개\n", "")),
        ("heading", lambda: project.edit(page, "\n# ", "\n# 새 ")),
    ]
    _each_reaches_every_page(project, changes)


def test_nav_part() -> None:
    from eduhub.navpart import nav_part, titled_in_nav

    page = "---\ntitle: 안내\nicon: x\n---\n\n# 안내\n\n본문\n".encode()
    assert (
        nav_part(page, titled=False) == b"front matter\0title: \xec\x95\x88\xeb\x82\xb4\nicon: x\n"
    )
    assert nav_part(page.replace("본문".encode(), b"other"), titled=False) == nav_part(
        page, titled=False
    )
    untitled = "---\nhide: [toc]\n---\n\n# 제목\n".encode()
    assert nav_part(untitled, titled=False) == untitled  # the title is the heading
    assert nav_part(untitled, titled=True).startswith(b"front matter\0")
    for unsure in [
        b"# no front matter\n",
        b"---\ntitle: [unclosed\n---\n",  # YAML MkDocs cannot read: no front matter
        b"---\n- a list\n---\n",
        b"\xff---\ntitle: x\n---\n",
    ]:
        assert nav_part(unsure, titled=True) == unsure
    crlf = b"---\r\ntitle: x\r\n---\r\nbody\r\n"  # read as MkDocs reads it
    assert nav_part(crlf, titled=False) == b"front matter\0title: x\n"
    nav = [
        {"홈": "index.md"},
        {"안내": ["guide/index.md", {"용어": "./guide/terms.md"}, "twice.md"]},
        {"또": "twice.md"},
    ]
    assert titled_in_nav(nav) == {"index.md", "guide/terms.md"}
    assert titled_in_nav(None) == set()


def _instants(project: Project) -> list[int]:
    """Build instants either side of the first coming events' starts, ends and registration
    deadlines (a minute before and after), a day and forty days on."""
    from eduhub.content import load_content
    from eduhub.settings import load_settings

    settings = load_settings(project.config, environ={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    content, _ = load_content(settings)
    now = int(BUILD_EPOCH)
    edges: list[int] = []
    for event in content.events:
        for moment in (
            event.start,
            event.end,
            event.registration and event.registration.opens,
            event.registration and event.registration.closes,
        ):
            if isinstance(moment, datetime) and moment.timestamp() > now:
                edges.append(int(moment.timestamp()))
    picked = sorted(set(edges))[:3]
    assert picked, "the corpus has no timed event after the build date"
    return [e + d for e in picked for d in (-60, 60)] + [now + 86400, now + 40 * 86400]


def test_the_build_instant_reaches_pages_only_through_their_context(project: Project) -> None:
    """The pages' global key holds no build instant (every template reads the time through
    a page's context, in its own key): warm builds at instants either side of events'
    starts, ends and registration deadlines equal clean builds at those instants, and a
    page that shows no time is reused across all of them."""
    project.build()
    reused = project.stamp()
    for instant in _instants(project):
        env = {"SOURCE_DATE_EPOCH": str(instant)}
        project.build(env)
        assert _digests(project.site) == project.clean(env), instant
    assert project.stamp() == reused


def test_no_template_prints_the_build_time_outside_the_sitemap() -> None:
    """What the pages' key relies on, now that it holds no build instant: MkDocs gives every
    template `build_date_utc` and `page.update_date`, and a template printing either would
    leave reused pages with an old date. Only the sitemap (rendered every build) does."""
    import material

    folders = [
        Path(material.__file__).parent / "templates",
        REPO / "plugins" / "eduhub" / "templates",
        REPO / "overrides",
    ]
    found = [
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.suffix in (".html", ".xml", ".j2", ".jinja")
        and re.search(r"build_date_utc|update_date|\bnow\(", path.read_text("utf-8", "replace"))
        and path.name != "sitemap.xml"
    ]
    assert found == []


def test_eduhub_build_reuses_the_live_sites_pages_without_touching_it(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`eduhub build` builds into a new folder and swaps it in: the build cache takes the
    unchanged pages from the live folder by hard links, read-only. The live folder is never
    changed by a build (a failed one leaves every file as it was, inode and mtime), and
    each result is a clean build's, also at another build instant. When nothing changed at
    all, the live folder itself stays (no new folder, nothing linked)."""
    from eduhub.cli import main as eduhub

    live = project.root / "public"

    def build(instant: str = BUILD_EPOCH) -> int:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", instant)
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        return eduhub(["-f", str(project.config), "build", "--site-dir", str(live)])

    def files() -> dict[str, tuple[int, int, int]]:
        return {
            p.relative_to(live).as_posix(): (
                p.stat().st_ino,
                p.stat().st_mtime_ns,
                p.stat().st_size,
            )
            for p in live.rglob("*")
            if p.is_file()
        }

    def clean(instant: str = BUILD_EPOCH) -> dict[str, str]:
        return project.clean({"SOURCE_DATE_EPOCH": instant})

    assert build() == 0
    before, folder = files(), live.stat().st_ino
    capsys.readouterr()
    assert build() == 0  # nothing changed: the live folder stays as it is
    assert "바뀐 입력이 없어" in capsys.readouterr().out
    assert files() == before and live.stat().st_ino == folder
    assert [p.name for p in live.parent.iterdir() if p.name.startswith("public")] == ["public"]
    assert _digests(live) == clean()
    (live / ".hidden").write_text("not a build's", encoding="utf-8")
    assert build() == 0  # (a hidden entry is in no build's output: keeping it would differ)
    assert "바뀐 입력이 없어" not in capsys.readouterr().out
    assert not (live / ".hidden").exists() and _digests(live) == clean()
    before = files()

    project.append(EDITED, "\n\n라이브재사용 문단.\n")
    assert build() == 0
    assert "바뀐 입력이 없어" not in capsys.readouterr().out
    after = files()
    assert after[ISSUE] == before[ISSUE]  # reused: the same file, linked
    assert after["newsletter/101/index.html"] != before["newsletter/101/index.html"]
    assert _digests(live) == clean()

    project.append("content/center/index.md", "\n[없는 쪽](no-such-page.md)\n")
    assert build() == 1
    assert files() == after  # a failed build changed nothing there
    project.edit("content/center/index.md", "\n[없는 쪽](no-such-page.md)\n", "\n")

    later = str(int(BUILD_EPOCH) + 86400)
    assert build(later) == 0
    assert files()[ISSUE] == after[ISSUE]
    assert _digests(live) == clean(later)


def test_the_build_report_promises_what_the_content_promises(project: Project) -> None:
    """`eduhub build` checks the files the plugin's report lists instead of loading the
    content again: the list is the one `eduhub verify` makes from the content, with the
    cache and without it."""
    from eduhub.buildreport import REPORT_ENV, read_report
    from eduhub.content import load_content
    from eduhub.settings import load_settings
    from eduhub.verify import promised_outputs

    settings = load_settings(project.config, environ={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    content, problems = load_content(settings)
    assert not problems
    expected = promised_outputs(settings, content)
    assert len(expected) > 100  # (feeds, calendars, every issue and event of the corpus)
    for cache in ("1", "0"):
        report = project.root / f"report-{cache}.json"
        env = {REPORT_ENV: str(report), "EDUHUB_CACHE": cache}
        result = run_mkdocs_build(project.config, project.root.parent / f"out-{cache}", env=env)
        assert result.ok, result.output
        found = read_report(report)
        assert found is not None and found.promised == expected and not found.unchanged


@pytest.mark.parametrize("change", ["rewritten", "deleted"])
def test_a_live_file_changed_during_a_read_only_build_fails_it(tmp_path: Path, change: str) -> None:
    """`eduhub build` links kept files from the live folder when it finishes: one that is
    no longer as the state recorded it (another build swapped the folder in between, say)
    fails the build instead of publishing a file nobody checked; the live folder is left
    as it is."""
    from eduhub.cache import BuildCache, OutputChanged, State

    live, fresh = tmp_path / "public", tmp_path / "public.new-1"
    live.mkdir()
    fresh.mkdir()
    (live / "kept.html").write_text("kept")
    st = (live / "kept.html").stat()
    built = BuildCache(tmp_path / "cache", fresh, previous_site=live)
    built.previous = State("key", str(live.resolve()))
    built.previous.manifest = {"kept.html": (st.st_size, st.st_mtime_ns)}
    built.begin()
    built.kept.add("kept.html")
    if change == "rewritten":
        (live / "kept.html").write_text("another build's")
    else:
        (live / "kept.html").unlink()
    with pytest.raises(OutputChanged):
        built.finish()
    assert _tree(live) == ({"kept.html": "another build's"} if change == "rewritten" else {})
    assert not (fresh / "kept.html").exists()


def test_a_second_eduhub_build_waits_for_the_first(project: Project) -> None:
    """One `eduhub build` at a time per project: a second one waits (and says so) until
    the first is done, so no build links files from a live folder another one swaps."""
    import fcntl

    lock = project.root / ".cache" / "eduhub" / "build.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    live = project.root / "public"
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(Path(sys.executable).parent / "eduhub"), "-f", str(project.config)]
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # (the first build, as far as the second knows)
        second = subprocess.Popen(
            [*command, "build", "--site-dir", str(live)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        assert "기다립니다" in second.stderr.readline()
        time.sleep(1.0)
        assert second.poll() is None and not live.exists()
        fcntl.flock(held, fcntl.LOCK_UN)
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert (live / "index.html").is_file()


def test_global_key_covers_each_input(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "main.html").write_text("a")
    base = {
        "config_text": b"site_name: x",
        "config_values": {"site_url": "https://a/"},
        "template_dirs": [templates],
        "versions": {"mkdocs-material": "9.8.2"},
        "build_time": datetime(2026, 11, 22, 9, 0),
        "mode": "build",
        "shared_sources": {"index.md": "# 홈".encode()},
    }
    key = global_key(**base)
    variants = {
        "config_text": b"site_name: y",
        "config_values": {"site_url": "https://b/"},
        "versions": {"mkdocs-material": "9.8.3"},
        "build_time": datetime(2026, 11, 22, 9, 1),
        "mode": "serve",
        "shared_sources": {"index.md": "# 홈!".encode()},
    }
    for name, value in variants.items():
        assert global_key(**{**base, name: value}) != key, name
    (templates / "main.html").write_text("b")
    assert global_key(**base) != key  # template contents, not only their names
    assert tree_digest(templates) != tree_digest(tmp_path / "missing")


def test_tree_digest_by_stat_reads_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One digest of a folder for the global key (the package: its caches skipped) and for
    the whole-input key (content/: every file). Under serve it reads only the files whose
    size, mtime or inode changed since its last call for that folder; the digest is the one
    a full read gives."""
    folder = tmp_path / "content"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text("가")
    (folder / "sub" / "b.md").write_text("나")
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "c.pyc").write_bytes(b"\0")
    full = tree_digest(folder, skip=())
    assert tree_digest(folder, by_stat=True, skip=()) == full
    assert tree_digest(folder) != full  # (the package's digest skips Python's caches)
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    assert tree_digest(folder, by_stat=True, skip=()) == full
    assert read == []  # nothing changed: nothing read
    (folder / "sub" / "b.md").write_text("다른 내용")
    changed = tree_digest(folder, by_stat=True, skip=())
    assert read == ["b.md"]
    monkeypatch.undo()
    assert changed == tree_digest(folder, skip=()) != full


def test_a_change_the_watcher_saw_is_read_again_whatever_its_stat(tmp_path: Path) -> None:
    """Under serve the whole-input key reads only files whose size, mtime or inode changed;
    the inotify watcher sees writes those do not show (the same size within one tick of the
    file system's clock, a copy that keeps the mtime) and tells the cache (`changed`)."""
    from eduhub import cache

    folder = tmp_path / "content"
    folder.mkdir()
    page = folder / "a.md"
    page.write_text("가나", encoding="utf-8")
    first = tree_digest(folder, by_stat=True, skip=())
    st = page.stat()
    with page.open("r+b") as stream:  # same size, same inode
        stream.write("다라".encode())
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert tree_digest(folder, by_stat=True, skip=()) == first  # its stat cannot tell
    cache.changed([str(page)])
    assert tree_digest(folder, by_stat=True, skip=()) == tree_digest(folder, skip=()) != first
    assert str(page) not in cache._CHANGED  # read: no longer pending


def test_digest_refuses_what_it_cannot_read() -> None:
    class Opaque:
        pass

    assert digest({"a": [1, (2, 3)]}) == digest({"a": [1, (2, 3)]})
    assert digest([1]) != digest((1,))
    with pytest.raises(Unstable):
        digest({"x": Opaque()})


def test_link_targets() -> None:
    text = '[a](../news/x.md#top) [b](https://e.org) <a href="img/p.png">p</a>\n[r]: ../r.md\n'
    assert link_targets(text) == ["../news/x.md", "../r.md", "img/p.png"]
    # Every form Python-Markdown (with the site's extensions) makes a link or image of; a
    # written target may give more readings than one (spaces, a title): all are kept.
    more = (
        '[s]: ../s.md "title"\n[t]: <../t t.md>\n'
        "[u](<../u u.pdf> \"x\") ![i](img/%EC%9D%B8.png) <img src=raw.png> <a href='q.md?x=1'>\n"
        '[신청 양식](files/신청 양식.pdf) [t2](files/my file.pdf "제목")\n'
        "> [q]: files/q.pdf\n- [l]: x.pdf\nTerm\n:   [d]: y.pdf\n"
        "[z](z.pdf?u=http://a.b) [m](mailto:a@b) [h](#top) [e](//cdn.example/x.js)\n"
        "[a1](../s.md){: href=files/a1.pdf} ![a2](raw.png){ .wide src='a 2.png' }\n"
        "[n]:\n    ../n.md\n[o]: o.md\n[p]: p.md\n[nl](\n../nl.pdf)\n"
    )
    found = link_targets(more)
    assert {
        "../s.md",
        "../t t.md",
        "../u u.pdf",
        "img/%EC%9D%B8.png",
        "q.md",
        "raw.png",
        "files/신청 양식.pdf",
        "files/my file.pdf",
        "files/q.pdf",
        "x.pdf",
        "y.pdf",
        "z.pdf",
        "files/a1.pdf",
        "a 2.png",
        "../n.md",
        "o.md",
        "p.md",
        "../nl.pdf",
    } <= set(found)
    assert not [t for t in found if t.startswith(("mailto", "#", "//", "http", "a@b"))]


def test_page_keys_resolve_links_as_mkdocs_does(tmp_path: Path) -> None:
    """Where a page's links resolve is part of its key: percent-encoded, bracketed and
    absolute links to files are resolved as MkDocs resolves them (a file that comes or goes
    then changes the key of every page linking to it, and only theirs)."""
    from eduhub.pagecache import _links
    from mkdocs.structure.files import File, Files

    def files(*paths: str) -> Files:
        return Files([File(path, str(tmp_path), str(tmp_path / "site"), True) for path in paths])

    source = (
        "[p](%EC%9D%B8%20%EC%87%84.pdf) [q](<인 쇄.pdf>) ![i](/images/x.png) [r](../x.md)\n"
    ).encode()
    without = dict(_links("news/a.md", source, files("news/a.md", "x.md")))
    assert set(without.values()) == {None, "x/index.html"}
    present = files("news/a.md", "x.md", "news/인 쇄.pdf", "images/x.png")
    found = {target: dest for target, dest in _links("news/a.md", source, present) if dest}
    assert found == {
        "%EC%9D%B8%20%EC%87%84.pdf": "news/인 쇄.pdf",
        "<인 쇄.pdf>".strip("<>"): "news/인 쇄.pdf",
        "/images/x.png": "images/x.png",
        "../x.md": "x/index.html",
    }


def test_a_file_added_with_a_new_issue_renders_that_issue_not_the_site(project: Project) -> None:
    """Staff publish an issue with its printed PDF (and a picture): a new file no page
    linked to before changes the keys of the pages that link to it, not every page's."""
    project.build()
    far = ["newsletter/3/index.html", "events/admissions-2027-csat/index.html"]
    reused = [project.stamp(page) for page in far]  # (issue 102 lists 101 as its neighbour)
    folder = project.root / "content/newsletter/synthetic"
    (folder / "00101.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "그림 1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    project.edit(EDITED, "\ndate:", "\npdf: 00101.pdf\ndate:")
    project.append(EDITED, "\n\n![행사 사진](<그림 1.png>)\n")
    project.build()
    assert [project.stamp(page) for page in far] == reused
    page = (project.site / "newsletter/101/index.html").read_text("utf-8")
    assert "00101.pdf" in page and "1.png" in page
    assert _digests(project.site) == project.clean()


def test_shared_markdown_gives_mkdocs_own_bytes(project: Project) -> None:
    """eduhub.sharedmarkdown renders every page with one Markdown instance: the same bytes as
    MkDocs' instance per page (EDUHUB_SHARED_MARKDOWN=0)."""
    assert project.clean() == project.clean({"EDUHUB_SHARED_MARKDOWN": "0"})


def test_theme_fragments_give_the_bytes_of_rendering_each_page(project: Project) -> None:
    """Nav, tabs, header, styles, footer, config and scripts of pages outside the nav are
    rendered once per folder (eduhub.cache.Fragments): the same bytes as rendering them for
    every page (EDUHUB_FRAGMENTS=0)."""
    assert project.clean() == project.clean({"EDUHUB_FRAGMENTS": "0"})


def test_a_fragment_that_differs_between_pages_is_rendered_for_each(project: Project) -> None:
    """A site override that prints something of the page breaks the "same in every folder"
    reasoning: the check of two renders notices, and every page gets its own."""
    override = project.root / "overrides" / "partials" / "copyright.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text('<p class="which-page">{{ page.title | e }}</p>\n', encoding="utf-8")
    with_fragments = project.clean()
    assert with_fragments == project.clean({"EDUHUB_FRAGMENTS": "0"})
    out = project.root.parent / f"clean-{project.clean_builds}"
    titles = set()
    for index in sorted(out.glob("events/*/index.html"))[:6]:
        html = index.read_text(encoding="utf-8")
        title = html.split("<title>", 1)[1].split(" - ", 1)[0]
        assert f'<p class="which-page">{escape(title)}</p>' in html
        titles.add(title)
    assert len(titles) == 6


def _stamps(site_dir: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(site_dir).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


def test_nothing_changed_keeps_the_previous_output_untouched(project: Project) -> None:
    """No input changed: the build keeps every file as it is (same inode, same mtime)."""
    project.build()
    before = _stamps(project.site)
    project.build()
    assert _stamps(project.site) == before
    assert (project.root / ".cache" / "eduhub" / "state.pickle").is_file()
    project.build()  # and again: the state survived the kept build
    assert _stamps(project.site) == before
    assert _digests(project.site) == project.clean()
    assert not project.site.with_name("site.eduhub-previous").exists()


def test_nothing_changed_is_never_assumed_wrongly(project: Project) -> None:
    """Any changed input or damaged output makes the build run again."""
    project.build()
    # A new file in content/ that is no page (MkDocs copies it)
    (project.root / "content/center/note.txt").write_text("새 파일\n", encoding="utf-8")
    project.build()
    assert (project.site / "center/note.txt").read_text(encoding="utf-8") == "새 파일\n"
    # An output file deleted, one overwritten, one added by hand
    (project.site / "feed.xml").unlink()
    project.build()
    assert (project.site / "feed.xml").is_file()
    (project.site / "events.ics").write_text("broken", encoding="utf-8")
    project.build()
    assert (project.site / "events.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    (project.site / "stray.html").write_text("x", encoding="utf-8")
    project.build()
    assert not (project.site / "stray.html").exists()
    # Another build date (pages read it through their contexts: the files that print it
    # are made again, the rest equals a clean build's)
    env = {"SOURCE_DATE_EPOCH": "1795392000"}
    before = (project.site / "events.json").read_bytes()
    project.build(env)
    assert (project.site / "events.json").read_bytes() != before
    assert _digests(project.site) == project.clean(env)


def test_quick_digest_does_not_depend_on_shared_objects() -> None:
    """An event made anew shares its category with the settings; one from the memo has its
    own copy. Equal values must give the same key, or every page misses once after a cold
    build."""
    from eduhub.cache import quick_digest
    from eduhub.models import Category

    category = Category("briefing", "설명회")
    shared = {"categories": (category,), "event": {"category": category}}
    copied = {"categories": (category,), "event": {"category": Category("briefing", "설명회")}}
    assert quick_digest(shared) == quick_digest(copied)
    assert quick_digest(shared) != quick_digest({**shared, "event": {"category": None}})


# One `mkdocs serve` session's rebuilds, in one process as the server runs them (a new config
# each time, the memo and the in-process caches carried over): a build per line on stdin.
SERVE_SESSION = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, site_dir = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    config = load_config(config_file, site_dir=site_dir)
    config.site_url = "http://127.0.0.1:8000/"
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        print("built", flush=True)
    except BaseException as exc:
        print("failed", type(exc).__name__, str(exc).replace(chr(10), " "), flush=True)
    finally:
        config.plugins.on_shutdown()
"""


class ServeSession:
    def __init__(self, project: Project, site_dir: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVE_SESSION, str(project.config), str(site_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", **env},
            cwd=project.root,
        )

    def build(self) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=120)


def test_serve_rebuilds_in_one_process_equal_clean_builds(project: Project) -> None:
    """What the serve session keeps in memory between rebuilds (front matter, event views,
    VEVENT keys, search counts, value digests) never leaks a stale value: after each edit,
    and after an edit is undone, the served site equals a clean serve build of that content."""
    project.build()  # `mkdocs build`'s state: the serve session keeps its own in memory
    state = project.root / ".cache" / "eduhub" / "state.pickle"
    kept = state.read_bytes()
    served = project.root.parent / "served"
    session = ServeSession(project, served, {})
    try:

        def check() -> None:
            assert session.build() == "built"
            clean = project.root.parent / "clean"
            shutil.rmtree(clean, ignore_errors=True)
            fresh = ServeSession(project, clean, {"EDUHUB_CACHE": "0"})  # a new process
            assert fresh.build() == "built"
            fresh.close()
            assert _digests(served) == _digests(clean)

        check()
        event = sorted((project.root / "content/events").glob("synthetic-*.yml"))[0]
        event_file = event.relative_to(project.root).as_posix()
        original = event.read_text(encoding="utf-8")
        project.append(EDITED, "\n\n서브시험문단 한 줄 더.\n")
        check()
        assert "서브시험문단" in (served / "newsletter/101/index.html").read_text("utf-8")
        project.edit(event_file, "합성 행사", "바뀐 합성 행사")
        check()
        assert "바뀐 합성 행사" in (served / "events.json").read_text("utf-8")
        event.write_text(original, encoding="utf-8")  # undone: the first objects again
        check()
        assert "바뀐 합성 행사" not in (served / "events.json").read_text("utf-8")
    finally:
        session.close()
    assert state.read_bytes() == kept


def test_value_digests_stand_for_frozen_values_only() -> None:
    """A frozen dataclass in a page context is keyed by its digest: equal values give equal
    keys (whether or not they are the same object), another value another key; anything
    else is left as it is (and pickled whole by quick_digest)."""
    from dataclasses import dataclass

    from eduhub.cache import Digests, quick_digest

    @dataclass(frozen=True)
    class View:
        title: str

    @dataclass
    class Loose:
        title: str

    digests = Digests()
    one = digests.condensed({"events": {"view": View("가"), "n": 1, "loose": Loose("a")}})
    same = digests.condensed({"events": {"view": View("가"), "n": 1, "loose": Loose("a")}})
    other = digests.condensed({"events": {"view": View("나"), "n": 1, "loose": Loose("a")}})
    assert one["events"]["view"][0] == "@digest" and one["events"]["loose"] == Loose("a")
    assert quick_digest(one) == quick_digest(same) != quick_digest(other)

    # Inside lists, tuples, dicts and other frozen values (a month of the archive holds a
    # tuple of views): made of the parts' digests, still one key per value.
    @dataclass(frozen=True)
    class Month:
        label: str
        views: tuple[View, ...]

    def month(*titles: str, label: str = "3월") -> dict[str, Any]:
        return digests.condensed({"e": {"groups": [Month(label, tuple(View(t) for t in titles))]}})

    assert quick_digest(month("가", "나")) == quick_digest(month("가", "나"))
    assert quick_digest(month("가", "나")) != quick_digest(month("가", "다"))
    assert quick_digest(month("가", "나")) != quick_digest(month("가", "나", label="4월"))
    assert quick_digest(month("가", "나")) != quick_digest(month("가"))
    assert "가" not in repr(month("가"))  # the views are digests, not pickled whole
    assert quick_digest(digests.condensed({"e": {"x": [View("가")]}})) != quick_digest(
        digests.condensed({"e": {"x": (View("가"),)}})
    )
    assert quick_digest(digests.condensed({"e": {"x": {"k": View("가")}}})) != quick_digest(
        digests.condensed({"e": {"x": {"k": View("나")}}})
    )
    kept = View("다")
    digests.condensed({"x": {"v": kept}})
    digests.end_build()
    digests.end_build()  # a build that did not ask for it: let go of
    assert not list(digests._known.objects())


def test_generated_files_kept_by_digest_only_when_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feature's file made again with the same bytes is kept without reading it, by the
    digest its build recorded, but only while it is as that build left it: a file changed
    since (another size or mtime) is compared by its bytes, and written anew. The files are
    recorded under the feature's name: the same key again reuses them without making them."""
    from eduhub import cache as cache_module
    from eduhub.cache import BuildCache

    site = tmp_path / "site"
    root = tmp_path / ".cache"
    read: list[str] = []
    compare = cache_module._same_bytes
    monkeypatch.setattr(
        cache_module,
        "_same_bytes",
        lambda path, data: read.append(path.name) or compare(path, data),
    )

    def build(key: str, make: Any) -> None:
        cache = BuildCache(root, site)
        cache.begin()
        cache.set_key("global")
        cache.outputs("feature", key, make)
        cache.finish()
        assert list(cache.state.outputs) == ["feature"]

    files = {"a.json": b"one", "sub/b.json": b"two"}
    build("k1", lambda: files)
    kept = (site / "sub" / "b.json").stat().st_ino
    (site / "a.json").write_bytes(b"evil")  # changed behind the build's back
    read.clear()
    build("k2", lambda: files)  # another key: the files are made again, with the same bytes
    assert (site / "a.json").read_bytes() == b"one"
    assert (site / "sub" / "b.json").stat().st_ino == kept  # the same file, not written again
    assert read == ["a.json"]  # the untouched one was known by its digest, not read

    def never() -> dict[str, bytes]:
        raise AssertionError("made again although nothing changed")

    build("k2", never)  # the same key, the files as recorded: reused
    assert (site / "sub" / "b.json").stat().st_ino == kept


def test_a_reused_page_object_equals_mkdocs_own(tmp_path: Path) -> None:
    """Reused pages get a copy of a pristine MkDocs Page made from the same values: every
    attribute as MkDocs' constructor sets it, this build's file, and their own toc and meta."""
    from eduhub.pagecache import _new_page
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page
    from mkdocs.utils import get_build_date

    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.repo_url = "https://example.org/repo/"
    config.edit_uri = "edit/main/content/"

    def file() -> File:
        return File("newsletter/12.md", config.docs_dir, config.site_dir, True)

    stamp = get_build_date()
    first, second = file(), file()
    one = _new_page(Page, first, config, stamp)
    two = _new_page(Page, second, config, stamp)  # from the remembered pristine page
    own = Page(None, file(), config)
    for made, its_file in ((one, first), (two, second)):
        assert its_file.page is made and made.file is its_file
        assert {k: v for k, v in vars(made).items() if k != "file"} == {
            k: v for k, v in vars(own).items() if k != "file"
        }
    assert one.canonical_url.endswith("/newsletter/12/") and one.edit_url
    one.meta["x"] = 1
    one.toc.append("x")
    assert two.meta == {} and two.toc == []


def test_a_cache_that_cannot_begin_leaves_the_collector_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`open` freezes what lives before the build (finish/abandon thaw it): if the previous
    output cannot be moved aside, the error reaches MkDocs and nothing stays frozen."""
    import gc
    from types import SimpleNamespace

    from eduhub import pagecache
    from eduhub.settings import load_settings

    config_file = make_corpus(tmp_path / "project", issues=1, events=1)
    settings = load_settings(config_file)
    config = SimpleNamespace(site_dir=str(tmp_path / "site"), config_file_path=str(config_file))

    def refuse(self: Any) -> None:
        raise OSError("the disk refused")

    monkeypatch.setattr(pagecache.BuildCache, "begin", refuse)
    frozen = gc.get_freeze_count()
    with pytest.raises(OSError, match="refused"):
        pagecache.PageCacheAdapter.open(config, settings)
    assert gc.get_freeze_count() == frozen


def test_a_failure_after_the_output_moved_aside_puts_it_back(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`open` moves the previous output aside before it knows whether anything changed; if
    that check fails (a file vanished under it), MkDocs' error handler has no adapter to
    call: `open` itself puts the output back and thaws the collector."""
    import gc
    from types import SimpleNamespace

    from eduhub import pagecache
    from eduhub.settings import load_settings

    project.build()
    before = _digests(project.site)
    config = SimpleNamespace(site_dir=str(project.site), config_file_path=str(project.config))

    def vanished(self: Any, whole: str) -> bool:
        assert not self.site_dir.joinpath("index.html").exists()  # (it was moved aside)
        raise OSError("a file vanished")

    monkeypatch.setattr(pagecache.PageCacheAdapter, "whole_key", lambda self: "key")
    monkeypatch.setattr(pagecache.BuildCache, "unchanged", vanished)
    frozen = gc.get_freeze_count()
    with pytest.raises(OSError, match="vanished"):
        pagecache.PageCacheAdapter.open(config, load_settings(project.config))
    assert _digests(project.site) == before
    assert not project.site.with_name("site.eduhub-previous").exists()
    assert gc.get_freeze_count() == frozen


def _stop_while_rendering(project: Project, signum: int) -> subprocess.CompletedProcess[bytes]:
    """A real `mkdocs build` into project.site, sent `signum` once it writes pages (the
    previous output, if any, moved aside)."""
    import time

    from conftest import MKDOCS

    stash = project.site.with_name("site.eduhub-previous")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795305600", "NO_MKDOCS_2_WARNING": "1"}
    args = [*MKDOCS, "build", "-f", str(project.config), "-d", str(project.site), "--strict"]
    proc = subprocess.Popen(args, cwd=project.root, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60

    def rendering() -> bool:
        return stash.exists() and any(project.site.rglob("*.html"))

    while not rendering() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert rendering(), "the build never got to write pages"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, err.decode(errors="replace")[-2000:]
    return subprocess.CompletedProcess(args, proc.returncode, b"", err)


def test_a_build_stopped_with_ctrl_c_leaves_the_previous_site(project: Project) -> None:
    """Ctrl-C during `mkdocs build`, after the previous output was moved aside: MkDocs calls
    no error handler for it, but its command shuts the plugins down, and the previous output
    goes back as it was. (The interrupt is sent once MkDocs writes pages, the previous
    output moved aside.)"""
    import signal

    project.build()
    before = _digests(project.site)
    project.append(EDITED, "\n\n중단시험 문단.\n")  # a change: the build has pages to render
    stopped = _stop_while_rendering(project, signal.SIGINT)
    assert b"Aborted!" in stopped.stderr or b"KeyboardInterrupt" in stopped.stderr
    assert not project.site.with_name("site.eduhub-previous").exists()
    assert _digests(project.site) == before


def test_a_build_without_a_previous_state_stopped_leaves_the_previous_site(
    project: Project,
) -> None:
    """No state in .cache (removed, or the last build failed): the output is still moved
    aside before MkDocs cleans site_dir, and put back when the build stops."""
    import signal

    project.build()
    before = _digests(project.site)
    shutil.rmtree(project.root / ".cache")
    _stop_while_rendering(project, signal.SIGINT)
    assert not project.site.with_name("site.eduhub-previous").exists()
    assert _digests(project.site) == before
    project.build()  # and a whole build after it is a clean build's
    assert _digests(project.site) == project.clean()


def test_a_killed_build_leaves_the_previous_site_for_the_next_one(project: Project) -> None:
    """SIGKILL (or power loss) after the output was moved aside: nothing can put it back
    then, but the next build does before anything else, so even a failing next build
    leaves the last whole site."""
    import signal

    project.build()
    before = _digests(project.site)
    project.append(EDITED, "\n\n강제종료시험 문단.\n")
    _stop_while_rendering(project, signal.SIGKILL)
    stash = project.site.with_name("site.eduhub-previous")
    assert stash.is_dir() and (project.site / ".eduhub-building").exists()
    project.append("content/center/index.md", "\n[없는 쪽](no-such-page.md)\n")
    assert not run_mkdocs_build(project.config, project.site).ok
    assert _digests(project.site) == before
    assert not stash.exists()
    project.edit("content/center/index.md", "\n[없는 쪽](no-such-page.md)\n", "\n")
    project.build()
    assert _digests(project.site) == project.clean()
    assert not (project.site / ".eduhub-building").exists()


@pytest.mark.parametrize("cache", ["1", "0"])
def test_a_stash_older_than_a_whole_build_is_dropped(project: Project, cache: str) -> None:
    """What a killed build left aside is old once a whole build (here one without the
    cache, whose clean keeps hidden files) wrote site_dir: the next build drops it."""
    import signal

    project.build()
    project.append(EDITED, "\n\n강제종료시험 문단.\n")
    _stop_while_rendering(project, signal.SIGKILL)
    project.build(env={"EDUHUB_CACHE": "0"})  # puts the stash back, then builds whole
    stash = project.site.with_name("site.eduhub-previous")
    assert not stash.exists() and not (project.site / ".eduhub-building").exists()
    whole = _digests(project.site)
    assert "강제종료시험" in (project.site / "newsletter/101/index.html").read_text("utf-8")
    (stash / "index.html").parent.mkdir(parents=True)
    (stash / "index.html").write_text("old")  # a leftover with no marker in site_dir
    project.append("content/center/index.md", "\n[없는 쪽](no-such-page.md)\n")
    assert not run_mkdocs_build(project.config, project.site, env={"EDUHUB_CACHE": cache}).ok
    assert not stash.exists()
    assert _digests(project.site) == whole


class _Killed(BaseException):
    """The build is killed here (SIGKILL: nothing after this point runs)."""


def _begun(
    tmp_path: Path, previous: dict[str, str], written: dict[str, str], kept: set[str]
) -> Any:
    """A `BuildCache` begun over a site_dir holding `previous` (path -> text), after which
    MkDocs wrote `written` and the build reused `kept` from the previous output."""
    from eduhub.cache import BuildCache

    site = tmp_path / "site"
    for relative, text in previous.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text)
    built = BuildCache(tmp_path / "cache", site)
    built.begin()
    for relative, text in written.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text)
    built.kept.update(kept)
    return built


_BEFORE = {".git/HEAD": "ref: refs/heads/gh-pages\n", "kept.html": "kept", "old.html": "old"}
_MERGED = {".git/HEAD": "ref: refs/heads/gh-pages\n", "kept.html": "kept", "new/index.html": "new"}


def _tree(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    ("step", "after"),
    [
        ("writing the journal", _BEFORE),
        ("moving new files", _MERGED),
        ("deleting old files", _MERGED),
        ("swapping the folders", _MERGED),
        ("removing the old folder", _MERGED),
    ],
)
def test_a_build_killed_while_it_merges_leaves_one_whole_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, after: dict[str, str]
) -> None:
    """Killed while `finish` merges this build's files into the previous output (hidden
    entries such as a gh-pages .git are in the stash then). Before the merge's journal is
    written the next build's `recover` puts the previous output back; after, it finishes
    the merge: never a mix of old and new pages. Nothing of the build's own is left."""
    from eduhub import cache, sitedir

    built = _begun(tmp_path, _BEFORE, {"new/index.html": "new"}, {"kept.html"})
    site = built.site_dir
    real_rename, real_replace, real_unlink = os.rename, os.replace, os.unlink
    real_swap, real_remove = sitedir.swap_in, sitedir.remove

    def killed_at(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            if step == name and not (
                name == "writing the journal" and "merging" not in str(args[1])
            ):
                raise _Killed
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(os, "rename", killed_at("writing the journal", real_rename))
    monkeypatch.setattr(os, "replace", killed_at("moving new files", real_replace))
    monkeypatch.setattr(os, "unlink", killed_at("deleting old files", real_unlink))
    monkeypatch.setattr(cache.sitedir, "swap_in", killed_at("swapping the folders", real_swap))
    monkeypatch.setattr(sitedir, "remove", killed_at("removing the old folder", real_remove))
    with pytest.raises(_Killed):
        built.finish()
    monkeypatch.undo()
    cache.recover(site)
    assert _tree(site) == after
    stray = [p.name for p in tmp_path.iterdir() if p.name not in ("site", "cache")]
    assert stray == []


@pytest.mark.parametrize("renames", [0, 1])
def test_a_build_killed_while_it_begins_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renames: int
) -> None:
    """`begin` makes the new, marked site_dir before it moves the output aside: killed
    before either rename or between them, the next build finds the output where it was or
    in the stash with no site_dir, and puts it back; nothing else is left."""
    from eduhub.cache import BuildCache, recover

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous")
    real_rename = os.rename
    done: list[Any] = []

    def rename(a: Any, b: Any) -> None:
        if len(done) == renames:
            raise _Killed
        done.append(b)
        real_rename(a, b)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(_Killed):
        BuildCache(tmp_path / "cache", site).begin()
    monkeypatch.undo()
    recover(site)
    assert _tree(site) == {"index.html": "previous"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_merge_journal_that_reaches_outside_is_not_followed(tmp_path: Path) -> None:
    """site_dir may be in a repository: a pull request could commit a marker, a journal and
    a stash. A journal with a path outside the output is ignored (the stash is put back,
    as for a build killed before its merge); nothing outside is touched."""
    from eduhub.cache import BUILDING, MERGING, STASH_SUFFIX, recover

    outside = tmp_path / "outside.txt"
    outside.write_text("mine")
    site, stash = tmp_path / "site", tmp_path / ("site" + STASH_SUFFIX)
    stash.mkdir()
    (stash / "index.html").write_text("stashed")
    site.mkdir()
    (site / BUILDING).write_text("")
    for moving, final in [(["../outside.txt"], []), ([], ["/etc/passwd"]), (["a"], "x")]:
        (site / "a").write_text("planted")
        (site / MERGING).write_text(json.dumps({"move": moving, "final": final}))
        recover(site)
        assert _tree(site) == {"index.html": "stashed"}
        assert outside.read_text() == "mine"
        site.rename(stash)
        site.mkdir()
        (site / BUILDING).write_text("")


def test_a_build_killed_while_it_merges_slowly_loses_no_kept_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a path changed between file and folder, `finish` brings the kept pages into the
    new output one by one. Killed after the first: the next build's `recover` puts back
    the previous output whole, both kept pages in it."""
    from eduhub.cache import recover

    previous = {"guide/index.html": "a folder before", "a.html": "kept a", "b.html": "kept b"}
    # (MkDocs wrote a file where a folder was)
    built = _begun(tmp_path, previous, {"guide": "a file now"}, {"a.html", "b.html"})
    site = built.site_dir
    calls: list[str] = []
    real_link, real_replace = os.link, os.replace

    def once_then_killed(real: Any) -> Any:
        def step(a: Any, b: Any) -> None:
            calls.append(str(b))
            if len(calls) > 1:
                raise _Killed
            real(a, b)

        return step

    monkeypatch.setattr(os, "link", once_then_killed(real_link))
    monkeypatch.setattr(os, "replace", once_then_killed(real_replace))
    with pytest.raises(_Killed):
        built.finish()
    monkeypatch.undo()
    assert calls and calls[0].endswith("a.html")  # (the slow merge brought one page over)
    recover(site)
    assert (site / "a.html").read_text() == "kept a"
    assert (site / "b.html").read_text() == "kept b"
    assert (site / "guide" / "index.html").read_text() == "a folder before"
    assert not built.stash.exists()


def test_a_slow_merge_keeps_the_kept_pages_and_drops_the_rest(tmp_path: Path) -> None:
    """A path that changed between file and folder: the kept pages are brought over one by
    one (same bytes and mtime, which the next build's manifest checks), nothing else of
    the previous output stays."""
    previous = {"guide/index.html": "a folder before", "a.html": "kept a", "old.html": "no"}
    built = _begun(tmp_path, previous, {"guide": "a file now"}, {"a.html"})
    site = built.site_dir
    before = (built.stash / "a.html").stat().st_mtime_ns
    built.finish()
    assert sorted(p.name for p in site.iterdir()) == ["a.html", "guide"]
    assert (site / "guide").read_text() == "a file now"
    assert (site / "a.html").read_text() == "kept a"
    assert (site / "a.html").stat().st_mtime_ns == before
    assert not built.stash.exists()
