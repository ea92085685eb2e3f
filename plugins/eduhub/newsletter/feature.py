"""Newsletter issues and announcements: archive pages, issue pages, feeds, e-mail editions.

Pages: /newsletter/ (archive by year), /newsletter/<n>/ (moved there by the adapter, see SiteIndex.destination), /news/,
/news/<slug>/, /subscribe/, and the home page's "latest" block. Files written after the
build: /feed.xml, /atom.xml, /feed.json, /feeds/<category>.xml, /newsletter/<n>/email.html.
Drafts may be loaded (under `mkdocs serve`) but never appear in lists, feeds or neighbours.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from html import escape
from itertools import groupby
from typing import Any
from urllib.parse import quote

from .. import urls
from ..cache import tree_digest
from ..dates import as_seoul, ko_date
from ..feature import Feature, RenderedPage
from ..htmltools import human_size, portable_html, split_h1, xml_safe
from ..memo import MEMO
from ..models import Category
from ..safety.sanitize import host_of, sanitize_html
from ..siteindex import SiteIndex
from .email import EmailRenderer
from .feeds import Enclosure, FeedInfo, FeedItem, atom, rss
from .jsonfeed import json_feed
from .model import Announcement, Issue
from .selection import Entry, by_category, feed_entries, published

ARCHIVE = "newsletter/index.md"
NEWS = "news/index.md"
SUBSCRIBE = "subscribe/index.md"
HOME = "index.md"
HOME_NEWS_COUNT = 5

_TEMPLATES = {
    ARCHIVE: "eduhub/newsletter.html",
    NEWS: "eduhub/news.html",
    SUBSCRIBE: "eduhub/subscribe.html",
}


class NewsletterFeature(Feature):
    name = "newsletter"

    def __init__(self, index: SiteIndex) -> None:
        super().__init__(index)
        self._html: dict[str, str] = {}  # src_uri -> rendered body, for feeds and e-mail
        self._portable_html: dict[str, str] = {}  # src_uri -> body with absolute links
        self._issues = published(self.content.issues)
        self._news = published(self.content.announcements)
        self._by_number = sorted(self._issues, key=lambda i: i.number)
        self._numbers = [i.number for i in self._by_number]

    # -- pages ---------------------------------------------------------------------------

    def template(self, src_uri: str) -> str | None:
        if src_uri in _TEMPLATES:
            return _TEMPLATES[src_uri]
        kind = self.index.kind(src_uri)
        return {"issue": "eduhub/issue.html", "news": "eduhub/news-item.html"}.get(kind)

    def page_rendered(self, page: RenderedPage) -> None:
        if page.kind in ("issue", "news"):
            self._html[page.src_uri] = page.html

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        if src_uri == ARCHIVE:
            return {
                "years": self._by_year(self._issues, self._issue_view),
                "categories": self.settings.newsletter_categories,
                "feeds": self._feed_links(),
            }
        if src_uri == NEWS:
            return {
                "years": self._by_year(self._news, self._news_view),
                "feeds": self._feed_links(),
            }
        if src_uri == SUBSCRIBE:
            return {"feeds": self._feed_links(), "category_feeds": self._category_feed_links()}
        if src_uri == HOME:
            return {
                "latest_issue": self._issue_view(self._issues[0]) if self._issues else None,
                "latest_news": [self._news_view(a) for a in self._news[:HOME_NEWS_COUNT]],
            }
        info = self.index.page(src_uri)
        kind, model = info.kind, info.model
        if kind == "issue":
            older, newer = self._neighbours(model)
            return {
                "issue": self._issue_view(model),
                "older": self._issue_view(older) if older else None,
                "newer": self._issue_view(newer) if newer else None,
                "body": self._body(src_uri),
                "feeds": self._feed_links(),
            }
        if kind == "news":
            return {
                "item": self._news_view(model),
                "events": self._event_links(model),
                "body": self._body(src_uri),
                "feeds": self._feed_links(),
            }
        return None

    def _body(self, src_uri: str) -> str | None:
        """The page body without its own leading <h1>: the template prints the title."""
        html = self._html.get(src_uri)
        return None if html is None else split_h1(html)[1]

    def _neighbours(self, issue: Issue) -> tuple[Issue | None, Issue | None]:
        """The published issues just before and after (a draft has neighbours too)."""
        below = bisect_left(self._numbers, issue.number)
        above = bisect_right(self._numbers, issue.number)
        older = self._by_number[below - 1] if below > 0 else None
        newer = self._by_number[above] if above < len(self._by_number) else None
        return older, newer

    @staticmethod
    def _by_year(items: list[Any], view: Any) -> list[dict[str, Any]]:
        return [
            {"year": year, "items": [view(item) for item in group]}
            for year, group in groupby(items, key=lambda item: item.date.year)
        ]

    def _issue_view(self, issue: Issue) -> dict[str, Any]:
        view = self._common_view(issue)
        view.update(number=issue.number, pdf_url=None, pdf_size=None, pdf_bytes=None)
        if issue.pdf:
            view.update(
                pdf_url=quote(issue.pdf),
                pdf_size=human_size(issue.pdf_size or 0),
                pdf_bytes=issue.pdf_size,
            )
        return view

    def _news_view(self, item: Announcement) -> dict[str, Any]:
        return self._common_view(item)

    def _common_view(self, item: Issue | Announcement) -> dict[str, Any]:
        return {
            "url": item.url,
            "abs_url": self.settings.abs_url(item.url),
            "title": item.title,
            "summary": item.summary,
            "date_ko": ko_date(item.date),
            "date_iso": item.date.isoformat(),
            "categories": [{"slug": c.slug, "label": c.label} for c in item.categories],
            "category_slugs": " ".join(c.slug for c in item.categories),
            "draft": item.draft,
        }

    def _event_links(self, item: Announcement) -> list[dict[str, str]]:
        events = self.index.events
        return [
            {
                "id": event_id,
                "url": urls.event(event_id),
                "title": events[event_id].title if event_id in events else event_id,
            }
            for event_id in item.event_ids
        ]

    def _feed_links(self) -> dict[str, str]:
        return urls.feed_links(self.settings.abs_url)

    def _category_feed_links(self) -> list[dict[str, str]]:
        return [
            {
                "slug": c.slug,
                "label": c.label,
                "url": self.settings.abs_url(urls.category_feed(c.slug)),
            }
            for c in self.settings.newsletter_categories
        ]

    # -- files ---------------------------------------------------------------------------

    def outputs(self) -> dict[str, bytes]:
        return {**self.feeds(), **self.email_editions()}

    def feeds(self) -> dict[str, bytes]:
        """The site-wide RSS, Atom and JSON feeds and one RSS feed per category.

        Only items that make it into some feed are converted (a long archive costs nothing)."""
        settings = self.settings
        limit = settings.feed_limit
        entries = feed_entries(self._issues, self._news)
        made: dict[str, FeedItem] = {}

        def items(chosen: list[Entry]) -> list[FeedItem]:
            for entry in chosen:
                if entry.src_uri not in made:
                    made[entry.src_uri] = self._item(entry)
            return [made[entry.src_uri] for entry in chosen]

        title = f"{settings.site_name} 소식지·공지"
        description = settings.site_description or title
        home = settings.abs_url("newsletter/")
        latest = items(entries[:limit])
        files: dict[str, bytes] = {}
        for kind, path in urls.FEEDS.items():
            writer = {"rss": rss, "atom": atom, "json": json_feed}[kind]
            files[path] = writer(self._info(title, description, home, path, latest), latest)
        for category in settings.newsletter_categories:
            chosen = items(by_category(entries, category, limit))
            info = self._info(
                f"{settings.site_name}: {category.label}",
                f"{settings.site_name} 소식지와 공지 가운데 '{category.label}' 분류",
                settings.abs_url(f"newsletter/?category={category.slug}"),
                urls.category_feed(category.slug),
                chosen,
            )
            files[urls.category_feed(category.slug)] = rss(info, chosen)
        return files

    def _info(
        self, title: str, description: str, home: str, path: str, items: list[FeedItem]
    ) -> FeedInfo:
        settings = self.settings
        updated = max((i.published for i in items), default=settings.build_time)
        return FeedInfo(
            title=title,
            description=description,
            home_url=home,
            self_url=settings.abs_url(path),
            author=settings.site_name,
            author_url=settings.site_url,
            updated=updated,
        )

    def _item(self, entry: Entry) -> FeedItem:
        return self._issue_item(entry) if isinstance(entry, Issue) else self._news_item(entry)

    def _portable(self, src_uri: str, url: str, summary: str) -> str:
        """The rendered body made portable, once per page (feeds and e-mail share it)."""
        if src_uri not in self._portable_html:
            html = self._html.get(src_uri)
            if html is None:  # not rendered in this build (should not happen): say what it is
                self._portable_html[src_uri] = f"<p>{escape(xml_safe(summary))}</p>"
            else:
                # Second line of defence after the content rules: an allow-list sanitizer.
                own = {host_of(self.settings.site_url)}
                self._portable_html[src_uri] = sanitize_html(
                    portable_html(html, url), own_hosts=own
                )
        return self._portable_html[src_uri]

    def _issue_item(self, issue: Issue) -> FeedItem:
        url = self.settings.abs_url(issue.url)
        enclosure = None
        if issue.pdf and issue.pdf_size is not None:
            enclosure = Enclosure(self.settings.abs_url(quote(issue.pdf)), issue.pdf_size)
        return FeedItem(
            url=url,
            title=xml_safe(issue.title),
            published=as_seoul(issue.date),
            summary=xml_safe(issue.summary),
            html=self._portable(issue.src_uri, url, issue.summary),
            categories=_pairs(issue.categories),
            enclosure=enclosure,
            kind="issue",
            number=issue.number,
        )

    def _news_item(self, item: Announcement) -> FeedItem:
        url = self.settings.abs_url(item.url)
        return FeedItem(
            url=url,
            title=xml_safe(item.title),
            published=as_seoul(item.date),
            summary=xml_safe(item.summary),
            html=self._portable(item.src_uri, url, item.summary),
            categories=_pairs(item.categories),
            kind="news",
        )

    def email_editions(self) -> dict[str, bytes]:
        """`newsletter/<n>/email.html` for every issue of this build (drafts only when served)."""
        renderer = EmailRenderer(self.settings.template_dirs)
        settings = self.settings
        templates = tree_digest(*settings.template_dirs)  # the site's overrides/ included
        files = {}
        for issue in self.content.issues:
            url = settings.abs_url(issue.url)
            context = {
                "site_name": settings.site_name,
                "site_url": settings.site_url,
                "issue": self._issue_view(issue),
                "pdf_abs_url": settings.abs_url(quote(issue.pdf)) if issue.pdf else None,
                "archive_url": settings.abs_url("newsletter/"),
                "subscribe_url": settings.abs_url("subscribe/"),
                "year": issue.date.year,
            }
            # Through the memo: the same context, page HTML and templates give the same bytes.
            parts = [repr(context), self._html.get(issue.src_uri), url, issue.summary, templates]
            files[urls.issue_email(issue.number)] = MEMO.get(
                "email",
                parts,
                lambda c=context, i=issue, u=url: renderer.render(  # type: ignore[misc]
                    c, self._portable(i.src_uri, u, i.summary)
                ),
            )
        return files


def _pairs(categories: tuple[Category, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((c.slug, c.label) for c in categories)
