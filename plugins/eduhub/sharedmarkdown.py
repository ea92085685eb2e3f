"""One Markdown instance for every page of a build (issue 15). Adapter side: imports MkDocs.

MkDocs' `Page.render` sets up a new `markdown.Markdown` with every extension for each page
(about a millisecond each, thousands of pages). Python-Markdown supports one instance for
many documents (`reset()` between them); MkDocs' own per-page processors are registered
again on it for each page, under the same names and priorities, so they run in the same
order. The rest is `Page.render` line for line. The adapter (plugin.py) hands in MkDocs'
`mkdocs.structure.pages` module and `get_toc`: this module imports no MkDocs. `EDUHUB_SHARED_MARKDOWN=0` turns it off;
tests/test_cache.py compares the bytes with and without.
"""

from __future__ import annotations

import logging
import os
from types import ModuleType
from typing import Any

import markdown

MkDocsConfig = Any
Files = Any
Page = Any
_PROCESSORS = (
    "_RawHTMLPreprocessor",
    "_ExtractAnchorsTreeprocessor",
    "_RelativePathTreeprocessor",
    "_ExtractTitleTreeprocessor",
)


class SharedMarkdown:
    def __init__(self, config: MkDocsConfig, pages: ModuleType, get_toc: Any) -> None:
        self.pages = pages
        self.get_toc = get_toc
        self.md = markdown.Markdown(
            extensions=config["markdown_extensions"],
            extension_configs=config["mdx_configs"] or {},
        )

    @staticmethod
    def enabled(pages: ModuleType) -> bool:
        """On unless EDUHUB_SHARED_MARKDOWN=0, and only with the MkDocs it was written for."""
        wanted = os.environ.get("EDUHUB_SHARED_MARKDOWN", "1").strip() != "0"
        return wanted and all(hasattr(pages, name) for name in (*_PROCESSORS, "log"))

    def attach(self, page: Page) -> None:
        """Make `page.render` use the shared instance."""

        def render(config: MkDocsConfig, files: Files) -> None:
            self._render(page, config, files)

        page.render = render  # type: ignore[method-assign]

    def _render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self.md
        md.reset()
        raw_html_ext = self.pages._RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = self.pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = self.pages._RelativePathTreeprocessor(page.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = self.pages._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)

        page.content = md.convert(page.markdown)
        page.toc = self.get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title_ext.title
        page.present_anchor_ids = (
            extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        )
        if self.pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path_ext.links_to_anchors
