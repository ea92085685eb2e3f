"""Dates and numbers inside sane bounds, as reusable checks returning (message, hint).

Python and the calendar libraries accept year 1 to 9999, but a Seoul offset before 1908 is
+08:27:52 (events.json) while the .ics says +09:00, and year 9999 overflows when an all-day
event's end is the next day. Nothing this center publishes is outside 2000-2100.
"""

from __future__ import annotations

from datetime import date, datetime

YEAR_MIN = 2000
YEAR_MAX = 2100
ISSUE_MAX = 9999


def date_problem(value: date | datetime) -> tuple[str, str] | None:
    """(message, hint) when the date is outside 2000-2100."""
    if YEAR_MIN <= value.year <= YEAR_MAX:
        return None
    return (
        f"날짜가 {YEAR_MIN}년부터 {YEAR_MAX}년 사이가 아닙니다: {str(value)[:16]}",
        "연도를 확인하세요 (예: 2026-03-14)",
    )


def issue_number_problem(value: object) -> tuple[str, str] | None:
    """(message, hint) unless `value` is a plain integer 1..9999 (not 6.0, not true)."""
    hint = "따옴표나 소수점 없이 숫자만 적으세요. 예: issue: 12"
    if isinstance(value, bool) or not isinstance(value, int):
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        return f"호수는 1부터 {ISSUE_MAX}까지의 정수여야 합니다: {shown}", hint
    if not 1 <= value <= ISSUE_MAX:
        shown = str(value) if len(str(value)) <= 20 else str(value)[:20] + "…"
        return f"호수는 1부터 {ISSUE_MAX}까지여야 합니다: {shown}", hint
    return None


def plain_int_problem(value: object, low: int, high: int, what: str) -> tuple[str, str] | None:
    """(message, hint) unless `value` is an int (not bool, not float) in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        shown = str(value)[:20]
        return f"{what}는 {low}부터 {high}까지의 정수여야 합니다: {shown}", "숫자만 적으세요"
    return None
