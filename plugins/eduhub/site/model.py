"""Program pages (content/programs/<slug>.md) that events can belong to."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SourceLocation


@dataclass(frozen=True)
class Program:
    """A program page (content/programs/<slug>.md) that events can belong to."""

    slug: str
    title: str
    summary: str
    audience: tuple[str, ...]
    src_uri: str
    location: SourceLocation
    order: int = 100

    @property
    def url(self) -> str:
        return f"programs/{self.slug}/"
