"""Share cards, icons, manifest and Open Graph tags as pure functions (no build)."""

from __future__ import annotations

import io
import json
from datetime import date

from eduhub.share import cards, icons, meta
from PIL import Image

CENTRE = "금천진로진학지원센터"


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


def test_cards_are_1200_by_630_png_without_metadata() -> None:
    event = cards.event_card("정시 설명회", "2026년 12월 12일 (토) 14:00", "센터 강의실", CENTRE)
    issue = cards.issue_card("고교학점제 첫해", 12, "2026년 12월 1일", CENTRE)
    default = cards.default_card("교육금천", CENTRE, "입시정보와 행사 일정")
    for png in (event, issue, default):
        assert png is not None
        assert _size(png) == (1200, 630)
        assert b"tIME" not in png and b"tEXt" not in png and b"iTXt" not in png


def test_cards_are_deterministic_and_differ_by_content() -> None:
    one = cards.event_card("정시 설명회", "12월 12일", "센터", CENTRE)
    assert one == cards.event_card("정시 설명회", "12월 12일", "센터", CENTRE)
    assert one != cards.event_card("수시 설명회", "12월 12일", "센터", CENTRE)


def test_title_outside_the_font_subset_gets_no_card() -> None:
    assert cards.font_covers("2027학년도 정시 설명회 (1부) — 안내·신청")
    assert not cards.font_covers("설명회 🎓")
    assert not cards.font_covers("똠방각하")  # 똠 is not one of the 2,350 KS X 1001 syllables
    assert cards.event_card("설명회 🎓", "12월 12일", "센터", CENTRE) is None
    assert cards.issue_card("똠양꿍 특집", 3, "", CENTRE) is None


def test_long_title_is_cut_not_overflowing() -> None:
    png = cards.event_card("아주 긴 제목 " * 30, "12월 12일", "센터", CENTRE)
    assert png is not None and _size(png) == (1200, 630)


def test_only_recent_or_upcoming_items_get_their_own_card() -> None:
    build = date(2026, 11, 22)
    assert cards.wants_own_card(date(2027, 3, 1), build)
    assert cards.wants_own_card(date(2025, 11, 23), build)
    assert not cards.wants_own_card(date(2025, 11, 1), build)


def test_icons_and_manifest() -> None:
    for name, px in icons.ICON_SIZES.items():
        assert _size(icons.icon_png(px)) == (px, px), name
    data = json.loads(icons.manifest("교육금천", "교육금천", "/sub/", "설명"))
    assert data["start_url"] == "/sub/" and data["lang"] == "ko"
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}


def test_description_prefers_summary_then_first_paragraph() -> None:
    body = "<h1>제목</h1><p>  </p><p>첫 <a href='x'>문단</a>입니다.</p><p>둘째</p>"
    assert meta.description("요약", body, "사이트") == "요약"
    assert meta.description(None, body, "사이트") == "첫 문단입니다."
    assert meta.description("", "<h1>제목만</h1>", "사이트") == "사이트"


def test_description_parses_the_page_only_without_a_summary(monkeypatch) -> None:
    """Parsing every page's HTML for a first paragraph it does not use cost ~1 s at 10x."""
    parsed: list[str] = []
    monkeypatch.setattr(meta, "first_paragraph", lambda html: parsed.append(html) or "문단")
    assert meta.description("요약", "<p>본문</p>", "사이트") == "요약"
    assert parsed == []
    assert meta.description("", "<p>본문</p>", "사이트") == "문단"
    assert parsed == ["<p>본문</p>"]


def test_description_is_cut_at_a_word_boundary() -> None:
    text = "고교학점제 " * 40
    cut = meta.cut_at_word(text, 50)
    assert len(cut) <= 50 and cut.endswith("…")
    assert cut[:-1].split()[-1] == "고교학점제"


def test_share_tags() -> None:
    tags = meta.share_tags(
        title="정시 설명회",
        description="설명",
        url="https://eduhub.test/news/x/",
        image_url="https://eduhub.test/share/default.png",
        site_name="교육금천",
        kind="news",
    )
    values = {key: value for _, key, value in tags}
    assert values["og:type"] == "article"
    assert values["og:locale"] == "ko_KR"
    assert values["twitter:card"] == "summary_large_image"
    assert values["description"] == values["og:description"] == "설명"
    assert ("name", "twitter:card", "summary_large_image") in tags
    event = meta.share_tags(
        title="t", description="d", url="u", image_url="i", site_name="s", kind="event"
    )
    assert ("property", "og:type", "website") in event
