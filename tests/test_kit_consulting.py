"""The next regular consultation day: weekly repeat, `except` dates, cancelled events."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from eduhub.kit.consulting import next_session
from eduhub.models import SEOUL


@dataclass(frozen=True)
class Repeat:
    freq: str
    until: date
    interval: int = 1
    except_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class Event:
    """The fields the consulting path reads (duck-typed like eduhub's Event)."""

    id: str
    start: datetime
    end: datetime
    repeat: Repeat | None
    program: str | None = "always-counseling"
    status: str = "scheduled"

    @property
    def url(self) -> str:
        return f"events/{self.id}/"


def seoul(*args: int) -> datetime:
    return datetime(*args, tzinfo=SEOUL)


WEEKLY = Event(
    id="always-counseling-weekly",
    start=seoul(2026, 3, 6, 16, 0),
    end=seoul(2026, 3, 6, 19, 0),
    repeat=Repeat("weekly", date(2027, 2, 26), except_dates=(date(2026, 12, 25),)),
)


def test_next_friday() -> None:
    session = next_session([WEEKLY], seoul(2026, 11, 30, 9, 0))
    assert session is not None
    assert session["label"] == "12월 4일 (금) 16:00~19:00"
    assert session["text"] == "다음 정기 상담일: 12월 4일 (금) 16:00~19:00"
    assert session["begins"] == "2026-12-04T16:00:00+09:00"
    assert session["ends"] == "2026-12-04T19:00:00+09:00"
    assert session["url"] == "events/always-counseling-weekly/"
    assert [s["label"] for s in session["upcoming"][:2]] == [
        "12월 4일 (금) 16:00~19:00",
        "12월 11일 (금) 16:00~19:00",
    ]


def test_during_a_session_it_is_still_the_next_one() -> None:
    session = next_session([WEEKLY], seoul(2026, 12, 4, 17, 0))
    assert session and session["label"].startswith("12월 4일")
    after = next_session([WEEKLY], seoul(2026, 12, 4, 19, 0))
    assert after and after["label"].startswith("12월 11일")


def test_skips_an_except_date() -> None:
    session = next_session([WEEKLY], seoul(2026, 12, 19, 12, 0))
    assert session is not None
    assert session["label"] == "1월 1일 (금) 16:00~19:00"
    labels = [s["label"] for s in session["upcoming"]]
    assert not any(label.startswith("12월 25일") for label in labels)


def test_ignores_a_cancelled_or_postponed_event() -> None:
    for status in ("cancelled", "postponed"):
        assert next_session([replace(WEEKLY, status=status)], seoul(2026, 11, 30)) is None


def test_a_cancelled_event_gives_way_to_another_weekly_one() -> None:
    other = replace(
        WEEKLY,
        id="counseling-tuesday",
        start=seoul(2026, 3, 3, 15, 0),
        end=seoul(2026, 3, 3, 17, 0),
    )
    session = next_session([replace(WEEKLY, status="cancelled"), other], seoul(2026, 11, 30))
    assert session and session["label"] == "12월 1일 (화) 15:00~17:00"


def test_only_weekly_always_counseling_events() -> None:
    monthly = replace(WEEKLY, repeat=Repeat("monthly", date(2027, 2, 26)))
    other_program = replace(WEEKLY, program="learning-consulting")
    once = replace(WEEKLY, repeat=None)
    assert next_session([monthly, other_program, once], seoul(2026, 11, 30)) is None


def test_none_after_the_last_session() -> None:
    assert next_session([WEEKLY], seoul(2027, 2, 26, 19, 0)) is None
