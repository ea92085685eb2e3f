"""/events.json: every event with its fields, page and .ics URLs (see docs/reference/events-json.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import urls
from ..byobject import ByObject
from ..models import AUDIENCES
from ..settings import Settings
from ..site.model import Program
from .display import iso, registration_bounds, registration_state
from .model import Event
from .occurrences import occurrences

FORMAT_VERSION = 1


def event_record(event: Event, settings: Settings, programs: dict[str, Program]) -> dict[str, Any]:
    times = occurrences(event)
    record: dict[str, Any] = {
        "id": event.id,
        "title": event.title,
        "summary": event.summary,
        "description": event.description,
        "all_day": event.all_day,
        "start": iso(event.start),
        "end": iso(event.end) if event.end is not None else None,
        "location": event.place or None,
        "online": event.online,
        "audience": list(event.audience),
        "audience_labels": [AUDIENCES[a] for a in event.audience],
        "category": {"slug": event.category.slug, "label": event.category.label},
        "status": event.status,
        "url": settings.abs_url(event.url),
        "ics": settings.abs_url(urls.event_ics(event.id)),
        "registration": None,
        "repeat": None,
        "occurrences": [
            {"start": iso(o.start), "end": iso(o.end) if o.end is not None else None} for o in times
        ],
        "program": None,
    }
    if event.registration is not None and times:
        registration = event.registration
        opens, closes = registration_bounds(registration, times[0])
        record["registration"] = {
            "url": registration.url,
            "opens": iso(opens) if opens else None,
            "closes": iso(closes),
            "capacity": registration.capacity,
            "state_at_build": registration_state(registration, times[0], settings.build_time),
        }
    if event.repeat is not None:
        record["repeat"] = {
            "freq": event.repeat.freq,
            "interval": event.repeat.interval,
            "until": event.repeat.until.isoformat(),
            "except": [d.isoformat() for d in event.repeat.except_dates],
        }
    if event.program and event.program in programs:
        program = programs[event.program]
        record["program"] = {
            "slug": program.slug,
            "title": program.title,
            "url": settings.abs_url(program.url),
        }
    return record


def events_json(events: list[Event], settings: Settings, programs: list[Program]) -> bytes:
    """The document `json.dumps(..., indent=2)` makes, put together from each event's own
    text: with an indent, json encodes in Python (3,000 events took most of a second), and
    under `mkdocs serve` an unchanged event's text is reused (see `_record_texts`)."""
    by_slug = {p.slug: p for p in programs}
    document: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "generated": iso(settings.build_time),
        "site": settings.site_url,
        "ics": settings.abs_url(urls.ALL_EVENTS_ICS),
        "events": [],  # last: its place is the document's last "[]"
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    records = _record_texts(events, settings, by_slug)
    if records:
        # Each record at the list's depth: JSON strings hold no raw newline, so every
        # newline of a record's text is one of its own lines.
        at = text.rindex("[]")
        body = "[\n    " + ",\n    ".join(records) + "\n  ]"
        text = text[:at] + body + text[at + 2 :]
    return (text + "\n").encode("utf-8")


def _record_texts(
    events: list[Event], settings: Settings, programs: dict[str, Program]
) -> list[str]:
    """Each event's record as `json.dumps` indents it inside the document. The same Event
    object (an unchanged file under `serve`) with the same site, build time and program
    gives the same text: reused from the last call."""
    texts = []
    for event in events:
        program = programs.get(event.program) if event.program else None
        texts.append(
            _TEXTS.get(
                event,
                (settings.site_url, settings.build_time, program),
                lambda e=event: json.dumps(  # type: ignore[misc]
                    event_record(e, settings, programs), ensure_ascii=False, indent=2
                ).replace("\n", "\n    "),
            )
        )
    _TEXTS.rotate()
    return texts


_TEXTS: ByObject[str] = ByObject()
