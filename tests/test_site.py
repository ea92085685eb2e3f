"""The real site builds strictly, has its sections at short ASCII URLs, and stays private."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import REPO, BuildResult
from lxml import html as lxml_html

SECTIONS = {
    "center/": "센터 소개",
    "admissions/": "입시정보",
    "programs/": "프로그램",
    "credit-system/": "고교학점제",
    "newsletter/": "교육금천 소식지",
    "news/": "공지",
    "events/": "행사·일정",
    "calendar/": "구독",
    "subscribe/": "구독",
}
# Attributes through which a page makes the browser fetch something on its own.
RESOURCE_ATTRS = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
    "input": ["src"],
}
# <link> relations that do not fetch anything while the page loads.
NON_FETCHING_RELS = {"alternate", "canonical", "author", "license", "next", "prev", "search"}


def test_real_site_builds_strict_without_warnings(real_site: BuildResult) -> None:
    assert "WARNING" not in real_site.output
    assert (real_site.site_dir / "index.html").is_file()


@pytest.mark.parametrize("url,label", SECTIONS.items())
def test_sections_live_at_short_ascii_urls(real_site: BuildResult, url: str, label: str) -> None:
    assert url.isascii()
    page = real_site.page(url)
    assert label in page
    assert '<html lang="ko"' in page


def test_navigation_labels_are_korean(real_site: BuildResult) -> None:
    tree = lxml_html.fromstring(real_site.page(""))
    labels = [" ".join(a.text_content().split()) for a in tree.cssselect(".md-tabs__link")]
    assert len(labels) <= 8  # more tabs than this do not fit a laptop screen
    for expected in [
        "센터 소개",
        "입시정보",
        "고교학점제",
        "프로그램",
        "행사·일정",
        "소식지·공지",
        "사이트 안내",
    ]:
        assert expected in labels


def test_home_page_links_every_section(real_site: BuildResult) -> None:
    tree = lxml_html.fromstring(real_site.page(""))
    hrefs = {a.get("href") for a in tree.iter("a")}
    for url in ["center/", "admissions/", "programs/", "credit-system/", "events/", "newsletter/"]:
        assert url in hrefs, url


def test_center_address_is_one_data_item(real_site: BuildResult) -> None:
    """The footer shows the center's address from mkdocs.yml extra.center on every page."""
    for url in ["", "programs/", "events/"]:
        assert "시흥대로73길 67" in real_site.page(url)


def _resource_urls(page: Path) -> list[str]:
    tree = lxml_html.fromstring(page.read_bytes())
    urls = []
    for tag, attrs in RESOURCE_ATTRS.items():
        for element in tree.iter(tag):
            if tag == "link" and set((element.get("rel") or "").split()) & NON_FETCHING_RELS:
                continue
            for attr in attrs:
                value = element.get(attr)
                if value:
                    urls += [part.strip().split(" ")[0] for part in value.split(",")]
    for style in tree.iter("style"):
        urls += re.findall(r"url\(['\"]?([^'\")]+)", style.text or "")
        urls += re.findall(r"@import\s+['\"]([^'\"]+)", style.text or "")
    return urls


def test_no_page_requests_a_third_party_host(real_site: BuildResult) -> None:
    offenders = []
    pages = sorted(real_site.site_dir.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        for url in _resource_urls(page):
            host = urlparse(url).netloc
            if host and host not in ("127.0.0.1:8000",):
                offenders.append(f"{page.relative_to(real_site.site_dir)}: {url}")
    for css in real_site.site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?(https?:)?//([^/'\")]+)", text):
            offenders.append(f"{css.relative_to(real_site.site_dir)}: {url}")
    assert offenders == []


def test_no_google_fonts_anywhere(real_site: BuildResult) -> None:
    for page in real_site.site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


def test_plugin_core_imports_no_mkdocs() -> None:
    """models, loaders, generators, features and the hub must outlive the MkDocs adapter."""
    package = REPO / "plugins" / "eduhub"
    adapter = {"plugin.py", "config.py"}
    offenders = []
    for path in package.rglob("*.py"):
        if path.name in adapter and path.parent == package:
            continue
        if re.search(r"^\s*(from|import)\s+mkdocs\b", path.read_text(encoding="utf-8"), re.M):
            offenders.append(str(path.relative_to(package)))
    assert offenders == []
