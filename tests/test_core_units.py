"""In-process unit tests of the pure core: no MkDocs build, models made by hand."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import icalendar
from eduhub import urls
from eduhub.content import Content, load_content
from eduhub.dates import SEOUL
from eduhub.errors import SourceLocation
from eduhub.events.ics import calendars
from eduhub.events.jsonout import events_json
from eduhub.events.model import Event, Registration, Repeat
from eduhub.events.occurrences import occurrences
from eduhub.events.views import by_month, event_view
from eduhub.models import Category
from eduhub.newsletter.model import Announcement, Issue
from eduhub.newsletter.selection import by_category, feed_entries, published
from eduhub.settings import Settings, load_settings
from eduhub.site.model import Program
from eduhub.siteindex import SiteIndex

REPO = Path(__file__).resolve().parent.parent
HERE = SourceLocation("content/events/x.yml", 1)
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=SEOUL)
BRIEFING = Category("briefing", "설명회")
POLICY = Category("policy", "교육정책")
STUDY = Category("study", "학습 방법")


def settings() -> Settings:
    return Settings(
        site_url="https://eduhub.test/sub/",
        site_name="교육금천",
        docs_dir=REPO / "content",
        project_dir=REPO,
        build_time=NOW,
        newsletter_categories=(POLICY, STUDY),
        event_categories=(BRIEFING,),
        feed_limit=2,
    )


def event(event_id: str = "fair", **changes: object) -> Event:
    values: dict[str, object] = {
        "id": event_id,
        "title": "수시 박람회",
        "start": datetime(2026, 12, 5, 14, 0, tzinfo=SEOUL),
        "end": datetime(2026, 12, 5, 16, 0, tzinfo=SEOUL),
        "audience": ("high", "parents"),
        "category": BRIEFING,
        "location": HERE,
        "place": "금천진로진학지원센터",
        "program": "susi-fair",
    }
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


def issue(number: int, day: date, *categories: Category, draft: bool = False) -> Issue:
    return Issue(
        number=number,
        title=f"제{number}호",
        date=day,
        summary="요약",
        src_uri=f"newsletter/{number}.md",
        location=HERE,
        categories=categories,
        draft=draft,
    )


def news(slug: str, day: date, *categories: Category, draft: bool = False) -> Announcement:
    return Announcement(slug, slug, day, "요약", f"news/{slug}.md", HERE, categories, draft=draft)


# -- events -----------------------------------------------------------------------------


def test_weekly_repeat_skips_except_dates() -> None:
    weekly = event(
        start=datetime(2026, 12, 4, 16, 0, tzinfo=SEOUL),
        end=datetime(2026, 12, 4, 19, 0, tzinfo=SEOUL),
        repeat=Repeat("weekly", date(2026, 12, 25), except_dates=(date(2026, 12, 11),)),
    )
    days = [o.first_day for o in occurrences(weekly)]
    assert days == [date(2026, 12, 4), date(2026, 12, 18), date(2026, 12, 25)]


def test_view_shows_the_next_occurrence_and_registration_state() -> None:
    opens = datetime(2026, 11, 1, 0, 0, tzinfo=SEOUL)
    closes = datetime(2026, 12, 1, 23, 59, tzinfo=SEOUL)
    program = Program("susi-fair", "수시 박람회", "요약", ("high",), "programs/susi-fair.md", HERE)
    view = event_view(
        event(registration=Registration(opens=opens, closes=closes, capacity=30)),
        NOW,
        "https://eduhub.test/sub/events/fair/",
        {"susi-fair": program},
    )
    assert view.when == "12월 5일 (토) 14:00~16:00"
    assert not view.past and view.month == "2026-12"
    assert view.registration is not None and view.registration.state == "open"
    assert view.program is program
    assert view.audience_labels == ("고등학생", "학부모")


def test_past_events_and_month_groups() -> None:
    old = event("old", start=date(2026, 3, 2), end=None)
    new = event("new")
    views = [event_view(e, NOW, "x", {}) for e in (new, old)]
    assert [v.past for v in views] == [False, True]
    groups = by_month(sorted(views, key=lambda v: v.begins))
    assert [(g.key, [v.event.id for v in g.events]) for g in groups] == [
        ("2026-03", ["old"]),
        ("2026-12", ["new"]),
    ]


def test_ics_properties_are_real_icalendar() -> None:
    files = calendars([event(), event("camp", start=date(2026, 12, 24), end=None)], settings())
    assert set(files) >= {"events.ics", "events/high.ics", "events/fair.ics", "events/camp.ics"}
    cal = icalendar.Calendar.from_ical(files["events/fair.ics"])
    [vevent] = cal.walk("VEVENT")
    assert str(vevent["UID"]) == "fair@eduhub.test"
    assert vevent["DTSTART"].dt == datetime(2026, 12, 5, 14, 0, tzinfo=SEOUL)
    assert str(vevent["SUMMARY"]) == "수시 박람회"
    assert str(vevent["URL"]) == "https://eduhub.test/sub/events/fair/"
    assert vevent["DTSTAMP"].dt.year == 2026  # from the data, never now()
    allday = icalendar.Calendar.from_ical(files["events/camp.ics"]).walk("VEVENT")[0]
    assert allday["DTSTART"].dt == date(2026, 12, 24)
    assert files == calendars(
        [event(), event("camp", start=date(2026, 12, 24), end=None)], settings()
    )
    high = icalendar.Calendar.from_ical(files["events/teachers.ics"]).walk("VEVENT")
    assert high == []


def test_events_json_fields() -> None:
    data = json.loads(events_json([event()], settings(), []))
    assert data["version"] == 1 and data["site"] == "https://eduhub.test/sub/"
    assert data["ics"] == "https://eduhub.test/sub/events.ics"
    [record] = data["events"]
    assert record["id"] == "fair" and record["all_day"] is False
    assert record["start"] == "2026-12-05T14:00:00+09:00"
    assert record["url"] == "https://eduhub.test/sub/events/fair/"
    assert record["ics"] == "https://eduhub.test/sub/events/fair.ics"
    assert record["audience_labels"] == ["고등학생", "학부모"]
    assert record["occurrences"] == [
        {"start": "2026-12-05T14:00:00+09:00", "end": "2026-12-05T16:00:00+09:00"}
    ]


# -- newsletter feed selection ----------------------------------------------------------


def test_published_drops_drafts() -> None:
    items = [issue(1, date(2026, 3, 1)), issue(2, date(2026, 4, 1), draft=True)]
    assert [i.number for i in published(items)] == [1]


def test_feed_entries_newest_first_issue_before_news_on_the_same_day() -> None:
    day = date(2026, 5, 1)
    entries = feed_entries(
        [issue(1, date(2026, 3, 1)), issue(2, day), issue(3, day)],
        [news("a", day), news("b", date(2026, 6, 1))],
    )
    assert [getattr(e, "number", getattr(e, "slug", None)) for e in entries] == [
        "b",
        3,
        2,
        "a",
        1,
    ]


def test_by_category_keeps_order_and_limit() -> None:
    entries = feed_entries(
        [issue(n, date(2026, 3, n), POLICY) for n in range(1, 5)],
        [news("s", date(2026, 3, 9), STUDY)],
    )
    chosen = by_category(entries, POLICY, 2)
    assert [e.number for e in chosen] == [4, 3]  # type: ignore[union-attr]
    assert by_category(entries, STUDY, 2) == [entries[0]]


def test_future_items_are_held_back_by_the_loader() -> None:
    early = datetime(2026, 3, 17, 9, 0, tzinfo=SEOUL)
    content, problems = load_content(
        load_settings(
            REPO / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": str(int(early.timestamp()))}
        )
    )
    assert not problems
    assert [i.number for i in content.issues] == [1]  # issue 1 is dated 2026-03-16
    assert content.held_back  # later issues wait for their date


# -- site index -------------------------------------------------------------------------


def test_site_index_knows_every_kind_of_page() -> None:
    real = load_settings(REPO / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": "1795305600"})
    content, problems = load_content(real)
    assert not problems
    index = SiteIndex(real, content)
    first = content.issues[-1]
    assert index.page(first.src_uri).kind == "issue"
    assert index.destination(first.src_uri) == urls.issue(first.number) + "index.html"
    some_event = content.events[0]
    info = index.page(urls.event_src(some_event.id))
    assert (info.kind, info.url, info.model, info.date) == (
        "event",
        f"events/{some_event.id}/",
        some_event,
        some_event.first_day,
    )
    assert index.page(content.programs[0].src_uri).kind == "program"
    assert index.page(content.announcements[0].src_uri).kind == "news"
    assert index.page("credit-system/index.md").kind == "page"
    assert index.destination("credit-system/index.md") is None
    assert all(index.is_excluded(f) for f in content.event_files)
    assert not index.is_excluded("index.md")


def test_site_index_of_empty_content() -> None:
    index = SiteIndex(settings(), Content())
    assert index.page("index.md").kind == "page" and index.events == {}


def test_every_packaged_schema_is_a_valid_json_schema() -> None:
    """The build trusts its own schemas (no metaschema check per build): this is the check."""
    from importlib import resources

    from eduhub.schema import load_schema
    from jsonschema import Draft202012Validator

    names = [
        entry.name
        for entry in resources.files("eduhub").joinpath("schemas").iterdir()
        if entry.name.endswith(".schema.json")
    ]
    assert len(names) >= 5
    for name in names:
        Draft202012Validator.check_schema(load_schema(name))


def test_values_by_object_are_made_once_per_object_and_inputs() -> None:
    """ByObject: the same object and inputs give the remembered value; an equal but other
    object, or other inputs, make it again; a rotation forgets what was not asked for."""
    from eduhub.byobject import ByObject

    made: list[str] = []
    cache: ByObject[str] = ByObject()

    def make(text: str):  # type: ignore[no-untyped-def]
        return lambda: made.append(text) or text

    one, two = ["same"], ["same"]
    assert cache.get(one, 1, make("a")) == "a"
    assert cache.get(one, 1, make("b")) == "a"
    assert cache.get(two, 1, make("c")) == "c"  # equal, not the same object
    assert cache.get(one, 2, make("d")) == "d"  # other inputs
    cache.rotate()
    assert cache.get(one, 2, make("e")) == "d"
    cache.rotate()
    cache.rotate()
    assert list(cache.objects()) == []
    assert made == ["a", "c", "d"]


def test_values_by_value_are_made_once_per_value_and_rotation() -> None:
    """ByValue: an equal value (a page's text read again) gives the remembered result; a
    rotation keeps what was asked for since the last one and forgets the rest."""
    from eduhub.byobject import ByValue

    made: list[str] = []
    cache: ByValue[str] = ByValue()

    def make(text: str):  # type: ignore[no-untyped-def]
        return lambda: made.append(text) or text.upper()

    assert cache.get("가a", make("가a")) == "가A"
    assert cache.get("".join(["가", "a"]), make("again")) == "가A"  # equal, another object
    assert cache.get("b", make("b")) == "B"
    cache.rotate()
    assert cache.get("b", make("b2")) == "B"  # kept from the last build
    cache.rotate()
    assert cache.get("가a", make("가a2")) == "가A2"  # not asked in the last build: made again
    assert made == ["가a", "b", "가a2"]
    assert cache.peek("없음") is None
    cache.put("c", "C")
    cache.rotate()
    assert cache.peek("c") == "C"  # kept: asked for in the last build
    cache.rotate()
    assert cache.peek("c") == "C"  # a peek counts as asking
    cache.rotate()
    cache.rotate()
    assert cache.peek("c") is None


def test_short_link_pages_are_remembered_by_template_text_and_values(tmp_path: Path) -> None:
    """A /go/ page made again from the same template text and values is the remembered one;
    an edited template (a site override) gives the new page; a template that includes
    others is never remembered (its text alone does not say what it prints)."""
    from eduhub.kit.gopage import GoPages
    from eduhub.settings import TEMPLATES_DIR

    def pages(folder: Path | None) -> GoPages:
        dirs = [folder, TEMPLATES_DIR] if folder else [TEMPLATES_DIR]
        return GoPages(dirs, "교육금천", "https://example.org/")

    first = pages(None).render("events/a/", "https://example.org/events/a/", "설명회")
    again = pages(None).render("events/a/", "https://example.org/events/a/", "설명회")
    assert first == again and b"../../events/a/" in first and "설명회".encode() in first
    assert pages(None).render("events/b/", "https://example.org/events/b/", "설명회") != first

    override = tmp_path / "overrides"
    (override / "eduhub").mkdir(parents=True)
    go = override / "eduhub" / "go.html"
    go.write_text("<p>{{ eduhub.kit.go.title }}</p>", encoding="utf-8")
    assert pages(override).render("events/a/", "u", "설명회") == "<p>설명회</p>".encode()
    go.write_text("<p>바뀜 {{ eduhub.kit.go.title }}</p>", encoding="utf-8")
    assert pages(override).render("events/a/", "u", "설명회") == "<p>바뀜 설명회</p>".encode()
    (override / "part.html").write_text("하나", encoding="utf-8")
    go.write_text('{% include "part.html" %}', encoding="utf-8")
    including = pages(override)
    assert including.source is None and including.render("events/a/", "u", "t") == "하나".encode()
    (override / "part.html").write_text("둘", encoding="utf-8")
    assert pages(override).render("events/a/", "u", "t") == "둘".encode()


def test_display_path_is_the_resolved_path_relative_to_the_project(tmp_path: Path) -> None:
    """Paths in messages are what staff see in their checkout, through symlinks either way:
    the same answer as resolving the path and the project in full (folders are resolved
    once each now; a symlinked file or `..` still gets a full resolve)."""
    import os

    from eduhub.settings import _display_path

    project = tmp_path / "project"
    (project / "content" / "sub").mkdir(parents=True)
    (project / "content" / "sub" / "a.md").write_text("a")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.md").write_text("b")
    os.symlink(project, tmp_path / "link")
    os.symlink(tmp_path / "elsewhere", project / "content" / "out")
    os.symlink(tmp_path / "elsewhere" / "b.md", project / "content" / "b.md")
    cases = [
        (project / "content/sub/a.md", project),
        (tmp_path / "link/content/sub/a.md", project),
        (project / "content/sub/a.md", tmp_path / "link"),
        (project / "content/b.md", project),
        (project / "content/out/b.md", project),
        (project / "content/out/../content/sub/a.md", project),
        (project / "content/missing.md", project),
    ]
    for path, root in cases:
        try:
            expected = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            expected = path.as_posix()
        assert _display_path(str(path), str(root)) == expected, path
    assert _display_path(str(project / "content/sub/a.md"), str(project)) == "content/sub/a.md"
    assert _display_path(str(project / "content/b.md"), str(project)).endswith("/content/b.md")
