"""Events from content/events/*.yml: schema first, then what a schema cannot say."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..dates import DateFormatError, as_seoul, parse_date, parse_date_or_datetime
from ..errors import Problems, SourceLocation
from ..safety.checks import EVENT_FOLDED_FIELDS, EVENT_LINE_FIELDS, check_fields
from ..safety.values import date_problem
from ..schema import is_valid_def, validate
from ..settings import Settings
from ..urls import RESERVED_EVENT_IDS
from ..yamlio import LineDict, LineList, parse_yaml, read_file
from .model import Event, Registration, Repeat
from .occurrences import recurrence_starts

# The schema reports values that do not even look like a date; we only parse the others.
_LOOKS_LIKE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")


def load_event_file(
    path: Path, settings: Settings, problems: Problems, shown: str, program_slugs: set[str]
) -> list[Event]:
    """Events of one file; problems for every mistake (the valid events are still returned)."""
    text = read_file(path, shown, problems)
    if text is None:
        return []
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        problems.add(
            SourceLocation(shown, 1),
            "파일이 비어 있습니다",
            hint="행사를 '- id: ...' 목록으로 적거나, 필요 없으면 파일을 지우세요",
        )
        return []
    data = parse_yaml(text, shown, problems)
    if data is None:
        return []
    if not isinstance(data, LineList):
        problems.add(
            SourceLocation(shown, getattr(data, "line", 1)),
            "행사 파일은 목록이어야 합니다",
            hint="각 행사를 '- id: ...'처럼 하이픈으로 시작하세요",
        )
        return []
    schema_ok = validate(data, "events.schema.json", shown, problems)
    categories = {c.slug: c for c in settings.event_categories}
    events = []
    for item in data:
        if not isinstance(item, LineDict):
            continue  # the schema already said what is wrong with it
        # Events the schema rejected are still checked for what it cannot see (impossible
        # dates, end before start ...), so staff get every problem in one run.
        event = _event(item, shown, problems, categories, program_slugs)
        if event is not None and (schema_ok or is_valid_def(item, "events.schema.json", "event")):
            events.append(event)
    return events


def _text(item: LineDict, key: str) -> str:
    value = item.get(key, "")
    return value if isinstance(value, str) else ""


def _event(
    item: LineDict,
    shown: str,
    problems: Problems,
    categories: dict[str, Any],
    program_slugs: set[str],
) -> Event | None:
    count = len(problems)

    def bad(key: str, message: str, hint: str = "", line: int | None = None) -> None:
        problems.add(
            SourceLocation(shown, line or item.line_of(key.split(".")[0])),
            message,
            field=key,
            hint=hint,
        )

    def when(key: str, value: Any, line: int | None = None) -> date | datetime | None:
        if not isinstance(value, str) or not _LOOKS_LIKE_DATE.match(value.strip()):
            return None  # the schema reports it
        try:
            parsed = parse_date_or_datetime(value)
        except DateFormatError as exc:
            bad(key, str(exc), line=line)
            return None
        trouble = date_problem(parsed)
        if trouble:
            bad(key, *trouble, line=line)
            return None
        return parsed

    check_fields(
        item,
        shown,
        problems,
        line_fields=EVENT_LINE_FIELDS,
        folded_fields=EVENT_FOLDED_FIELDS,
        id_fields=("id",),
        id_lists=("audience",),
    )
    event_id = item.get("id")
    if isinstance(event_id, str) and event_id in RESERVED_EVENT_IDS:
        bad(
            "id",
            f"이 id는 다른 주소와 겹쳐 쓸 수 없습니다: {event_id}",
            "행사를 알아볼 수 있는 다른 id를 쓰세요 (예: " + f"{event_id}-briefing-2026)",
        )
    category = categories.get(str(item.get("category")))
    if "category" in item and category is None and isinstance(item["category"], str):
        bad(
            "category",
            f"없는 행사 분류입니다: {item['category']}",
            "쓸 수 있는 값: " + ", ".join(categories),
        )
    start = when("start", item.get("start"))
    end = when("end", item["end"]) if "end" in item else None
    if start is not None and end is not None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            bad(
                "end",
                "start와 end의 형식이 다릅니다 (하나는 날짜, 하나는 날짜·시각)",
                "종일 행사면 둘 다 YYYY-MM-DD, 시각이 있으면 둘 다 YYYY-MM-DD HH:MM",
            )
        elif end < start:  # type: ignore[operator]
            bad("end", f"끝({item['end']})이 시작({item['start']})보다 빠릅니다")
    program = item.get("program")
    if isinstance(program, str) and program not in program_slugs:
        bad(
            "program",
            f"없는 프로그램입니다: {program}",
            "content/programs/<이름>.md의 <이름>을 적으세요",
        )

    registration = None
    reg = item.get("registration")
    if isinstance(reg, LineDict):
        opens = when("registration.opens", reg.get("opens"), reg.line_of("opens"))
        closes = when("registration.closes", reg.get("closes"), reg.line_of("closes"))
        if opens is not None and closes is not None and as_seoul(closes) < as_seoul(opens):
            bad(
                "registration.closes",
                "신청 마감이 신청 시작보다 빠릅니다",
                line=reg.line_of("closes"),
            )
        capacity = reg.get("capacity")
        registration = Registration(
            url=reg.get("url") if isinstance(reg.get("url"), str) else None,
            opens=as_seoul(opens) if opens is not None else None,
            closes=_closing_instant(closes) if closes is not None else None,
            capacity=capacity if isinstance(capacity, int) else None,
        )

    repeat = _repeat(item, start, bad)

    valid = isinstance(event_id, str) and isinstance(item.get("title"), str)
    audience = item.get("audience")
    if len(problems) > count or start is None or category is None or not valid:
        return None
    if not isinstance(audience, list) or not all(isinstance(a, str) for a in audience):
        return None
    if not isinstance(event_id, str):
        return None
    return Event(
        id=event_id,
        title=item["title"].strip(),
        start=start,
        end=end,
        audience=tuple(audience),
        category=category,
        location=SourceLocation(shown, item.line_of("id")),
        summary=" ".join(_text(item, "summary").split()),
        description=_text(item, "description"),
        place=_text(item, "location").strip(),
        online=item.get("online") if isinstance(item.get("online"), str) else None,
        registration=registration,
        status=item.get("status", "scheduled"),
        repeat=repeat,
        program=program if isinstance(program, str) else None,
        survey=item.get("survey") if isinstance(item.get("survey"), str) else None,
        short=item.get("short") if isinstance(item.get("short"), str) else None,
        field_lines=dict(item.key_lines),
    )


def _repeat(item: LineDict, start: date | datetime | None, bad: Any) -> Repeat | None:
    rep = item.get("repeat")
    if not isinstance(rep, LineDict):
        return None
    until = None
    if isinstance(rep.get("until"), str) and _LOOKS_LIKE_DATE.match(rep["until"].strip()):
        try:
            until = parse_date(rep["until"])
        except DateFormatError as exc:
            bad("repeat.until", str(exc), line=rep.line_of("until"))
    dates: list[tuple[date, int]] = []
    excepts = rep.get("except", [])
    for index, value in enumerate(excepts if isinstance(excepts, LineList) else []):
        if not isinstance(value, str) or not _LOOKS_LIKE_DATE.match(value.strip()):
            continue
        try:
            dates.append((parse_date(value), excepts.line_of(index)))
        except DateFormatError as exc:
            bad("repeat.except", str(exc), line=excepts.line_of(index))
    freq, interval = rep.get("freq"), rep.get("interval", 1)
    if start is None or until is None or freq not in ("weekly", "monthly"):
        return None
    if not isinstance(interval, int) or interval < 1:
        return None
    first = start.date() if isinstance(start, datetime) else start
    if until < first:
        bad("repeat.until", "반복 끝 날짜가 시작보다 빠릅니다", line=rep.line_of("until"))
        return None
    if (until - first).days > 3 * 366:
        bad(
            "repeat.until",
            "반복 기간이 3년을 넘습니다",
            "until을 확인하세요",
            line=rep.line_of("until"),
        )
        return None
    repeat = Repeat(
        freq=freq, until=until, interval=interval, except_dates=tuple(sorted(d for d, _ in dates))
    )
    _check_except_dates(start, repeat, dates, bad)
    return repeat


def _check_except_dates(
    start: date | datetime, repeat: Repeat, dates: list[tuple[date, int]], bad: Any
) -> None:
    """An `except` date must be a day the event would happen; otherwise it is a typo."""
    days = {s.date() if isinstance(s, datetime) else s for s in recurrence_starts(start, repeat)}
    for day, line in dates:
        if day not in days:
            bad(
                "repeat.except",
                f"반복 날짜가 아닙니다: {day.isoformat()}",
                "쉬는 날은 행사가 원래 열리는 날짜로 적으세요",
                line=line,
            )


def _closing_instant(value: date | datetime) -> datetime:
    """A closing date means the end of that Seoul day."""
    if isinstance(value, datetime):
        return value
    return as_seoul(value).replace(hour=23, minute=59, second=59)
