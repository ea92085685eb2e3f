"""The safety rules applied to content, reporting `path:line: field: message` problems.

Called from the one loading path (`content.load_content` and the loaders it runs), so
`eduhub check` and the build refuse exactly the same things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import Problems, SourceLocation
from ..memo import MEMO
from ..settings import Settings
from ..yamlio import read_file
from .budget import TooSlow, render_seconds, time_limit, too_slow
from .html import MarkdownRenderer, html_problems, line_of, markdown_options
from .paths import escaping_symlinks
from .sanitize import host_of
from .text import id_problem, line_problem
from .values import date_problem

# MkDocs' own front-matter pattern (mkdocs.utils.meta): the body starts after it.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


class ContentRules:
    """Rules that need the settings (Markdown extensions, the site's host); one per load."""

    def __init__(self, settings: Settings, problems: Problems) -> None:
        self.settings = settings
        self.problems = problems
        self.own_hosts = {host_of(settings.site_url)}
        self._renderer: MarkdownRenderer | None = None

    def renderer(self) -> MarkdownRenderer:
        if self._renderer is None:
            names, configs = markdown_options(self.settings.markdown_extensions)
            self._renderer = MarkdownRenderer(names, configs)
        return self._renderer

    def add(self, shown: str, line: int, field: str, trouble: tuple[str, str]) -> None:
        self.problems.add(SourceLocation(shown, line), trouble[0], field=field, hint=trouble[1])

    def single_line(self, value: Any, shown: str, line: int, field: str) -> bool:
        """False (with a problem) when a one-line text value is not one clean line."""
        if not isinstance(value, str):
            return True  # the schema reports wrong types
        trouble = line_problem(value)
        if trouble:
            self.add(shown, line, field, trouble)
            return False
        return True

    def folded_text(self, value: Any, shown: str, line: int, field: str) -> bool:
        """Like `single_line`, but newlines are allowed (summaries are joined into one line)."""
        if not isinstance(value, str):
            return True
        trouble = line_problem(" ".join(value.split("\n")))
        if trouble:
            self.add(shown, line, field, trouble)
            return False
        return True

    def identifier(self, value: Any, shown: str, line: int, field: str) -> bool:
        trouble = id_problem(value, what=field)
        if trouble and isinstance(value, str):
            self.add(shown, line, field, trouble)
            return False
        return True

    def in_window(self, value: date | datetime | None, shown: str, line: int, field: str) -> bool:
        trouble = date_problem(value) if value is not None else None
        if trouble:
            self.add(shown, line, field, trouble)
            return False
        return True

    def markdown(self, text: str, shown: str, first_line: int, field: str = "") -> bool:
        """False (with one problem per finding) when the rendered Markdown is unsafe."""
        if not text.strip():
            return True
        try:
            found = MEMO.get(  # a TooSlow is never remembered: the next run tries again
                "safety",
                [text, self.settings.markdown_extensions, sorted(self.own_hosts)],
                lambda: html_problems(self._render(text), own_hosts=self.own_hosts),
            )
        except TooSlow as slow:
            self._renderer = None  # stopped part-way: the next body gets a fresh instance
            self.add(shown, first_line, field, too_slow(slow.seconds))
            return False
        for problem in found:
            line = line_of(problem.needle, text, first_line)
            self.add(shown, line, field, (problem.message, problem.hint))
        return not found

    def _render(self, text: str) -> str:
        renderer = self.renderer()
        with time_limit(render_seconds()):
            return renderer(text)

    def page(self, path: Path, problems_reading: Problems | None = None) -> None:
        """Check the Markdown body of one page file (front matter skipped, lines kept)."""
        shown = self.settings.display_path(path)
        text = read_file(
            path, shown, self.problems if problems_reading is None else problems_reading
        )
        if text is None:
            return
        match = _FRONT_MATTER.match(text)
        body, first_line = (
            (text[match.end() :], text.count("\n", 0, match.end()) + 1) if match else (text, 1)
        )
        self.markdown(body, shown, first_line)


def check_symlinks(settings: Settings, problems: Problems) -> set[str]:
    """A problem for each symlink leaving docs_dir; returns their src_uris (to skip)."""
    refused = set()
    docs = settings.docs_dir.resolve()
    for link in escaping_symlinks(settings.docs_dir):
        message, hint = link.message()
        # display_path resolves (and so follows) the link: name the link itself, by its folder.
        shown = f"{settings.display_path(link.link.parent)}/{link.link.name}"
        problems.add(SourceLocation(shown, 1), message, hint=hint)
        refused.add(link.link.relative_to(docs).as_posix())
    return refused


def check_pages(
    rules: ContentRules, paths: Iterable[Path], *, reported_elsewhere: set[Path]
) -> None:
    """Body rules for every Markdown page; reading problems (size, UTF-8) of the files the
    page loaders already read are not repeated."""
    for path in paths:
        rules.page(path, Problems() if path in reported_elsewhere else None)


# One-line fields of each kind of file; "folded" ones may be written over several lines
# (YAML `>`) and are joined with spaces by the loaders.
PAGE_LINE_FIELDS = ("title", "pdf")
PAGE_FOLDED_FIELDS = ("summary",)
PAGE_ID_LISTS = ("events", "categories", "audience")
EVENT_LINE_FIELDS = ("title", "location", "online", "category", "program", "status", "survey")
EVENT_FOLDED_FIELDS = ("summary",)


def check_fields(
    data: Any,
    shown: str,
    problems: Problems,
    *,
    line_fields: Iterable[str],
    folded_fields: Iterable[str] = (),
    id_fields: Iterable[str] = (),
    id_lists: Iterable[str] = (),
) -> set[str]:
    """Text rules on a mapping with line numbers (front matter, one event); returns the
    fields that broke a rule (the loaders treat them like fields the schema rejected)."""
    rules = _TextRules(problems)
    bad: set[str] = set()
    for key in line_fields:
        if key in data and not rules.single_line(data[key], shown, data.line_of(key), key):
            bad.add(key)
    for key in folded_fields:
        if key in data and not rules.folded(data[key], shown, data.line_of(key), key):
            bad.add(key)
    for key in id_fields:
        if key in data and not rules.identifier(data[key], shown, data.line_of(key), key):
            bad.add(key)
    for key in id_lists:
        values = data.get(key)
        if not isinstance(values, list):
            continue
        for index, value in enumerate(values):
            line = values.line_of(index) if hasattr(values, "line_of") else data.line_of(key)
            if not rules.single_line(value, shown, line, f"{key}[{index}]"):  # as the schema
                bad.add(key)
    registration = data.get("registration")
    if hasattr(registration, "line_of") and "url" in registration:
        if not rules.single_line(
            registration["url"], shown, registration.line_of("url"), "registration.url"
        ):
            bad.add("registration")
    return bad


class _TextRules(ContentRules):
    """The text-only rules (no settings needed)."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def folded(self, value: Any, shown: str, line: int, field: str) -> bool:
        return self.folded_text(value, shown, line, field)


def check_event_descriptions(rules: ContentRules, events: Iterable[Any]) -> None:
    """Body rules on each event's Markdown description, at its lines in the event file."""
    for event in events:
        if not event.description.strip():
            continue
        line = event.field_lines.get("description", event.location.line)
        rules.markdown(event.description, event.location.path, line + 1, "description")
