"""The home page's tile list, rendered from its template with plain context values."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
from conftest import REPO
from lxml import html as lxml_html

TEMPLATES = REPO / "plugins" / "eduhub" / "templates"
BUILT = ["", "admissions/consulting/", "events/", "credit-system/", "newsletter/", "newsletter/5/"]


def render(eduhub: dict, built: list[str] = BUILT) -> list[tuple[str, str, str]]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False}
    env.filters["url"] = lambda value: "/" + value
    html = env.get_template("eduhub/partials/home-tiles.html").render(
        eduhub=eduhub, pages=[SimpleNamespace(url=u) for u in built]
    )
    tree = lxml_html.fromstring(html)
    return [
        (
            a.cssselect(".eh-tile__label")[0].text_content(),
            a.get("href"),
            " ".join(n.text_content() for n in a.cssselect(".eh-tile__note")),
        )
        for a in tree.cssselect("a.eh-tile")
    ]


def test_five_tiles_in_order_without_a_roadmap_page() -> None:
    tiles = render({})
    assert [t[0] for t in tiles] == [
        "1:1 상담 신청 방법",
        "이번 달 행사",
        "입시 일정",
        "고교학점제",
        "최신 소식지",
    ]
    assert tiles[0][1] == "/admissions/consulting/"
    assert tiles[2][1] == "/events/?category=admissions-schedule"


def test_latest_issue_next_session_and_roadmap() -> None:
    issue = {"url": "newsletter/5/", "number": 5}
    session = {"label": "12월 4일 (금) 16:00~19:00", "begins": "2026-12-04T16:00:00+09:00"}
    tiles = render(
        {"newsletter": {"latest_issue": issue}, "consulting": {"next_session": session}},
        BUILT + ["roadmap/"],
    )
    assert ("최신 소식지", "/newsletter/5/", "제5호") in tiles
    assert tiles[0][2] == "다음 정기 상담일: 12월 4일 (금) 16:00~19:00"
    assert ("진로로드맵", "/roadmap/", "") in tiles


def test_no_session_no_note_and_escaped_text() -> None:
    tiles = render({"consulting": {"next_session": None}})
    assert tiles[0][2] == ""
    env_tiles = render({"kit": {"home_tiles": [{"label": "<b>x</b>", "url": "events/"}]}})
    assert ("<b>x</b>", "/events/", "") in env_tiles


def test_other_features_add_tiles() -> None:
    extra = {"label": "홍보 자료", "url": "newsletter/", "note": "직원용"}
    tiles = render({"kit": {"home_tiles": [extra]}})
    assert tiles[-1] == ("홍보 자료", "/newsletter/", "직원용")
