"""What the kit says about an event or an issue: plain data, built once per build.

The texts (sms.py, lms.py), the poster and kit.json read only these objects, so they can be
tested without a site. `event_facts` turns a loaded event into them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..events.display import registration_bounds, registration_state, repeat_text
from ..events.occurrences import Occurrence, occurrences
from ..events.views import map_links


@dataclass(frozen=True)
class RegistrationFacts:
    state: str  # "upcoming" | "open" | "closed" at build time
    closes: datetime
    opens: datetime | None = None
    url: str | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class EventFacts:
    id: str
    title: str
    start: date | datetime  # the occurrence the kit talks about (the next one, else the last)
    page_url: str  # absolute
    short_url: str  # absolute, /go/<code>/
    end: date | datetime | None = None
    first_start: date | datetime | None = None  # a repeat's first start (for its weekday)
    ends: datetime | None = None  # the instant the whole event is over
    place: str = ""
    online: str | None = None
    audience: tuple[str, ...] = ()  # Korean labels
    status: str = "scheduled"
    summary: str = ""
    repeat_freq: str | None = None  # "weekly" | "monthly"
    repeat_interval: int = 1
    repeat_text: str = ""  # `매주 금요일 (2027년 2월 26일까지)`
    registration: RegistrationFacts | None = None
    map_links: tuple[tuple[str, str], ...] = ()
    survey: str | None = None


@dataclass(frozen=True)
class IssueFacts:
    number: int
    title: str
    date: date
    page_url: str
    short_url: str
    summary: str = ""


def event_facts(
    event: Any,
    *,
    now: datetime,
    page_url: str,
    short_url: str,
    audience_labels: dict[str, str],
) -> EventFacts:
    """The facts of a loaded event (eduhub.events Event) at build time `now`."""
    times = occurrences(event) or [Occurrence(event.start, event.end)]
    coming = [o for o in times if o.ends > now]
    shown = coming[0] if coming else times[-1]
    registration = None
    if event.registration is not None:
        opens, closes = registration_bounds(event.registration, times[0])
        registration = RegistrationFacts(
            state=registration_state(event.registration, times[0], now),
            opens=opens,
            closes=closes,
            url=event.registration.url,
            capacity=event.registration.capacity,
        )
    repeat = event.repeat
    return EventFacts(
        id=event.id,
        title=event.title,
        start=shown.start,
        end=shown.end,
        first_start=event.start,
        ends=times[-1].ends,
        page_url=page_url,
        short_url=short_url,
        place=event.place,
        online=event.online,
        audience=tuple(audience_labels.get(a, a) for a in event.audience),
        status=event.status,
        summary=event.summary,
        repeat_freq=repeat.freq if repeat else None,
        repeat_interval=repeat.interval if repeat else 1,
        repeat_text=repeat_text(event),
        registration=registration,
        map_links=map_links(event.place),
        survey=getattr(event, "survey", None),
    )
