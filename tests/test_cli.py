"""The staff tools: `eduhub new issue|event` never overwrite, `eduhub build` never publishes a
failed build, `eduhub check` agrees with the real content, and staff text is escaped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_EPOCH, REPO, SiteProject
from eduhub.cli import main as eduhub
from lxml import html as lxml_html
from test_bad_input import EVENTS, ISSUE, project


@pytest.fixture(autouse=True)
def _build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)  # 2026-11-22 09:00 Seoul


def cli(site: SiteProject, *args: str) -> int:
    return eduhub(["-f", str(site.root / "mkdocs.yml"), *args])


def check_output(site: SiteProject, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli(site, "check")
    captured = capsys.readouterr()
    return code, captured.out + captured.err


# --- eduhub new issue ---------------------------------------------------------------------


def test_new_issue_takes_next_number_and_seoul_date(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    site.write("newsletter/issues/007.md", ISSUE.replace("issue: 1", "issue: 7"), dedent=False)
    assert cli(site, "new", "issue") == 0
    created = site.root / "content/newsletter/issues/008.md"
    text = created.read_text(encoding="utf-8")
    assert "issue: 8" in text
    assert "date: 2026-11-22" in text
    assert "draft: true" in text
    for key in ["title:", "summary:", "categories:", "# pdf:"]:
        line = next(line for line in text.splitlines() if line.startswith(key))
        assert "  # " in line, f"{key} has no explanation"
    assert "policy" in text  # the category slugs from mkdocs.yml are listed
    # The skeleton is valid as it stands (a draft: not published until draft is removed).
    code, output = check_output(site, capsys)
    assert code == 0, output
    assert "초안이라 공개되지 않는 글: newsletter/issues/008.md" in output


def test_new_issue_uses_seoul_date_not_utc(
    site: SiteProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(site)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", "1795359600"
    )  # 2026-11-22 15:00 UTC = 11-23 00:00 Seoul
    assert cli(site, "new", "issue") == 0
    assert "date: 2026-11-23" in (site.root / "content/newsletter/issues/002.md").read_text()


def test_new_issue_refuses_to_overwrite(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    before = (site.root / "content/newsletter/issues/001.md").read_bytes()
    assert cli(site, "new", "issue", "--number", "1") == 2
    assert "제1호는 이미 있습니다: content/newsletter/issues/001.md" in capsys.readouterr().err
    # A file with that name but another number inside is not overwritten either.
    site.write("newsletter/issues/005.md", "손으로 만든 파일\n", dedent=False)
    assert cli(site, "new", "issue", "--number", "5") == 2
    assert "005.md 파일이 이미 있습니다" in capsys.readouterr().err
    assert (site.root / "content/newsletter/issues/005.md").read_text() == "손으로 만든 파일\n"
    assert (site.root / "content/newsletter/issues/001.md").read_bytes() == before


# --- eduhub new event ---------------------------------------------------------------------


def test_new_event_appends_and_keeps_existing_bytes(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    events = site.root / "content/events/2026-spring.yml"
    odd = EVENTS.rstrip("\n") + "  # 끝 줄바꿈 없음"  # the file does not end with a newline
    events.write_bytes(odd.encode("utf-8"))
    assert cli(site, "new", "event", "--start", "2026-04-11 10:00", "--category", "briefing") == 0
    out = capsys.readouterr().out
    after = events.read_bytes()
    assert after.startswith(odd.encode("utf-8"))
    assert "briefing-2026-04-11" in out
    # The skeleton is unfinished on purpose: check names exactly what is left to fill in.
    code, output = check_output(site, capsys)
    assert code == 1
    problems = [
        line.split(" ")[0] + " " + line.split(" ")[1]
        for line in output.splitlines()
        if line.startswith("content/")
    ]
    assert problems == [
        "content/events/2026-spring.yml:17: title:",
        "content/events/2026-spring.yml:23: audience:",
    ], output
    text = after.decode("utf-8").replace('title: ""', 'title: "새 설명회"')
    events.write_text(text.replace("audience: []", "audience: [high]"), encoding="utf-8")
    code, output = check_output(site, capsys)
    assert code == 0, output
    assert "행사 3건" in output


def test_new_event_ids_are_unique_across_files(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    site.write("events/special.yml", "- id: counseling-2026-12-05\n  title: x\n", dedent=False)
    ids = []
    for _ in range(2):
        assert cli(site, "new", "event", "--start", "2026-12-05", "--category", "counseling") == 0
        ids.append(capsys.readouterr().out.split("'")[1])
    assert ids == ["counseling-2026-12-05-2", "counseling-2026-12-05-3"]
    fall = site.root / "content/events/2026-fall.yml"  # December belongs to the fall term file
    assert fall.read_text(encoding="utf-8").count("- id: counseling-2026-12-05-") == 2


@pytest.mark.parametrize(
    "start,expected",
    [
        ("2027-01-15", "2026-fall.yml"),
        ("2027-03-02", "2027-spring.yml"),
        ("2027-09-01", "2027-fall.yml"),
    ],
)
def test_new_event_goes_to_the_term_file(
    site: SiteProject, capsys: pytest.CaptureFixture[str], start: str, expected: str
) -> None:
    project(site)
    assert cli(site, "new", "event", "--start", start) == 0
    assert f"content/events/{expected}:3:" in capsys.readouterr().out
    assert (site.root / "content/events" / expected).is_file()


def test_new_event_refuses_what_it_cannot_append_to(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    odd = site.write("events/odd.yml", "events:\n  - id: a\n", dedent=False)
    assert cli(site, "new", "event", "--file", "odd.yml") == 2
    assert "덧붙이지 않았습니다" in capsys.readouterr().err
    assert odd.read_text() == "events:\n  - id: a\n"
    assert cli(site, "new", "event", "--file", "../../mkdocs.yml") == 2
    assert cli(site, "new", "event", "--start", "2026-02-30") == 2
    assert "달력에 없는 날짜" in capsys.readouterr().err
    assert cli(site, "new", "event", "--category", "party") == 2


# --- eduhub build: safe publishing --------------------------------------------------------


def test_failed_build_leaves_the_live_site_untouched(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    live = site.root / "public"
    assert cli(site, "build", "--site-dir", str(live)) == 0, capsys.readouterr()
    assert (live / "index.html").is_file()
    before = {p.relative_to(live): p.read_bytes() for p in live.rglob("*") if p.is_file()}

    site.write("newsletter/issues/001.md", ISSUE.replace("issue: 1", 'issue: "열두"'), dedent=False)
    assert cli(site, "build", "--site-dir", str(live)) == 1
    err = capsys.readouterr().err
    assert "빌드에 실패했습니다" in err and "그대로입니다" in err
    after = {p.relative_to(live): p.read_bytes() for p in live.rglob("*") if p.is_file()}
    assert after == before
    # No leftover build folders; .cache/ is the page cache (issue 15), kept between builds.
    left = sorted(p.name for p in site.root.iterdir() if p.name != ".cache")
    assert left == ["content", "mkdocs.yml", "public"]

    (live / "stale.txt").write_text("old")
    site.write("newsletter/issues/001.md", ISSUE, dedent=False)
    assert cli(site, "build", "--site-dir", str(live)) == 0
    assert not (live / "stale.txt").exists()  # a fresh build, not a merge
    # No leftover build folders; .cache/ is the page cache (issue 15), kept between builds,
    # and public.spare the site before (spare.py), stale.txt and all.
    left = sorted(p.name for p in site.root.iterdir() if p.name != ".cache")
    assert left == ["content", "mkdocs.yml", "public", "public.spare"]
    assert (site.root / "public.spare/stale.txt").exists()
    assert live.stat().st_mode & 0o755 == 0o755

    site.write(
        "newsletter/issues/001.md",
        ISSUE.replace("새 학년 안내", "새 학년 안내 (고침)"),
        dedent=False,
    )
    assert cli(site, "build", "--site-dir", str(live)) == 0  # made from the spare
    assert not (live / "stale.txt").exists()
    assert (live / "index.html").is_file() and live.stat().st_mode & 0o755 == 0o755
    assert (site.root / "public.spare/index.html").is_file()  # the site before, again


def test_build_command_is_the_console_script(site: SiteProject, tmp_path: Path) -> None:
    """`eduhub` is installed as a console script (the Makefile and CI call it)."""
    project(site)
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "eduhub"), "check"],
        cwd=site.root,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- escaping -----------------------------------------------------------------------------


def test_script_in_a_title_is_published_escaped(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    title = '<script>alert("x")</script> 진로 <b>특강</b>'
    site.write(
        "newsletter/issues/001.md",
        ISSUE.replace("새 학년 안내\nissue", f"'{title}'\nissue"),
        dedent=False,
    )
    site.write(
        "events/2026-spring.yml",
        EVENTS.replace("title: 진로 상담", f"title: '{title}'"),
        dedent=False,
    )
    code, output = check_output(site, capsys)
    assert code == 0, output  # accepted: it is text, not a mistake
    result = site.build()
    assert result.ok, result.output
    checked = 0
    for page in result.site_dir.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert "<script>alert" not in raw, page
        if "&lt;script&gt;alert" in raw:
            checked += 1
            tree = lxml_html.fromstring(raw)
            assert not [s for s in tree.iter("script") if "alert" in (s.text or "")]
    assert checked >= 2  # at least the issue page and the event page show the title, escaped


# --- the real content ---------------------------------------------------------------------


def test_real_content_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    code = eduhub(["-f", str(REPO / "mkdocs.yml"), "check"])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
