"""iCalendar feeds from a real build, parsed back with `icalendar` and checked octet by octet."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import BuildResult
from dateutil.rrule import rrulestr
from icalendar import Calendar, vDuration
from test_events_sample import (
    ALL_IDS,
    AUDIENCE_EVENTS,
    EVENTS,
    EXPECTED_MONTHLY,
    EXPECTED_WEEKLY,
    TRICKY_DESCRIPTION,
    TRICKY_SUMMARY,
    XSS_TITLE,
    sample_project,
)

SEOUL = ZoneInfo("Asia/Seoul")
HOST = "eduhub.test"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = sample_project(tmp_path_factory.mktemp("ics") / "project").build()
    assert result.ok, result.output
    return result


def ics_files(site: Path) -> list[Path]:
    return sorted(site.glob("events.ics")) + sorted((site / "events").glob("*.ics"))


def parse(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def vevents(path: Path) -> dict[str, object]:
    return {str(e["UID"]).split("@")[0]: e for e in parse(path).walk("VEVENT")}


def test_every_calendar_file_exists(built: BuildResult) -> None:
    names = {p.relative_to(built.site_dir).as_posix() for p in ics_files(built.site_dir)}
    expected = {"events.ics"} | {f"events/{a}.ics" for a in AUDIENCE_EVENTS}
    expected |= {f"events/{i}.ics" for i in ALL_IDS}
    assert names == expected


def test_lines_end_in_crlf_fold_at_75_octets_and_never_split_a_character(
    built: BuildResult,
) -> None:
    for path in ics_files(built.site_dir):
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n"), path
        assert b"\n" not in raw.replace(b"\r\n", b""), path
        assert b"\r" not in raw.replace(b"\r\n", b""), path
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # a fold inside a multi-byte character would fail here
    # The sample has text long enough to be folded.
    assert re.search(rb"\r\n [^\r]", (built.site_dir / "events.ics").read_bytes())


def test_korean_text_commas_semicolons_and_newlines_round_trip(built: BuildResult) -> None:
    event = vevents(built.site_dir / "events.ics")["briefing-2027"]
    assert str(event["SUMMARY"]) == XSS_TITLE
    description = str(event["DESCRIPTION"])
    assert description.startswith(TRICKY_SUMMARY + "\n\n" + TRICKY_DESCRIPTION)
    assert "https://example.org/apply?a=1&b=2" in description
    assert str(event["LOCATION"]) == "금천구청 대강당"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["설명회"]


def test_one_uid_per_event_made_of_id_and_host(built: BuildResult) -> None:
    cal = parse(built.site_dir / "events.ics")
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert sorted(uids) == sorted(f"{i}@{HOST}" for i in ALL_IDS)


def test_one_utc_dtstamp_per_event(built: BuildResult) -> None:
    raw = (built.site_dir / "events.ics").read_bytes().decode()
    for block in raw.split("BEGIN:VEVENT")[1:]:
        stamps = re.findall(r"^DTSTAMP[:;].*$", block, re.M)
        assert len(stamps) == 1
        assert re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z\r?", stamps[0])
    for event in parse(built.site_dir / "events.ics").walk("VEVENT"):
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)


def test_timed_events_carry_tzid_with_a_matching_vtimezone(built: BuildResult) -> None:
    path = built.site_dir / "events.ics"
    raw = path.read_bytes().decode()
    assert "DTSTART;TZID=Asia/Seoul:20261205T140000" in raw
    cal = parse(path)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Seoul"]
    event = vevents(path)["briefing-2027"]
    assert event.decoded("DTSTART") == datetime(2026, 12, 5, 14, 0, tzinfo=SEOUL)
    assert event.decoded("DTEND") == datetime(2026, 12, 5, 5, 0, tzinfo=UTC) + timedelta(hours=2)


def test_all_day_events_use_value_date_and_an_exclusive_end(built: BuildResult) -> None:
    raw = (built.site_dir / "events/fair-2026.ics").read_bytes().decode()
    assert "DTSTART;VALUE=DATE:20260912\r\n" in raw
    assert "DTEND;VALUE=DATE:20260914\r\n" in raw  # last day 09-13, plus one
    event = vevents(built.site_dir / "events/fair-2026.ics")["fair-2026"]
    assert event.decoded("DTSTART") == date(2026, 9, 12)
    assert event.decoded("DTEND") == date(2026, 9, 14)
    single = vevents(built.site_dir / "events/lecture-soon.ics")["lecture-soon"]
    assert single.decoded("DTEND") == date(2026, 12, 21)
    # A calendar with only all-day events needs no VTIMEZONE.
    assert "VTIMEZONE" not in raw


def test_cancelled_events_stay_in_the_feed_with_their_uid(built: BuildResult) -> None:
    for path in [built.site_dir / "events.ics", built.site_dir / "events/middle.ics"]:
        event = vevents(path)["camp-cancelled"]
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == f"camp-cancelled@{HOST}"
    assert str(vevents(built.site_dir / "events.ics")["fair-2026"]["STATUS"]) == "CONFIRMED"


def _expand(event: object) -> list[str]:
    start = event.decoded("DTSTART")
    naive = (
        start.replace(tzinfo=None)
        if isinstance(start, datetime)
        else datetime.combine(start, datetime.min.time())
    )
    rule = event["RRULE"].to_ical().decode()
    if isinstance(start, datetime):
        until = event["RRULE"]["UNTIL"][0].astimezone(SEOUL).replace(tzinfo=None)
        rule = re.sub(r"UNTIL=[^;]+", "UNTIL=" + until.strftime("%Y%m%dT%H%M%S"), rule)
    days = [d.date() for d in rrulestr(rule, dtstart=naive)]
    excluded = set()
    for exdate in (
        event.get("EXDATE", [])
        if isinstance(event.get("EXDATE"), list)
        else [event.get("EXDATE")]
        if event.get("EXDATE")
        else []
    ):
        for value in exdate.dts:
            moment = value.dt
            excluded.add(
                moment.astimezone(SEOUL).date() if isinstance(moment, datetime) else moment
            )
    return [d.isoformat() for d in days if d not in excluded]


def test_rrule_and_exdate_expand_to_the_dates_the_yaml_says(built: BuildResult) -> None:
    events = vevents(built.site_dir / "events.ics")
    weekly = events["counseling-weekly"]
    raw = (built.site_dir / "events/counseling-weekly.ics").read_bytes().decode()
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270126T145959Z" in raw  # 2027-01-26 23:59:59 Seoul in UTC
    assert "EXDATE;TZID=Asia/Seoul:20261229T150000" in raw  # matches the DTSTART exactly
    assert _expand(weekly) == EXPECTED_WEEKLY
    assert _expand(events["monthly-talk"]) == EXPECTED_MONTHLY


def test_calendar_level_properties(built: BuildResult) -> None:
    path = built.site_dir / "events/high.ics"
    raw = path.read_bytes().decode()
    cal = parse(path)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == "테스트 사이트 행사 일정 (고등학생)"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in raw
    ttl = re.search(r"^X-PUBLISHED-TTL:(.*)\r$", raw, re.M).group(1)
    assert vDuration.from_ical(ttl) == timedelta(hours=12)
    assert str(cal["SOURCE"]) == "https://eduhub.test/events/high.ics"


def test_url_is_the_absolute_event_page(built: BuildResult) -> None:
    for event_id, event in vevents(built.site_dir / "events.ics").items():
        assert str(event["URL"]) == f"https://eduhub.test/events/{event_id}/"
        assert (built.site_dir / "events" / event_id / "index.html").is_file()


@pytest.mark.parametrize("audience", sorted(AUDIENCE_EVENTS))
def test_each_audience_file_holds_exactly_that_audiences_events(
    built: BuildResult, audience: str
) -> None:
    assert set(vevents(built.site_dir / f"events/{audience}.ics")) == AUDIENCE_EVENTS[audience]


def test_single_event_files_hold_one_event(built: BuildResult) -> None:
    for event_id in ALL_IDS:
        assert list(vevents(built.site_dir / f"events/{event_id}.ics")) == [event_id]


def test_same_instants_and_bytes_whatever_the_machine_time_zone(tmp_path: Path) -> None:
    outputs = []
    for zone in ["Asia/Seoul", "America/Los_Angeles", "UTC"]:
        result = sample_project(tmp_path / zone.replace("/", "-")).build(env={"TZ": zone})
        assert result.ok, result.output
        outputs.append(
            {p.relative_to(result.site_dir): p.read_bytes() for p in ics_files(result.site_dir)}
            | {Path("events.json"): (result.site_dir / "events.json").read_bytes()}
        )
    assert outputs[0] == outputs[1] == outputs[2]


def test_uid_stays_when_title_and_date_change(tmp_path: Path) -> None:
    first = sample_project(tmp_path / "a").build()
    edited = EVENTS.replace("title: 수시 박람회", "title: 수시 박람회 (장소 변경)").replace(
        "start: 2026-09-12\n  end: 2026-09-13", "start: 2026-09-19\n  end: 2026-09-20"
    )
    second = sample_project(tmp_path / "b", edited).build()
    assert first.ok and second.ok, second.output
    before = vevents(first.site_dir / "events.ics")["fair-2026"]
    after_all = parse(second.site_dir / "events.ics").walk("VEVENT")
    after = [e for e in after_all if str(e["SUMMARY"]).startswith("수시 박람회")]
    assert len(after) == 1
    assert str(after[0]["UID"]) == str(before["UID"]) == f"fair-2026@{HOST}"
    assert after[0].decoded("DTSTART") == date(2026, 9, 19)


def test_an_edit_is_newer_in_the_next_build(tmp_path: Path) -> None:
    """RFC 5546: a later DTSTAMP (same SEQUENCE) supersedes; a later build date gives one."""
    first = sample_project(tmp_path / "a").build()
    later = sample_project(tmp_path / "b").build(env={"SOURCE_DATE_EPOCH": "1795392000"})
    assert first.ok and later.ok
    before = vevents(first.site_dir / "events.ics")["fair-2026"]
    after = vevents(later.site_dir / "events.ics")["fair-2026"]
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert int(after["SEQUENCE"]) >= int(before["SEQUENCE"])
