"""/roadmap/: the 진로로드맵 self-check page (a virtual page with its own template)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..features.base import Feature
from .context import RoadmapPage, build_page

SRC_URI = "roadmap/index.md"
TEMPLATE = "eduhub/roadmap.html"
PAGE = """---
title: 진로로드맵 자가 점검
description: 좋아하는 일과 과목으로 흥미 유형을 알아보고, 고교학점제 과목과 센터 프로그램, 학년별 할 일을 살펴보는 3분 자가 점검
---
"""


class RoadmapFeature(Feature):
    name = "roadmap"

    @cached_property
    def page(self) -> RoadmapPage | None:
        roadmap = getattr(self.hub.content, "roadmap", None)
        if roadmap is None:
            return None
        settings = self.hub.settings
        events = self.hub.feature("events")
        return build_page(
            roadmap,
            self.hub.content.programs,
            getattr(events, "upcoming", []),
            settings.build_date,
            settings.build_time,
        )

    def virtual_pages(self) -> dict[str, str]:
        return {SRC_URI: PAGE} if self.page is not None else {}

    def template(self, src_uri: str) -> str | None:
        return TEMPLATE if src_uri == SRC_URI and self.page is not None else None

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        return {"page": self.page} if src_uri == SRC_URI and self.page else None
