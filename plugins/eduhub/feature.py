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

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
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
    # Where the page stands among the build's pages (MkDocs' order). Pages reused from the
    # cache reach the features before the rendered ones: whatever a feature lists in page
    # order (the search index) sorts by this, so both builds list them alike.
    position: int = 0


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

    def outputs_key(self) -> Any:
        """What `outputs()` is made from, when that is less than every page and source (None,
        the default: the build cache then remakes the files whenever anything changed). The
        cache adds the global inputs (mkdocs.yml, templates, code, build time); the value
        must cover everything else the files are made from. Must be picklable."""
        return None

    def resume(self, carried: bytes | None) -> None:
        """Before `outputs()`, when the build keeps a cache for the next one: what `carry()`
        gave after the previous build of this site with the same global inputs (None if
        there is none). A feature may make its files from it in less time; the bytes must be
        those it would make without it."""
        return None

    def carry(self) -> bytes | None:
        """After `outputs()` (only if `resume` was called): what the next build, in another
        process, gets through `resume`."""
        return None


def markdown_page(title: str, body: str = "") -> str:
    """Markdown source of a generated page. The title is plain text: the adapter escapes
    front-matter titles once for Material; our templates escape everything else."""
    return f"---\n{front_matter({'title': title})}---\n\n{body}\n"


# Characters YAML reads as line breaks or that need YAML's own escaping rules.
_YAML_AWKWARD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def front_matter(values: dict[str, str]) -> str:
    """YAML front matter (without the dashes) for plain string values. A JSON string is a
    YAML double-quoted scalar, and json.dumps is some 50 times faster than yaml.safe_dump
    (thousands of generated pages); values with awkward characters go through PyYAML."""
    if any(_YAML_AWKWARD.search(v) for v in values.values()):
        return yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000)
    return "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in values.items())
