"""Load and validate every newsletter issue, announcement, program and event."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problems, SourceLocation
from ..models import Announcement, Category, Event, Issue, Program
from ..settings import Settings
from ..yamlio import MAX_BYTES, LineDict, read_text
from .events import load_event_file
from .frontmatter import read_front_matter
from .links import check_links, site_map
from .schema import validate


@dataclass
class Content:
    """Everything that is published in this build, newest first, plus what is held back."""

    issues: list[Issue] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    drafts: set[str] = field(default_factory=set)  # src_uris shown only under `mkdocs serve`
    held_back: set[str] = field(default_factory=set)  # src_uris not published in this build
    event_files: set[str] = field(default_factory=set)  # src_uris of events/*.yml (data)


def load_content(settings: Settings) -> tuple[Content, Problems]:
    """Read content/ from disk. Every problem is collected; nothing is raised."""
    problems = Problems()
    content = Content()
    docs = settings.docs_dir
    loader = _Loader(settings, problems)

    for path in _markdown(docs / "programs"):
        program = loader.program(path)
        if program:
            content.programs.append(program)
    for path in _markdown(docs / "newsletter", recursive=True):
        issue = loader.issue(path)
        if issue:
            content.issues.append(issue)
    for path in _markdown(docs / "news"):
        item = loader.announcement(path)
        if item:
            content.announcements.append(item)
    program_slugs = {p.slug for p in content.programs}
    event_dir = docs / "events"
    for path in sorted(event_dir.glob("*.y*ml")) if event_dir.is_dir() else []:
        content.event_files.add(path.relative_to(docs).as_posix())
        content.events.extend(
            load_event_file(path, settings, problems, loader.shown(path), program_slugs)
        )

    _check_unique_issue_numbers(content.issues, problems)
    _check_unique_event_ids(content.events, problems)
    # Ids written in files that did not load are not "missing": that file has its own problem.
    event_ids = {e.id for e in content.events} | _written_event_ids(docs, content.event_files)
    for item in content.announcements:
        for event_id in item.event_ids:
            if event_id not in event_ids:
                problems.add(
                    item.location,
                    f"없는 행사 id입니다: {event_id}",
                    field="events",
                    hint="content/events/*.yml의 id와 똑같이 적으세요",
                )

    content.drafts = loader.drafts
    content.held_back = loader.held_back
    published = loader.published
    content.issues = sorted(
        (i for i in content.issues if i.src_uri in published),
        key=lambda i: (i.date, i.number),
        reverse=True,
    )
    content.announcements = sorted(
        (a for a in content.announcements if a.src_uri in published),
        key=lambda a: (a.date, a.slug),
        reverse=True,
    )
    content.programs.sort(key=lambda p: (p.order, p.title))
    content.events.sort(key=lambda e: (str(e.start), e.id))
    site = site_map(
        settings,
        _all_files(docs),
        content.held_back | content.event_files,
        content.issues,
        event_ids,
    )
    check_links(settings, site, problems)
    return content, problems


_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)", re.M)


def _written_event_ids(docs: Path, event_files: set[str]) -> set[str]:
    ids: set[str] = set()
    for src_uri in event_files:
        text = (docs / src_uri).read_bytes()[:MAX_BYTES].decode("utf-8", errors="replace")
        ids.update(_ID_LINE.findall(text))
    return ids


def _all_files(docs: Path) -> list[str]:
    """Every file MkDocs would pick up from docs_dir (it skips dot files and folders)."""
    if not docs.is_dir():
        return []
    found = []
    for path in docs.rglob("*"):
        relative = path.relative_to(docs)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found.append(relative.as_posix())
    return sorted(found)


def _markdown(folder: Path, *, recursive: bool = False) -> list[Path]:
    if not folder.is_dir():
        return []
    found = folder.rglob("*.md") if recursive else folder.glob("*.md")
    return sorted(p for p in found if p.name not in ("index.md", "README.md"))


class _Loader:
    def __init__(self, settings: Settings, problems: Problems) -> None:
        self.settings = settings
        self.problems = problems
        self.drafts: set[str] = set()
        self.held_back: set[str] = set()
        self.published: set[str] = set()
        self.categories = {c.slug: c for c in settings.newsletter_categories}

    def shown(self, path: Path) -> str:
        return self.settings.display_path(path)

    def _front_matter(self, path: Path, schema: str) -> tuple[LineDict | None, set[str] | None]:
        """(front matter, fields the schema rejected); bad fields are None when all is fine.

        Front matter that fails the schema is still returned, so the checks the schema cannot
        do (real dates, known categories, existing PDFs) run on its sound fields and a person
        sees every mistake of the file at once.
        """
        shown = self.shown(path)
        text = read_text(path.read_bytes(), shown, self.problems)
        if text is None:
            return None, None
        if not text.strip():
            self.problems.add(SourceLocation(shown, 1), "파일이 비어 있습니다")
            return None, None
        data, _ = read_front_matter(text, shown, self.problems)
        if data is None:
            return None, None
        before = len(self.problems)
        if validate(data, schema, shown, self.problems):
            return data, None
        bad = {_top_field(p.field) for p in self.problems.items[before:]}
        return data, bad

    def _categories(self, data: LineDict, shown: str) -> tuple[Category, ...]:
        result = []
        for index, slug in enumerate(data.get("categories", [])):
            if slug in self.categories:
                result.append(self.categories[slug])
            else:
                self.problems.add(
                    SourceLocation(shown, data["categories"].line_of(index)),
                    f"없는 분류입니다: {slug}",
                    field="categories",
                    hint="쓸 수 있는 값: " + ", ".join(self.categories),
                )
        return tuple(result)

    def _date(self, data: LineDict, shown: str):
        from ..dates import DateFormatError, parse_date

        try:
            return parse_date(data["date"])
        except DateFormatError as exc:
            self.problems.add(SourceLocation(shown, data.line_of("date")), str(exc), field="date")
            return None

    def _publish(self, src_uri: str, draft: bool, day) -> None:
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

    def issue(self, path: Path) -> Issue | None:
        shown = self.shown(path)
        data, bad = self._front_matter(path, "issue.schema.json")
        if data is None:
            return None
        day = self._date(data, shown) if _sound(data, bad, "date", str) else None
        categories = self._categories(data, shown) if _sound(data, bad, "categories", list) else ()
        pdf, pdf_size = (
            self._pdf(data, path, shown) if _sound(data, bad, "pdf", str) else (None, None)
        )
        if bad is not None or day is None or (data.get("pdf") and pdf is None):
            return None
        src_uri = path.relative_to(self.settings.docs_dir).as_posix()
        self._publish(src_uri, bool(data.get("draft")), day)
        return Issue(
            number=data["issue"],
            title=data["title"].strip(),
            date=day,
            summary=" ".join(data["summary"].split()),
            src_uri=src_uri,
            location=SourceLocation(shown, data.line_of("issue")),
            categories=categories,
            pdf=pdf,
            pdf_size=pdf_size,
            draft=bool(data.get("draft")),
        )

    def _pdf(self, data: LineDict, path: Path, shown: str) -> tuple[str | None, int | None]:
        value = data.get("pdf")
        if not value:
            return None, None
        docs = self.settings.docs_dir.resolve()
        relative = value.lstrip("/")
        for candidate in ((path.parent / value), (docs / relative)):
            candidate = candidate.resolve()
            if candidate.is_file() and candidate.is_relative_to(docs):
                return candidate.relative_to(docs).as_posix(), candidate.stat().st_size
        self.problems.add(
            SourceLocation(shown, data.line_of("pdf")),
            f"PDF 파일이 없습니다: {value}",
            field="pdf",
            hint="content/ 안에 PDF를 올리고, 이 파일 기준 상대 경로로 적으세요",
        )
        return None, None

    def announcement(self, path: Path) -> Announcement | None:
        shown = self.shown(path)
        data, bad = self._front_matter(path, "announcement.schema.json")
        if data is None:
            return None
        day = self._date(data, shown) if _sound(data, bad, "date", str) else None
        categories = self._categories(data, shown) if _sound(data, bad, "categories", list) else ()
        if bad is not None or day is None:
            return None
        src_uri = path.relative_to(self.settings.docs_dir).as_posix()
        self._publish(src_uri, bool(data.get("draft")), day)
        return Announcement(
            slug=path.stem,
            title=data["title"].strip(),
            date=day,
            summary=" ".join(data["summary"].split()),
            src_uri=src_uri,
            location=SourceLocation(shown, data.line_of("events")),
            categories=categories,
            event_ids=tuple(data.get("events", [])),
            draft=bool(data.get("draft")),
        )

    def program(self, path: Path) -> Program | None:
        shown = self.shown(path)
        data, bad = self._front_matter(path, "program.schema.json")
        if data is None or bad is not None:
            return None
        return Program(
            slug=path.stem,
            title=data["title"].strip(),
            summary=" ".join(data["summary"].split()),
            audience=tuple(data["audience"]),
            src_uri=path.relative_to(self.settings.docs_dir).as_posix(),
            location=SourceLocation(shown, data.line),
            order=data.get("order", 100),
        )


def _top_field(name: str) -> str:
    """ "registration.closes" -> "registration", "categories[1]" -> "categories"."""
    return name.split(".", 1)[0].split("[", 1)[0]


def _sound(data: LineDict, bad: set[str] | None, key: str, kind: type) -> bool:
    """The field is there, of the right type, and the schema did not reject it."""
    return key in data and isinstance(data[key], kind) and not (bad and key in bad)


def _check_unique_issue_numbers(issues: list[Issue], problems: Problems) -> None:
    _report_duplicates(
        issues,
        key=lambda issue: issue.number,
        field="issue",
        message="제{key}호가 여러 파일에 있습니다: {places}",
        hint="호수는 겹치면 안 됩니다. 다음 빈 번호를 쓰세요",
        problems=problems,
    )


def _check_unique_event_ids(events: list[Event], problems: Problems) -> None:
    _report_duplicates(
        events,
        key=lambda event: event.id,
        field="id",
        message="같은 id가 여러 곳에 있습니다: {places}",
        hint="id는 모든 행사 파일에서 하나뿐이어야 합니다",
        problems=problems,
    )


def _report_duplicates(
    items: Sequence[Issue | Event],
    *,
    key: Callable[[Any], object],
    field: str,
    message: str,
    hint: str,
    problems: Problems,
) -> None:
    """One problem at each place a key repeats, naming all the places."""
    groups: dict[object, list[Issue | Event]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    for value, same in groups.items():
        if len(same) > 1:
            places = ", ".join(str(item.location) for item in same)
            for item in same:
                problems.add(
                    item.location,
                    message.format(key=value, places=places),
                    field=field,
                    hint=hint,
                )
