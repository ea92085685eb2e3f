"""A content mistake stops the build before MkDocs cleans the site: the old site stays."""

from __future__ import annotations

from conftest import SiteProject


def test_content_error_leaves_the_previous_site_untouched(site: SiteProject) -> None:
    site.write(
        "news/hello.md",
        """
        ---
        title: 안내
        date: 2026-03-02
        summary: 첫 공지입니다.
        ---
        본문
        """,
    )
    good = site.build()
    assert good.ok, good.output
    before = {p: p.read_bytes() for p in good.site_dir.rglob("*") if p.is_file()}

    site.write(
        "news/broken.md",
        """
        ---
        title: 깨진 공지
        date: 2026-02-30
        summary: 날짜가 틀렸습니다.
        ---
        """,
    )
    bad = site.build()
    assert not bad.ok
    assert "content/news/broken.md:3: date: 달력에 없는 날짜입니다: 2026-02-30" in bad.output
    after = {p: p.read_bytes() for p in good.site_dir.rglob("*") if p.is_file()}
    assert after == before
