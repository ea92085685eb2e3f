"""Caches for large sites (issue 15). No MkDocs imports.

`Fragments`: theme fragments that are the same on many pages, rendered once per build.
"""

from __future__ import annotations

from typing import Any


class Fragments:
    """Rendered theme fragments (nav, tabs) shared by pages outside the nav. One per build.

    For a page that is not in the nav, no nav item is active and every link in the nav is
    relative to the page's folder: two such pages in the same folder (newsletter/12/ and
    newsletter/13/) get the same HTML, unless a nav link points inside one of them. `key`
    returns None whenever that reasoning does not hold, and the template renders as usual.
    """

    def __init__(self) -> None:
        self._html: dict[str, str] = {}
        self._nav_urls: dict[int, tuple[str, ...]] = {}

    def key(self, name: str, page: Any, nav: Any) -> str | None:
        url = getattr(page, "url", None)
        if not isinstance(url, str) or not url or nav is None:
            return None
        pages = getattr(nav, "pages", None)
        if pages is None or page in pages or getattr(page, "ancestors", None):
            return None
        nav_urls = self._nav_urls.get(id(nav))
        if nav_urls is None:
            nav_urls = tuple(str(p.url) for p in pages)
            self._nav_urls = {id(nav): nav_urls}
        if any(target.startswith(url) for target in nav_urls):
            return None
        folder, _, last = url.rstrip("/").rpartition("/")
        # MkDocs treats a last part with a dot (no directory URLs) as a file name
        return f"{name}|{folder}|{url.endswith('/')}|{'.' in last}"

    def get(self, key: str) -> str | None:
        return self._html.get(key)

    def put(self, key: str, html: str) -> str:
        self._html[key] = html
        return html
