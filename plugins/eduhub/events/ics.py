"""iCalendar feeds (RFC 5545 + RFC 7986) built with the `icalendar` library.

Every value that would otherwise default to "now" or a random UUID is passed explicitly:
UID is `<event id>@<site host>`, DTSTAMP/LAST-MODIFIED come from `Revision` (see
docs/reference/events.md for the policy), so the same input and build date give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .. import urls
from ..memo import MEMO
from ..models import AUDIENCES, SEOUL
from ..safety.text import clean_line, clean_text
from ..settings import Settings
from .display import stamp
from .model import Event
from .occurrences import recurrence_starts

if TYPE_CHECKING:  # imported where used: a build that reuses its calendars never needs it
    from icalendar import Calendar, Component, Timezone
    from icalendar import Event as VEvent

# Calendar apps poll subscriptions; twice a day is plenty for a center's events.
REFRESH = timedelta(hours=12)
_STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
# Korea has kept +09:00 without daylight saving since 1988; one STANDARD block covers it.
_TZ_FIRST, _TZ_LAST = date(1990, 1, 1), date(2100, 1, 1)


@dataclass(frozen=True)
class Revision:
    """What tells a calendar app that an event changed (RFC 5546 §2.1.5)."""

    sequence: int
    modified: datetime  # UTC; DTSTAMP and LAST-MODIFIED


def revision_for(event: Event, settings: Settings) -> Revision:
    """SEQUENCE 0 and the build time: every publication supersedes the previous one.

    Deterministic (the build time is SOURCE_DATE_EPOCH) and monotonic without keeping state;
    see docs/reference/events.md for why not a content hash.
    """
    return Revision(0, settings.build_time.astimezone(UTC))


def uid(event: Event, settings: Settings) -> str:
    return f"{event.id}@{site_host(settings)}"


def site_host(settings: Settings) -> str:
    return urlsplit(settings.site_url).hostname or "localhost"


def vevent(event: Event, settings: Settings, revision: Revision) -> VEvent:
    """One VEVENT; repeats become RRULE + EXDATE, never expanded copies."""
    from icalendar import Event as VEvent

    component = VEvent()
    page = settings.abs_url(event.url)
    component.add("uid", uid(event, settings))
    component.add("dtstamp", revision.modified)
    component.add("last-modified", revision.modified)
    component.add("sequence", revision.sequence)
    # Text goes through clean_line/clean_text: the content rules refuse control, bidi and
    # zero-width characters already; this keeps a missed one from splitting an .ics line.
    title = clean_line(("[연기] " if event.status == "postponed" else "") + event.title)
    component.add("summary", title)
    component.add("dtstart", event.start)
    if event.all_day:
        # RFC 5545: DTEND of an all-day event is exclusive, the day after the last day.
        component.add("dtend", event.last_day + timedelta(days=1))
    elif event.end is not None:
        component.add("dtend", event.end)
    component.add("status", _STATUS[event.status])
    component.add("description", clean_text(_description(event, page)))
    if event.place or event.online:
        component.add("location", clean_line(event.place or event.online or ""))
    component.add("url", page)
    component.add("categories", [clean_line(event.category.label)])
    component.add("class", "PUBLIC")
    if event.repeat is not None:
        rule: dict[str, object] = {"freq": event.repeat.freq.upper()}
        if event.repeat.interval != 1:
            rule["interval"] = event.repeat.interval
        rule["until"] = _until(event)
        component.add("rrule", rule)
        excluded = [
            start
            for start in recurrence_starts(event.start, event.repeat)
            if (start.date() if isinstance(start, datetime) else start) in event.repeat.except_dates
        ]
        if excluded:
            component.add("exdate", excluded)
    return component


def _until(event: Event) -> date | datetime:
    """UNTIL is a DATE for all-day events, else a UTC date-time (RFC 5545 §3.3.10)."""
    assert event.repeat is not None
    if event.all_day:
        return event.repeat.until
    last = datetime.combine(event.repeat.until, time(23, 59, 59), tzinfo=SEOUL)
    return last.astimezone(UTC)


def _description(event: Event, page: str) -> str:
    parts = [event.summary, event.description.strip()]
    registration = event.registration
    if registration is not None:
        lines = ["신청 안내"]
        if registration.opens:
            lines.append(f"- 접수 시작: {stamp(registration.opens, year=True)}")
        if registration.closes:
            lines.append(f"- 접수 마감: {stamp(registration.closes, year=True)}")
        if registration.capacity:
            lines.append(f"- 정원: {registration.capacity}명")
        if registration.url:
            lines.append(f"- 신청: {registration.url}")
        parts.append("\n".join(lines))
    if event.online:
        parts.append(f"온라인: {event.online}")
    parts.append(f"자세히 보기: {page}")
    return "\n\n".join(p for p in parts if p)


class _Serialiser:
    """icalendar's own bytes, each distinct line folded once and each component once.

    A VEVENT appears in events.ics, in its audience files and in its own file: its bytes are
    made once (`Component.to_ical()`, icalendar's serialisation) and joined into every
    calendar that holds it. The header lines of a calendar (PRODID, VERSION, REFRESH-INTERVAL,
    ...) repeat across the ~3,000 per-event files: each distinct line is folded once. A line is
    a pure function of (name, parameters, value bytes), so the bytes are the same as
    `Calendar.to_ical()` of the whole calendar (tests/test_ics.py compares them).
    """

    def __init__(self) -> None:
        self.lines: dict[tuple[str, object, tuple[tuple[str, str], ...]], bytes] = {}
        self.components: dict[int, tuple[object, bytes]] = {}

    def component(self, component: Component) -> bytes:
        """`component.to_ical()`, once per component object (the memo keeps it alive)."""
        hit = self.components.get(id(component))
        if hit is None:
            hit = (component, component.to_ical())
            self.components[id(component)] = hit
        return hit[1]

    def header(self, cal: Calendar) -> bytes:
        """The calendar's BEGIN line and its own properties (no components, no END)."""
        lines = [b"BEGIN:" + cal.name.encode()]
        for name in cal.sorted_keys():
            values = cal[name]
            for value in values if isinstance(values, list) else [values]:
                params = tuple(sorted((str(k), str(v)) for k, v in value.params.items()))
                key = (name, value.to_ical(), params)
                line = self.lines.get(key)
                if line is None:
                    line = cal.content_line(name, value, sorted=True).to_ical()
                    self.lines[key] = line
                if line:
                    lines.append(line)
        return b"\r\n".join(lines) + b"\r\n"


def calendar(
    events: list[Event],
    settings: Settings,
    components: dict[str, bytes],
    seoul: Timezone,
    *,
    name: str,
    description: str,
    source: str,
    serialiser: _Serialiser | None = None,
) -> bytes:
    """A whole VCALENDAR: metadata, the Seoul VTIMEZONE when needed, then the events in order."""
    from icalendar import Calendar, vDuration

    out = serialiser or _Serialiser()
    cal = Calendar()
    name, description = clean_line(name), clean_line(description)
    cal.add("prodid", f"-//{clean_line(settings.site_name)}//eduhub//KO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("description", description)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", "Asia/Seoul")
    cal.add("source", source, parameters={"VALUE": "URI"})
    cal.add("url", settings.site_url)
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    parts = [out.header(cal)]
    if any(not e.all_day for e in events):
        parts.append(out.component(seoul))
    parts += [components[event.id] for event in events]
    parts.append(b"END:" + cal.name.encode() + b"\r\n")
    return b"".join(parts)


def calendars(events: list[Event], settings: Settings) -> dict[str, bytes]:
    """events.ics, events/<audience>.ics and events/<id>.ics (site-relative path -> bytes)."""
    site = settings.site_name
    # Each VEVENT's bytes through the memo: what it is made from is the event and the
    # settings (site, build time), so an unchanged event costs a lookup in a warm build.
    setting = repr(replace(settings, markdown_extensions=()))
    components = {
        e.id: MEMO.get(
            "vevent",
            None,
            lambda e=e: vevent(e, settings, revision_for(e, settings)).to_ical(),  # type: ignore[misc]
            key=MEMO.anchored_key("vevent", e, setting, lambda e=e: [setting, repr(e)]),  # type: ignore[misc]
        )
        for e in events
    }
    from icalendar import Timezone

    # Computing the VTIMEZONE takes ~35 ms; every file shares the one component.
    seoul = Timezone.from_tzid("Asia/Seoul", first_date=_TZ_FIRST, last_date=_TZ_LAST)
    serialiser = _Serialiser()
    files = {
        urls.ALL_EVENTS_ICS: calendar(
            events,
            settings,
            components,
            seoul,
            name=f"{site} 행사 일정",
            description=f"{site}의 모든 행사 일정",
            source=settings.abs_url(urls.ALL_EVENTS_ICS),
            serialiser=serialiser,
        )
    }
    for code, label in AUDIENCES.items():
        chosen = [e for e in events if code in e.audience]
        files[urls.audience_ics(code)] = calendar(
            chosen,
            settings,
            components,
            seoul,
            name=f"{site} 행사 일정 ({label})",
            description=f"{site}의 {label} 대상 행사 일정",
            source=settings.abs_url(urls.audience_ics(code)),
            serialiser=serialiser,
        )
    for event in events:
        files[urls.event_ics(event.id)] = MEMO.get(
            "event-ics",
            None,
            lambda event=event: calendar(  # type: ignore[misc]
                [event],
                settings,
                components,
                seoul,
                name=event.title,
                description=f"{site} 행사",
                source=settings.abs_url(urls.event_ics(event.id)),
                serialiser=serialiser,
            ),
            key=MEMO.anchored_key(
                "event-ics",
                event,
                setting,
                lambda event=event: [setting, repr(event)],  # type: ignore[misc]
            ),
        )
    return files
