"""Events from content/events/*.yml: schema first, then what a schema cannot say."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..dates import DateFormatError, as_seoul, parse_date, parse_date_or_datetime
from ..errors import Problems, SourceLocation
from ..models import Event, Registration, Repeat
from ..settings import Settings
from ..yamlio import LineDict, LineList, parse_yaml, read_text
from .schema import is_valid_def, validate


def load_event_file(
    path: Path, settings: Settings, problems: Problems, shown: str, program_slugs: set[str]
) -> list[Event]:
    """Events of one file; problems for every mistake (the valid events are still returned)."""
    text = read_text(path.read_bytes(), shown, problems)
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
    if not validate(data, "events.schema.json", shown, problems):
        # Still check what the schema cannot, for the events it accepted.
        items = [item for item in data if is_valid_def(item, "events.schema.json", "event")]
    else:
        items = list(data)
    categories = {c.slug: c for c in settings.event_categories}
    events = []
    for item in items:
        event = _event(item, shown, problems, categories, program_slugs)
        if event is not None:
            events.append(event)
    return events


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
        try:
            return parse_date_or_datetime(value)
        except DateFormatError as exc:
            bad(key, str(exc), line=line)
            return None

    category = categories.get(item["category"])
    if category is None:
        bad(
            "category",
            f"없는 행사 분류입니다: {item['category']}",
            "쓸 수 있는 값: " + ", ".join(categories),
        )
    start = when("start", item["start"])
    end = when("end", item["end"]) if "end" in item else None
    if start is not None and end is not None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            bad("end", "start와 end의 형식이 다릅니다 (하나는 날짜, 하나는 날짜·시각)",
                "종일 행사면 둘 다 YYYY-MM-DD, 시각이 있으면 둘 다 YYYY-MM-DD HH:MM")
        elif end < start:  # type: ignore[operator]
            bad("end", f"끝({item['end']})이 시작({item['start']})보다 빠릅니다")
    if "program" in item and item["program"] not in program_slugs:
        bad("program", f"없는 프로그램입니다: {item['program']}",
            "content/programs/<이름>.md의 <이름>을 적으세요")

    registration = None
    if "registration" in item:
        reg: LineDict = item["registration"]
        opens = when("registration.opens", reg["opens"], reg.line_of("opens")) if "opens" in reg else None
        closes = (
            when("registration.closes", reg["closes"], reg.line_of("closes"))
            if "closes" in reg
            else None
        )
        if opens is not None and closes is not None and as_seoul(closes) < as_seoul(opens):
            bad("registration.closes", "신청 마감이 신청 시작보다 빠릅니다", line=reg.line_of("closes"))
        registration = Registration(
            url=reg.get("url"),
            opens=as_seoul(opens) if opens is not None else None,
            closes=_closing_instant(closes) if closes is not None else None,
            capacity=reg.get("capacity"),
        )

    repeat = None
    if "repeat" in item:
        rep: LineDict = item["repeat"]
        until = except_dates = None
        try:
            until = parse_date(rep["until"])
        except DateFormatError as exc:
            bad("repeat.until", str(exc), line=rep.line_of("until"))
        dates = []
        for index, value in enumerate(rep.get("except", [])):
            try:
                dates.append(parse_date(value))
            except DateFormatError as exc:
                bad("repeat.except", str(exc), line=rep["except"].line_of(index))
        except_dates = tuple(sorted(dates))
        if start is not None and until is not None:
            first = start.date() if isinstance(start, datetime) else start
            if until < first:
                bad("repeat.until", "반복 끝 날짜가 시작보다 빠릅니다", line=rep.line_of("until"))
            if (until - first).days > 3 * 366:
                bad("repeat.until", "반복 기간이 3년을 넘습니다", "until을 확인하세요",
                    line=rep.line_of("until"))
        if until is not None:
            repeat = Repeat(
                freq=rep["freq"],
                until=until,
                interval=rep.get("interval", 1),
                except_dates=except_dates,
            )

    if len(problems) > count or start is None or category is None:
        return None
    return Event(
        id=item["id"],
        title=item["title"].strip(),
        start=start,
        end=end,
        audience=tuple(item["audience"]),
        category=category,
        location=SourceLocation(shown, item.line_of("id")),
        summary=" ".join(item.get("summary", "").split()),
        description=item.get("description", ""),
        place=item.get("location", "").strip(),
        online=item.get("online"),
        registration=registration,
        status=item.get("status", "scheduled"),
        repeat=repeat,
        program=item.get("program"),
        field_lines=dict(item.key_lines),
    )


def _closing_instant(value: date | datetime) -> datetime:
    """A closing date means the end of that Seoul day."""
    if isinstance(value, datetime):
        return value
    return as_seoul(value).replace(hour=23, minute=59, second=59)
