"""/roadmap/: the 진로로드맵 self-check (content/roadmap/index.md with its own template)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..events.views import sorted_views
from ..feature import Feature
from .context import RoadmapPage, build_page

SRC_URI = "roadmap/index.md"
TEMPLATE = "eduhub/roadmap.html"


class RoadmapFeature(Feature):
    """Reads `content.roadmap` (loaded with the rest of the content) and the build's events."""

    name = "roadmap"

    @cached_property
    def page(self) -> RoadmapPage | None:
        roadmap = self.content.roadmap
        if roadmap is None:
            return None
        settings = self.settings
        views = sorted_views(
            self.content, settings.build_time, settings.abs_url, self.index.programs
        )
        return build_page(
            roadmap,
            self.content.programs,
            [v for v in views if not v.past],
            settings.build_date,
            settings.build_time,
        )

    def template(self, src_uri: str) -> str | None:
        # src_uri first: the page is made only when the roadmap page is asked for.
        return TEMPLATE if src_uri == SRC_URI and self.page is not None else None

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        return {"page": self.page} if src_uri == SRC_URI and self.page is not None else None
