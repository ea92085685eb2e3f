"""The /go/<code>/ short-link pages: tiny static redirects, rendered here rather than as MkDocs
pages (a site keeps one per event and issue for good: thousands of pages that need no theme,
no Markdown and no navigation).

The template is `eduhub/go.html`, looked up in the same folders as the theme's (the site's
overrides/ first), with autoescaping on.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import jinja2


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

    def render(self, target_path: str, target_url: str, title: str) -> bytes:
        go = {"target_path": target_path, "target_url": target_url, "title": title}
        html = self.template.render(config=self.config, eduhub={"kit": {"go": go}})
        return html.encode("utf-8")
