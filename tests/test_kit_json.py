"""/kit/kit.json: the fields docs/reference/kit-json.md promises, absolute URLs, same bytes."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

from eduhub.kit.facts import EventFacts, IssueFacts
from eduhub.kit.items import event_item, issue_item
from eduhub.kit.kitjson import kit_json
from eduhub.models import SEOUL

SITE = "https://eduhub.test/"
DOC = Path(__file__).resolve().parent.parent / "docs" / "reference" / "kit-json.md"


def items() -> list:
    event = EventFacts(
        id="x-2026",
        title='<script>"설명회"</script> 🎓',
        start=datetime(2026, 12, 12, 14, tzinfo=SEOUL),
        page_url=SITE + "events/x-2026/",
        short_url=SITE + "go/abcde/",
        survey="https://forms.example/s",
    )
    issue = IssueFacts(5, "소식지", date(2026, 11, 20), SITE + "newsletter/5/", SITE + "go/fghjk/")
    return [event_item(event, "abcde", SITE), issue_item(issue, "fghjk", SITE)]


def test_fields_and_absolute_urls() -> None:
    data = json.loads(kit_json(items(), site_url=SITE, generated="2026-11-22T09:00:00+09:00"))
    assert data["version"] == 1
    event, issue = data["items"]
    for item in (event, issue):
        for key in (
            "id",
            "kind",
            "page_url",
            "short_url",
            "sms",
            "lms_subject",
            "lms",
            "qr_svg",
            "qr_png",
        ):
            assert key in item, key
        for key in ("page_url", "short_url", "qr_svg", "qr_png"):
            assert item[key].startswith(SITE)
    assert event["kind"] == "event" and issue["kind"] == "issue"
    assert issue["id"] == "5"
    assert event["qr_png"] == SITE + "kit/events/x-2026/qr.png"
    assert issue["qr_svg"] == SITE + "kit/newsletter/5/qr.svg"
    assert event["sms"].encode("cp949") and "🎓" not in event["sms"]
    assert "<script>" in event["sms"]  # plain text; pages escape it
    assert event["follow_up"].count("https://forms.example/s") == 1
    assert "follow_up" not in issue


def test_same_bytes() -> None:
    a = kit_json(items(), site_url=SITE, generated="2026-11-22T09:00:00+09:00")
    b = kit_json(items(), site_url=SITE, generated="2026-11-22T09:00:00+09:00")
    assert a == b and a.endswith(b"\n")


def test_documented_fields_match() -> None:
    documented = set(re.findall(r"^\| `(\w+)` \|", DOC.read_text(encoding="utf-8"), re.M))
    data = json.loads(kit_json(items(), site_url=SITE, generated="x"))
    present = set(data) | set().union(*(set(i) for i in data["items"]))
    assert present <= documented, present - documented


def test_kit_helpers_follow_the_route_table() -> None:
    from eduhub import urls

    documented = {route.pattern for route in urls.ROUTES}
    examples = {
        "/kit/": "/" + urls.KIT,
        "/kit/events/<id>/": "/" + urls.kit_event("x"),
        "/kit/events/<id>/poster/": "/" + urls.kit_poster("x"),
        "/kit/newsletter/<n>/": "/" + urls.kit_issue(5),
        "/kit/kit.json": "/" + urls.KIT_JSON,
        "/go/<code>/": "/" + urls.go("abcde"),
    }
    for pattern, made in examples.items():
        assert pattern in documented
        regex = re.sub(
            r"<[^>]+>", "[^/]+", re.escape(pattern).replace(r"\<", "<").replace(r"\>", ">")
        )
        assert re.fullmatch(regex, made), (pattern, made)
