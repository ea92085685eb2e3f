"""yamlio refuses YAML features staff never need before building anything from them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from eduhub.errors import Problems
from eduhub.yamlio import MAX_BYTES, parse_yaml, read_file, read_text, too_big

REFUSED = {
    "anchor": ("title: &t 설명회\n", "1: title: YAML 앵커(&t)는 쓸 수 없습니다"),
    "alias": (
        "- id: a\n  registration:\n    opens: &o '2026-01-01'\n    closes: *o\n",
        "3: registration.opens: YAML 앵커(&o)는 쓸 수 없습니다",
    ),
    "merge key": ("base: &b {x: 1}\nthing:\n  <<: *b\n", "1: base: YAML 앵커(&b)는 쓸 수 없습니다"),
    "python tag": (
        "id: !!python/object/apply:os.system [ls]\n",
        "1: id: YAML 태그(!!python/object/apply:os.system)는 쓸 수 없습니다",
    ),
    "binary tag": ("title: !!binary aGVsbG8=\n", "1: title: YAML 태그(!!binary)는 쓸 수 없습니다"),
    "set tag": ("audience: !!set {high: null}\n", "1: audience: YAML 태그(!!set)는 쓸 수 없습니다"),
    "float tag": ("issue: !!float 6\n", "1: issue: YAML 태그(!!float)는 쓸 수 없습니다"),
    "local tag": ("title: !중요 설명회\n", "1: 값이 !로 시작합니다"),
    "ascii local tag": (
        "title: !important 설명회\n",
        "1: title: YAML 태그(!important)는 쓸 수 없습니다",
    ),
    "deep nesting": ("a: " + "[" * 500 + "]" * 500 + "\n", "1: a: 너무 깊게 겹쳐 있습니다"),
    "deep block nesting": (
        "".join(f"{'  ' * i}k{i}:\n" for i in range(30)) + "  " * 30 + "v: 1\n",
        "21: k0.k1",
    ),
    "giant number": ("issue: " + "9" * 5000 + "\n", "1: issue: 숫자가 너무 깁니다 (5000자리)"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_unsafe_yaml_is_refused_with_path_line_and_field(name: str) -> None:
    text, expected = REFUSED[name]
    problems = Problems()
    assert parse_yaml(text, "content/events/x.yml", problems) is None
    lines = [str(p) for p in problems.items]
    assert len(lines) == 1 and lines[0].startswith("content/events/x.yml:" + expected), lines


def test_front_matter_lines_are_shifted() -> None:
    problems = Problems()
    assert (
        parse_yaml("title: x\nsummary: *s\n", "content/news/a.md", problems, line_offset=1) is None
    )
    assert str(problems.items[0]).startswith("content/news/a.md:3: summary: YAML 별칭(*s)은")


def test_alias_bomb_is_refused_in_no_time() -> None:
    bomb = "\n".join(
        ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 40)]
    )
    problems = Problems()
    start = time.perf_counter()
    assert parse_yaml(bomb, "x.yml", problems) is None
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "title: 'A & B'\nsummary: \"*중요* 안내\"\n",
        "title: 설명회 & 상담\n",
        "title: '!중요'\n",
        "issue: 12\ncapacity: 1000000\n",
        "title: 별표 * 하나\n",
        "description: |\n  **굵게** &amp; *기울임*\n",
    ],
)
def test_ordinary_yaml_still_loads(text: str) -> None:
    problems = Problems()
    assert parse_yaml(text, "x.yml", problems) is not None, [str(p) for p in problems.items]
    assert not problems


def test_cp949_file_is_named_with_line_and_how_to_fix() -> None:
    raw = "---\ntitle: 안내\n---\n".encode("cp949")
    problems = Problems()
    assert read_text(raw, "content/news/a.md", problems) is None
    (problem,) = problems.items
    assert str(problem.location) == "content/news/a.md:2"
    assert "CP949(EUC-KR" in problem.message and "2번째 줄" in problem.message
    assert "UTF-8" in problem.hint and "메모장" in problem.hint and "VS Code" in problem.hint


def test_utf16_and_random_bytes() -> None:
    problems = Problems()
    read_text("제목".encode("utf-16"), "a.md", problems)
    read_text(b"ok\n\xff\xfe\xfd\x80\n", "b.md", problems)
    assert problems.items[0].message.startswith("UTF-16으로 저장된 파일입니다")
    assert (
        problems.items[1].message
        == "UTF-8 인코딩이 아닙니다 (2번째 줄에 읽을 수 없는 바이트가 있습니다)"
    )


def test_read_file_checks_the_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: reading it would cost, stat does not
    problems = Problems()
    assert too_big(big)
    assert read_file(big, "content/big.md", problems) is None
    assert str(problems.items[0]).startswith(
        f"content/big.md:1: 파일이 너무 큽니다 ({MAX_BYTES + 1:,}바이트"
    )
    small = tmp_path / "small.md"
    small.write_text("안녕\n", encoding="utf-8")
    assert not too_big(small) and read_file(small, "s.md", Problems()) == "안녕\n"
    missing = Problems()
    assert read_file(tmp_path / "gone.md", "gone.md", missing) is None
    assert "파일을 읽을 수 없습니다" in missing.items[0].message
