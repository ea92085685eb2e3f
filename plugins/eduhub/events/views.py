"""What the event templates print: plain objects prepared in Python, so Jinja only loops."""

from __future__ import annotations

import calendar as pycalendar
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from ..byobject import ByObject
from ..memo import MEMO
from ..models import AUDIENCES
from ..site.model import Program
from .display import (
    REGISTRATION_LABELS,
    STATUS_LABELS,
    iso,
    month_key,
    month_label,
    registration_bounds,
    registration_state,
    repeat_text,
    stamp,
    time_text,
    when_text,
)
from .model import Event
from .occurrences import Occurrence, occurrences

GRID_MONTHS = 12  # the month grid shows at most this many months ahead
WEEKDAY_HEADERS = ("일", "월", "화", "수", "목", "금", "토")  # Korean calendars start on Sunday


@dataclass(frozen=True)
class RegistrationView:
    state: str  # "upcoming" | "open" | "closed" (at build time)
    label: str
    opens: str  # ISO instants for events.js ("" when registration has no opening time)
    closes: str
    opens_text: str
    closes_text: str
    url: str | None
    capacity: int | None


@dataclass(frozen=True)
class OccurrenceView:
    when: str
    when_full: str
    ends: str  # ISO instant the occurrence is over (events.js hides it after that)
    past: bool


@dataclass(frozen=True)
class EventView:
    event: Event
    url: str  # site-relative
    ics_url: str  # site-relative
    abs_url: str
    when: str  # next (or last) occurrence, `3월 14일 (토) 14:00~16:00`
    when_full: str  # with the year
    time: str
    repeat: str
    begins: str  # ISO instant the shown occurrence begins (sort key)
    ends: str  # ISO instant the whole event is over
    past: bool
    month: str  # "2026-03" of the next (or last) occurrence
    audience_codes: str
    audience_labels: tuple[str, ...]
    status_label: str
    registration: RegistrationView | None
    google_url: str
    map_links: tuple[tuple[str, str], ...]
    program: Program | None
    upcoming: tuple[OccurrenceView, ...] = field(default=())  # for repeats

    @property
    def cancelled(self) -> bool:
        return self.event.status == "cancelled"


def sorted_views(
    content: Any, now: datetime, abs_url: Callable[[str], str], programs: dict[str, Program]
) -> list[EventView]:
    """Every event's view, in order of its next (or, when over, last) occurrence. Made once
    per content and build time: the event pages and the roadmap both need them."""
    memo = content.derived.setdefault("event views", {})
    if now not in memo:
        views = []
        for event in content.events:
            url = abs_url(event.url)
            program = programs.get(event.program) if event.program else None
            views.append(
                _VIEWS.get(
                    event,
                    (now, url, program),
                    lambda e=event, u=url: _remembered_view(e, now, u, programs),  # type: ignore[misc]
                )
            )
        _VIEWS.rotate()
        memo[now] = sorted(views, key=lambda v: (v.begins, v.event.id))
    return list(memo[now])


# The previous call's views by event object: under `mkdocs serve` an unchanged event file
# gives the very same Event objects again (from the memo), and their views are reused (3,000
# views are a large part of a rebuild).
_VIEWS: ByObject[EventView] = ByObject()


def _remembered_view(
    event: Event, now: datetime, abs_url: str, programs: dict[str, Program]
) -> EventView:
    """`event_view` through the memo (a warm build in a new process: 3,000 views are about
    1 s at 10x). Stored without its event, which the memo's event table holds already; the
    key is made of everything the view is made from (the code is in every memo key)."""
    program = programs.get(event.program) if event.program else None
    stored = MEMO.get(
        "event-view",
        [repr(event), repr(now), abs_url, repr(program)],
        lambda: replace(event_view(event, now, abs_url, programs), event=None),  # type: ignore[arg-type]
    )
    return replace(stored, event=event)


def event_view(
    event: Event, now: datetime, abs_url: str, programs: dict[str, Program]
) -> EventView:
    times = occurrences(event) or [Occurrence(event.start, event.end)]
    coming = [o for o in times if o.ends > now]
    shown = coming[0] if coming else times[-1]
    registration = None
    if event.registration is not None:
        opens, closes = registration_bounds(event.registration, times[0])
        state = registration_state(event.registration, times[0], now)
        registration = RegistrationView(
            state=state,
            label=REGISTRATION_LABELS[state],
            opens=iso(opens) if opens else "",
            closes=iso(closes),
            opens_text=_registration_stamp(opens) if opens else "",
            closes_text=_registration_stamp(closes),
            url=event.registration.url,
            capacity=event.registration.capacity,
        )
    upcoming: tuple[OccurrenceView, ...] = ()
    if event.repeat is not None:
        upcoming = tuple(
            OccurrenceView(when_text(o), when_text(o, year=True), iso(o.ends), False)
            for o in coming[:12]
        )
    return EventView(
        event=event,
        url=event.url,
        ics_url=f"events/{event.id}.ics",
        abs_url=abs_url,
        when=when_text(shown),
        when_full=when_text(shown, year=True),
        time=time_text(shown),
        repeat=repeat_text(event),
        begins=iso(shown.begins),
        ends=iso(times[-1].ends),
        past=not coming,
        month=month_key(shown.first_day),
        audience_codes=" ".join(event.audience),
        audience_labels=tuple(AUDIENCES[a] for a in event.audience),
        status_label=STATUS_LABELS[event.status],
        registration=registration,
        google_url=google_url(event, shown, abs_url),
        map_links=map_links(event.place),
        program=programs.get(event.program) if event.program else None,
        upcoming=upcoming,
    )


def _registration_stamp(moment: datetime) -> str:
    """A date staff wrote without a time (start or end of the day) shows without one."""
    if (moment.hour, moment.minute) in ((0, 0), (23, 59)):
        return stamp(moment.date())
    return stamp(moment)


def google_url(event: Event, shown: Occurrence, page: str) -> str:
    """A Google Calendar "add event" link (times in Seoul, so no conversion is needed)."""
    first = Occurrence(event.start, event.end) if event.repeat else shown
    if event.all_day:
        dates = f"{first.first_day:%Y%m%d}/{first.last_day + timedelta(days=1):%Y%m%d}"
    else:
        end = first.end if isinstance(first.end, datetime) else first.start
        dates = f"{first.start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "ctz": "Asia/Seoul",
        "details": "\n\n".join(p for p in (event.summary, page) if p),
    }
    if event.place:
        params["location"] = event.place
    if event.repeat is not None:
        rule = f"RRULE:FREQ={event.repeat.freq.upper()};INTERVAL={event.repeat.interval}"
        params["recur"] = rule + f";UNTIL={event.repeat.until:%Y%m%d}"
    return "https://calendar.google.com/calendar/render?" + urlencode(
        params, safe="/", quote_via=quote
    )


def map_links(place: str) -> tuple[tuple[str, str], ...]:
    """Map searches for the place (plain links: nothing is loaded from the map sites)."""
    if not place:
        return ()
    return (
        ("네이버 지도", "https://map.naver.com/p/search/" + quote(place, safe="")),
        ("카카오맵", "https://map.kakao.com/?q=" + quote(place, safe="")),
    )


@dataclass(frozen=True)
class MonthGroup:
    key: str
    label: str
    events: tuple[EventView, ...]


def by_month(views: list[EventView], *, newest_first: bool = False) -> list[MonthGroup]:
    groups: dict[str, list[EventView]] = {}
    for view in views:
        groups.setdefault(view.month, []).append(view)
    keys = sorted(groups, reverse=newest_first)
    return [MonthGroup(k, month_label(k), tuple(groups[k])) for k in keys]


@dataclass(frozen=True)
class GridEntry:
    id: str
    title: str
    time: str
    url: str
    ends: str
    cancelled: bool


@dataclass(frozen=True)
class GridDay:
    day: int
    iso: str
    label: str  # `3월 14일 (토)` for screen readers
    today: bool
    entries: tuple[GridEntry, ...]


@dataclass(frozen=True)
class GridMonth:
    key: str
    label: str
    weeks: tuple[tuple[GridDay | None, ...], ...]


def month_grid(events: list[Event], now: datetime) -> list[GridMonth]:
    """Month tables from this month to the last upcoming occurrence (at most GRID_MONTHS)."""
    today = now.date()
    first_month = date(today.year, today.month, 1)
    last_month = _add_months(first_month, GRID_MONTHS - 1)
    by_day: dict[date, list[GridEntry]] = {}
    for event in events:
        for occurrence in occurrences(event):
            if occurrence.ends <= now:
                continue
            day = max(occurrence.first_day, today)
            while day <= occurrence.last_day and day < _add_months(last_month, 1):
                by_day.setdefault(day, []).append(
                    GridEntry(
                        event.id,
                        event.title,
                        time_text(occurrence),
                        event.url,
                        iso(occurrence.ends),
                        event.status == "cancelled",
                    )
                )
                day += timedelta(days=1)
    if not by_day:
        return []
    end_month = date(max(by_day).year, max(by_day).month, 1)
    months = []
    month = first_month
    weeks_of = pycalendar.Calendar(firstweekday=6)  # Sunday first
    while month <= end_month:
        weeks = []
        for week in weeks_of.monthdatescalendar(month.year, month.month):
            weeks.append(
                tuple(
                    GridDay(d.day, d.isoformat(), stamp(d), d == today, tuple(by_day.get(d, ())))
                    if d.month == month.month
                    else None
                    for d in week
                )
            )
        key = month_key(month)
        months.append(GridMonth(key, month_label(key), tuple(weeks)))
        month = _add_months(month, 1)
    return months


def _add_months(day: date, count: int) -> date:
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)
