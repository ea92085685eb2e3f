"""LMS (장문): a subject of at most 40 bytes and a text of at most 2,000 bytes (CP949).

Full details: what, when (with the repeat), where with map links, online link, audience,
registration period and state, capacity, how to apply, and the page link. A cancelled or
postponed event gets a notice instead; after the event, a follow-up with the survey link
(printed as it is, never a /go/ link). If a text is too long, parts are dropped in this
order: the map links, then the summary (shortened to 200 characters, then left out); if it
still does not fit, a note says so. Characters CP949 cannot encode: see encoding.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..dates import ko_date
from ..events.display import stamp, when_text
from ..events.occurrences import Occurrence
from . import wording
from .encoding import ENCODING, clean, cut_to_bytes
from .facts import EventFacts, IssueFacts
from .fill import fill_line, fill_lines

LMS_LIMIT = 2000
SUBJECT_LIMIT = 40
SUMMARY_CUT = 200  # characters kept of a summary when the text is too long
_ALWAYS = frozenset({"prefix", "center"})


@dataclass(frozen=True)
class Lms:
    subject: str
    text: str
    size: int  # bytes of `text` in CP949
    subject_size: int
    notes: tuple[str, ...] = ()

    @property
    def fits(self) -> bool:
        return self.size <= LMS_LIMIT and self.subject_size <= SUBJECT_LIMIT


def size(text: str) -> int:
    return len(text.encode(ENCODING))


def _subject(template: str, values: dict[str, str]) -> str:
    return fill_line(template, values)  # cleaned and cut to 40 bytes in _finish


def moment_text(value: datetime) -> str:
    """A date staff wrote without a time (start or end of the day) shows without one."""
    if (value.hour, value.minute) in ((0, 0), (23, 59)):
        return stamp(value.date())
    return stamp(value)


def when_full(facts: EventFacts) -> str:
    """`2026년 12월 12일 (토) 14:00~16:00`."""
    return when_text(Occurrence(facts.start, facts.end), year=True)


def _registration(facts: EventFacts) -> dict[str, str]:
    reg = facts.registration
    if reg is None or facts.status != "scheduled":
        return {}
    opens = moment_text(reg.opens) if reg.opens else ""
    closes = moment_text(reg.closes)
    return {
        "registration": wording.REGISTRATION_STATES[reg.state].format(opens=opens, closes=closes),
        "registration_period": f"{opens} ~ {closes}" if opens else f"~ {closes}",
        "capacity": wording.CAPACITY.format(capacity=reg.capacity) if reg.capacity else "",
        "how_to_apply": (
            wording.HOW_TO_APPLY_URL.format(url=reg.url) if reg.url else wording.HOW_TO_APPLY_PAGE
        ),
    }


def _finish(template: str, values: dict[str, str], subject: str) -> Lms:
    """Fill in, clean for CP949 and drop parts until the text fits."""
    attempts = [values]
    if values.get("map_links"):
        attempts.append(values := values | {"map_links": ""})
    summary = values.get("summary", "")
    if len(summary) > SUMMARY_CUT:
        attempts.append(values := values | {"summary": summary[:SUMMARY_CUT] + wording.ELLIPSIS})
    if summary:
        attempts.append(values | {"summary": ""})
    for attempt in attempts:
        cleaned = clean(fill_lines(template, attempt, _ALWAYS), multiline=True)
        if size(cleaned.text) <= LMS_LIMIT:
            break
    subject_clean = clean(subject)
    notes = []
    removed = " ".join(dict.fromkeys((*subject_clean.removed, *cleaned.removed)))
    if removed:
        notes.append(f"문자(CP949)로 보낼 수 없는 글자를 뺐습니다: {removed}")
    if size(cleaned.text) > LMS_LIMIT:
        notes.append(f"장문 문자가 {size(cleaned.text)}바이트로 {LMS_LIMIT}바이트를 넘습니다.")
    subject_text = cut_to_bytes(subject_clean.text, SUBJECT_LIMIT, wording.ELLIPSIS)
    return Lms(subject_text, cleaned.text, size(cleaned.text), size(subject_text), tuple(notes))


def _event_values(facts: EventFacts, center: str) -> dict[str, str]:
    return {
        "prefix": wording.PREFIX,
        "title": facts.title,
        "summary": facts.summary.strip(),
        "when": when_full(facts),
        "repeat": facts.repeat_text,
        "place": facts.place,
        "map_links": "\n".join(
            wording.MAP_LINE.format(label=label, href=href) for label, href in facts.map_links
        ),
        "online": facts.online or "",
        "audience": ", ".join(facts.audience),
        "page_url": facts.page_url,
        "center": center,
    } | _registration(facts)


def event_lms(facts: EventFacts, center: str = wording.CENTER_NAME) -> Lms:
    """The LMS for an event, or its cancellation/postponement notice."""
    values = _event_values(facts, center)
    template, subject = {
        "cancelled": (wording.LMS_EVENT_CANCELLED, wording.LMS_SUBJECT_CANCELLED),
        "postponed": (wording.LMS_EVENT_POSTPONED, wording.LMS_SUBJECT_POSTPONED),
    }.get(facts.status, (wording.LMS_EVENT, wording.LMS_SUBJECT_EVENT))
    return _finish(template, values, _subject(subject, values))


def follow_up_lms(facts: EventFacts, center: str = wording.CENTER_NAME) -> Lms | None:
    """After the event: thanks and the survey link; None without a survey or if cancelled."""
    if not facts.survey or facts.status == "cancelled":
        return None
    values = _event_values(facts, center) | {"survey": facts.survey}
    return _finish(wording.LMS_FOLLOW_UP, values, _subject(wording.LMS_SUBJECT_FOLLOW_UP, values))


def issue_lms(facts: IssueFacts, center: str = wording.CENTER_NAME) -> Lms:
    values = {
        "prefix": wording.PREFIX,
        "number": str(facts.number),
        "title": facts.title,
        "summary": facts.summary.strip(),
        "date": ko_date(facts.date),
        "page_url": facts.page_url,
        "center": center,
    }
    return _finish(wording.LMS_ISSUE, values, _subject(wording.LMS_SUBJECT_ISSUE, values))
