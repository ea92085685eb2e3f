"""Every hostile case of issue 11, planted in a copy of the real site.

For each case, `eduhub check` and the strict build both refuse it with `path:line`, quickly,
without a traceback, and no file the build leaves behind contains the hostile bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import BUILD_EPOCH, REPO, TEST_SITE_URL

TIME_LIMIT = 30  # seconds for each of check and build (both take a few on the real site)
SECRET = "eduhub-secret-7f3a"  # planted outside content/: must never be published


@dataclass
class Hostile:
    files: dict[str, str | bytes]  # content-relative path -> text
    expected: list[str]  # line prefixes both `eduhub check` and the build print
    marker: bytes  # bytes that must not appear in any output file
    setup: Callable[[Path], None] | None = None
    append: set[str] = field(default_factory=set)  # files to append to instead of create
    env: dict[str, str] = field(default_factory=dict)  # for both commands


def _event(body: str) -> str:
    return (
        "- id: hostile-event\n"
        + body
        + '  start: "2026-12-05 14:00"\n  audience: [high]\n  category: briefing\n'
    )


def _page(front: str, body: str = "본문입니다.\n") -> str:
    return f"---\n{front}---\n\n{body}"


NEWS = "title: 공지\ndate: 2026-11-01\nsummary: 요약입니다\n"
ISSUE = "title: 소식지\nissue: 77\ndate: 2026-11-01\nsummary: 요약입니다\n"


def _symlink(name: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        os.symlink(target(root), root / "content" / name)

    return make


def _outside_secret(root: Path) -> Path:
    folder = root.parent / "outside"
    folder.mkdir(exist_ok=True)
    (folder / "secret.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (folder / "secret.pdf").write_text(SECRET, encoding="utf-8")
    return folder


CASES: dict[str, Hostile] = {
    "symlink pdf to a system file": Hostile(
        {},
        ["content/about/leak.pdf:1: content/ 밖을 가리키는 심볼릭 링크(파일)입니다: "],
        SECRET.encode(),
        setup=_symlink("about/leak.pdf", lambda r: _outside_secret(r) / "secret.pdf"),
    ),
    "symlink md page to a system file": Hostile(
        {},
        ["content/news/leak.md:1: content/ 밖을 가리키는 심볼릭 링크(파일)입니다: /etc/hostname"],
        b"localhost",
        setup=_symlink("news/leak.md", lambda r: Path("/etc/hostname")),
    ),
    "symlink folder": Hostile(
        {},
        ["content/about/outside:1: content/ 밖을 가리키는 심볼릭 링크(폴더)입니다: "],
        SECRET.encode(),
        setup=_symlink("about/outside", _outside_secret),
    ),
    "javascript link in an issue": Hostile(
        {"newsletter/issues/077.md": _page(ISSUE, "[신청](javascript:alert(1))\n")},
        ["content/newsletter/issues/077.md:8: javascript: 주소는 쓸 수 없습니다: javascript:alert(1)"],
        b"javascript:alert",
    ),
    "data:text/html link in an announcement": Hostile(
        {"news/hostile.md": _page(NEWS, "[열기](data:text/html;base64,PHNjcmlwdD4=)\n")},
        ["content/news/hostile.md:7: data: 주소는 쓸 수 없습니다: data:text/html"],
        b"data:text/html",
    ),
    "onerror in an event description": Hostile(
        {"events/hostile.yml": _event('  title: 행사\n  description: |\n    소개\n\n    <img src="a.png" onerror="alert(1)">\n')},
        ['content/events/hostile.yml:6: description: HTML 이벤트 속성은 쓸 수 없습니다: onerror="alert(1)"'],
        b"onerror",
    ),
    "onmouseover via attr_list on a page": Hostile(
        {"about/hostile.md": '# 안내\n\n문단\n{: onmouseover="alert(1)" }\n'},
        ["content/about/hostile.md:4: HTML 이벤트 속성은 쓸 수 없습니다: onmouseover"],
        b"onmouseover",
    ),
    "script in an ordinary page": Hostile(
        {"about/hostile.md": "# 안내\n\n<script>alert(1)</script>\n"},
        ["content/about/hostile.md:3: <script> 태그는 쓸 수 없습니다"],
        b"<script>alert(1)",
    ),
    "third-party iframe in an announcement": Hostile(
        {"news/hostile.md": _page(NEWS, '<iframe src="https://tracker.example/embed"></iframe>\n')},
        ["content/news/hostile.md:7: 다른 사이트에서 불러오는 <iframe>는 쓸 수 없습니다: https://tracker.example/embed"],
        b"tracker.example",
    ),
    "third-party image in an issue": Hostile(
        {"newsletter/issues/077.md": _page(ISSUE, "![x](https://tracker.example/p.gif)\n")},
        ["content/newsletter/issues/077.md:8: 다른 사이트에서 불러오는 <img>는 쓸 수 없습니다"],
        b"tracker.example",
    ),
    "css url from another host": Hostile(
        {"news/hostile.md": _page(NEWS, '<p style="background:url(//tracker.example/p.png)">x</p>\n')},
        ["content/news/hostile.md:7: style 속성에서 다른 곳의 파일을 불러올 수 없습니다"],
        b"tracker.example",
    ),
    "multi-line event title": Hostile(
        {"events/hostile.yml": _event("  title: |\n    첫 줄\n    BEGIN:VEVENT\n")},
        ["content/events/hostile.yml:2: title: 한 줄로 적어야 하는 값이 여러 줄입니다"],
        b"BEGIN:VEVENT\r\nBEGIN",
    ),
    "event id with a trailing newline": Hostile(
        {"events/hostile.yml": _event('  title: 행사\n').replace("- id: hostile-event\n", '- id: "hostile-event\\n"\n')},
        ["content/events/hostile.yml:1: id: 값 끝에 줄바꿈이 붙어 있습니다"],
        b"hostile-event\n",
    ),
    "all-day event in year 9999": Hostile(
        {"events/hostile.yml": _event("  title: 행사\n").replace('"2026-12-05 14:00"', '"9999-12-31"')},
        ["content/events/hostile.yml:3: start: 날짜가 2000년부터 2100년 사이가 아닙니다: 9999-12-31"],
        b"99991231",
    ),
    "event dated 1900": Hostile(
        {"events/hostile.yml": _event("  title: 행사\n").replace("2026-12-05", "1900-01-01")},
        ["content/events/hostile.yml:3: start: 날짜가 2000년부터 2100년 사이가 아닙니다: 1900-01-01"],
        b"+08:27",
    ),
    "ordinary page in CP949": Hostile(
        {"about/hostile.md": "# 안내\n\n센터 안내입니다.\n".encode("cp949")},
        ["content/about/hostile.md:1: UTF-8이 아니라 CP949(EUC-KR"],
        "센터 안내".encode("cp949"),
    ),
    "alias bomb in an event": Hostile(
        {"events/hostile.yml": _event("  title: 행사\n  x: &a [1, 1, 1]\n  y: [*a, *a, *a]\n")},
        ["content/events/hostile.yml:3: x: YAML 앵커(&a)는 쓸 수 없습니다"],
        b"hostile-event",
    ),
    "alias in front matter": Hostile(
        {"news/hostile.md": _page("title: &t 공지\ndate: 2026-11-01\nsummary: *t\n")},
        ["content/news/hostile.md:2: title: YAML 앵커(&t)는 쓸 수 없습니다"],
        b"hostile",
    ),
    "lone CR in an event title": Hostile(
        {"events/hostile.yml": _event('  title: "설명회\\rBEGIN:VEVENT"\n')},
        ["content/events/hostile.yml:2: title: 값 안에 줄바꿈 문자가 있습니다: U+000D"],
        b"\rBEGIN:VEVENT",
    ),
    "bidi override in a title": Hostile(
        {"events/hostile.yml": _event('  title: "설명회 \\u202Egpj.exe"\n')},
        ["content/events/hostile.yml:2: title: 글자 방향을 바꾸는 보이지 않는 문자가 있습니다: U+202E"],
        "\u202e".encode(),
    ),
    "zero-width space in a place": Hostile(
        {"events/hostile.yml": _event('  title: 행사\n  location: "센터\\u200B3층"\n')},
        ["content/events/hostile.yml:3: location: 폭이 없는 보이지 않는 문자가 있습니다: U+200B"],
        "\u200b".encode(),
    ),
    "control character in a summary": Hostile(
        {"news/hostile.md": _page('title: 공지\ndate: 2026-11-01\nsummary: "요약\\x1b[2J"\n')},
        ["content/news/hostile.md:4: summary: 값 안에 보이지 않는 제어 문자가 있습니다: U+001B"],
        b"\x1b[2J",
    ),
    "issue number 6.0": Hostile(
        {"newsletter/issues/077.md": _page(ISSUE.replace("issue: 77", "issue: 6.0"))},
        ["content/newsletter/issues/077.md:3: issue: 호수는 1부터 9999까지의 정수여야 합니다: 6.0"],
        b"newsletter/6.0",
    ),
    "huge issue number": Hostile(
        {"newsletter/issues/077.md": _page(ISSUE.replace("issue: 77", "issue: 1000000000000"))},
        ["content/newsletter/issues/077.md:3: issue: 호수는 1부터 9999까지여야 합니다: 1000000000000"],
        b"1000000000000",
    ),
    "forged CI annotation in a category": Hostile(
        {"news/hostile.md": _page(NEWS + 'categories: ["policy\\n::error file=README.md,line=1::forged", "x\\r::stop-commands::tok"]\n')},
        ["content/news/hostile.md:5: categories[0]: 한 줄로 적어야 하는 값이 여러 줄입니다",
         "content/news/hostile.md:5: categories[1]: 값 안에 줄바꿈 문자가 있습니다: U+000D"],
        b"::stop-commands::",
    ),
    # Quadratic in Python-Markdown: 20,000 take minutes, a megabyte hours (limit shortened
    # here; test_safety_guard.py runs the default one on a megabyte).
    "unclosed links that stall Markdown": Hostile(
        {"news/hostile.md": _page(NEWS, "첫 문단\n\n" + "[a](" * 20_000 + "hostile-slow\n")},
        ["content/news/hostile.md:6: 본문을 HTML로 바꾸는 데 1초가 넘게 걸려 멈췄습니다"],
        b"hostile-slow",
        env={"EDUHUB_RENDER_SECONDS": "1"},
    ),
    "duplicate event id names the id": Hostile(
        {"events/hostile.yml": _event("  title: 행사\n") + _event("  title: 또 행사\n")},
        ["content/events/hostile.yml:1: id: 같은 id가 여러 곳에 있습니다: content/events/hostile.yml:1, content/events/hostile.yml:6 (id: hostile-event)"],
        b"hostile-event",
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pristine") / "site-src"
    for name in ("content", "overrides"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def plant(pristine: Path, tmp_path: Path, case: Hostile) -> Path:
    root = tmp_path / "project"
    shutil.copytree(pristine, root, symlinks=True)
    for relative, data in case.files.items():
        path = root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if case.setup:
        case.setup(root)
    return root


def run(args: list[str], root: Path, extra: dict[str, str]) -> tuple[int, str, float]:
    env = {
        **os.environ,
        **extra,
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "EDUHUB_SITE_URL": TEST_SITE_URL,
    }
    start = time.perf_counter()
    proc = subprocess.run(
        args,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        errors="replace",
    )
    return proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start


def assert_refused(
    output: str, case: Hostile, code: int, seconds: float, *, at_start: bool = False
) -> None:
    assert code != 0, output
    assert "Traceback" not in output, output
    assert seconds < TIME_LIMIT
    lines = output.splitlines()
    for expected in case.expected:
        found = [line for line in lines if expected in line]
        assert found, f"{expected!r} not in:\n{output}"
        if at_start:  # `path:line:` opens the line, where the problem matcher looks for it
            assert any(line.startswith(expected) for line in found), found
    for line in lines:
        assert not line.lstrip().startswith("::") or line.startswith("::error file="), line
        assert "\r" not in line, line


@pytest.mark.parametrize("name", CASES)
def test_check_and_strict_build_refuse(name: str, pristine: Path, tmp_path: Path) -> None:
    case = CASES[name]
    root = plant(pristine, tmp_path, case)
    check = [sys.executable, "-c", "import sys; from eduhub.cli import main; sys.exit(main())"]
    code, output, seconds = run([*check, "check", "--format", "github"], root, case.env)
    assert code == 1
    assert_refused(output, case, code, seconds, at_start=True)
    for line in output.splitlines():
        if line.startswith("::error file="):
            # Ours: escaped properties, then the message (which may quote `::` harmlessly).
            assert re.match(r"::error file=[^:,\s]+,line=\d+,title=[^:,]*::", line), line

    site_dir = tmp_path / "built"
    code, output, seconds = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)], root, case.env
    )
    assert_refused(output, case, code, seconds)
    for path in site_dir.rglob("*") if site_dir.exists() else []:
        if path.is_file():
            assert case.marker not in path.read_bytes(), path
