"""Newsletter issues and announcements from content/newsletter/** and content/news/*.md."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceLocation
from ..pageloader import PageLoader, sound
from ..safety.values import issue_number_problem
from ..yamlio import LineDict
from .model import Announcement, Issue


def load_issue(pages: PageLoader, path: Path) -> Issue | None:
    shown = pages.shown(path)
    data, bad = pages.front_matter(path, "issue.schema.json")
    if data is None:
        return None
    number = data.get("issue")
    numeric = isinstance(number, int | float) and not isinstance(number, bool)
    trouble = issue_number_problem(number) if numeric else None  # the schema names the rest
    if trouble:  # the schema takes 6.0 and 10**12 for integers; URLs need 1..9999
        pages.problems.add(
            SourceLocation(shown, data.line_of("issue")), trouble[0], field="issue", hint=trouble[1]
        )
        bad = (bad or set()) | {"issue"}
    day = pages.read_date(data, shown) if sound(data, bad, "date", str) else None
    categories = pages.categories(data, shown) if sound(data, bad, "categories", list) else ()
    pdf, pdf_size = _pdf(pages, data, path, shown) if sound(data, bad, "pdf", str) else (None, None)
    if bad is not None or day is None or (data.get("pdf") and pdf is None):
        return None
    src_uri = path.relative_to(pages.settings.docs_dir).as_posix()
    pages.publish(src_uri, bool(data.get("draft")), day)
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


def load_announcement(pages: PageLoader, path: Path) -> Announcement | None:
    shown = pages.shown(path)
    data, bad = pages.front_matter(path, "announcement.schema.json")
    if data is None:
        return None
    day = pages.read_date(data, shown) if sound(data, bad, "date", str) else None
    categories = pages.categories(data, shown) if sound(data, bad, "categories", list) else ()
    if bad is not None or day is None:
        return None
    src_uri = path.relative_to(pages.settings.docs_dir).as_posix()
    pages.publish(src_uri, bool(data.get("draft")), day)
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


def _pdf(
    pages: PageLoader, data: LineDict, path: Path, shown: str
) -> tuple[str | None, int | None]:
    value = data.get("pdf")
    if not value:
        return None, None
    docs = pages.settings.docs_dir.resolve()
    relative = value.lstrip("/")
    for candidate in ((path.parent / value), (docs / relative)):
        candidate = candidate.resolve()
        if candidate.is_file() and candidate.is_relative_to(docs):
            return candidate.relative_to(docs).as_posix(), candidate.stat().st_size
    pages.problems.add(
        SourceLocation(shown, data.line_of("pdf")),
        f"PDF 파일이 없습니다: {value}",
        field="pdf",
        hint="content/ 안에 PDF를 올리고, 이 파일 기준 상대 경로로 적으세요",
    )
    return None, None
