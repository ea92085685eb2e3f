"""One kit item per event and per newsletter issue: every text, link and file of it."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..dates import ko_date
from . import wording
from .facts import EventFacts, IssueFacts
from .lms import Lms, event_lms, follow_up_lms, issue_lms, when_full
from .sms import Sms, event_sms, issue_sms


def kit_path(kind: str, item_id: str | int) -> str:
    """Site-relative folder of an item's kit page: `kit/events/<id>/`, `kit/newsletter/<n>/`."""
    return urls.kit_event(str(item_id)) if kind == "event" else urls.kit_issue(item_id)


def go_path(code: str) -> str:
    return urls.go(code)


@dataclass(frozen=True)
class KitItem:
    kind: str  # "event" | "issue"
    id: str  # event id, or the issue number as text
    title: str
    code: str  # the /go/ code
    page_url: str  # absolute
    short_url: str  # absolute
    kit_url: str  # site-relative
    qr_svg_url: str  # absolute
    qr_png_url: str  # absolute
    sms: Sms
    lms: Lms
    follow_up: Lms | None = None  # after the event, with the survey link
    poster_url: str | None = None  # site-relative, events only
    status: str = "scheduled"
    when: str = ""  # `2026년 12월 12일 (토) 14:00~16:00` (events), `2026년 11월 20일 (금)` (issues)
    survey: str | None = None
    event: EventFacts | None = None
    issue: IssueFacts | None = None

    @property
    def notes(self) -> tuple[str, ...]:
        """Everything staff should know before sending (shown on the page, by `eduhub check`)."""
        extra = self.follow_up.notes if self.follow_up else ()
        return tuple(dict.fromkeys((*self.sms.notes, *self.lms.notes, *extra)))

    @property
    def survey_label(self) -> str:
        return wording.SURVEY_LABEL


def event_item(
    facts: EventFacts, code: str, site_url: str, center: str = wording.CENTER_NAME
) -> KitItem:
    folder = kit_path("event", facts.id)
    return KitItem(
        kind="event",
        id=facts.id,
        title=facts.title,
        code=code,
        page_url=facts.page_url,
        short_url=facts.short_url,
        kit_url=folder,
        qr_svg_url=site_url + folder + "qr.svg",
        qr_png_url=site_url + folder + "qr.png",
        sms=event_sms(facts),
        lms=event_lms(facts, center),
        follow_up=follow_up_lms(facts, center),
        poster_url=urls.kit_poster(facts.id),
        status=facts.status,
        when=when_full(facts),
        survey=facts.survey,
        event=facts,
    )


def issue_item(
    facts: IssueFacts, code: str, site_url: str, center: str = wording.CENTER_NAME
) -> KitItem:
    folder = kit_path("issue", facts.number)
    return KitItem(
        kind="issue",
        id=str(facts.number),
        title=facts.title,
        code=code,
        page_url=facts.page_url,
        short_url=facts.short_url,
        kit_url=folder,
        qr_svg_url=site_url + folder + "qr.svg",
        qr_png_url=site_url + folder + "qr.png",
        sms=issue_sms(facts),
        lms=issue_lms(facts, center),
        when=ko_date(facts.date),
        issue=facts,
    )
