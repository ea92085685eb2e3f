"""What `eduhub check` and the build check for the kit, on the shared validation path.

Errors (the build fails): two items with the same /go/ code (both places named), an LMS
that does not fit 2,000 bytes even after dropping parts (only an absurdly long title does
that). Notes (never fail, not MkDocs warnings): an SMS that cannot fit 90 bytes, characters
CP949 cannot send. Both come with the item's `path:line`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import Problem, Problems, SourceLocation
from ..memo import MEMO
from ..models import AUDIENCES
from . import wording
from .facts import EventFacts, IssueFacts, event_facts
from .items import KitItem, event_item, go_path, issue_item
from .shortcode import Claim, assign, claim

Key = tuple[str, str]  # ("event", id) or ("issue", "<number>")


def _where(location: SourceLocation, line: int | None = None) -> str:
    return str(SourceLocation(location.path, line or location.line))


def claims(content: Any) -> list[Claim[Key]]:
    """Every item's claim to a /go/ code: events in file order, then issues by number."""
    found: list[Claim[Key]] = []
    events = sorted(content.events, key=lambda e: (e.location.path, e.location.line))
    for event in events:
        short = getattr(event, "short", None)
        line = event.field_lines.get("short") if short else None
        found.append(
            claim("event", event.id, ("event", event.id), _where(event.location, line), short)
        )
    for issue in sorted(content.issues, key=lambda i: i.number):
        if not getattr(issue, "draft", False):
            found.append(
                claim(
                    "issue",
                    str(issue.number),
                    ("issue", str(issue.number)),
                    _where(issue.location),
                    getattr(issue, "short", None),
                )
            )
    return found


def codes(content: Any) -> dict[Key, str]:
    """(kind, id) -> code; an item that lost a collision keeps its own hashed code here
    (the build refuses collisions before any page is made)."""
    assigned, collisions = assign(claims(content))
    result = {c.item: code for code, c in assigned.items()}
    for collision in collisions:
        result.setdefault(collision.second.item, collision.second.code)
    return result


def check_codes(content: Any, problems: Problems) -> None:
    """Two items with the same code: a problem at the second, naming both places."""
    _, collisions = assign(claims(content))
    for collision in collisions:
        if collision.first.item == collision.second.item:
            continue  # the same id twice: the id check reports it
        path, _, line = collision.second.where.rpartition(":")
        problems.add(SourceLocation(path, int(line)), collision.message(), field="short")


def items(
    content: Any, site_url: str, now: datetime, center: str = wording.CENTER_NAME
) -> list[tuple[KitItem, SourceLocation]]:
    """Every kit item with the place of its source (events, then issues newest first).

    `center` is the centre's name (mkdocs.yml extra.center.name, see `center_name`). Made
    once per content: the check and the kit feature both ask."""
    memo = content.derived.setdefault("kit items", {})
    key = (site_url, now, center)
    if key not in memo:
        memo[key] = _items(content, site_url, now, center)
    return list(memo[key])


def _items(
    content: Any, site_url: str, now: datetime, center: str
) -> list[tuple[KitItem, SourceLocation]]:
    code_of = codes(content)
    found = []
    for event in content.events:
        item = _event_item(event, code_of[("event", event.id)], now, site_url, center)
        found.append((item, event.location))
    for issue in content.issues:
        if getattr(issue, "draft", False):
            continue
        code = code_of[("issue", str(issue.number))]
        issue_facts = IssueFacts(
            number=issue.number,
            title=issue.title,
            date=issue.date,
            page_url=site_url + issue.url,
            short_url=site_url + go_path(code),
            summary=issue.summary,
        )
        item = MEMO.get(
            "kit-item",
            ["issue", repr(issue_facts), code, site_url, center],
            lambda f=issue_facts, code=code: issue_item(f, code, site_url, center),  # type: ignore[misc]
        )
        found.append((item, issue.location))
    return found


def _event_item(event: Any, code: str, now: datetime, site_url: str, center: str) -> KitItem:
    """The texts of one event, through the memo (thousands of events: made once each).
    Its facts follow from the event and the values in `extra` (and this package's code, in
    every memo key), so the key is made of those, not of the facts: a warm build makes no
    facts for an unchanged event (0.5 s at 10x), and under `serve` the same object again
    skips even its key."""
    made: list[EventFacts] = []

    def facts() -> EventFacts:
        if not made:
            made.append(
                event_facts(
                    event,
                    now=now,
                    page_url=site_url + event.url,
                    short_url=site_url + go_path(code),
                    audience_labels=AUDIENCES,
                )
            )
        return made[0]

    extra = repr((now, site_url, code, center))
    key = MEMO.anchored_key("kit-item", event, extra, lambda: ["event", repr(event), extra])
    return MEMO.get("kit-item", None, lambda: event_item(facts(), code, site_url, center), key=key)


def check_texts(
    content: Any, site_url: str, now: datetime, center: str = wording.CENTER_NAME
) -> tuple[Problems, list[Problem]]:
    """(errors, notes) about the texts of every item."""
    errors = Problems()
    notes: list[Problem] = []
    for item, location in items(content, site_url, now, center):
        for lms in (item.lms, item.follow_up):
            if lms is not None and not lms.fits:
                errors.add(
                    location,
                    f"장문 문자가 {lms.size}바이트로 2,000바이트를 넘습니다",
                    field="title",
                    hint="제목을 줄여 주세요",
                )
        for note in (*item.sms.notes, *item.lms.notes):
            notes.append(Problem(location, f"홍보 키트 알림: {note}", field="title"))
    return errors, sorted(set(notes))


def check_kit(content: Any, settings: Any, problems: Problems) -> None:
    """The kit's errors on the shared validation path (content.load_content)."""
    check_codes(content, problems)
    errors, _ = check_texts(content, settings.site_url, settings.build_time, center_name(settings))
    problems.extend(errors)


def kit_notes(content: Any, settings: Any) -> list[Problem]:
    """The kit's notes for `eduhub check` (listed, never failing)."""
    return check_texts(content, settings.site_url, settings.build_time, center_name(settings))[1]


def center_name(settings: Any) -> str:
    """The centre's name for texts and posters: mkdocs.yml's extra.center.name when set."""
    return getattr(settings, "center_name", "") or wording.CENTER_NAME
