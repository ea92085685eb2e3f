"""RSS 2.0, Atom 1.0, JSON Feed 1.1 and category feeds, read back with feedparser and lxml."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import pytest
from conftest import BuildResult
from lxml import etree
from lxml import html as lxml_html
from test_newsletter import PDF_BYTES, TRICKY_TITLE, make_newsletter_site

SITE = "https://eduhub.test/"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Newest first: announcements and issues of the small site, drafts and future items left out.
EXPECTED_URLS = [
    f"{SITE}news/closure/",
    f"{SITE}newsletter/13/",
    f"{SITE}newsletter/12/",
    f"{SITE}news/counseling/",
    f"{SITE}newsletter/11/",
    f"{SITE}newsletter/10/",
]
CATEGORY_SLUGS = ["policy", "admissions", "credit-system", "programs", "study", "center"]
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0900$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_newsletter_site(tmp_path_factory.mktemp("feeds") / "project")
    result = site.build()
    assert result.ok, result.output
    return result


def read(result: BuildResult, path: str) -> bytes:
    return (result.site_dir / path).read_bytes()


def xml(result: BuildResult, path: str) -> etree._Element:
    return etree.fromstring(read(result, path))


def feed_files(result: BuildResult) -> list[str]:
    return ["feed.xml", "atom.xml", *(f"feeds/{slug}.xml" for slug in CATEGORY_SLUGS)]


def test_feeds_are_well_formed_utf8_without_invalid_characters(built: BuildResult) -> None:
    for path in [*feed_files(built), "feed.json"]:
        data = read(built, path)
        text = data.decode("utf-8")  # raises when not UTF-8
        assert not XML_INVALID.search(text), path
        if path.endswith(".xml"):
            assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
            etree.fromstring(data)  # raises when not well-formed
            assert not feedparser.parse(data).bozo, path
    # The body of issue 12 had control characters in it: they are gone, the text is not.
    assert "제어 문자가 섞여도" in read(built, "feed.xml").decode()


def test_feeds_carry_all_published_items_newest_first(built: BuildResult) -> None:
    rss = feedparser.parse(read(built, "feed.xml"))
    atom = feedparser.parse(read(built, "atom.xml"))
    data = json.loads(read(built, "feed.json"))
    assert [e.link for e in rss.entries] == EXPECTED_URLS
    assert [e.link for e in atom.entries] == EXPECTED_URLS
    assert [i["url"] for i in data["items"]] == EXPECTED_URLS


def test_language_is_korean(built: BuildResult) -> None:
    assert xml(built, "feed.xml").findtext("channel/language") == "ko"
    assert xml(built, "atom.xml").get(XML_LANG) == "ko"
    assert json.loads(read(built, "feed.json"))["language"] == "ko"
    for slug in CATEGORY_SLUGS:
        assert xml(built, f"feeds/{slug}.xml").findtext("channel/language") == "ko"


@pytest.mark.parametrize("path", ["feed.xml", *(f"feeds/{s}.xml" for s in CATEGORY_SLUGS)])
def test_rss_channel_link_is_the_archive_and_one_self_link(built: BuildResult, path: str) -> None:
    channel = xml(built, path).find("channel")
    assert channel.findtext("link").startswith(f"{SITE}newsletter/")
    selves = [link for link in channel.iter(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in selves] == [SITE + path]
    parsed = feedparser.parse(read(built, path))
    assert parsed.feed.link == channel.findtext("link")


def test_atom_links_archive_and_has_one_self_link(built: BuildResult) -> None:
    feed = xml(built, "atom.xml")
    links = [(link.get("rel"), link.get("href")) for link in feed.findall(f"{ATOM}link")]
    assert links.count(("self", f"{SITE}atom.xml")) == 1
    assert [rel for rel, _ in links].count("self") == 1
    assert ("alternate", f"{SITE}newsletter/") in links
    assert feed.findtext(f"{ATOM}id") == f"{SITE}atom.xml"


def test_json_feed_describes_itself(built: BuildResult) -> None:
    data = json.loads(read(built, "feed.json"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"{SITE}feed.json"
    assert data["home_page_url"] == f"{SITE}newsletter/"
    assert data["authors"][0]["name"]


def test_rss_dates_are_rfc822_in_seoul(built: BuildResult) -> None:
    channel = xml(built, "feed.xml").find("channel")
    dates = [item.findtext("pubDate") for item in channel.iter("item")]
    assert all(RFC822.match(d) for d in dates), dates
    assert dates[2] == "Mon, 02 Mar 2026 00:00:00 +0900"
    assert channel.findtext("lastBuildDate") == "Sun, 20 Sep 2026 00:00:00 +0900"


def test_atom_dates_are_rfc3339_in_seoul(built: BuildResult) -> None:
    feed = xml(built, "atom.xml")
    stamps = [e.text for e in feed.iter(f"{ATOM}updated")] + [
        e.text for e in feed.iter(f"{ATOM}published")
    ]
    assert all(RFC3339.match(s) for s in stamps), stamps
    assert feed.findtext(f"{ATOM}updated") == "2026-09-20T00:00:00+09:00"
    published = json.loads(read(built, "feed.json"))["items"][2]["date_published"]
    assert datetime.fromisoformat(published) == datetime.fromisoformat("2026-03-02T00:00:00+09:00")


def test_guid_and_id_are_the_permalink(built: BuildResult) -> None:
    for item in xml(built, "feed.xml").iter("item"):
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "true"
        assert guid.text == item.findtext("link")
    for entry in xml(built, "atom.xml").iter(f"{ATOM}entry"):
        alternates = [
            link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"
        ]
        assert len(alternates) == 1, "an enclosure must not become a second alternate link"
        assert entry.findtext(f"{ATOM}id") == alternates[0].get("href")


def test_titles_round_trip_unchanged(built: BuildResult) -> None:
    rss = feedparser.parse(read(built, "feed.xml"))
    atom = feedparser.parse(read(built, "atom.xml"))
    assert rss.entries[2].title == TRICKY_TITLE
    assert atom.entries[2].title == TRICKY_TITLE
    assert xml(built, "feed.xml").findall("channel/item")[2].findtext("title") == TRICKY_TITLE
    assert (
        xml(built, "atom.xml").findall(f"{ATOM}entry")[2].findtext(f"{ATOM}title") == TRICKY_TITLE
    )
    assert json.loads(read(built, "feed.json"))["items"][2]["title"] == TRICKY_TITLE


def test_summary_is_plain_text(built: BuildResult) -> None:
    item = xml(built, "feed.xml").findall("channel/item")[2]
    assert item.findtext("description") == "새 학기에 바뀌는 것들을 정리했습니다."
    entry = xml(built, "atom.xml").findall(f"{ATOM}entry")[2]
    summary = entry.find(f"{ATOM}summary")
    assert summary.text == "새 학기에 바뀌는 것들을 정리했습니다."
    assert summary.get("type") in (None, "text")


def _content_html(built: BuildResult) -> list[tuple[str, str]]:
    found = [
        (f"rss {i.findtext('link')}", i.findtext(CONTENT))
        for i in xml(built, "feed.xml").iter("item")
    ]
    for entry in xml(built, "atom.xml").iter(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html"
        found.append((f"atom {entry.findtext(f'{ATOM}id')}", content.text))
    found += [
        (f"json {i['id']}", i["content_html"])
        for i in json.loads(read(built, "feed.json"))["items"]
    ]
    return found


def test_full_html_content_with_every_link_absolute(built: BuildResult) -> None:
    checked = 0
    for where, html in _content_html(built):
        assert html, where
        root = lxml_html.fragment_fromstring(html, create_parent="div")
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None:
                    parsed = urlparse(value)
                    assert parsed.scheme in ("http", "https") and parsed.netloc, (where, value)
                    checked += 1
    assert checked >= 3 * 4


def test_issue_content_keeps_its_links_and_text(built: BuildResult) -> None:
    html = xml(built, "feed.xml").findall("channel/item")[2].findtext(CONTENT)
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    hrefs = [a.get("href") for a in root.iter("a")]
    assert f"{SITE}programs/" in hrefs
    assert "https://example.org/a?b=1&c=2" in hrefs
    assert any(h.startswith(f"{SITE}newsletter/12/#") for h in hrefs)
    assert [img.get("src") for img in root.iter("img")] == [f"{SITE}newsletter/issues/photo.png"]
    assert "둘째 단락" in root.text_content()
    assert "¶" not in root.text_content(), "permalink anchors are page chrome"
    assert not root.findall(".//h1"), "the title is the item's title already"


def test_pdf_is_an_enclosure_with_its_real_length(built: BuildResult) -> None:
    items = xml(built, "feed.xml").findall("channel/item")
    enclosures = [i.find("enclosure") for i in items]
    assert [e is not None for e in enclosures] == [False, False, True, False, False, False]
    pdf = enclosures[2]
    assert pdf.get("url") == f"{SITE}newsletter/pdf/issue-12.pdf"
    assert pdf.get("type") == "application/pdf"
    assert int(pdf.get("length")) == len(PDF_BYTES)
    assert (built.site_dir / "newsletter/pdf/issue-12.pdf").stat().st_size == len(PDF_BYTES)

    entry = xml(built, "atom.xml").findall(f"{ATOM}entry")[2]
    links = [dict(link.attrib) for link in entry.findall(f"{ATOM}link")]
    assert links == [
        {"href": f"{SITE}newsletter/12/", "rel": "alternate", "type": "text/html"},
        {
            "href": f"{SITE}newsletter/pdf/issue-12.pdf",
            "rel": "enclosure",
            "type": "application/pdf",
            "length": str(len(PDF_BYTES)),
        },
    ]
    parsed = feedparser.parse(read(built, "atom.xml")).entries[2]
    assert [(e.href, int(e.length), e.type) for e in parsed.enclosures] == [
        (f"{SITE}newsletter/pdf/issue-12.pdf", len(PDF_BYTES), "application/pdf")
    ]
    attachment = json.loads(read(built, "feed.json"))["items"][2]["attachments"]
    assert attachment == [
        {
            "url": f"{SITE}newsletter/pdf/issue-12.pdf",
            "mime_type": "application/pdf",
            "size_in_bytes": len(PDF_BYTES),
        }
    ]


def test_atom_has_an_author(built: BuildResult) -> None:
    parsed = feedparser.parse(read(built, "atom.xml"))
    assert parsed.feed.author_detail.name == "테스트 사이트"
    assert all(e.get("author") for e in parsed.entries), "entries inherit the feed's author"


def test_categories_are_in_items_and_have_their_own_feeds(built: BuildResult) -> None:
    item = xml(built, "feed.xml").findall("channel/item")[2]
    assert [c.text for c in item.findall("category")] == ["교육정책", "입시정보"]
    entry = xml(built, "atom.xml").findall(f"{ATOM}entry")[2]
    assert [(c.get("term"), c.get("label")) for c in entry.findall(f"{ATOM}category")] == [
        ("policy", "교육정책"),
        ("admissions", "입시정보"),
    ]
    links = {
        slug: [i.findtext("link") for i in xml(built, f"feeds/{slug}.xml").iter("item")]
        for slug in CATEGORY_SLUGS
    }
    assert links == {
        "policy": [f"{SITE}newsletter/12/"],
        "admissions": [f"{SITE}newsletter/12/"],
        "credit-system": [],
        "programs": [f"{SITE}news/counseling/"],
        "study": [f"{SITE}newsletter/11/"],
        "center": [f"{SITE}newsletter/13/", f"{SITE}news/counseling/"],
    }
    channel = xml(built, "feeds/center.xml").find("channel")
    assert "센터 소식" in channel.findtext("title")
    assert channel.findtext("link") == f"{SITE}newsletter/?category=center"


def test_feed_limit_is_configurable(tmp_path: Path) -> None:
    site = make_newsletter_site(tmp_path / "project", feed_limit=2)
    result = site.build()
    assert result.ok, result.output
    for path in ("feed.xml", "atom.xml"):
        assert [e.link for e in feedparser.parse(read(result, path)).entries] == EXPECTED_URLS[:2]
    assert len(json.loads(read(result, "feed.json"))["items"]) == 2
    assert len(xml(result, "feeds/center.xml").findall("channel/item")) == 2
    # The archive still lists every issue.
    assert (
        len(lxml_html.fromstring(result.page("newsletter/")).cssselect(".eduhub-archive h3")) == 4
    )


def test_two_builds_give_byte_identical_feeds_whatever_the_time_zone(
    built: BuildResult, tmp_path: Path
) -> None:
    site = make_newsletter_site(tmp_path / "project")
    again = site.build(env={"TZ": "America/Los_Angeles"})
    assert again.ok, again.output
    outputs = [
        *feed_files(built),
        "feed.json",
        *(f"newsletter/{n}/email.html" for n in (10, 11, 12, 13)),
    ]
    for path in outputs:
        assert read(built, path) == read(again, path), path


def test_real_site_feeds(real_site: BuildResult) -> None:
    """The real content: every published issue and announcement is in the feeds."""
    rss = feedparser.parse(read(real_site, "feed.xml"))
    atom = feedparser.parse(read(real_site, "atom.xml"))
    assert not rss.bozo and not atom.bozo
    assert len(rss.entries) == len(atom.entries) >= 1
    assert [e.link for e in rss.entries] == [e.link for e in atom.entries]
    for entry in rss.entries:
        path = urlparse(entry.link).path.lstrip("/")
        assert (real_site.site_dir / path / "index.html").is_file(), entry.link
    times = [e.published_parsed for e in rss.entries]
    assert times == sorted(times, reverse=True)
    for path in feed_files(real_site):
        etree.fromstring(read(real_site, path))
    json.loads(read(real_site, "feed.json"))
