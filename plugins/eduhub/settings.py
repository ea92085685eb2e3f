"""Build settings handed from the adapter to the core (plain data, no MkDocs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .models import Category


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
