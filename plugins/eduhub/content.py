"""Load and validate all content: one path for the build and `eduhub check`.

Each capability reads its own files (`newsletter.loader`, `events.loader`, `site.loader`);
this module runs them in order and does the checks that span capabilities: unique issue
numbers and event ids, event ids named by announcements, and every link in the pages.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .background import Background
from .errors import Problem, Problems
from .events.loader import load_event_file
from .events.model import Event
from .kit.checks import check_kit
from .links import check_links, site_map
from .memo import MEMO
from .newsletter.loader import load_announcement, load_issue
from .newsletter.model import Announcement, Issue
from .pageloader import PageLoader
from .roadmap.loader import load_site_roadmap
from .roadmap.model import Roadmap
from .safety.checks import ContentRules, check_event_descriptions, check_pages, check_symlinks
from .settings import Settings
from .site.loader import load_program
from .site.model import Program
from .urls import EVENT_ID_LINE
from .yamlio import too_big

# From this many Markdown pages on, their bodies are checked in a forked child while the
# rest loads: the real site's ~50 pages took 2.74 s instead of 3.0 s (medians of four,
# paired); a fork costs some 30 ms.
PARALLEL_PAGES = 30


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
    data_files: set[str] = field(default_factory=set)  # other data in docs_dir (roadmap.yml)
    roadmap: Roadmap | None = None  # content/roadmap/roadmap.yml, when the site has one
    # Values derived from this content and asked for more than once (the kit's items):
    # computed on first use, gone with the content.
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


def load_content(settings: Settings) -> tuple[Content, Problems]:
    """Read content/ from disk. Every problem is collected; nothing is raised."""
    problems = Problems()
    content = Content()
    docs = settings.docs_dir
    loader = PageLoader(settings, problems)
    # A symlink leading out of content/ is refused and never read (MkDocs would publish it).
    refused = check_symlinks(settings, problems)

    def own(paths: list[Path]) -> list[Path]:
        return [p for p in paths if p.relative_to(docs).as_posix() not in refused]

    programs = own(_markdown(docs / "programs"))
    issues = own(_markdown(docs / "newsletter", recursive=True))
    news = own(_markdown(docs / "news"))
    files = [f for f in _all_files(docs) if f not in refused]
    # Every Markdown page (ordinary pages too) is read as UTF-8 and its rendered HTML judged:
    # on the other core while this one loads the rest, on a large site outside `serve`.
    pages = [docs / f for f in files if f.endswith(".md")]
    checking = Background(
        lambda: _page_problems(settings, pages, reported_elsewhere={*programs, *issues, *news}),
        fork=len(pages) >= PARALLEL_PAGES and not settings.include_drafts,
    )
    for path in programs:
        program = load_program(loader, path)
        if program:
            content.programs.append(program)
    for path in issues:
        issue = load_issue(loader, path)
        if issue:
            content.issues.append(issue)
    for path in news:
        item = load_announcement(loader, path)
        if item:
            content.announcements.append(item)
    program_slugs = {p.slug for p in content.programs}
    event_dir = docs / "events"
    for path in own(sorted(event_dir.glob("*.y*ml"))) if event_dir.is_dir() else []:
        content.event_files.add(path.relative_to(docs).as_posix())
        content.events.extend(
            _event_file(path, settings, problems, loader.shown(path), program_slugs)
        )

    # Each description's Markdown rendered and judged: on the other core too (the page checks
    # are done by now), while this one goes on with the kit's texts and the links.
    describing = Background(
        lambda: _description_problems(settings, content.events),
        fork=len(content.events) >= PARALLEL_PAGES and not settings.include_drafts,
    )

    content.roadmap, roadmap_src = load_site_roadmap(settings, problems, program_slugs)
    content.data_files.update([roadmap_src] if roadmap_src else [])

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
    check_kit(content, settings, problems)  # /go/ codes unique, texts fit (kit/checks.py)
    problems.items.extend(checking.result())
    problems.items.extend(describing.result())
    site = site_map(
        settings,
        files,
        content.held_back | content.event_files | content.data_files,
        content.issues,
        event_ids,
    )
    check_links(settings, site, problems)
    return content, problems


def _page_problems(
    settings: Settings, pages: list[Path], *, reported_elsewhere: set[Path]
) -> list[Problem]:
    rules = ContentRules(settings, Problems())
    check_pages(rules, pages, reported_elsewhere=reported_elsewhere)
    return rules.problems.items


def _description_problems(settings: Settings, events: list[Event]) -> list[Problem]:
    rules = ContentRules(settings, Problems())
    check_event_descriptions(rules, events)
    return rules.problems.items


def _event_file(
    path: Path, settings: Settings, problems: Problems, shown: str, program_slugs: set[str]
) -> list[Event]:
    """`load_event_file` through the memo: a file whose bytes, name, the programs and the
    event categories are unchanged gives the same events and problems (parsing and checking
    some 3,000 events is most of a warm build's loading)."""
    if too_big(path):
        return load_event_file(path, settings, problems, shown, program_slugs)
    try:
        data = path.read_bytes()
    except OSError:
        return load_event_file(path, settings, problems, shown, program_slugs)
    parts = [
        hashlib.sha256(data).hexdigest(),
        shown,
        sorted(program_slugs),
        [(c.slug, c.label) for c in settings.event_categories],
    ]

    def load() -> tuple[list[Event], list[Problem]]:
        found = Problems()
        events = load_event_file(path, settings, found, shown, program_slugs)
        if _read_or_none(path) != data:  # written to meanwhile (an editor under `serve`)
            raise _Changed
        return _same_objects(str(path), events), found.items

    try:
        events, found = MEMO.get("events", parts, load)
    except _Changed:
        return load_event_file(path, settings, problems, shown, program_slugs)
    problems.items.extend(found)
    return list(events)  # Event is frozen: sharing them between builds is safe


def _same_objects(path: str, events: list[Event]) -> list[Event]:
    """The file's events, each one that equals (line numbers included) the event of that id
    loaded from this file before being that very object. Under `mkdocs serve`, an edit to one
    event of a file of 160 leaves the other 159 the same objects, and everything made from
    them (views, calendar entries, kit texts, page keys) is reused by object."""
    before = _LOADED.get(path, {})
    kept = []
    for event in events:
        old = before.get(event.id)
        same = old is not None and old == event and old.field_lines == event.field_lines
        kept.append(old if same and old is not None else event)
    _LOADED[path] = {event.id: event for event in kept}
    return kept


# Event file -> id -> the Event last loaded from it (`_same_objects`)
_LOADED: dict[str, dict[str, Event]] = {}


class _Changed(Exception):
    """A file changed while it was read: its result is not remembered."""


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _written_event_ids(docs: Path, event_files: set[str]) -> set[str]:
    ids: set[str] = set()
    for src_uri in event_files:
        if too_big(docs / src_uri):
            continue  # refused by the loader: never read
        text = (docs / src_uri).read_bytes().decode("utf-8", errors="replace")
        ids.update(EVENT_ID_LINE.findall(text))
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
        message="같은 id가 여러 곳에 있습니다: {places} (id: {key})",
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
