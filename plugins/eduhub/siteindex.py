"""What each page of the site is and where it lives, built once per build. No MkDocs imports.

Every capability and the adapter ask the index instead of each other: the kind of a source
page (issue, announcement, program, event or plain page), its model, its URL and its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from . import urls
from .settings import Settings

if TYPE_CHECKING:  # (loading content imports every loader: not needed to name it)
    from .content import Content


@dataclass(frozen=True)
class PageInfo:
    kind: str  # "issue" | "news" | "program" | "event" | "page"
    url: str  # site-relative
    model: Any = None  # Issue, Announcement, Program or Event; None for a plain page
    date: date | None = None  # for search results and feeds


PLAIN = PageInfo(kind="page", url="")


class SiteIndex:
    """Answers "what is this page and where does it live" for every kind of page."""

    def __init__(self, settings: Settings, content: Content) -> None:
        self.settings = settings
        self.content = content
        pages: dict[str, PageInfo] = {}
        for issue in content.issues:
            pages[issue.src_uri] = PageInfo("issue", issue.url, issue, issue.date)
        for item in content.announcements:
            pages[item.src_uri] = PageInfo("news", item.url, item, item.date)
        for program in content.programs:
            pages[program.src_uri] = PageInfo("program", program.url, program)
        for event in content.events:
            pages[urls.event_src(event.id)] = PageInfo("event", event.url, event, event.first_day)
        self._pages = pages
        self.programs = {p.slug: p for p in content.programs}
        self.events = {e.id: e for e in content.events}

    def page(self, src_uri: str) -> PageInfo:
        """The page's kind, URL, model and date (kind "page" when no capability owns it)."""
        return self._pages.get(src_uri, PLAIN)

    def kind(self, src_uri: str) -> str:
        return self.page(src_uri).kind

    def is_excluded(self, src_uri: str) -> bool:
        """Source files that must not become pages: held-back issues, event and roadmap data."""
        content = self.content
        return (
            src_uri in content.held_back
            or src_uri in content.event_files
            or src_uri in content.data_files
        )

    def destination(self, src_uri: str) -> str | None:
        """A new output path for a source file: issues live at newsletter/<number>/."""
        info = self._pages.get(src_uri)
        if info is not None and info.kind == "issue":
            return info.url + "index.html"
        return None
