"""Newsletter issues (교육금천 소식지 제N호) and announcements (공지)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import SourceLocation
from ..models import Category


@dataclass(frozen=True)
class Issue:
    """A numbered newsletter issue (교육금천 소식지 제N호)."""

    number: int
    title: str
    date: date
    summary: str
    src_uri: str  # path inside docs_dir, e.g. "newsletter/2026/12.md"
    location: SourceLocation
    categories: tuple[Category, ...] = ()
    pdf: str | None = None  # path inside docs_dir
    pdf_size: int | None = None
    draft: bool = False

    @property
    def url(self) -> str:
        return f"newsletter/{self.number}/"


@dataclass(frozen=True)
class Announcement:
    """A notice (공지) or program announcement."""

    slug: str
    title: str
    date: date
    summary: str
    src_uri: str
    location: SourceLocation
    categories: tuple[Category, ...] = ()
    event_ids: tuple[str, ...] = ()
    draft: bool = False

    @property
    def url(self) -> str:
        return f"news/{self.slug}/"
