"""The kit in real builds: every real event and issue, short links, QR files, noindex pages
kept out of the nav, search, sitemap and feeds, surveys, the next consultation day."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import BUILD_EPOCH, REPO, BuildResult, SiteProject
from eduhub.content import load_content
from eduhub.kit import checks
from eduhub.kit.qr import qr_png
from eduhub.kit.shortcode import code_for
from eduhub.settings import load_settings

LONG_SITE = "https://career-admissions-support-center.geumcheon.kr/"  # a 45-character host

KIT_EVENTS = """
- id: briefing-2027
  title: '<script>alert(1)</script> "정시" 설명회 🎓'
  summary: 정시 지원 전략을 안내합니다.
  start: 2026-12-12 14:00
  end: 2026-12-12 16:00
  location: 금천진로진학지원센터
  audience: [high, parents]
  category: briefing
  survey: https://forms.example.org/s/briefing?x=1&y=2
  registration:
    opens: 2026-11-20
    closes: 2026-12-10
    capacity: 50
- id: lecture-done
  title: 끝난 특강
  start: 2026-11-10 14:00
  end: 2026-11-10 16:00
  audience: [high]
  category: lecture
  survey: https://forms.example.org/s/lecture
- id: counseling-weekly
  title: 정기 상담일
  start: 2026-11-06 16:00
  end: 2026-11-06 19:00
  location: 금천진로진학지원센터 상담실
  audience: [high, parents]
  category: counseling
  program: always-counseling
  repeat:
    freq: weekly
    until: 2027-02-26
    except: [2026-11-27]
- id: camp-cancelled
  title: 겨울 캠프
  start: 2027-01-10
  end: 2027-01-12
  audience: [middle]
  category: camp
  status: cancelled
"""

PROGRAM = """---
title: 상시상담
summary: 매주 금요일 상담
audience: [high, parents]
---
# 상시상담
"""

CONSULTING = """---
title: 1:1 상담 준비하기
---
# 1:1 상담 준비하기

<!-- eduhub:next-consultation -->

상담 안내.
"""

ISSUE = """---
title: 겨울방학 소식
issue: 3
date: 2026-11-20
summary: 겨울방학 프로그램을 모았습니다.
categories: [programs]
---
# 겨울방학 소식

본문.
"""


def kit_project(site: SiteProject, extra_events: str = "") -> SiteProject:
    site.write("events/2026.yml", KIT_EVENTS + extra_events)
    site.write("events/index.md", "# 행사\n")
    site.write("programs/always-counseling.md", PROGRAM)
    site.write("admissions/consulting.md", CONSULTING)
    site.write("newsletter/issues/003.md", ISSUE)
    site.write("newsletter/index.md", "# 소식지\n")
    site.write("news/index.md", "# 공지\n")
    return site


@pytest.fixture(scope="module")
def kit_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = kit_project(SiteProject(tmp_path_factory.mktemp("kit") / "project")).build()
    assert result.ok, result.output
    return result


def kit_json(result: BuildResult) -> dict:
    return json.loads((result.site_dir / "kit" / "kit.json").read_text(encoding="utf-8"))


# ---- every real event and issue ----------------------------------------------------------


def real_items(site_url: str):
    settings = load_settings(REPO / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": "1795305600"})
    content, problems = load_content(settings)
    assert not problems, problems.items
    return content, checks.items(content, site_url, settings.build_time)


@pytest.mark.parametrize("site_url", ["https://eduhub.test/", LONG_SITE])
def test_every_real_event_and_issue_fits(site_url: str) -> None:
    content, items = real_items(site_url)
    assert len(items) >= len(content.events) > 20
    for item, location in items:
        assert item.lms.size <= 2000 and len(item.lms.text.encode("cp949")) == item.lms.size
        assert item.lms.subject_size <= 40
        assert item.sms.text.encode("cp949")
        if site_url != LONG_SITE:
            assert item.sms.size <= 90, (location, item.sms.text)
        else:  # a 45-character host: it fits, or the kit says why (a note, not an error)
            assert item.sms.size <= 90 or item.sms.notes, (location, item.sms.text)


def test_real_site_kit_json(real_site: BuildResult) -> None:
    data = kit_json(real_site)
    content, items = real_items("http://127.0.0.1:8000/")
    now = load_settings(REPO / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": BUILD_EPOCH}).build_time
    listed = {(i["kind"], i["id"]) for i in data["items"]}
    upcoming = {
        ("event", e.id) for e, _ in ((i.event, 0) for i, _ in items if i.event) if e.ends > now
    }
    assert upcoming and upcoming <= listed
    for item in data["items"]:
        assert item["sms_bytes"] == len(item["sms"].encode("cp949")) <= 90
        assert item["lms_bytes"] == len(item["lms"].encode("cp949")) <= 2000
        assert len(item["lms_subject"].encode("cp949")) <= 40
        for key in ("qr_svg", "qr_png"):
            assert (real_site.site_dir / site_path(item[key])).is_file()
    # every event and issue keeps a short link page, whether or not it is still promoted
    for item, _ in items:
        code = code_for(item.kind, item.id)
        assert item.short_url.endswith(f"/go/{code}/")
        go = real_site.page(f"go/{code}/")
        assert f'<link rel="canonical" href="{item.page_url}">' in go
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', go)
        assert refresh and refresh.group(1) == "../../" + site_path(item.page_url)
        assert (real_site.site_dir / site_path(item.page_url) / "index.html").exists()


def site_path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1]


def test_real_qr_codes_decode_to_the_exact_url(real_site: BuildResult) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pytest.importorskip("PIL.Image")

    def decode(png: bytes) -> list[str]:
        found = zxingcpp.read_barcodes(image.open(io.BytesIO(png)).convert("L"))
        return [b.text for b in found]

    for item in kit_json(real_site)["items"]:  # the files the site publishes
        assert decode((real_site.site_dir / site_path(item["qr_png"])).read_bytes()) == [
            item["page_url"]
        ]
    _, items = real_items(LONG_SITE)  # every real event and issue, on a long host too
    for item, _ in items:
        assert decode(qr_png(item.page_url)) == [item.page_url]


# ---- codes: stable across builds and when items are added; collisions refused ----------


def go_codes(result: BuildResult) -> dict[str, str]:
    return {i["id"]: i["short_url"] for i in kit_json(result)["items"]}


def test_codes_are_stable_across_builds_and_additions(
    kit_site: BuildResult, tmp_path: Path
) -> None:
    more = "".join(
        f"\n- id: added-{n}\n  title: 더한 행사 {n}\n  start: 2027-0{1 + n % 9}-1{n % 9}\n"
        "  audience: [high]\n  category: lecture\n"
        for n in range(30)
    )
    again = kit_project(SiteProject(tmp_path / "again"), more).build()
    assert again.ok, again.output
    before, after = go_codes(kit_site), go_codes(again)
    assert all(after[key] == value for key, value in before.items())
    assert (kit_site.site_dir / "kit" / "kit.json").read_bytes() != b""
    for code in (u.rstrip("/").rsplit("/", 1)[1] for u in before.values()):
        assert (again.site_dir / "go" / code / "index.html").read_bytes() == (
            kit_site.site_dir / "go" / code / "index.html"
        ).read_bytes()


def test_a_collision_is_refused_naming_both_places(site: SiteProject) -> None:
    taken = code_for("event", "briefing-2027")
    kit_project(
        site,
        f"\n- id: newer\n  title: 새 행사\n  start: 2027-03-01\n  audience: [high]\n  category: lecture\n  short: {taken}\n",
    )
    result = site.build()
    assert not result.ok
    assert "events/2026.yml:1" in result.output or "events/2026.yml:2" in result.output
    assert re.search(r"events/2026\.yml:\d+.*events/2026\.yml:\d+", result.output)
    assert taken in result.output and "short" in result.output


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("survey", "http://forms.example.org/s"),
        ("survey", "javascript:alert(1)"),
        ("short", "o0l1i"),
        ("short", "ab"),
    ],
)
def test_new_fields_are_validated(site: SiteProject, field: str, value: str) -> None:
    kit_project(
        site,
        f"\n- id: bad\n  title: 잘못\n  start: 2027-03-01\n  audience: [high]\n  category: lecture\n  {field}: '{value}'\n",
    )
    result = site.build()
    assert not result.ok
    assert re.search(rf"events/2026\.yml:\d+: .*{field}", result.output), result.output


# ---- pages: noindex, out of nav, sitemap, search and feeds ------------------------------


KIT_PAGES = [
    "kit/",
    "kit/events/briefing-2027/",
    "kit/events/briefing-2027/poster/",
    "kit/newsletter/3/",
]


def test_kit_pages_carry_noindex_and_stay_out(kit_site: BuildResult) -> None:
    pages = KIT_PAGES + [f"go/{code_for('event', 'briefing-2027')}/"]
    for url in pages:
        html = kit_site.page(url)
        assert re.search(r'<meta name="robots" content="noindex', html), url
    sitemap = (kit_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "/kit/" not in sitemap and "/go/" not in sitemap
    assert "/events/briefing-2027/" in sitemap
    for feed in ("feed.xml", "atom.xml", "feed.json"):
        text = (kit_site.site_dir / feed).read_text(encoding="utf-8")
        assert "/kit/" not in text and "/go/" not in text
    home = kit_site.page("")
    assert 'href="kit/' not in home and "홍보 키트" not in home


def test_kit_pages_stay_out_of_search(kit_site: BuildResult) -> None:
    index = "".join(
        p.read_text(encoding="utf-8")
        for p in sorted((kit_site.site_dir / "search").rglob("*"))
        if p.is_file()
    )
    assert "kit/" not in index and "go/" not in index
    assert "events/briefing-2027/" in index


def test_hostile_title_is_escaped_everywhere(kit_site: BuildResult) -> None:
    for url in ("kit/", "kit/events/briefing-2027/", "kit/events/briefing-2027/poster/"):
        html = kit_site.page(url)
        assert "<script>alert(1)" not in html, url
        assert "&lt;script&gt;alert(1)" in html, url
    go = kit_site.page(f"go/{code_for('event', 'briefing-2027')}/")
    assert "<script>alert(1)" not in go


def test_cancelled_event_kit(kit_site: BuildResult) -> None:
    item = next(i for i in kit_json(kit_site)["items"] if i["id"] == "camp-cancelled")
    assert item["sms"].startswith("[교육금천] 취소 안내: 겨울 캠프")
    assert item["lms_subject"].startswith("[교육금천] 취소 안내:")


def test_survey_goes_into_the_follow_up_never_through_go(kit_site: BuildResult) -> None:
    item = next(i for i in kit_json(kit_site)["items"] if i["id"] == "briefing-2027")
    assert "https://forms.example.org/s/briefing?x=1&y=2" in item["follow_up"]
    assert "forms.example.org" not in item["sms"] and "forms.example.org" not in item["lms"]
    for go in (kit_site.site_dir / "go").glob("*/index.html"):
        assert "forms.example.org" not in go.read_text(encoding="utf-8")


def test_consulting_page_shows_the_next_day(kit_site: BuildResult) -> None:
    html = kit_site.page("admissions/consulting/")
    # built 2026-11-22 09:00; 11-27 is an except date
    assert "다음 정기 상담일:" in html
    assert "12월 4일 (금) 16:00~19:00" in html
    assert "<!-- eduhub:next-consultation -->" not in html


def test_an_sms_that_cannot_fit_is_a_note_not_a_problem() -> None:
    from dataclasses import replace

    from eduhub.content import load_content as load

    settings = load_settings(REPO / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": "1795305600"})
    settings = replace(settings, site_url="https://" + "a" * 70 + ".example/")
    content, problems = load(settings)
    assert not problems, problems.items  # the build would not fail
    notes = checks.kit_notes(content, settings)
    assert notes
    for note in notes:
        assert re.fullmatch(r"content/(events|newsletter)/\S+:\d+", str(note.location)), note
        assert "90바이트" in note.message or "CP949" in note.message


def test_short_link_page_has_its_own_share_preview(kit_site: BuildResult) -> None:
    """A messenger may not follow the meta refresh: the /go/ page previews its target."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(kit_site.page(f"go/{code_for('event', 'briefing-2027')}/"))
    meta = {m.get("property") or m.get("name"): m.get("content") for m in tree.iter("meta")}
    canonical = tree.find(".//link[@rel='canonical']").get("href")
    assert meta["og:url"] == canonical and canonical.endswith("/events/briefing-2027/")
    assert "<script>" in meta["og:title"]  # the hostile title, as text in the attribute
    image = meta["og:image"]
    assert image.startswith("http") and (kit_site.site_dir / "share" / "default.png").is_file()
    assert image.endswith("/share/default.png") and meta["twitter:card"] == "summary_large_image"


def test_texts_carry_the_configured_centre_name() -> None:
    """The centre's name comes from mkdocs.yml (extra.center.name), one data item."""
    settings = load_settings(REPO / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": "1795305600"})
    assert checks.center_name(settings) == "금천진로진학지원센터" == settings.center_name
    content, problems = load_content(settings)
    assert not problems
    found = checks.items(content, "https://eduhub.test/", settings.build_time, "시험 센터")
    item = next(i for i, _ in found if i.kind == "event" and i.status == "scheduled")
    assert item.lms.text.rstrip().endswith("시험 센터")
