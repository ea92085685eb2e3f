"""One build: content loaded once, the site index, every feature. No MkDocs imports.

A new capability registers its Feature class in FEATURES (order matters only for the order of
`eduhub.<name>` keys and of output files, which are sorted anyway).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .buildreport import write_report
from .content import load_content
from .events.feature import EventsFeature
from .feature import Feature, RenderedPage
from .kit.feature import ConsultingFeature, KitFeature
from .newsletter.feature import NewsletterFeature
from .roadmap.feature import RoadmapFeature
from .search.feature import SearchFeature
from .settings import Settings
from .share.feature import ShareFeature
from .site.feature import SiteFeature
from .siteindex import SiteIndex
from .verify import promised_outputs

FEATURES: tuple[type[Feature], ...] = (
    SiteFeature,
    NewsletterFeature,
    EventsFeature,
    SearchFeature,
    RoadmapFeature,
    KitFeature,
    ConsultingFeature,
    ShareFeature,
)


class SiteBuild:
    """Made fresh for every build by the adapter; answers its questions, collects outputs."""

    def __init__(self, settings: Settings) -> None:
        content, self.problems = load_content(settings)
        self.index = SiteIndex(settings, content)
        self.features: list[Feature] = (
            [cls(self.index) for cls in FEATURES] if not self.problems else []
        )

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

    def write_outputs(self, site_dir: Path) -> None:
        """Every feature's files, written into `site_dir` (without the cache); then the
        report `eduhub build` asks for."""
        for relative, data in sorted(self.outputs().items()):
            target = site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        write_report(os.environ, self.promised(), unchanged=False)

    def promised(self) -> list[str]:
        """The files this build must leave in its folder (see verify.py)."""
        return promised_outputs(self.index.settings, self.index.content)
