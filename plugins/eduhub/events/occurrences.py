"""When an event happens: its occurrences (repeats expanded) and the instants that matter.

Repeats are expanded with dateutil's RFC 5545 engine on Seoul wall-clock time, so the dates
on the pages are exactly the dates a calendar app computes from our RRULE/EXDATE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil import rrule

from ..dates import SEOUL
from .model import Event, Repeat

_FREQ = {"weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY}


@dataclass(frozen=True)
class Occurrence:
    """One time an event happens. `start`/`end` are like Event's: dates (all day) or datetimes."""

    start: date | datetime
    end: date | datetime | None  # all day: last day, inclusive; None = no end given

    @property
    def first_day(self) -> date:
        return _day(self.start)

    @property
    def last_day(self) -> date:
        return _day(self.end if self.end is not None else self.start)

    @property
    def begins(self) -> datetime:
        """The instant it begins (an all-day event begins at Seoul midnight)."""
        return _instant(self.start)

    @property
    def ends(self) -> datetime:
        """The instant it is over: the end time, else the start, else the day after."""
        if isinstance(self.start, datetime):
            return self.end if isinstance(self.end, datetime) else self.start
        return datetime.combine(self.last_day + timedelta(days=1), time(0), tzinfo=SEOUL)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _instant(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0), tzinfo=SEOUL)


def recurrence_starts(start: date | datetime, repeat: Repeat | None) -> list[date | datetime]:
    """Every start a repeat rule gives from `start`, `except` dates still included."""
    if repeat is None:
        return [start]
    naive = (
        start.replace(tzinfo=None)
        if isinstance(start, datetime)
        else datetime.combine(start, time(0))
    )
    rule = rrule.rrule(
        _FREQ[repeat.freq],
        interval=repeat.interval,
        dtstart=naive,
        until=datetime.combine(repeat.until, time(23, 59, 59)),
    )
    if isinstance(start, datetime):
        return [moment.replace(tzinfo=SEOUL) for moment in rule]
    return [moment.date() for moment in rule]


def occurrences(event: Event) -> list[Occurrence]:
    """The occurrences of an event in time order, `except` dates left out."""
    duration = None if event.end is None else _delta(event.start, event.end)
    skipped = set(event.repeat.except_dates) if event.repeat else set()
    result = []
    for start in recurrence_starts(event.start, event.repeat):
        if _day(start) in skipped:
            continue
        end = None if duration is None else start + duration
        result.append(Occurrence(start, end))
    return result


def _delta(start: date | datetime, end: date | datetime) -> timedelta:
    return end - start  # type: ignore[operator]  # both dates or both datetimes (validated)
