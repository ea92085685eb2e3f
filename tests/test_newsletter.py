"""Newsletter issues and announcements: pages, archive, drafts, scheduled items, escaping.

`make_newsletter_site` is the small site the feed and e-mail tests build too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BuildResult, SiteProject
from lxml import html as lxml_html

# Staff text that must come out as text: markup characters, quotes, Korean.
TRICKY_TITLE = "교육 <정책> & \"입시\" 'A' 소식"
PDF_BYTES = b"%PDF-1.4\n" + b"0123456789" * 307  # 3,079 bytes
CONTROL = "\x01\x08\x0b\x1f"  # XML-invalid control characters pasted into a body


def make_newsletter_site(root: Path, **plugin_options: object) -> SiteProject:
    """Four published issues (one with a PDF, one in a sub-folder with an odd file name),
    a draft and a scheduled issue; two announcements, a draft and a scheduled one."""
    site = SiteProject(root)
    for plugin in site.config["plugins"]:
        if isinstance(plugin, dict) and "eduhub" in plugin:
            plugin["eduhub"].update(plugin_options)
    # Like the real mkdocs.yml: issues and announcements are reached from index pages only.
    site.config["nav"] = ["index.md", "newsletter/index.md", "news/index.md", "subscribe/index.md"]
    site.write("newsletter/index.md", "# 교육금천 소식지\n")
    site.write("news/index.md", "# 공지\n")
    site.write("subscribe/index.md", "# 소식 구독하기\n")
    site.write("programs/index.md", "# 프로그램\n")
    site.write("newsletter/pdf/issue-12.pdf", PDF_BYTES)
    site.write("newsletter/issues/photo.png", b"\x89PNG\r\n\x1a\n")
    site.write(
        "newsletter/issues/2026-spring.md",
        f"""\
        ---
        title: '{TRICKY_TITLE.replace("'", "''")}'
        issue: 12
        date: 2026-03-02
        summary: 새 학기에 바뀌는 것들을 정리했습니다.
        categories: [policy, admissions]
        pdf: ../pdf/issue-12.pdf
        ---

        # 본문 첫 제목

        [프로그램 안내](../../programs/index.md)와 ![사진](photo.png), [외부](https://example.org/a?b=1&c=2).
        제어 문자{CONTROL}가 섞여도 괜찮습니다.

        ## 둘째 단락

        [이 단락으로](#둘째-단락) <span>인라인 HTML</span>
        """,
    )
    site.write(
        "newsletter/issues/2025/겨울호 최종 (수정).md",
        """\
        ---
        title: 겨울방학 공부 계획
        issue: 11
        date: 2025-12-22
        summary: 방학을 알차게 보내는 방법입니다.
        categories: [study]
        ---

        방학 이야기.
        """,
    )
    site.write(
        "newsletter/issues/010.md",
        """\
        ---
        title: 가을호
        issue: 10
        date: 2025-09-01
        summary: 가을 소식입니다.
        ---

        가을.
        """,
    )
    site.write(
        "newsletter/issues/013.md",
        """\
        ---
        title: 여름호
        issue: 13
        date: 2026-07-01
        summary: 여름 소식입니다.
        categories: [center]
        ---

        여름.
        """,
    )
    site.write(
        "newsletter/issues/draft.md",
        """\
        ---
        title: 초안인 호
        issue: 14
        date: 2026-10-01
        summary: 아직 초안입니다.
        draft: true
        ---

        초안 본문 DRAFTMARKER.
        """,
    )
    site.write(
        "newsletter/issues/future.md",
        """\
        ---
        title: 다음 달에 나올 호
        issue: 15
        date: 2026-12-01
        summary: 예약된 호입니다.
        ---

        예약 본문 FUTUREMARKER.
        """,
    )
    site.write(
        "events/test.yml",
        """\
        - id: spring-briefing
          title: 봄 입시설명회
          start: "2026-04-10 14:00"
          audience: [parents]
          category: briefing
        """,
    )
    site.write(
        "news/counseling.md",
        """\
        ---
        title: 상시상담 운영 안내
        date: 2026-03-02
        summary: 매주 금요일에 상담합니다.
        categories: [center, programs]
        events: [spring-briefing]
        ---

        # 상시상담 운영 안내

        자세한 내용은 [소식지](../newsletter/index.md)를 보세요.
        """,
    )
    site.write(
        "news/closure.md",
        """\
        ---
        title: 추석 휴무 안내
        date: 2026-09-20
        summary: 추석 연휴에는 쉽니다.
        ---

        쉽니다.
        """,
    )
    site.write(
        "news/draft-news.md",
        """\
        ---
        title: 초안 공지
        date: 2026-05-01
        summary: 초안.
        draft: true
        ---

        DRAFTMARKER
        """,
    )
    site.write(
        "news/future-news.md",
        """\
        ---
        title: 예약 공지
        date: 2027-01-05
        summary: 예약.
        ---

        FUTUREMARKER
        """,
    )
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_newsletter_site(tmp_path_factory.mktemp("newsletter") / "project")
    result = site.build()
    assert result.ok, result.output
    return result


def tree(result: BuildResult, url: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(result.page(url))


def text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def article(result: BuildResult, url: str) -> lxml_html.HtmlElement:
    return tree(result, url).cssselect("article.md-content__inner")[0]


def test_issues_and_announcements_stay_out_of_the_global_nav(built: BuildResult) -> None:
    nav = tree(built, "newsletter/").cssselect("nav.md-nav--primary")[0]
    hrefs = [a.get("href") for a in nav.iter("a")]
    assert not [h for h in hrefs if h and re.match(r"^(\.\./)*(\d+|news/\w+)/$", h)], hrefs


def test_issue_pages_live_at_their_number_whatever_the_file_name(built: BuildResult) -> None:
    for number in (10, 11, 12, 13):
        assert (built.site_dir / "newsletter" / str(number) / "index.html").is_file()
    assert not (built.site_dir / "newsletter" / "issues" / "2026-spring").exists()
    assert not list(built.site_dir.rglob("겨울호*"))


def test_archive_lists_published_issues_newest_first_grouped_by_year(built: BuildResult) -> None:
    page = article(built, "newsletter/")
    years = [text(h) for h in page.cssselect(".eduhub-archive h2")]
    assert years == ["2026년", "2025년"]
    titles = [text(h) for h in page.cssselect(".eduhub-archive h3")]
    assert titles == [
        "제13호 여름호",
        f"제12호 {TRICKY_TITLE}",
        "제11호 겨울방학 공부 계획",
        "제10호 가을호",
    ]
    links = [a.get("href") for a in page.cssselect(".eduhub-archive h3 a")]
    assert links == ["13/", "12/", "11/", "10/"]


def test_archive_entry_has_korean_date_summary_categories_and_pdf(built: BuildResult) -> None:
    page = article(built, "newsletter/")
    entry = page.cssselect("[data-filter-item] article")[1]
    assert entry.cssselect("time")[0].get("datetime") == "2026-03-02"
    assert text(entry.cssselect("time")[0]) == "2026년 3월 2일 (월)"
    assert "새 학기에 바뀌는 것들을 정리했습니다." in text(entry)
    assert [text(li) for li in entry.cssselect(".eduhub-tags li")] == ["교육정책", "입시정보"]
    pdf = entry.cssselect(".eduhub-pdf a")[0]
    assert pdf.get("href") == "pdf/issue-12.pdf"
    assert "3 KB" in text(entry.cssselect(".eduhub-pdf")[0])
    # Issues without a PDF have no PDF link.
    assert not page.cssselect("[data-filter-item] article")[0].cssselect(".eduhub-pdf")


def test_archive_items_carry_category_slugs_for_the_filter(built: BuildResult) -> None:
    page = article(built, "newsletter/")
    items = page.cssselect("[data-filter-item]")
    assert [i.get("data-category") for i in items] == ["center", "policy admissions", "study", ""]
    values = [i.get("value") for i in page.cssselect("form[data-eduhub-filter] input")]
    assert values[:3] == ["", "policy", "admissions"]


def test_issue_page_shows_number_title_date_categories_pdf(built: BuildResult) -> None:
    page = article(built, "newsletter/12/")
    h1s = page.cssselect("h1")
    assert len(h1s) == 1, "the body's own # heading is replaced by the page title"
    assert text(h1s[0]) == f"교육금천 소식지 제12호 {TRICKY_TITLE}"
    assert "본문 첫 제목" not in text(page)
    assert text(page.cssselect(".eduhub-item-meta time")[0]) == "2026년 3월 2일 (월)"
    assert [text(li) for li in page.cssselect(".eduhub-tags li")] == ["교육정책", "입시정보"]
    pdf = page.cssselect(".eduhub-pdf a")[0]
    assert pdf.get("href") == "../pdf/issue-12.pdf"
    assert (built.site_dir / "newsletter/12" / pdf.get("href")).resolve().read_bytes() == PDF_BYTES
    assert "(PDF, 3 KB)" in text(page.cssselect(".eduhub-pdf")[0])
    assert "둘째 단락" in text(page)


def test_issue_page_links_previous_and_next_issue(built: BuildResult) -> None:
    nav = article(built, "newsletter/12/").cssselect("nav.eduhub-issue-nav")[0]
    assert nav.cssselect('a[rel="prev"]')[0].get("href") == "../11/"
    assert nav.cssselect('a[rel="next"]')[0].get("href") == "../13/"
    newest = article(built, "newsletter/13/").cssselect("nav.eduhub-issue-nav")[0]
    assert not newest.cssselect('a[rel="next"]'), "the draft and scheduled issues are not next"
    oldest = article(built, "newsletter/10/").cssselect("nav.eduhub-issue-nav")[0]
    assert not oldest.cssselect('a[rel="prev"]')


def test_issue_and_news_pages_link_to_subscribe(built: BuildResult) -> None:
    for url, subscribe in (
        ("newsletter/12/", "../../subscribe/"),
        ("news/closure/", "../../subscribe/"),
    ):
        box = article(built, url).cssselect(".eduhub-subscribe-box")[0]
        hrefs = [a.get("href") for a in box.iter("a")]
        assert subscribe in hrefs
        assert "https://eduhub.test/feed.xml" in hrefs


def test_titles_are_escaped_everywhere(built: BuildResult) -> None:
    for url in ("newsletter/", "newsletter/12/"):
        raw = built.page(url)
        body = raw[raw.index('<article class="md-content__inner') :]
        assert "<정책>" not in body, url
        assert "&lt;정책&gt;" in body, url
        assert TRICKY_TITLE in text(article(built, url)), url


def test_news_index_lists_announcements_newest_first(built: BuildResult) -> None:
    page = article(built, "news/")
    titles = [text(h) for h in page.cssselect("h3")]
    assert titles == ["추석 휴무 안내", "상시상담 운영 안내"]
    assert [a.get("href") for a in page.cssselect("h3 a")] == ["closure/", "counseling/"]
    assert "2026년 9월 20일 (일)" in text(page)


def test_announcement_page_links_its_events(built: BuildResult) -> None:
    page = article(built, "news/counseling/")
    assert text(page.cssselect("h1")[0]) == "상시상담 운영 안내"
    assert len(page.cssselect("h1")) == 1
    related = page.cssselect(".eduhub-related a")
    assert [(a.get("href"), text(a)) for a in related] == [
        ("../../events/spring-briefing/", "봄 입시설명회")
    ]
    assert [text(li) for li in page.cssselect(".eduhub-tags li")] == ["센터 소식", "프로그램 소식"]


def test_home_shows_latest_issue_and_announcements(built: BuildResult) -> None:
    block = tree(built, "").cssselect(".eduhub-home-newsletter")[0]
    assert "제13호 여름호" in text(block)
    hrefs = [a.get("href") for a in block.iter("a")]
    assert hrefs[0] == "newsletter/13/"
    assert "news/closure/" in hrefs and "news/counseling/" in hrefs
    assert hrefs.index("news/closure/") < hrefs.index("news/counseling/")


def test_subscribe_page_lists_every_feed_url(built: BuildResult) -> None:
    page = article(built, "subscribe/")
    hrefs = {a.get("href") for a in page.iter("a")}
    expected = {f"https://eduhub.test/{p}" for p in ("feed.xml", "atom.xml", "feed.json")}
    slugs = ["policy", "admissions", "credit-system", "programs", "study", "center"]
    expected |= {f"https://eduhub.test/feeds/{slug}.xml" for slug in slugs}
    assert expected <= hrefs
    for href in expected:
        path = built.site_dir / href.removeprefix("https://eduhub.test/")
        assert path.is_file(), href
    assert "고교학점제" in text(page)  # each category feed is named by its Korean label


def test_every_page_has_feed_autodiscovery(built: BuildResult) -> None:
    pages = [
        p
        for p in built.site_dir.rglob("index.html")
        # iframe widgets and /go/ short-link redirects are not pages people read
        if not p.relative_to(built.site_dir).as_posix().startswith(("embed/", "go/"))
    ]
    assert len(pages) >= 10
    for page in pages:
        head = lxml_html.fromstring(page.read_bytes()).find("head")
        found = {
            (link.get("type"), link.get("href"))
            for link in head.iter("link")
            if link.get("rel") == "alternate"
        }
        assert {
            ("application/rss+xml", "https://eduhub.test/feed.xml"),
            ("application/atom+xml", "https://eduhub.test/atom.xml"),
            ("application/feed+json", "https://eduhub.test/feed.json"),
        } <= found, page


@pytest.mark.parametrize(
    "marker",
    ["DRAFTMARKER", "FUTUREMARKER", "초안인 호", "다음 달에 나올 호", "초안 공지", "예약 공지"],
)
def test_drafts_and_scheduled_items_are_published_nowhere(built: BuildResult, marker: str) -> None:
    for path in built.site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".gz"):
            data = path.read_bytes()
            if path.suffix == ".gz":
                import gzip

                data = gzip.decompress(data)
            assert marker.encode() not in data, path
    assert not (built.site_dir / "newsletter" / "14").exists()
    assert not (built.site_dir / "newsletter" / "15").exists()
    assert not (built.site_dir / "news" / "draft-news").exists()
    assert not (built.site_dir / "news" / "future-news").exists()
    sitemap = (built.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "newsletter/14/" not in sitemap and "news/future-news/" not in sitemap


def test_scheduled_issue_appears_once_its_date_has_come(tmp_path: Path) -> None:
    site = make_newsletter_site(tmp_path / "project")
    # 2026-12-01 00:00 in Seoul
    result = site.build(env={"SOURCE_DATE_EPOCH": "1796050800"})
    assert result.ok, result.output
    assert "FUTUREMARKER" in result.page("newsletter/15/")
    titles = [text(h) for h in article(result, "newsletter/").cssselect(".eduhub-archive h3")]
    assert titles[0] == "제15호 다음 달에 나올 호"
    assert "news/future-news/" not in (result.site_dir / "feed.xml").read_text(encoding="utf-8")
    assert not re.search("DRAFTMARKER", (result.site_dir / "feed.xml").read_text(encoding="utf-8"))
