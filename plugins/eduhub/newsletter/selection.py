"""Which issues and announcements appear in lists and feeds. Pure functions.

Future-dated items never reach here: the loader holds them back (`Content.held_back`) until a
build on or after their date. Drafts are loaded under `mkdocs serve` for their own preview but
never listed, fed or linked as neighbours: `published` drops them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from ..models import Category
from .model import Announcement, Issue

Entry = Issue | Announcement
T = TypeVar("T", Issue, Announcement)


def published(items: Iterable[T]) -> list[T]:
    """Items that may be listed: everything loaded for this build except drafts."""
    return [item for item in items if not item.draft]


def feed_entries(issues: Iterable[Issue], news: Iterable[Announcement]) -> list[Entry]:
    """Issues and announcements, newest first (same day: issues first, by number)."""
    entries: list[Entry] = [*issues, *news]
    entries.sort(
        key=lambda e: (e.date, isinstance(e, Issue), getattr(e, "number", 0), e.url),
        reverse=True,
    )
    return entries


def by_category(entries: Iterable[Entry], category: Category, limit: int) -> list[Entry]:
    """The newest `limit` entries of one category (entries are already newest first)."""
    return [e for e in entries if category in e.categories][:limit]
