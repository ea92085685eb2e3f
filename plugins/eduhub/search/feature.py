"""Korean search: collects every rendered page, writes the sharded index after the build."""

from __future__ import annotations

from ..feature import Feature, RenderedPage
from ..siteindex import SiteIndex
from .index import PageEntry, build, snapshot


class SearchFeature(Feature):
    """Pages in via `page_rendered`, index files out via `outputs` (under `search/`)."""

    name = "search"

    def __init__(self, index: SiteIndex) -> None:
        super().__init__(index)
        self._pages: dict[str, PageEntry] = {}
        self._position: dict[str, int] = {}
        self._carry = False
        self._previous: bytes | None = None

    def page_rendered(self, page: RenderedPage) -> None:
        if "noindex" in str(page.meta.get("robots", "")):
            return  # staff pages (the promotion kit, /go/ redirects) stay out of search
        self._position[page.url] = page.position
        self._pages[page.url] = PageEntry(
            url=page.url,
            title=page.title,
            kind=page.kind,
            date=page.date,
            html=page.html,  # cut into sections while indexing, in parallel on large sites
        )

    def outputs(self) -> dict[str, bytes]:
        # In page order (stable: without the cache every position is 0, the order of arrival).
        pages = sorted(self._pages.values(), key=lambda e: self._position[e.url])
        # serve: kept in this process for the next build; a cached build: for the next process
        serve = self.settings.include_drafts
        return build(pages, remember=serve, carry=self._carry, previous=self._previous)

    def resume(self, carried: bytes | None) -> None:
        self._carry, self._previous = True, carried

    def carry(self) -> bytes | None:
        return snapshot(forget=True)
