"""The e-mail edition /newsletter/<n>/email.html: one self-contained HTML document."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import BuildResult
from lxml import html as lxml_html
from test_newsletter import TRICKY_TITLE, make_newsletter_site

SITE = "https://eduhub.test/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_newsletter_site(tmp_path_factory.mktemp("email") / "project")
    result = site.build()
    assert result.ok, result.output
    return result


def email(result: BuildResult, number: int) -> tuple[str, lxml_html.HtmlElement]:
    raw = (result.site_dir / "newsletter" / str(number) / "email.html").read_text(encoding="utf-8")
    return raw, lxml_html.document_fromstring(raw)


def test_every_published_issue_has_an_email_edition(built: BuildResult) -> None:
    editions = sorted(p.parent.name for p in built.site_dir.glob("newsletter/*/email.html"))
    assert editions == ["10", "11", "12", "13"]  # not the draft 14 nor the scheduled 15


def test_email_is_a_standalone_korean_document(built: BuildResult) -> None:
    raw, doc = email(built, 12)
    assert raw.lstrip().lower().startswith("<!doctype html>")
    assert doc.get("lang") == "ko"
    assert doc.find("head/meta").get("charset") == "utf-8"
    assert TRICKY_TITLE in doc.findtext("head/title")


def test_email_has_no_scripts_no_stylesheets_and_inline_styles(built: BuildResult) -> None:
    _, doc = email(built, 12)
    assert not doc.findall(".//script")
    assert not doc.findall(".//style"), "mail clients drop <style>: styles are inline"
    assert not doc.findall(".//link")
    for tag in ("p", "h2", "a"):
        elements = doc.findall(f".//body//{tag}")
        assert elements and all(e.get("style") for e in elements), tag
    assert not [e for e in doc.iter() if any(a.startswith("on") for a in e.attrib)]


def test_every_url_in_the_email_is_absolute(built: BuildResult) -> None:
    for number in (10, 11, 12, 13):
        _, doc = email(built, number)
        for element in doc.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None:
                    parsed = urlparse(value)
                    assert parsed.scheme in ("http", "https") and parsed.netloc, (number, value)


def test_email_carries_the_issue(built: BuildResult) -> None:
    _, doc = email(built, 12)
    body = " ".join(doc.find("body").text_content().split())
    assert doc.findtext(".//h1") == TRICKY_TITLE
    assert "제12호" in body and "2026년 3월 2일 (월)" in body
    assert "새 학기에 바뀌는 것들을 정리했습니다." in body
    assert "둘째 단락" in body and "제어 문자가 섞여도" in body
    assert "본문 첫 제목" not in body, "the body's own # heading gives way to the title"
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert f"{SITE}newsletter/12/" in hrefs  # read it on the web
    assert f"{SITE}newsletter/pdf/issue-12.pdf" in hrefs
    assert f"{SITE}programs/" in hrefs
    assert f"{SITE}subscribe/" in hrefs
    assert [img.get("src") for img in doc.iter("img")] == [f"{SITE}newsletter/issues/photo.png"]


def test_email_escapes_staff_text(built: BuildResult) -> None:
    raw, _ = email(built, 12)
    assert "<정책>" not in raw
    assert "&lt;정책&gt;" in raw


def test_real_site_email_editions(real_site: BuildResult) -> None:
    editions = list(real_site.site_dir.glob("newsletter/*/email.html"))
    issues = [
        p for p in real_site.site_dir.glob("newsletter/*/index.html") if p.parent.name.isdigit()
    ]
    assert len(editions) == len(issues) >= 1
    for path in editions:
        doc = lxml_html.document_fromstring(path.read_bytes())
        assert not doc.findall(".//script")
        for element in doc.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None:
                    assert urlparse(value).scheme in ("http", "https"), (path, value)
