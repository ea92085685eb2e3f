"""The promotion kit's pages and files; the next consultation day for two pages.

Pages (front matter `robots: noindex`; out of the nav, search, sitemap and feeds):
  /kit/                      upcoming events, recent issues, past events with a survey
  /kit/events/<id>/          one event's SMS, LMS, follow-up LMS, short link, QR code
  /kit/events/<id>/poster/   the A4 poster
  /kit/newsletter/<n>/       one issue's SMS, LMS, short link, QR code
Files: /kit/kit.json, qr.svg / qr.png in each item's kit folder, and
  /go/<code>/index.html      static redirect to the event or issue page (our pages only;
                             rendered from eduhub/go.html by kit/gopage.py, not a MkDocs page)

Every event and issue keeps its /go/ page for good (printed posters and sent messages carry
it). Kit pages, posters, QR files and kit.json entries are made for the items staff still
promote: events not over at build time, events over for less than FOLLOW_UP_DAYS that have a
survey (for the follow-up LMS), and the RECENT_ISSUES latest issues. A site with years of
events so builds only what is used (QR codes take some 50 ms each). `eduhub check` checks
the texts of every item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from typing import Any

from .. import urls
from ..events.display import iso
from ..feature import Feature, front_matter
from ..memo import MEMO
from . import checks
from .consulting import next_session
from .gopage import GoPages
from .items import KitItem
from .kitjson import kit_json
from .poster import poster
from .qr import InlineQr, qr_key, qr_png, qr_svg

RECENT_ISSUES = 12
FOLLOW_UP_DAYS = 60
CONSULTING_PAGE = "admissions/consulting.md"
HOME_PAGE = "index.md"


def noindex_page(title: str) -> str:
    """A generated page's Markdown: its title and `robots: noindex` (the sitemap template and
    the search feature leave such pages out; our templates print the meta tag)."""
    return f"---\n{front_matter({'title': title, 'robots': 'noindex'})}---\n"


@dataclass(frozen=True)
class KitPage:
    title: str
    template: str
    context: dict[str, Any]


class KitFeature(Feature):
    name = "kit"

    @cached_property
    def items(self) -> list[KitItem]:
        """Events in date order, then issues newest first (drafts left out)."""
        center = checks.center_name(self.settings)
        found = [i for i, _ in checks.items(self.content, self.settings.site_url, self.now, center)]
        events = sorted(
            (i for i in found if i.event is not None),
            key=lambda i: (iso(i.event.start) if i.event else "", i.id),
        )
        return events + [i for i in found if i.kind == "issue"]

    @property
    def now(self) -> Any:
        return self.settings.build_time

    @cached_property
    def current(self) -> list[KitItem]:
        """The items that get kit pages, posters, QR files and a kit.json entry."""
        now = self.now
        recent = now - timedelta(days=FOLLOW_UP_DAYS)
        found = []
        for item in self.items:
            ends = item.event.ends if item.event else None
            if item.kind == "event" and ends is not None:
                if ends > now or (item.follow_up is not None and ends > recent):
                    found.append(item)
        issues = [i for i in self.items if i.kind == "issue"][:RECENT_ISSUES]
        return found + issues

    @cached_property
    def pages(self) -> dict[str, KitPage]:
        """src_uri -> the page: the index, one page per current item, posters, /go/ pages."""
        now = self.now
        events = [i for i in self.current if i.event is not None]
        issues = [i for i in self.current if i.kind == "issue"]
        upcoming = [i for i in events if i.event and i.event.ends and i.event.ends > now]
        # (by identity: `in` on the list compared whole items, quadratic in the events)
        coming = {id(i) for i in upcoming}
        past = [i for i in reversed(events) if id(i) not in coming]
        index = {
            "events": upcoming,
            "past": past,
            "issues": issues,
            "json_url": urls.KIT_JSON,
            "notes_count": sum(1 for i in (*upcoming, *issues) if i.notes),
        }
        pages = {urls.KIT_SRC: KitPage("홍보 키트", "eduhub/kit.html", index)}
        for item in self.current:
            context: dict[str, Any] = {"item": item, "qr_svg": InlineQr(item.page_url, item.title)}
            pages[urls.page_src(item.kit_url)] = KitPage(
                f"홍보 키트: {item.title}", "eduhub/kit-item.html", context
            )
            if item.event is not None and item.poster_url:
                pages[urls.page_src(item.poster_url)] = KitPage(
                    f"포스터: {item.title}",
                    "eduhub/kit-poster.html",
                    context | {"poster": poster(item.event, checks.center_name(self.settings))},
                )
        return pages

    def qr_missing(self) -> bool:
        """Some current item's QR code is not in the memo (a cold build)."""
        return any(MEMO.peek("qr", qr_key(i.page_url, i.title)) is None for i in self.current)

    def make_qr(self) -> None:
        """Every current item's QR codes into the memo (run on the other core: see plan)."""
        for item in self.current:
            qr_svg(item.page_url, item.title)
            qr_png(item.page_url)

    def virtual_pages(self) -> dict[str, str]:
        return {src: noindex_page(page.title) for src, page in self.pages.items()}

    def template(self, src_uri: str) -> str | None:
        page = self.pages.get(src_uri)
        return page.template if page else None

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        page = self.pages.get(src_uri)
        return page.context if page else None

    def outputs_key(self) -> Any:
        """Every item (its texts, URLs, code, facts) and which ones are current."""
        return self.items, [item.kit_url for item in self.current]

    def outputs(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for item in self.current:
            files[item.kit_url + "qr.svg"] = qr_svg(item.page_url, item.title)
            files[item.kit_url + "qr.png"] = qr_png(item.page_url)
        go_pages = GoPages(
            self.settings.template_dirs, self.settings.site_name, self.settings.site_url
        )
        for item in self.items:
            target = urls.event(item.id) if item.kind == "event" else urls.issue(int(item.id))
            files[urls.go(item.code) + "index.html"] = go_pages.render(
                target, item.page_url, item.title
            )
        go_pages.done()
        files[urls.KIT_JSON] = kit_json(
            self.current, site_url=self.settings.site_url, generated=iso(self.now)
        )
        return files


class ConsultingFeature(Feature):
    """`eduhub.consulting.next_session` on the consulting page and the home page."""

    name = "consulting"

    @cached_property
    def session(self) -> dict[str, Any] | None:
        return next_session(self.content.events, self.settings.build_time)

    def template(self, src_uri: str) -> str | None:
        return "eduhub/consulting.html" if src_uri == CONSULTING_PAGE else None

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        if src_uri in (CONSULTING_PAGE, HOME_PAGE):
            return {"next_session": self.session}
        return None
