"""Reading the front matter of Markdown page types (issues, announcements, programs).

One reader for every capability: schema validation with line numbers, categories, dates, and
the publish rule (drafts only under `mkdocs serve`, future dates wait for a later build).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from .dates import DateFormatError, parse_date
from .errors import Problem, Problems, SourceLocation
from .frontmatter import read_front_matter
from .memo import MEMO
from .models import Category
from .safety.checks import PAGE_FOLDED_FIELDS, PAGE_ID_LISTS, PAGE_LINE_FIELDS, check_fields
from .safety.values import date_problem
from .schema import validate
from .settings import Settings
from .yamlio import LineDict, read_file


class PageLoader:
    """Reads the front matter of Markdown page types; remembers what is published."""

    def __init__(self, settings: Settings, problems: Problems) -> None:
        self.settings = settings
        self.problems = problems
        self.drafts: set[str] = set()
        self.held_back: set[str] = set()
        self.published: set[str] = set()
        self.category_by_slug = {c.slug: c for c in settings.newsletter_categories}

    def shown(self, path: Path) -> str:
        return self.settings.display_path(path)

    def front_matter(self, path: Path, schema: str) -> tuple[LineDict | None, set[str] | None]:
        """(front matter, fields the schema rejected); bad fields are None when all is fine.

        Front matter that fails the schema is still returned, so the checks the schema cannot
        do (real dates, known categories, existing PDFs) run on its sound fields and a person
        sees every mistake of the file at once.
        """
        shown = self.shown(path)
        text = read_file(path, shown, self.problems)
        if text is None:
            return None, None
        if not text.strip():
            self.problems.add(SourceLocation(shown, 1), "파일이 비어 있습니다")
            return None, None

        def parse() -> tuple[tuple[LineDict | None, set[str] | None], list[Problem]]:
            found = Problems()
            return _parse(text, shown, schema, found), found.items

        # Through the memo: the same text, name and schema give the same front matter and
        # problems (parsing and validating 1,300 pages is a large part of a warm build).
        # The values are shared between builds: nothing changes them after this.
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        result, found = MEMO.get("front-matter", [digest, shown, schema], parse)
        self.problems.items.extend(found)
        data, bad = result
        return data, (set(bad) if bad is not None else None)

    def categories(self, data: LineDict, shown: str) -> tuple[Category, ...]:
        result = []
        for index, slug in enumerate(data.get("categories", [])):
            if slug in self.category_by_slug:
                result.append(self.category_by_slug[slug])
            else:
                self.problems.add(
                    SourceLocation(shown, data["categories"].line_of(index)),
                    f"없는 분류입니다: {slug}",
                    field="categories",
                    hint="쓸 수 있는 값: " + ", ".join(self.category_by_slug),
                )
        return tuple(result)

    def read_date(self, data: LineDict, shown: str) -> date | None:
        try:
            day = parse_date(data["date"])
        except DateFormatError as exc:
            self.problems.add(SourceLocation(shown, data.line_of("date")), str(exc), field="date")
            return None
        trouble = date_problem(day)
        if trouble:
            self.problems.add(
                SourceLocation(shown, data.line_of("date")),
                trouble[0],
                field="date",
                hint=trouble[1],
            )
            return None
        return day

    def publish(self, src_uri: str, draft: bool, day: date) -> None:
        """Drafts only under `mkdocs serve`; a future date waits for a later build."""
        if draft:
            self.drafts.add(src_uri)
            if not self.settings.include_drafts:
                self.held_back.add(src_uri)
                return
        if day > self.settings.build_date:
            self.held_back.add(src_uri)
            return
        self.published.add(src_uri)


def _parse(
    text: str, shown: str, schema: str, problems: Problems
) -> tuple[LineDict | None, set[str] | None]:
    data, _ = read_front_matter(text, shown, problems)
    if data is None:
        return None, None
    before = len(problems)
    valid = validate(data, schema, shown, problems)
    bad = {top_field(p.field) for p in problems.items[before:]}
    bad |= check_fields(
        data,
        shown,
        problems,
        line_fields=PAGE_LINE_FIELDS,
        folded_fields=PAGE_FOLDED_FIELDS,
        id_lists=PAGE_ID_LISTS,
    )
    return data, (None if valid and not bad else bad)


def top_field(name: str) -> str:
    """ "registration.closes" -> "registration", "categories[1]" -> "categories"."""
    return name.split(".", 1)[0].split("[", 1)[0]


def sound(data: LineDict, bad: set[str] | None, key: str, kind: type) -> bool:
    """The field is there, of the right type, and the schema did not reject it."""
    return key in data and isinstance(data[key], kind) and not (bad and key in bad)
