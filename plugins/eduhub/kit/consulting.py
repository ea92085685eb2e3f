"""The next regular consultation day (정기 상담일), from the weekly consultation event.

The weekly event is the one with `program: always-counseling` and a weekly `repeat`.
`except` dates are skipped, and a cancelled or postponed event offers no day. The build
computes the next day; the page also gets the following days (`upcoming`) so kit.js can move
on to the next one by the visitor's clock when the build is a few days old.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..events.display import iso, when_text
from ..events.occurrences import occurrences

PROGRAM = "always-counseling"
LABEL = "다음 정기 상담일: {when}"
UPCOMING = 8  # days handed to the page for the visitor's clock


def weekly_consultations(events: Iterable[Any]) -> list[Any]:
    """The weekly consultation events that are still on (not cancelled or postponed)."""
    return [
        e
        for e in events
        if e.program == PROGRAM
        and e.repeat is not None
        and e.repeat.freq == "weekly"
        and e.status == "scheduled"
    ]


def next_session(
    events: Iterable[Any], now: datetime, *, upcoming: int = UPCOMING
) -> dict[str, Any] | None:
    """{"label": "12월 4일 (금) 16:00~19:00", "text": "다음 정기 상담일: …", "begins",
    "ends" (ISO), "url" (site-relative event page), "upcoming": [{"label", "text", "begins",
    "ends"}, …]} for the first consultation not over at `now`; None when there is none."""
    found = []
    for event in weekly_consultations(events):
        for occurrence in occurrences(event):  # `except` dates are already left out
            if occurrence.ends > now:
                found.append((occurrence.begins, event.id, occurrence, event))
    if not found:
        return None
    found.sort(key=lambda entry: (entry[0], entry[1]))
    sessions = [
        {
            "label": when_text(occurrence),
            "text": LABEL.format(when=when_text(occurrence)),
            "begins": iso(occurrence.begins),
            "ends": iso(occurrence.ends),
            "url": event.url,
        }
        for _, _, occurrence, event in found[:upcoming]
    ]
    return sessions[0] | {"upcoming": sessions}
