"""Program pages: validated front matter, an index that lists them, a filter by audience."""

from __future__ import annotations

import pytest
from conftest import SiteProject, serve_directory
from lxml import html as lxml_html


def _programs(site: SiteProject) -> None:
    site.write("programs/index.md", "---\ntitle: 프로그램\n---\n\n# 프로그램\n\n소개 문장입니다.\n")
    site.write(
        "programs/parent-academy.md",
        """
        ---
        title: 학부모아카데미
        summary: 학부모가 자녀의 학습을 돕는 방법을 배웁니다.
        audience: [parents]
        order: 2
        ---
        # 학부모아카데미
        """,
    )
    site.write(
        "programs/study-camp.md",
        """
        ---
        title: 별 따는 기숙사 <캠프> & "멘토링"
        summary: 고등학생 <b>집중형</b> 멘토링 캠프입니다.
        audience: [high, middle]
        order: 1
        ---
        # 별 따는 기숙사
        """,
    )


def test_index_lists_programs_in_order_with_audiences(site: SiteProject) -> None:
    _programs(site)
    result = site.build()
    assert result.ok, result.output
    tree = lxml_html.fromstring(result.page("programs/"))
    items = tree.cssselect("#eduhub-programs > li")
    assert [i.get("data-audience") for i in items] == ["high middle", "parents"]
    first = items[0]
    # Staff text is escaped, not interpreted as HTML.
    assert first.cssselect("a")[0].text_content() == '별 따는 기숙사 <캠프> & "멘토링"'
    assert first.cssselect("a")[0].get("href") == "study-camp/"
    assert first.cssselect("p")[0].text_content() == "고등학생 <b>집중형</b> 멘토링 캠프입니다."
    assert not first.cssselect("b")
    assert [t.text_content() for t in first.cssselect(".eduhub-tags li")] == ["고등학생", "중학생"]
    page = lxml_html.fromstring(result.page("programs/parent-academy/"))
    assert "학부모" in page.cssselect(".eduhub-program-facts")[0].text_content()


def test_program_front_matter_mistakes_are_named(site: SiteProject) -> None:
    site.write(
        "programs/bad.md",
        """
        ---
        title: 잘못된 프로그램
        audiance: [parents]
        ---
        """,
    )
    result = site.build()
    assert not result.ok
    out = result.output
    assert (
        "content/programs/bad.md:3: audiance: 알 수 없는 항목입니다 ('audience'의 오타인가요?)"
        in out
    )
    assert "content/programs/bad.md:2: summary: 꼭 필요한 항목이 없습니다" in out


@pytest.mark.browser
def test_audience_filter_works_without_reload_and_degrades(site: SiteProject, browser) -> None:
    _programs(site)
    result = site.build()
    assert result.ok, result.output
    base, stop = serve_directory(result.site_dir)
    try:
        page = browser.new_page()
        page.goto(base + "programs/")
        items = page.locator("#eduhub-programs > li")
        assert items.count() == 2
        page.get_by_label("학부모").check()
        assert page.locator("#eduhub-programs > li:visible").count() == 1
        assert "학부모아카데미" in page.locator("#eduhub-programs > li:visible").inner_text()
        assert page.locator("[data-eduhub-filter-status]").inner_text() == "1개 항목"
        page.goto(base + "programs/?audience=high")
        assert page.locator("#eduhub-programs > li:visible").count() == 1
        # Without JavaScript: no filter form, the full list.
        nojs = browser.new_context(java_script_enabled=False).new_page()
        nojs.goto(base + "programs/")
        assert nojs.locator("#eduhub-programs > li:visible").count() == 2
        assert not nojs.locator("form[data-eduhub-filter]").is_visible()
    finally:
        stop()
