"""SMS (단문): at most 90 bytes in CP949, holding what, when, where and the short link.

When the full text is too long, parts are dropped in this order until it fits:
1. the place; 2. the weekday(s) of the date; 3. the word 신청; 4. the title, shortened
character by character (ending with `…`) down to `MIN_TITLE_CHARS` characters; 5. the
link's `https://` (phones still link `host/go/code/`), with the title as long as then fits.
If the prefix, the shortest title, the date and the link still do not fit, the text is
returned as it is with a note (`Sms.fits` is False): the kit page shows the note and
`eduhub check` lists it without failing. Characters CP949 cannot encode: see encoding.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..dates import WEEKDAYS
from . import wording
from .encoding import ENCODING, clean
from .facts import EventFacts, IssueFacts
from .fill import fill_line

SMS_LIMIT = 90


@dataclass(frozen=True)
class Sms:
    text: str
    size: int  # bytes in CP949
    dropped: tuple[str, ...] = ()  # "place", "weekday", "action", "title" (what was cut)
    notes: tuple[str, ...] = ()

    @property
    def fits(self) -> bool:
        return self.size <= SMS_LIMIT


def size(text: str) -> int:
    return len(text.encode(ENCODING))


def short_place(place: str) -> str:
    """The place as the SMS says it: `금천진로진학지원센터 상담실` → `센터 상담실`."""
    for long, short in wording.PLACE_ABBREVIATIONS.items():
        place = place.replace(long, short)
    return place.strip()


def _day(value: date | datetime, weekday: bool) -> str:
    d = value.date() if isinstance(value, datetime) else value
    text = f"{d.month}.{d.day}."
    return text + f"({WEEKDAYS[d.weekday()]})" if weekday else text


def _hour(value: datetime) -> str:
    return f"{value.hour}시" if value.minute == 0 else f"{value.hour}:{value.minute:02d}"


def sms_when(facts: EventFacts, *, weekday: bool = True) -> str:
    """`12.12.(토) 14시`, `8.17.(월)~8.28.(금)`, `매주 금 16시`; without weekdays if asked."""
    start, end = facts.start, facts.end
    time = f" {_hour(start)}" if isinstance(start, datetime) else ""
    if facts.repeat_freq is not None:
        first = facts.first_start or start
        first_day = first.date() if isinstance(first, datetime) else first
        n = facts.repeat_interval
        values = {"n": n, "weekday": WEEKDAYS[first_day.weekday()], "day": first_day.day}
        if facts.repeat_freq == "weekly":
            rule = wording.SMS_WEEKLY if n == 1 else wording.SMS_EVERY_N_WEEKS
        else:
            rule = wording.SMS_MONTHLY if n == 1 else wording.SMS_EVERY_N_MONTHS
        return fill_line(rule, values) + time
    text = _day(start, weekday) + time
    if end is not None:
        end_day = end.date() if isinstance(end, datetime) else end
        start_day = start.date() if isinstance(start, datetime) else start
        if end_day != start_day:
            text += "~" + _day(end_day, weekday)
    return text


def _fit(template: str, values: dict[str, str], steps: list[tuple[str, dict[str, str]]]) -> Sms:
    """Try the text, then each step's changes on top of the previous ones, then shorter
    titles, then the same titles with a link without `https://`; the first that fits wins."""
    dropped: list[str] = []
    current = dict(values)
    text = fill_line(template, current)
    if size(text) <= SMS_LIMIT:
        return Sms(text, size(text))
    for name, change in steps:
        if all(current.get(k) == v for k, v in change.items()):
            continue  # nothing to drop (no place, no weekday ...)
        current.update(change)
        dropped.append(name)
        text = fill_line(template, current)
        if size(text) <= SMS_LIMIT:
            return Sms(text, size(text), tuple(dropped))
    link = current.get("link", "")
    links = [link] + ([link.split("://", 1)[1]] if "://" in link else [])
    for number, try_link in enumerate(links):
        for title, cut in _titles(current.get("title", "")):
            attempt = current | {"title": title, "link": try_link}
            text = fill_line(template, attempt)
            if size(text) <= SMS_LIMIT:
                extra = (["title"] if cut else []) + (["scheme"] if number else [])
                return Sms(text, size(text), (*dropped, *extra))
    title, cut = _titles(current.get("title", ""))[-1]
    text = fill_line(template, current | {"title": title})
    note = (
        f"단문 문자가 {size(text)}바이트로 {SMS_LIMIT}바이트를 넘습니다: 제목·날짜·링크만으로도"
        " 들어가지 않습니다. 장문(LMS)으로 보내거나 더 짧은 사이트 주소를 써 주세요."
    )
    return Sms(text, size(text), (*dropped, *(["title"] if cut else [])), (note,))


def _titles(title: str) -> list[tuple[str, bool]]:
    """The title, then ever shorter forms down to MIN_TITLE_CHARS characters (cut: True)."""
    shorter = [
        (title[:keep].rstrip() + wording.ELLIPSIS, True)
        for keep in range(len(title) - 1, wording.MIN_TITLE_CHARS - 1, -1)
    ]
    return [(title, False), *shorter]


def _removed_note(removed: list[str]) -> tuple[str, ...]:
    if not removed:
        return ()
    chars = " ".join(dict.fromkeys(removed))
    return (f"문자(CP949)로 보낼 수 없는 글자를 뺐습니다: {chars}",)


def event_sms(facts: EventFacts) -> Sms:
    """The SMS for an event: a cancellation or postponement notice when it is one."""
    title = clean(facts.title)
    place = clean(short_place(facts.place))
    link = clean(facts.short_url).text
    values = {
        "prefix": wording.PREFIX,
        "title": title.text,
        "when": sms_when(facts),
        "place": place.text,
        "action": wording.ACTION_REGISTER if facts.registration is not None else "",
        "link": link,
    }
    template = {
        "cancelled": wording.SMS_EVENT_CANCELLED,
        "postponed": wording.SMS_EVENT_POSTPONED,
    }.get(facts.status, wording.SMS_EVENT)
    steps = [
        ("place", {"place": ""}),
        ("weekday", {"when": sms_when(facts, weekday=False)}),
        ("action", {"action": ""}),
    ]
    sms = _fit(template, values, steps)
    notes = _removed_note([*title.removed, *place.removed]) + sms.notes
    return Sms(sms.text, sms.size, sms.dropped, notes)


def issue_sms(facts: IssueFacts) -> Sms:
    """The SMS for a newsletter issue: number, title and the short link."""
    title = clean(facts.title)
    values = {
        "prefix": wording.PREFIX,
        "number": str(facts.number),
        "title": title.text,
        "link": clean(facts.short_url).text,
    }
    sms = _fit(wording.SMS_ISSUE, values, [])
    return Sms(sms.text, sms.size, sms.dropped, _removed_note(list(title.removed)) + sms.notes)
