"""Single-line field rules, text cleaners, id patterns, number and date bounds, output lines."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from eduhub.safety.output import annotation_property, annotation_value, safe_line
from eduhub.safety.text import ID_PATTERN, clean_line, clean_text, id_problem, line_problem
from eduhub.safety.values import date_problem, issue_number_problem, plain_int_problem

HOSTILE_LINES = {
    "lone CR": ("설명회\rBEGIN:VEVENT", "줄바꿈 문자가 있습니다: U+000D"),
    "LF inside": ("설명회\nBEGIN:VEVENT", "한 줄로 적어야 하는 값이 여러 줄입니다"),
    "CRLF inside": ("설명회\r\n::error::x", "한 줄로 적어야 하는 값이 여러 줄입니다"),
    "line separator": ("설명회\u2028둘째 줄", "줄바꿈 문자가 있습니다: U+2028"),
    "NEL": ("설명회\x85둘째 줄", "줄바꿈 문자가 있습니다: U+0085"),
    "bell": ("설명회\x07", "보이지 않는 제어 문자가 있습니다: U+0007"),
    "escape sequence": ("\x1b[2J설명회", "보이지 않는 제어 문자가 있습니다: U+001B"),
    "NUL": ("설명\x00회", "보이지 않는 제어 문자가 있습니다: U+0000"),
    "tab": ("설명\t회", "탭 문자가 있습니다: U+0009"),
    "RLO": ("설명회 \u202egpj.exe", "글자 방향을 바꾸는 보이지 않는 문자가 있습니다: U+202E"),
    "LRE": ("\u202a설명회", "글자 방향을 바꾸는 보이지 않는 문자가 있습니다: U+202A"),
    "isolate": ("설명회\u2066x\u2069", "글자 방향을 바꾸는 보이지 않는 문자가 있습니다: U+2066"),
    "zero width space": ("설명\u200b회", "폭이 없는 보이지 않는 문자가 있습니다: U+200B"),
    "zero width joiner": ("설명\u200d회", "폭이 없는 보이지 않는 문자가 있습니다: U+200D"),
    "BOM inside": ("설명\ufeff회", "폭이 없는 보이지 않는 문자가 있습니다: U+FEFF"),
    "word joiner": ("설명\u2060회", "폭이 없는 보이지 않는 문자가 있습니다: U+2060"),
}


@pytest.mark.parametrize("name", HOSTILE_LINES)
def test_single_line_fields_refuse_hostile_characters(name: str) -> None:
    value, expected = HOSTILE_LINES[name]
    problem = line_problem(value)
    assert problem is not None and expected in problem[0], problem
    assert problem[1], "every message says what to do"


@pytest.mark.parametrize(
    "value",
    ["2026 대입 설명회", '진로·진학 <상담> & "특강"', "A–Z 안내 (1/2)", "😀 행사", "설명회\n"],
)
def test_ordinary_titles_pass(value: str) -> None:
    assert line_problem(value) is None


def test_trailing_newline_is_a_clear_message_where_not_allowed() -> None:
    message, hint = line_problem("abc\n", allow_trailing_newline=False) or ("", "")
    assert message == "값 끝에 줄바꿈이 붙어 있습니다" and "한 줄" in hint


@pytest.mark.parametrize(
    "value",
    ["career-fair-2026\n", "a\nb", "Career", "a--b", "-a", "a-", "", "a b", "가나", "a\u200b"],
)
def test_ids_are_matched_strictly(value: str) -> None:
    assert id_problem(value) is not None
    assert not ID_PATTERN.match(value)


def test_ids_must_be_strings_and_short() -> None:
    assert id_problem("career-fair-2026") is None
    assert id_problem(12) == ("id는 글자여야 합니다: 12", "예: id: career-fair-2026")
    assert "너무 깁니다" in (id_problem("a" * 81) or ("",))[0]


def test_clean_line_makes_one_harmless_line() -> None:
    hostile = "설명회\r\nBEGIN:VEVENT\rX\x07\u202e\u200b\u2028끝\t!"
    cleaned = clean_line(hostile)
    assert cleaned == "설명회 BEGIN:VEVENT X 끝 !"
    assert not any(c in cleaned for c in "\r\n\x07\u202e\u200b\u2028\t")


def test_clean_text_keeps_lines_and_drops_the_rest() -> None:
    hostile = "첫 줄\r\n둘째\r셋째\x0b넷째\u2029다섯\x00\x1b[31m\u202e\u2066\u200d\ufeff끝"
    assert clean_text(hostile) == "첫 줄\n둘째\n셋째\n넷째\n다섯[31m끝"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (6.0, "호수는 1부터 9999까지의 정수여야 합니다: 6.0"),
        (True, "호수는 1부터 9999까지의 정수여야 합니다: true"),
        ("12", "호수는 1부터 9999까지의 정수여야 합니다: '12'"),
        (0, "호수는 1부터 9999까지여야 합니다: 0"),
        (-3, "호수는 1부터 9999까지여야 합니다: -3"),
        (10_000, "호수는 1부터 9999까지여야 합니다: 10000"),
        (1_000_000_000_000, "호수는 1부터 9999까지여야 합니다: 1000000000000"),
        (10**40, "호수는 1부터 9999까지여야 합니다: 10000000000000000000…"),
    ],
)
def test_issue_numbers_are_plain_positive_integers(value: object, expected: str) -> None:
    problem = issue_number_problem(value)
    assert problem is not None and problem[0] == expected


@pytest.mark.parametrize("value", [1, 12, 9999])
def test_good_issue_numbers_pass(value: int) -> None:
    assert issue_number_problem(value) is None


def test_plain_int_bounds() -> None:
    assert plain_int_problem(50, 1, 500, "capacity") is None
    for bad in (0, 501, 2.0, False, "5"):
        assert plain_int_problem(bad, 1, 500, "capacity") is not None


@pytest.mark.parametrize(
    "value", [date(1900, 1, 1), date(1999, 12, 31), date(2101, 1, 1), datetime(9999, 12, 31, 10)]
)
def test_dates_outside_the_window_are_refused(value: date) -> None:
    problem = date_problem(value)
    assert problem is not None and "2000년부터 2100년 사이가 아닙니다" in problem[0]


def test_dates_inside_the_window_pass() -> None:
    assert date_problem(date(2000, 1, 1)) is None and date_problem(datetime(2100, 12, 31)) is None


@pytest.mark.parametrize(
    "value",
    [
        "content/events/a.yml:3: category: x\n::error file=README.md,line=1::forged",
        "x\r::stop-commands::token",
        "x\n  ::add-mask::secret",
        "::warning::at the start",
        "   ::notice::after spaces",
        "x\u2028::error::y",
        "x\x85::error::y",
        "\x1b[2Kcleared",
    ],
)
def test_printed_lines_never_start_a_workflow_command(value: str) -> None:
    line = safe_line(value)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert len(line.splitlines()) == 1
    assert not line.lstrip().startswith("::")


def test_printed_lines_show_what_was_escaped() -> None:
    assert safe_line("a\nb\rc\td\x07e\u202ef") == "a\\nb\\rc\\td\\x07e\\u202ef"
    assert safe_line("content/x.md:1: 보통 문장") == "content/x.md:1: 보통 문장"


def test_annotation_escaping() -> None:
    assert annotation_value("50%\r\n::x") == "50%25%0D%0A::x"
    assert annotation_property("a:b,c\n") == "a%3Ab%2Cc%0A"
