"""Mistakes in newsletter and announcement front matter fail the build, all listed at once,
each as `path:line: field: message`."""

from __future__ import annotations

import re

import pytest
from conftest import BuildResult, SiteProject


def _issue(number: str, date: str = "2026-03-02", extra: str = "") -> str:
    return f"---\ntitle: 제목\n{number}date: {date}\nsummary: 요약입니다.\n{extra}---\n\n본문.\n"


@pytest.fixture(scope="module")
def failed(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = SiteProject(tmp_path_factory.mktemp("newsletter-errors") / "project")
    site.write("newsletter/index.md", "# 소식지\n")
    site.write("news/index.md", "# 공지\n")
    site.write("newsletter/issues/no-number.md", _issue(""))
    site.write("newsletter/issues/a.md", _issue("issue: 7\n"))
    site.write("newsletter/issues/b.md", _issue("issue: 7\n", date="2026-04-01"))
    site.write("newsletter/issues/bad-date.md", _issue("issue: 8\n", date="2026-02-30"))
    site.write(
        "newsletter/issues/bad-category.md",
        _issue("issue: 9\n", extra="categories:\n  - policy\n  - sports\n"),
    )
    site.write("newsletter/issues/no-pdf.md", _issue("issue: 10\n", extra="pdf: missing.pdf\n"))
    site.write(
        "news/unknown-event.md",
        "---\ntitle: 공지\ndate: 2026-03-02\nsummary: 요약.\nevents: [no-such-event]\n---\n\n본문.\n",
    )
    result = site.build()
    assert not result.ok
    return result


def problem_lines(result: BuildResult) -> list[str]:
    return [
        line.strip()
        for line in result.output.splitlines()
        if re.match(r"^\s*content/\S+:\d+: ", line)
    ]


@pytest.mark.parametrize(
    "expected",
    [
        # no `issue`: reported at the front matter's first line, naming the field
        r"content/newsletter/issues/no-number\.md:2: issue: 꼭 필요한 항목이 없습니다",
        # a duplicate number: both files, each at its `issue:` line
        r"content/newsletter/issues/a\.md:3: issue: 제7호가 여러 파일에 있습니다",
        r"content/newsletter/issues/b\.md:3: issue: 제7호가 여러 파일에 있습니다",
        r"content/newsletter/issues/bad-date\.md:4: date: 달력에 없는 날짜입니다: 2026-02-30",
        r"content/newsletter/issues/bad-category\.md:8: categories: 없는 분류입니다: sports",
        r"content/newsletter/issues/no-pdf\.md:6: pdf: PDF 파일이 없습니다: missing\.pdf",
        r"content/news/unknown-event\.md:\d+: events: 없는 행사 id입니다: no-such-event",
    ],
)
def test_each_mistake_names_file_line_and_field(failed: BuildResult, expected: str) -> None:
    lines = problem_lines(failed)
    assert [line for line in lines if re.match(expected, line)], "\n".join(lines)


def test_all_mistakes_are_listed_at_once_and_nothing_is_published(failed: BuildResult) -> None:
    assert len(problem_lines(failed)) == 7, failed.output
    assert "7개" in failed.output
    assert not (failed.site_dir / "feed.xml").exists()
    assert not (failed.site_dir / "newsletter").exists()


def test_hints_say_how_to_fix(failed: BuildResult) -> None:
    by_field = {line.split(": ")[1]: line for line in problem_lines(failed)}
    assert "policy" in by_field["categories"]  # lists the categories that exist
    assert "다음 빈 번호" in by_field["issue"] or "다음 빈 번호" in failed.output
