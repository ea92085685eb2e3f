"""The interface between the MkDocs adapter and each capability. No MkDocs imports.

A feature is made once per build from the site index (`Feature(index)`) and never reaches
back into whatever made it. The adapter (plugin.py, through build.py) calls, per build:
  virtual_pages()  before the nav is made: pages to add (src_uri -> Markdown source)
  template()       the template a page uses, when the feature owns the page
  page_context()   while rendering a page: data for its template, under `eduhub.<name>`
  page_rendered()  after a page's Markdown became HTML (every page, virtual ones included)
  outputs()        after all pages: extra files to write (site-relative path -> bytes)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from .siteindex import SiteIndex


@dataclass(frozen=True)
class RenderedPage:
    src_uri: str  # "newsletter/2026/12.md" (inside docs_dir)
    url: str  # site-relative, "newsletter/12/" ("" for the home page)
    title: str
    html: str  # the page body as MkDocs rendered it (no theme chrome)
    kind: str = "page"  # "page" | "issue" | "news" | "event" | "program"
    date: date | None = None
    meta: dict[str, Any] = field(default_factory=dict)


class Feature:
    """Base class: override the hooks a feature needs."""

    name = "feature"

    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self.settings = index.settings
        self.content = index.content

    def virtual_pages(self) -> dict[str, str]:
        return {}

    def template(self, src_uri: str) -> str | None:
        """The template a page of this feature uses (e.g. "eduhub/issue.html")."""
        return None

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        return None

    def page_rendered(self, page: RenderedPage) -> None:
        return None

    def outputs(self) -> dict[str, bytes]:
        return {}


def markdown_page(title: str, body: str = "") -> str:
    """Markdown source of a generated page. The title is plain text: the adapter escapes
    front-matter titles once for Material; our templates escape everything else."""
    front = yaml.safe_dump({"title": title}, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body}\n"
