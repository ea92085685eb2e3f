"""Seoul dates: parsing what staff write, the build date, and Korean display forms."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")

WEEKDAYS = "월화수목금토일"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$")


class DateFormatError(ValueError):
    """`str(exc)` is a Korean explanation fit for a Problem message."""


def parse_date(value: object) -> date:
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise DateFormatError(f"날짜 형식이 아닙니다: {text!r} (YYYY-MM-DD, 예: 2026-03-14)")
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        raise DateFormatError(f"달력에 없는 날짜입니다: {text}") from None


def parse_date_or_datetime(value: object) -> date | datetime:
    """`YYYY-MM-DD` → date (all day); `YYYY-MM-DD HH:MM` → Seoul-aware datetime."""
    text = str(value).strip()
    match = _DATETIME.match(text)
    if not match:
        if _DATE.match(text):
            return parse_date(text)
        raise DateFormatError(
            f"날짜·시각 형식이 아닙니다: {text!r}"
            " (종일 행사는 2026-03-14, 시각이 있으면 2026-03-14 14:00)"
        )
    y, mo, d, h, mi = map(int, match.groups())
    try:
        day = date(y, mo, d)
    except ValueError:
        raise DateFormatError(f"달력에 없는 날짜입니다: {text}") from None
    if h > 23 or mi > 59:
        raise DateFormatError(f"없는 시각입니다: {text} (00:00~23:59)")
    return datetime.combine(day, time(h, mi), tzinfo=SEOUL)


def build_datetime(environ: dict[str, str] | None = None) -> datetime:
    """The build instant: SOURCE_DATE_EPOCH when set, else now. Always Seoul-aware."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(SEOUL)
    return datetime.now(tz=SEOUL).replace(microsecond=0)


def as_seoul(value: date | datetime) -> datetime:
    """A date means its Seoul midnight."""
    if isinstance(value, datetime):
        return value.astimezone(SEOUL)
    return datetime.combine(value, time(0, 0), tzinfo=SEOUL)


def ko_date(value: date | datetime) -> str:
    """`2026년 3월 2일 (월)`."""
    d = value.date() if isinstance(value, datetime) else value
    return f"{d.year}년 {d.month}월 {d.day}일 ({WEEKDAYS[d.weekday()]})"


def ko_month_day(value: date | datetime) -> str:
    """`3월 14일 (토)`, plus ` 14:00` for a time."""
    d = value.date() if isinstance(value, datetime) else value
    text = f"{d.month}월 {d.day}일 ({WEEKDAYS[d.weekday()]})"
    if isinstance(value, datetime):
        text += f" {value.astimezone(SEOUL):%H:%M}"
    return text
