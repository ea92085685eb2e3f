"""Korean wording for events: when, how often, registration state. Pure functions."""

from __future__ import annotations

from datetime import date, datetime

from ..dates import SEOUL, WEEKDAYS, ko_date, ko_month_day
from .model import Event, Registration
from .occurrences import Occurrence

REGISTRATION_LABELS = {"upcoming": "접수 예정", "open": "접수 중", "closed": "마감"}
STATUS_LABELS = {"scheduled": "", "cancelled": "취소", "postponed": "연기"}


def stamp(value: date | datetime, *, year: bool = False) -> str:
    """`3월 14일 (토)` / `2026년 3월 14일 (토)`, plus ` 14:00` for a time."""
    if not year:
        return ko_month_day(value)
    text = ko_date(value)
    if isinstance(value, datetime):
        text += f" {value.astimezone(SEOUL):%H:%M}"
    return text


def when_text(occurrence: Occurrence, *, year: bool = False) -> str:
    """`3월 14일 (토) 14:00~16:00`, `3월 14일 (토) ~ 3월 16일 (월)`; with the year if asked."""
    start, end = occurrence.start, occurrence.end
    text = stamp(start, year=year)
    if end is None or end == start:
        return text
    if isinstance(end, datetime) and end.date() == start.date():  # type: ignore[union-attr]
        return f"{text}~{end:%H:%M}"
    return f"{text} ~ {stamp(end, year=year)}"


def time_text(occurrence: Occurrence) -> str:
    """`14:00~16:00`, `14:00`, or `종일`."""
    start, end = occurrence.start, occurrence.end
    if not isinstance(start, datetime):
        return "종일"
    if isinstance(end, datetime) and end.date() == start.date():
        return f"{start:%H:%M}~{end:%H:%M}"
    return f"{start:%H:%M}"


def repeat_text(event: Event) -> str:
    """`매주 화요일 (2026년 12월 22일까지)`, `2주마다 …`, `매월 14일 …`; "" without a repeat."""
    repeat = event.repeat
    if repeat is None:
        return ""
    first = event.first_day
    if repeat.freq == "weekly":
        every = "매주" if repeat.interval == 1 else f"{repeat.interval}주마다"
        rule = f"{every} {WEEKDAYS[first.weekday()]}요일"
    else:
        every = "매월" if repeat.interval == 1 else f"{repeat.interval}개월마다"
        rule = f"{every} {first.day}일"
    until = f"{repeat.until.year}년 {repeat.until.month}월 {repeat.until.day}일까지"
    return f"{rule} ({until})"


def registration_bounds(
    registration: Registration, first: Occurrence
) -> tuple[datetime | None, datetime]:
    """(opens, closes); without `closes`, registration closes when the event begins."""
    return registration.opens, registration.closes or first.begins


def registration_state(registration: Registration, first: Occurrence, now: datetime) -> str:
    """ "upcoming", "open" or "closed" at `now` (the build time; the browser re-checks)."""
    opens, closes = registration_bounds(registration, first)
    if opens is not None and now < opens:
        return "upcoming"
    if now > closes:
        return "closed"
    return "open"


def iso(value: date | datetime) -> str:
    """`2026-03-14` or `2026-03-14T14:00:00+09:00`."""
    if isinstance(value, datetime):
        return value.astimezone(SEOUL).isoformat()
    return value.isoformat()


def month_key(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{int(year)}년 {int(month)}월"
