"""Every staff mistake of issue 6 gets `path:line: field: message (hint)`, from `eduhub check`
and from the build alike (one implementation), and the build publishes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import yaml
from conftest import BUILD_EPOCH, SiteProject
from eduhub.cli import main as eduhub

ISSUE = """\
---
title: 새 학년 안내
issue: 1
date: 2026-03-16
summary: 새 학년에 알아 둘 것을 정리했습니다.
categories: [policy]
---

# 새 학년 안내

본문입니다. [공지](../../news/notice.md)도 읽어 보세요.
"""

NEWS = """\
---
title: 상담 안내
date: 2026-03-02
summary: 금요일마다 상담합니다.
events: [counseling-2026-03]
---

# 상담 안내

[소식지 제1호](../newsletter/issues/001.md)
"""

PROGRAM = """\
---
title: 상시상담
summary: 1:1 상담
audience: [high, parents]
---

# 상시상담
"""

EVENTS = """\
# 2026학년도 1학기
- id: counseling-2026-03
  title: 진로 상담
  start: "2026-03-20 14:00"
  end: "2026-03-20 16:00"
  audience: [high]
  category: counseling
  program: counseling

- id: briefing-2026-04
  title: 대입 설명회
  start: "2026-04-11 10:00"
  audience: [high, parents]
  category: briefing
"""


def project(site: SiteProject) -> SiteProject:
    """A small valid site: one issue, one announcement, one program, two events."""
    site.write("newsletter/issues/001.md", ISSUE)
    site.write("news/notice.md", NEWS)
    site.write("programs/counseling.md", PROGRAM)
    site.write("events/2026-spring.yml", EVENTS)
    (site.root / "mkdocs.yml").write_text(
        yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8"
    )
    return site


def run_check(site: SiteProject, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = eduhub(["-f", str(site.root / "mkdocs.yml"), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@dataclass
class Case:
    files: dict[str, str | bytes]
    expected: list[str]  # lines (or line prefixes) `eduhub check` must print
    delete: list[str] = field(default_factory=list)


ISSUE_PATH = "content/newsletter/issues/001.md"
EVENTS_PATH = "content/events/2026-spring.yml"

CASES: dict[str, Case] = {
    "yaml-syntax-error": Case(
        {"events/2026-spring.yml": EVENTS.replace("title: 대입 설명회", 'title: "대입 설명회')},
        [f"{EVENTS_PATH}:11: 따옴표가 닫히지 않았습니다"],
    ),
    "tab-indentation": Case(
        {"events/2026-spring.yml": EVENTS.replace("  audience: [high]\n", "\taudience: [high]\n")},
        [f"{EVENTS_PATH}:6: 들여쓰기에 탭 문자가 있습니다"],
    ),
    "not-utf8": Case(
        {"newsletter/issues/001.md": ISSUE.encode("cp949")},
        [
            f"{ISSUE_PATH}:2: UTF-8이 아니라 CP949(EUC-KR, 한국어 Windows의 옛 인코딩)로 저장된 파일입니다"
        ],
    ),
    "unknown-key-typo": Case(
        {"newsletter/issues/001.md": ISSUE.replace("summary:", "sumary:")},
        [
            f"{ISSUE_PATH}:2: summary: 꼭 필요한 항목이 없습니다",
            f"{ISSUE_PATH}:5: sumary: 알 수 없는 항목입니다 ('summary'의 오타인가요?)",
        ],
    ),
    "missing-required-key": Case(
        {"events/2026-spring.yml": EVENTS.replace('  start: "2026-04-11 10:00"\n', "")},
        [f"{EVENTS_PATH}:10: start: 꼭 필요한 항목이 없습니다"],
    ),
    "wrong-type": Case(
        {"newsletter/issues/001.md": ISSUE.replace("issue: 1", 'issue: "열두"')},
        [f"{ISSUE_PATH}:3: issue: 값의 형식이 틀렸습니다: '열두' (필요한 형식: 정수)"],
    ),
    "impossible-date": Case(
        {"newsletter/issues/001.md": ISSUE.replace("2026-03-16", "2026-02-30")},
        [f"{ISSUE_PATH}:4: date: 달력에 없는 날짜입니다: 2026-02-30"],
    ),
    "end-before-start": Case(
        {
            "events/2026-spring.yml": EVENTS.replace(
                'end: "2026-03-20 16:00"', 'end: "2026-03-20 12:00"'
            )
        },
        [f"{EVENTS_PATH}:5: end: 끝(2026-03-20 12:00)이 시작(2026-03-20 14:00)보다 빠릅니다"],
    ),
    "duplicate-issue-number": Case(
        {"newsletter/issues/002.md": ISSUE},
        [
            f"{ISSUE_PATH}:3: issue: 제1호가 여러 파일에 있습니다: {ISSUE_PATH}:3, "
            "content/newsletter/issues/002.md:3",
            "content/newsletter/issues/002.md:3: issue: 제1호가 여러 파일에 있습니다",
        ],
    ),
    "duplicate-event-id": Case(
        {"events/2026-fall.yml": EVENTS.split("\n\n")[1].replace("2026-04-11", "2026-09-12")},
        [
            "content/events/2026-fall.yml:1: id: 같은 id가 여러 곳에 있습니다: "
            f"content/events/2026-fall.yml:1, {EVENTS_PATH}:10",
            f"{EVENTS_PATH}:10: id: 같은 id가 여러 곳에 있습니다",
        ],
    ),
    "unknown-issue-category": Case(
        {"newsletter/issues/001.md": ISSUE.replace("[policy]", "[policy, polcy]")},
        [f"{ISSUE_PATH}:6: categories: 없는 분류입니다: polcy (쓸 수 있는 값: policy,"],
    ),
    "unknown-event-category": Case(
        {"events/2026-spring.yml": EVENTS.replace("category: briefing", "category: breifing")},
        [f"{EVENTS_PATH}:14: category: 없는 행사 분류입니다: breifing (쓸 수 있는 값: briefing,"],
    ),
    "unknown-audience": Case(
        {"events/2026-spring.yml": EVENTS.replace("[high, parents]", "[high, parent]")},
        [
            f"{EVENTS_PATH}:13: audience[1]: 허용되지 않는 값입니다: 'parent' (쓸 수 있는 값: elementary,"
        ],
    ),
    "unknown-program": Case(
        {"events/2026-spring.yml": EVENTS.replace("program: counseling", "program: conseling")},
        [f"{EVENTS_PATH}:8: program: 없는 프로그램입니다: conseling"],
    ),
    "missing-pdf": Case(
        {"newsletter/issues/001.md": ISSUE.replace("categories:", "pdf: 001.pdf\ncategories:")},
        [f"{ISSUE_PATH}:6: pdf: PDF 파일이 없습니다: 001.pdf"],
    ),
    "broken-internal-link": Case(
        {"newsletter/issues/001.md": ISSUE.replace("news/notice.md", "news/notise.md")},
        [f"{ISSUE_PATH}:11: link: 연결한 페이지가 없습니다: ../../news/notise.md"],
    ),
    "missing-image": Case(
        {"news/notice.md": NEWS + "\n![포스터](images/poster.png)\n"},
        ["content/news/notice.md:12: link: 연결한 파일이 없습니다: images/poster.png"],
    ),
    "missing-file-named-with-spaces": Case(
        {"news/notice.md": NEWS + '\n[신청 양식](files/신청 양식.pdf "양식")\n'},
        ["content/news/notice.md:12: link: 연결한 파일이 없습니다: files/신청 양식.pdf"],
    ),
    "missing-file-in-a-quoted-reference": Case(
        {"news/notice.md": NEWS + "\n> [양식][f]\n>\n> [f]: files/form.pdf\n"},
        ["content/news/notice.md:14: link: 연결한 파일이 없습니다: files/form.pdf"],
    ),
    "missing-file-in-an-attribute-list": Case(
        {"news/notice.md": NEWS + "\n[양식](../index.md){: href=files/form.pdf}\n"},
        ["content/news/notice.md:12: link: 연결한 파일이 없습니다: files/form.pdf"],
    ),
    "missing-file-on-the-next-line": Case(
        {"news/notice.md": NEWS + "\n[양식](\nfiles/form.pdf)\n"},
        ["content/news/notice.md:12: link: 연결한 파일이 없습니다: files/form.pdf"],
    ),
    "link-with-a-title-in-parentheses": Case(
        # (Python-Markdown reads no title there: the target is "notice.md (제목)")
        {"news/notice.md": NEWS + "\n[설명](notice.md (제목))\n"},
        ["content/news/notice.md:12: link: 연결한 파일이 없습니다: notice.md (제목)"],
    ),
    "empty-file": Case(
        {"newsletter/issues/002.md": ""},
        ["content/newsletter/issues/002.md:1: 파일이 비어 있습니다"],
    ),
    "five-megabyte-file": Case(
        {"events/2026-fall.yml": EVENTS.split("\n\n")[1] + "#" * 5_000_000 + "\n"},
        ["content/events/2026-fall.yml:1: 파일이 너무 큽니다 (5,000,"],
    ),
    "event-referenced-by-news-missing": Case(
        {"news/notice.md": NEWS.replace("counseling-2026-03", "counseling-2026-3")},
        ["content/news/notice.md:5: events: 없는 행사 id입니다: counseling-2026-3"],
    ),
}


@pytest.fixture(autouse=True)
def _build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


def test_valid_project_passes_check(site: SiteProject, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_check(project(site), capsys)
    assert code == 0, output
    assert "문제 없음: 소식지 1호, 공지 1건, 행사 2건, 프로그램 1개" in output


def test_links_python_markdown_takes_pass_check_and_build(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    """Targets with parentheses of their own (a file saved twice: 신청서 (1).pdf), with a
    backslash escape or with a title are links MkDocs resolves: neither `eduhub check` nor
    the build may call them broken."""
    project(site)
    site.write("news/files/신청서 (1).pdf", b"%PDF-1.4\n%%EOF\n")
    site.write("news/files/form_(2).pdf", b"%PDF-1.4\n%%EOF\n")
    links = (
        '\n[신청서](files/신청서 (1).pdf) [양식](files/form_(2).pdf "양식")'
        " [소식지](../newsletter/issues/001\\.md) [설명](notice.md '제목')\n"
    )
    site.write("news/notice.md", NEWS + links, dedent=False)
    code, output = run_check(site, capsys)
    assert code == 0, output
    result = site.build()
    assert result.ok, result.output
    page = (result.site_dir / "news" / "notice" / "index.html").read_text(encoding="utf-8")
    assert 'href="../files/%EC%8B%A0%EC%B2%AD%EC%84%9C%20%281%29.pdf"' in page or (
        "신청서 (1).pdf" in page
    )


@pytest.mark.parametrize("name", CASES)
def test_check_names_file_line_and_field(
    site: SiteProject, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    case = CASES[name]
    project(site)
    for relative, text in case.files.items():
        site.write(relative, text, dedent=False)
    code, output = run_check(site, capsys)
    assert code == 1, output
    lines = output.splitlines()
    for expected in case.expected:
        assert any(line.startswith(expected) for line in lines), f"{expected!r} not in:\n{output}"
    assert "고칠 곳이" in output


@pytest.mark.parametrize("name", CASES)
def test_build_fails_with_the_same_message(site: SiteProject, name: str) -> None:
    """The build runs the same loaders: same lines, and no site is written."""
    case = CASES[name]
    project(site)
    for relative, text in case.files.items():
        site.write(relative, text, dedent=False)
    result = site.build()
    assert not result.ok
    for expected in case.expected:
        assert expected in result.output, result.output
    assert not (result.site_dir / "index.html").exists()


def test_three_mistakes_are_reported_at_once(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    site.write(
        "newsletter/issues/002.md",
        ISSUE.replace("issue: 1", 'issue: "열두"')
        .replace("2026-03-16", "2026-02-30")
        .replace("[policy]", "[policy, polcy]"),
        dedent=False,
    )
    code, output = run_check(site, capsys)
    assert code == 1
    problems = [line for line in output.splitlines() if line.startswith("content/")]
    assert len(problems) == 3, output  # a schema error hides no other mistake of the file
    assert [p.split(": ")[1] for p in problems] == ["issue", "date", "categories"]
    print(output)


def test_github_format_adds_annotations(
    site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project(site)
    site.write("newsletter/issues/001.md", ISSUE.replace("issue: 1", 'issue: "열두"'), dedent=False)
    code = eduhub(["-f", str(site.root / "mkdocs.yml"), "check", "--format", "github"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"::error file={ISSUE_PATH},line=3,title=issue::값의 형식이 틀렸습니다" in out
