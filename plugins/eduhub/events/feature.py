"""Events: /events/, /events/<id>/, the archive, /calendar/, /embed/events/, .ics and JSON."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cached_property
from typing import Any

from .. import urls
from ..feature import Feature, markdown_page
from ..models import AUDIENCES
from .display import stamp
from .ics import calendars, site_host
from .jsonout import events_json
from .model import Event
from .views import WEEKDAY_HEADERS, EventView, GridMonth, by_month, month_grid, sorted_views

HOME_LIMIT = 5
# /events/ lists the coming events of whole days up to about this many (and the month grid
# shows the same days): under 200 KB of HTML however many events are planned; the rest are
# counted and linked (calendar subscription, events.ics, events.json, their own pages).
LIST_LIMIT = 60
ARCHIVE = urls.EVENTS_ARCHIVE_SRC
EMBED = urls.EMBED_SRC
_TEMPLATES = {
    "events/index.md": "eduhub/events.html",
    ARCHIVE: "eduhub/events.html",
    "calendar/index.md": "eduhub/calendar.html",
    EMBED: "eduhub/embed.html",
}


class EventsFeature(Feature):
    """Reads `content.events`; every view is computed once per build, on first use."""

    name = "events"

    @cached_property
    def _by_src(self) -> dict[str, Event]:
        return {urls.event_src(e.id): e for e in self.content.events}

    @cached_property
    def views(self) -> list[EventView]:
        """All events, in order of their next (or, when over, last) occurrence."""
        settings = self.settings
        return sorted_views(
            self.content, settings.build_time, settings.abs_url, self.index.programs
        )

    @cached_property
    def _view_by_id(self) -> dict[str, EventView]:
        return {v.event.id: v for v in self.views}

    @cached_property
    def upcoming(self) -> list[EventView]:
        return [v for v in self.views if not v.past]

    @cached_property
    def past(self) -> list[EventView]:
        return sorted((v for v in self.views if v.past), key=lambda v: v.ends, reverse=True)

    @cached_property
    def _window(self) -> tuple[list[EventView], str | None]:
        """(the coming events /events/ lists, the first day it leaves out or None)."""
        upcoming = self.upcoming
        if len(upcoming) <= LIST_LIMIT:
            return upcoming, None
        cut = upcoming[LIST_LIMIT].begins[:10]
        shown = [v for v in upcoming if v.begins[:10] < cut]
        if not shown:  # more than LIST_LIMIT on the first day: that day, whole
            shown = [v for v in upcoming if v.begins[:10] == cut]
            later = [v for v in upcoming if v.begins[:10] > cut]
            return shown, (later[0].begins[:10] if later else None)
        return shown, cut

    def _grid(self) -> list[GridMonth]:
        """The month grid for the listed days only (days from the cut are left empty)."""
        grid = month_grid(self.content.events, self.settings.build_time)
        shown, cut = self._window
        if cut is None:
            return grid
        return [
            replace(
                month,
                weeks=tuple(
                    tuple(
                        replace(day, entries=()) if day and day.iso >= cut else day for day in week
                    )
                    for week in month.weeks
                ),
            )
            for month in grid
            if month.key <= cut[:7]
        ]

    def virtual_pages(self) -> dict[str, str]:
        pages = {
            src: markdown_page(
                ("[취소] " if e.status == "cancelled" else "") + e.title, e.description
            )
            for src, e in self._by_src.items()
        }
        pages[ARCHIVE] = markdown_page("지난 행사")
        pages[EMBED] = markdown_page(f"{self.settings.site_name} 행사 일정")
        return pages

    def template(self, src_uri: str) -> str | None:
        if src_uri in self._by_src:
            return "eduhub/event.html"
        return _TEMPLATES.get(src_uri)

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        common = {"audiences": AUDIENCES, "categories": self.settings.event_categories}
        if src_uri in self._by_src:
            return common | {"view": self._view_by_id[self._by_src[src_uri].id]}
        if src_uri == "events/index.md":
            shown, cut = self._window
            return common | {
                "mode": "upcoming",
                "groups": by_month(shown),
                "grid": self._grid(),
                "weekdays": WEEKDAY_HEADERS,
                "past_count": len(self.past),
                "later_count": len(self.upcoming) - len(shown),
                "later_from": stamp(date.fromisoformat(cut), year=True) if cut else None,
            }
        if src_uri == ARCHIVE:
            return common | {"mode": "archive", "groups": by_month(self.past, newest_first=True)}
        if src_uri == EMBED:
            return common | {"groups": by_month(self.upcoming)}
        if src_uri == "calendar/index.md":
            return common | self._subscriptions()
        if src_uri == "index.md":
            return common | {"upcoming": self.upcoming[:HOME_LIMIT]}
        info = self.index.page(src_uri)
        if info.kind == "program":
            return common | {
                "program_events": [v for v in self.upcoming if v.event.program == info.model.slug]
            }
        return None

    def _subscriptions(self) -> dict[str, Any]:
        settings = self.settings
        feeds_list = [("전체 행사", urls.ALL_EVENTS_ICS)] + [
            (f"{label} 대상", urls.audience_ics(code)) for code, label in AUDIENCES.items()
        ]
        rows = []
        for label, path in feeds_list:
            https = settings.abs_url(path)
            rows.append({"label": label, "https": https, "webcal": _webcal(https)})
        embed = settings.abs_url(urls.EMBED)
        return {
            "feeds": rows,
            "json_url": settings.abs_url(urls.EVENTS_JSON),
            "embed_url": embed,
            "embed_snippet": (
                f'<iframe src="{embed}?audience=high" title="{settings.site_name} 행사 일정"'
                ' width="100%" height="600" style="border:0" loading="lazy"></iframe>'
            ),
            "host": site_host(settings),
        }

    def outputs(self) -> dict[str, bytes]:
        events = self.content.events
        files = calendars(events, self.settings)
        files[urls.EVENTS_JSON] = events_json(events, self.settings, self.content.programs)
        return files


def _webcal(https: str) -> str:
    return "webcal://" + https.split("://", 1)[1]
