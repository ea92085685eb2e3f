"""Frozen content models. No MkDocs here: these outlive the adapter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..errors import SourceLocation

SEOUL = ZoneInfo("Asia/Seoul")

AUDIENCES: dict[str, str] = {
    "elementary": "초등학생",
    "middle": "중학생",
    "high": "고등학생",
    "parents": "학부모",
    "teachers": "교사",
}


@dataclass(frozen=True)
class Category:
    slug: str
    label: str


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


@dataclass(frozen=True)
class Registration:
    url: str | None = None
    opens: datetime | None = None  # Seoul-aware
    closes: datetime | None = None  # Seoul-aware
    capacity: int | None = None


@dataclass(frozen=True)
class Repeat:
    freq: str  # "weekly" | "monthly"
    until: date
    interval: int = 1
    except_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class Event:
    """One event from content/events/*.yml. Times are Asia/Seoul wall-clock."""

    id: str
    title: str
    start: date | datetime  # date = all-day; datetime is Seoul-aware
    audience: tuple[str, ...]
    category: Category
    location: SourceLocation
    end: date | datetime | None = None  # all-day: last day, inclusive
    summary: str = ""
    description: str = ""  # Markdown
    place: str = ""  # the `location` field of the YAML (where it happens)
    online: str | None = None
    registration: Registration | None = None
    status: str = "scheduled"
    repeat: Repeat | None = None
    program: str | None = None
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def url(self) -> str:
        return f"events/{self.id}/"

    @property
    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def last_day(self) -> date:
        end = self.end or self.start
        return end.date() if isinstance(end, datetime) else end
