"""Share tags, cards, icons and the manifest in a real build of the site."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, BuildResult, run_mkdocs_build
from lxml import html as lxml_html
from PIL import Image
from test_events_sample import EVENTS, XSS_TITLE, sample_project

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when EDUHUB_SITE_URL is not set
OUTPUT = REPO / "test-output"


# Pages that are not themed pages: the iframe embed and the /go/ short-link redirects.
NOT_THEMED = ("embed/", "go/")


def _pages(site: BuildResult) -> list[Path]:
    """Every themed page (not the embed or the redirects; e-mail editions are not index.html)."""
    return [
        p
        for p in sorted(site.site_dir.rglob("index.html"))
        if not p.relative_to(site.site_dir).as_posix().startswith(NOT_THEMED)
    ]


def _meta(tree, attribute: str, key: str) -> list[str]:
    return [m.get("content", "") for m in tree.iter("meta") if m.get(attribute) == key]


def _local(site: BuildResult, url: str) -> Path:
    """The file in the built site an absolute URL of the site points at."""
    assert url.startswith(SITE_URL), url
    path = site.site_dir / url[len(SITE_URL) :]
    return path / "index.html" if url.endswith("/") else path


def _png_size(path: Path) -> tuple[int, int]:
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        assert image.format == "PNG"
        return image.size


def test_every_page_has_share_tags_that_resolve(real_site: BuildResult) -> None:
    problems: dict[str, list[str]] = {}
    images: set[str] = set()
    for path in _pages(real_site):
        rel = path.relative_to(real_site.site_dir).parent.as_posix()
        url = "" if rel == "." else rel + "/"
        tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        if any("noindex" in v for v in _meta(tree, "name", "robots")):
            continue  # staff pages (kit, posters): not for sharing
        wrong = []
        for attribute, key in [
            ("name", "description"),
            ("property", "og:title"),
            ("property", "og:description"),
            ("property", "og:url"),
            ("property", "og:type"),
            ("property", "og:image"),
            ("property", "og:site_name"),
            ("property", "og:locale"),
            ("name", "twitter:card"),
        ]:
            values = _meta(tree, attribute, key)
            if len(values) != 1 or not values[0].strip():
                wrong.append(f"{key}: {values}")
        if wrong:
            problems[url] = wrong
            continue
        (og_url,) = _meta(tree, "property", "og:url")
        (image,) = _meta(tree, "property", "og:image")
        if og_url != SITE_URL + url:
            wrong.append(f"og:url {og_url}")
        if not _local(real_site, og_url).is_file():
            wrong.append(f"og:url {og_url} is not a file of the site")
        if not _local(real_site, image).is_file():
            wrong.append(f"og:image {image} is not a file of the site")
        else:
            images.add(image)
        (og_type,) = _meta(tree, "property", "og:type")
        article = (
            url.startswith("news/")
            and url != "news/"
            or (url.startswith("newsletter/") and url.strip("/").split("/")[-1].isdigit())
        )
        if og_type != ("article" if article else "website"):
            wrong.append(f"og:type {og_type}")
        if _meta(tree, "property", "og:locale") != ["ko_KR"]:
            wrong.append("og:locale")
        if _meta(tree, "name", "twitter:card") != ["summary_large_image"]:
            wrong.append("twitter:card")
        if wrong:
            problems[url] = wrong
    assert problems == {}
    for image in images:
        assert _png_size(_local(real_site, image)) == (1200, 630), image


def test_issue_and_event_pages_use_their_own_card(real_site: BuildResult) -> None:
    cards = sorted((real_site.site_dir / "share").rglob("*.png"))
    kinds = {p.parent.name for p in cards}
    assert {"events", "newsletter"} <= kinds, kinds
    for card in cards:
        if card.parent.name == "share":
            continue
        page = f"{card.parent.name}/{card.stem}/"
        tree = lxml_html.fromstring(real_site.page(page))
        assert _meta(tree, "property", "og:image") == [
            SITE_URL + card.relative_to(real_site.site_dir).as_posix()
        ]
    OUTPUT.mkdir(exist_ok=True)
    shutil.copyfile(real_site.site_dir / "share" / "default.png", OUTPUT / "card-default.png")
    for kind in ("events", "newsletter"):
        first = next(p for p in cards if p.parent.name == kind)
        shutil.copyfile(first, OUTPUT / f"card-{kind}.png")


def test_descriptions_are_summaries_or_first_paragraphs(real_site: BuildResult) -> None:
    tree = lxml_html.fromstring(real_site.page("admissions/consulting/"))
    (description,) = _meta(tree, "name", "description")
    first = " ".join(tree.cssselect(".md-content p")[0].text_content().split())
    assert description and (first.startswith(description.rstrip("…")) or len(description) > 10)
    assert len(description) <= 150


def test_icons_manifest_and_theme_colours(real_site: BuildResult) -> None:
    site = real_site.site_dir
    assert _png_size(site / "apple-touch-icon.png") == (180, 180)
    assert _png_size(site / "icon-192.png") == (192, 192)
    assert _png_size(site / "icon-512.png") == (512, 512)
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    for icon in manifest["icons"]:
        assert (site / icon["src"]).is_file()
    tree = lxml_html.fromstring(real_site.page(""))
    colours = {
        m.get("media"): m.get("content")
        for m in tree.iter("meta")
        if m.get("name") == "theme-color"
    }
    assert set(colours) == {"(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"}
    rels = {link.get("rel"): link.get("href") for link in tree.iter("link")}
    assert rels["apple-touch-icon"].endswith("apple-touch-icon.png")
    assert rels["manifest"].endswith("manifest.webmanifest")
    not_found = lxml_html.fromstring((site / "404.html").read_text(encoding="utf-8"))
    assert any(link.get("rel") == "apple-touch-icon" for link in not_found.iter("link"))


def test_cards_are_byte_identical_across_two_builds(real_site: BuildResult, tmp_path: Path) -> None:
    again = run_mkdocs_build(REPO / "mkdocs.yml", tmp_path / "site")
    assert again.ok, again.output
    first = {
        p.relative_to(real_site.site_dir).as_posix(): p.read_bytes()
        for p in real_site.site_dir.rglob("*.png")
    }
    second = {
        p.relative_to(again.site_dir).as_posix(): p.read_bytes()
        for p in again.site_dir.rglob("*.png")
    }
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert any(k.startswith("share/events/") for k in first)


@pytest.mark.parametrize("site_url", ["https://example.go.kr/", "https://example.go.kr/sub/path/"])
def test_search_form_action_is_the_home_path(site, site_url: str) -> None:
    site.config["site_url"] = site_url
    result = site.build()
    assert result.ok, result.output
    path = "/" + site_url.split("//", 1)[1].split("/", 1)[1]
    for page in ("", "404.html"):
        tree = lxml_html.fromstring(
            (result.site_dir / (page or "index.html")).read_text(encoding="utf-8")
        )
        (form,) = tree.cssselect("form.md-search__form")
        assert form.get("action") == path
        assert tree.cssselect("form.md-search__form input[name=q]")


EXTRA_EVENTS = """
- id: emoji-2026
  title: 🎓 졸업 축하 행사
  start: 2026-12-20
  location: 센터
  audience: [high]
  category: briefing
- id: old-2024
  title: 지난 설명회
  start: 2024-05-04
  location: 센터
  audience: [high]
  category: briefing
"""


def test_cards_fall_back_and_titles_stay_text(tmp_path: Path) -> None:
    result = sample_project(tmp_path / "project", EVENTS + EXTRA_EVENTS).build()
    assert result.ok, result.output
    url = "https://eduhub.test/"

    def image(page: str) -> str:
        (value,) = _meta(lxml_html.fromstring(result.page(page)), "property", "og:image")
        return value

    # A glyph outside the font subset, and an event older than 12 months: the default card.
    assert image("events/emoji-2026/") == url + "share/default.png"
    assert image("events/old-2024/") == url + "share/default.png"
    assert not (result.site_dir / "share/events/emoji-2026.png").exists()
    assert not (result.site_dir / "share/events/old-2024.png").exists()
    assert image("events/briefing-2027/") == url + "share/events/briefing-2027.png"
    # Staff text is text in every tag, never markup.
    page = result.page("events/briefing-2027/")
    head = page.split("</head>")[0]
    assert "<script>alert" not in head
    tree = lxml_html.fromstring(page)
    assert _meta(tree, "property", "og:title") == [XSS_TITLE]
    assert _meta(tree, "name", "twitter:title") == [XSS_TITLE]
