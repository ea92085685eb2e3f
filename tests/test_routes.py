"""The route table (urls.py): its doc, its helpers, and what the link checker accepts."""

from __future__ import annotations

import re
from pathlib import Path

from eduhub import urls

REPO = Path(__file__).resolve().parent.parent
CONTRACTS = REPO / "docs" / "developer" / "contracts.md"


def _documented_routes() -> list[str]:
    text = CONTRACTS.read_text(encoding="utf-8")
    section = text.split("## 주소", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, re.M)


def test_contracts_doc_lists_exactly_the_route_table() -> None:
    assert _documented_routes() == [route.pattern for route in urls.ROUTES]


def test_routes_are_unique() -> None:
    patterns = [route.pattern for route in urls.ROUTES]
    assert len(patterns) == len(set(patterns))


def test_helpers_follow_the_documented_patterns() -> None:
    documented = set(_documented_routes())
    examples = {
        "/newsletter/<n>/": "/" + urls.issue(12),
        "/newsletter/<n>/email.html": "/" + urls.issue_email(12),
        "/news/<file-name>/": "/" + urls.announcement("x"),
        "/programs/<slug>/": "/" + urls.program("x"),
        "/events/<id>/": "/" + urls.event("x"),
        "/events/<id>.ics": "/" + urls.event_ics("x"),
        "/events/<audience>.ics": "/" + urls.audience_ics("high"),
        "/feeds/<category-slug>.xml": "/" + urls.category_feed("policy"),
    }
    for pattern, made in examples.items():
        assert pattern in documented
        regex = re.escape(pattern)
        regex = re.sub(r"<[^>]+>", "[^/]+", regex.replace(r"\<", "<").replace(r"\>", ">"))
        assert re.fullmatch(regex, made), (pattern, made)
    assert {"/" + path for path in urls.FEEDS.values()} <= documented
    assert "/" + urls.ALL_EVENTS_ICS in documented and "/" + urls.EVENTS_JSON in documented


def test_event_ids_are_strict() -> None:
    assert urls.is_event_id("susi-fair-2026")
    for bad in ("Susi", "a--b", "-a", "a-", "a_b", "a\n", "행사", "", None, 3):
        assert not urls.is_event_id(bad), bad
    assert urls.RESERVED_EVENT_IDS >= {"high", "archive", "index", "embed"}


def test_id_line_matches_only_well_formed_ids() -> None:
    text = "- id: good-one\n  id: 'quoted-id'\n- id: Bad_Id\n"
    assert urls.EVENT_ID_LINE.findall(text) == ["good-one", "quoted-id"]


def test_generated_urls_cover_feeds_calendars_and_pages() -> None:
    found = urls.generated_urls(issue_numbers=[3], event_ids=["fair"], category_slugs=["policy"])
    assert {"", "events/", "events/archive/", "feed.xml", "atom.xml", "feed.json"} <= found
    assert {"newsletter/3/email.html", "events/fair/", "events/fair.ics"} <= found
    assert {"events/high.ics", "feeds/policy.xml", "events.ics", "events.json"} <= found
    assert "newsletter/3/" not in found  # the issue page itself comes from content/
