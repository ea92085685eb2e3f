"""One build's content and features. Created fresh for every build; no MkDocs imports."""

from __future__ import annotations

from typing import Any

from .errors import Problems
from .features.base import Feature, RenderedPage
from .features.events import EventsFeature
from .features.newsletter import NewsletterFeature
from .features.search import SearchFeature
from .features.site import SiteFeature
from .loaders import Content, load_content
from .settings import Settings

FEATURES: tuple[type[Feature], ...] = (SiteFeature, NewsletterFeature, EventsFeature, SearchFeature)


class Hub:
    """Loads content once, answers the adapter's questions, collects output files."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.content: Content
        self.problems: Problems
        self.content, self.problems = load_content(settings)
        self.features: list[Feature] = [cls(self) for cls in FEATURES] if not self.problems else []
        self._issues_by_src = {i.src_uri: i for i in self.content.issues}
        self._news_by_src = {a.src_uri: a for a in self.content.announcements}
        self._programs_by_src = {p.src_uri: p for p in self.content.programs}

    def feature(self, name: str) -> Feature:
        return next(f for f in self.features if f.name == name)

    def is_excluded(self, src_uri: str) -> bool:
        """Source files that must not become pages: held-back issues, event data."""
        return src_uri in self.content.held_back or src_uri in self.content.event_files

    def destination(self, src_uri: str) -> str | None:
        """A new output path for a source file: issues live at newsletter/<number>/."""
        issue = self._issues_by_src.get(src_uri)
        return f"newsletter/{issue.number}/index.html" if issue else None

    def describe(self, src_uri: str) -> tuple[str, Any]:
        """(kind, model) of a source page: "issue", "news", "program", or "page"."""
        if src_uri in self._issues_by_src:
            return "issue", self._issues_by_src[src_uri]
        if src_uri in self._news_by_src:
            return "news", self._news_by_src[src_uri]
        if src_uri in self._programs_by_src:
            return "program", self._programs_by_src[src_uri]
        return "page", None

    def virtual_pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for feature in self.features:
            pages.update(feature.virtual_pages())
        return pages

    def template(self, src_uri: str) -> str | None:
        for feature in self.features:
            name = feature.template(src_uri)
            if name:
                return name
        return None

    def page_context(self, src_uri: str) -> dict[str, Any]:
        context: dict[str, Any] = {}
        for feature in self.features:
            data = feature.page_context(src_uri)
            if data is not None:
                context[feature.name] = data
        return context

    def page_rendered(self, page: RenderedPage) -> None:
        for feature in self.features:
            feature.page_rendered(page)

    def outputs(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for feature in self.features:
            files.update(feature.outputs())
        return files
