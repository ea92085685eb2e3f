"""The /go/<code>/ short-link pages: tiny static redirects, rendered here rather than as MkDocs
pages (a site keeps one per event and issue for good: thousands of pages that need no theme,
no Markdown and no navigation).

The template is `eduhub/go.html`, looked up in the same folders as the theme's (the site's
overrides/ first), with autoescaping on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import jinja2

from ..byobject import ByValue


class GoPages:
    def __init__(self, template_dirs: Sequence[Path], site_name: str, site_url: str) -> None:
        self.template_dirs = [str(d) for d in template_dirs]
        self.config = {"site_name": site_name, "site_url": site_url}

    @cached_property
    def template(self) -> jinja2.Template:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(self.template_dirs))
        # The page sits at go/<code>/: a site-relative path is two folders up.
        env.filters["url"] = lambda path: "../../" + str(path).lstrip("/")
        return env.get_template("eduhub/go.html")

    @cached_property
    def source(self) -> str | None:
        """The template's text when it is all there is to it (no include, import or extends),
        so that a page is known by its text and values (`render`), else None."""
        template = self.template
        assert template.filename is not None
        text = Path(template.filename).read_text(encoding="utf-8")
        return None if _OTHER_TEMPLATES.search(text) else text

    def render(self, target_path: str, target_url: str, title: str) -> bytes:
        """One page. Under `mkdocs serve` an event edit makes every short-link page again
        (4,000 at 10x): those whose template text and values are unchanged are remembered."""
        if self.source is None:
            return self._render(target_path, target_url, title)
        values = (self.source, self.config["site_name"], self.config["site_url"])
        return _PAGES.get(
            (values, target_path, target_url, title),
            lambda: self._render(target_path, target_url, title),
        )

    def _render(self, target_path: str, target_url: str, title: str) -> bytes:
        go = {"target_path": target_path, "target_url": target_url, "title": title}
        html = self.template.render(config=self.config, eduhub={"kit": {"go": go}})
        return html.encode("utf-8")

    def done(self) -> None:
        """The end of one build's pages: forget those it did not make."""
        _PAGES.rotate()


_OTHER_TEMPLATES = re.compile(r"\{%-?\s*(include|import|from|extends)\b")
# Pages by template text and values, from one build to the next (`mkdocs serve`)
_PAGES: ByValue[bytes] = ByValue()
