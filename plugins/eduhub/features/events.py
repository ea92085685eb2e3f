"""Events: /events/, /events/<id>/, the archive, /calendar/, /embed/events/, .ics and JSON."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import yaml

from ..events.ics import feeds, site_host
from ..events.jsonout import events_json
from ..events.views import (
    WEEKDAY_HEADERS,
    EventView,
    by_month,
    event_view,
    month_grid,
)
from ..models import AUDIENCES, Event
from .base import Feature

HOME_LIMIT = 5
ARCHIVE = "events/archive.md"
EMBED = "embed/events/index.md"
_TEMPLATES = {
    "events/index.md": "eduhub/events.html",
    ARCHIVE: "eduhub/events.html",
    "calendar/index.md": "eduhub/calendar.html",
    EMBED: "eduhub/embed.html",
}


class EventsFeature(Feature):
    """Reads `hub.content.events`; every view is computed once per build, on first use."""

    name = "events"

    @cached_property
    def _by_src(self) -> dict[str, Event]:
        return {f"events/{e.id}.md": e for e in self.hub.content.events}

    @cached_property
    def views(self) -> list[EventView]:
        """All events, in order of their next (or, when over, last) occurrence."""
        settings = self.hub.settings
        programs = {p.slug: p for p in self.hub.content.programs}
        views = [
            event_view(e, settings.build_time, settings.abs_url(e.url), programs)
            for e in self.hub.content.events
        ]
        return sorted(views, key=lambda v: (v.begins, v.event.id))

    @cached_property
    def _view_by_id(self) -> dict[str, EventView]:
        return {v.event.id: v for v in self.views}

    @cached_property
    def upcoming(self) -> list[EventView]:
        return [v for v in self.views if not v.past]

    @cached_property
    def past(self) -> list[EventView]:
        return sorted((v for v in self.views if v.past), key=lambda v: v.ends, reverse=True)

    def virtual_pages(self) -> dict[str, str]:
        pages = {
            src: _page(
                {
                    "title": ("[취소] " if e.status == "cancelled" else "") + e.title,
                    "eduhub_kind": "event",
                    "eduhub_date": e.first_day,
                },
                e.description,
            )
            for src, e in self._by_src.items()
        }
        pages[ARCHIVE] = _page({"title": "지난 행사"}, "")
        pages[EMBED] = _page({"title": f"{self.hub.settings.site_name} 행사 일정"}, "")
        return pages

    def template(self, src_uri: str) -> str | None:
        if src_uri in self._by_src:
            return "eduhub/event.html"
        return _TEMPLATES.get(src_uri)

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        common = {"audiences": AUDIENCES, "categories": self.hub.settings.event_categories}
        if src_uri in self._by_src:
            return common | {"view": self._view_by_id[self._by_src[src_uri].id]}
        if src_uri == "events/index.md":
            return common | {
                "mode": "upcoming",
                "groups": by_month(self.upcoming),
                "grid": month_grid(self.hub.content.events, self.hub.settings.build_time),
                "weekdays": WEEKDAY_HEADERS,
                "past_count": len(self.past),
            }
        if src_uri == ARCHIVE:
            return common | {"mode": "archive", "groups": by_month(self.past, newest_first=True)}
        if src_uri == EMBED:
            return common | {"groups": by_month(self.upcoming)}
        if src_uri == "calendar/index.md":
            return common | self._subscriptions()
        if src_uri == "index.md":
            return common | {"upcoming": self.upcoming[:HOME_LIMIT]}
        kind, program = self.hub.describe(src_uri)
        if kind == "program":
            return common | {
                "program_events": [v for v in self.upcoming if v.event.program == program.slug]
            }
        return None

    def _subscriptions(self) -> dict[str, Any]:
        settings = self.hub.settings
        feeds_list = [("전체 행사", "events.ics")] + [
            (f"{label} 대상", f"events/{code}.ics") for code, label in AUDIENCES.items()
        ]
        rows = []
        for label, path in feeds_list:
            https = settings.abs_url(path)
            rows.append({"label": label, "https": https, "webcal": _webcal(https)})
        embed = settings.abs_url("embed/events/")
        return {
            "feeds": rows,
            "json_url": settings.abs_url("events.json"),
            "embed_url": embed,
            "embed_snippet": (
                f'<iframe src="{embed}?audience=high" title="{settings.site_name} 행사 일정"'
                ' width="100%" height="600" style="border:0" loading="lazy"></iframe>'
            ),
            "host": site_host(settings),
        }

    def outputs(self) -> dict[str, bytes]:
        events = self.hub.content.events
        files = feeds(events, self.hub.settings)
        files["events.json"] = events_json(events, self.hub.settings, self.hub.content.programs)
        return files


def _webcal(https: str) -> str:
    return "webcal://" + https.split("://", 1)[1]


def _page(meta: dict[str, Any], body: str) -> str:
    """Markdown source of a generated page. The title is plain text: the adapter escapes
    front-matter titles once for Material; our templates escape everything else."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body}\n"
