"""Build settings handed from the adapter to the core (plain data, no MkDocs)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .models import Category

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def make_categories(pairs: Iterable[tuple[object, object]], key: str) -> tuple[Category, ...]:
    """Categories from mkdocs.yml (slug, label) pairs; ValueError names the bad entry."""
    result = []
    for slug, label in pairs:
        if not isinstance(slug, str) or not _SLUG.match(slug) or not isinstance(label, str):
            raise ValueError(
                f"{key}: slug {slug!r}, label {label!r}: {{slug: 영문-소문자, label: 한글 이름}}"
                " 형태여야 합니다 (slug는 영문 소문자·숫자·하이픈만)"
            )
        result.append(Category(slug=slug, label=label))
    return tuple(result)


@dataclass(frozen=True)
class Settings:
    site_url: str  # absolute, ends with "/"
    site_name: str
    docs_dir: Path
    project_dir: Path  # where mkdocs.yml is; problem paths are shown relative to it
    build_time: datetime  # Seoul-aware (SOURCE_DATE_EPOCH when set)
    newsletter_categories: tuple[Category, ...] = ()
    event_categories: tuple[Category, ...] = ()
    feed_limit: int = 50
    include_drafts: bool = False  # True under `mkdocs serve`
    site_description: str = ""

    @property
    def build_date(self) -> date:
        return self.build_time.date()

    def abs_url(self, path: str = "") -> str:
        """Absolute URL of a site-relative path ("newsletter/12/")."""
        return self.site_url + path.lstrip("/")

    def display_path(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.project_dir.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
