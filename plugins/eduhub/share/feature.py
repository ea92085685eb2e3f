"""Share previews and phone icons for every page: Open Graph tags, cards, icons, manifest.

Cards: one per newsletter issue and per event dated within the last 12 months or later
(`cards.wants_own_card`), the default card for every other page. The work is bounded by the
window, not by the size of the archive.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .. import urls
from ..events.display import repeat_text, when_text
from ..events.model import Event
from ..events.occurrences import occurrences
from ..feature import Feature, RenderedPage
from ..newsletter.model import Issue
from ..siteindex import SiteIndex
from . import cards, icons, meta

DEFAULT_CARD = urls.SHARE_DEFAULT_CARD
MANIFEST = urls.MANIFEST
event_card_path = urls.event_card
issue_card_path = urls.issue_card


@dataclass(frozen=True)
class _Page:
    url: str
    title: str
    kind: str
    description: str
    card: str


class ShareFeature(Feature):
    name = "share"

    def __init__(self, index: SiteIndex) -> None:
        super().__init__(index)
        self._pages: dict[str, _Page] = {}

    @property
    def centre(self) -> str:
        """The centre's name on the cards (mkdocs.yml `extra.center.name`), else the site name."""
        return self.settings.center_name or self.settings.site_name

    @cached_property
    def _event_cards(self) -> dict[str, Event]:
        """Card path -> event, for events in the window whose text the font can draw."""
        build_date = self.settings.build_date
        chosen = {}
        for event in self.content.events:
            last = event.repeat.until if event.repeat else event.last_day
            if not cards.wants_own_card(last, build_date):
                continue
            if all(cards.font_covers(t) for t in (event.title, *_event_details(event))):
                chosen[event_card_path(event.id)] = event
        return chosen

    @cached_property
    def _issue_cards(self) -> dict[str, Issue]:
        build_date = self.settings.build_date
        return {
            issue_card_path(issue.number): issue
            for issue in self.content.issues
            if cards.wants_own_card(issue.date, build_date)
            and cards.font_covers(issue.title + _issue_date(issue))
        }

    def _card_for(self, kind: str, model: Any) -> str:
        if kind == "event" and isinstance(model, Event):
            path = event_card_path(model.id)
            return path if path in self._event_cards else DEFAULT_CARD
        if kind == "issue" and isinstance(model, Issue):
            path = issue_card_path(model.number)
            return path if path in self._issue_cards else DEFAULT_CARD
        return DEFAULT_CARD

    def page_rendered(self, page: RenderedPage) -> None:
        info = self.index.page(page.src_uri)
        model = info.model
        summary = getattr(model, "summary", None) or page.meta.get("summary") or ""
        if not summary and isinstance(page.meta.get("description"), str):
            # The adapter HTML-escaped it for Material; the template escapes once more.
            summary = html.unescape(page.meta["description"])
        title = page.title or self.settings.site_name
        if page.url == "":
            title = self.settings.site_name
        self._pages[page.src_uri] = _Page(
            url=page.url,
            title=title,
            kind=info.kind if info.kind != "page" else page.kind,
            description=meta.description(str(summary), page.html, self.settings.site_description),
            card=self._card_for(info.kind, model),
        )

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        page = self._pages.get(src_uri)
        if page is None:
            # Before the page is rendered (the build cache's page key): of what the share
            # tags will hold, all but the card follows from the page itself; the card also
            # from the build date (`wants_own_card`), which no page's key holds otherwise.
            info = self.index.page(src_uri)
            return {"card": self._card_for(info.kind, info.model)}
        abs_url = self.settings.abs_url
        return {
            "card": page.card,
            "description": page.description,
            "tags": meta.share_tags(
                title=page.title,
                description=page.description,
                url=abs_url(page.url),
                image_url=abs_url(page.card),
                site_name=self.settings.site_name,
                kind=page.kind,
                image_alt=f"{page.title} - {self.settings.site_name}",
            ),
        }

    def outputs_key(self) -> Any:
        """The text of every card and of the manifest (the drawing code is in the global key)."""
        settings = self.settings
        return (
            [(p, e.title, _event_details(e)) for p, e in sorted(self._event_cards.items())],
            [(p, i.title, i.number, _issue_date(i)) for p, i in sorted(self._issue_cards.items())],
            self.centre,
            settings.site_name,
            settings.site_description,
            settings.site_url,
        )

    def outputs(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {
            DEFAULT_CARD: cards.default_card(
                self.settings.site_name, self.centre, self.settings.site_description
            ),
            MANIFEST: icons.manifest(
                self.settings.site_name,
                self.settings.site_name,
                _path_of(self.settings.site_url),
                self.settings.site_description,
            ).encode("utf-8"),
        }
        for name, px in icons.ICON_SIZES.items():
            files[name] = icons.icon_png(px)
        files.update(self.card_files())
        return files

    def card_files(self) -> dict[str, bytes]:
        """The event and issue cards (a card the font cannot draw falls back to the default)."""
        files: dict[str, bytes] = {}
        for path, event in self._event_cards.items():
            date_text, place = _event_details(event)
            png = cards.event_card(event.title, date_text, place, self.centre)
            if png is not None:
                files[path] = png
        for path, issue in self._issue_cards.items():
            png = cards.issue_card(issue.title, issue.number, _issue_date(issue), self.centre)
            if png is not None:
                files[path] = png
        return files


def _event_details(event: Event) -> tuple[str, str]:
    """(date text, place) shown on an event's card: the first date, or how it repeats."""
    text = repeat_text(event) if event.repeat else when_text(occurrences(event)[0], year=True)
    place = event.place or ("온라인" if event.online else "")
    return text, place


def _issue_date(issue: Issue) -> str:
    return f"{issue.date.year}년 {issue.date.month}월 {issue.date.day}일"


def _path_of(site_url: str) -> str:
    """The path part of an absolute site URL: "https://x.kr/sub/" -> "/sub/"."""
    rest = site_url.split("//", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"
