"""One event from content/events/*.yml, with its registration and repeat rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..errors import SourceLocation
from ..models import Category


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
    survey: str | None = None  # https URL of the satisfaction survey, shown after the event
    short: str | None = None  # an explicit /go/ code (only to settle a collision)
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
