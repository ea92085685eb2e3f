"""진로로드맵 in the built site: course names, required sentences and links, failed builds."""

from __future__ import annotations

import json
import re
import shutil

from conftest import REPO, BuildResult, SiteProject
from eduhub.roadmap.context import ADIGA_URL, CAREERNET_URL, CHECK_SENTENCE
from eduhub.roadmap.courses import AREAS, OFFICIAL
from lxml import html as lxml_html


def _tree(real_site: BuildResult):
    return lxml_html.fromstring(real_site.page("roadmap/"))


def test_every_course_name_on_the_page_is_official(real_site: BuildResult) -> None:
    tree = _tree(real_site)
    shown = {el.text_content() for el in tree.find_class("eduhub-rm-course")}
    data = json.loads(tree.get_element_by_id("eduhub-roadmap-data").text_content())
    for t in data["types"]:
        for names in t["courses"].values():
            shown |= set(names)
    for g in data["guidance"].values():
        for c in g["categories"]:
            shown |= set(c["courses"])
    assert len(shown) > 30
    assert {n for n in shown if n not in OFFICIAL and n not in AREAS} == set()
    text = tree.text_content()
    # Names the notes mark [S] (secondary source only) never appear as subjects.
    for unverified in ("법과 사회", "윤리와 사상", "통합과학1", "인공지능 기초", "전자기와 빛"):
        assert unverified not in text
    assert not re.search(r"(미적분|영어)I", text)  # Roman numerals are Ⅰ/Ⅱ, not ASCII


def test_the_page_says_what_the_issue_requires(real_site: BuildResult) -> None:
    tree = _tree(real_site)
    text = " ".join(tree.text_content().split())
    assert "필수" not in text  # our wording is 권장
    assert "타당도를 검증한 심리검사가 아닙니다" in text
    assert "서버로 보내지지 않습니다" in text and "쿠키를 쓰지 않고" in text
    links = {a.get("href"): " ".join(a.text_content().split()) for a in tree.iter("a")}
    assert links.get(ADIGA_URL) == CHECK_SENTENCE
    assert CAREERNET_URL in links
    assert "../admissions/consulting/" in links
    assert any(h.startswith("../admissions/timeline/#") for h in links)
    assert "../programs/star-dormitory/" in links
    for anchor in re.findall(r'admissions/timeline/#([\w-]+)"', real_site.page("roadmap/")):
        assert f'id="{anchor}"' in real_site.page("admissions/timeline/")
    six = tree.find_class("eduhub-rm-type")
    assert len(six) == 6
    assert tree.get_element_by_id("eduhub-rm-form").get("hidden") is not None  # JS shows it


def test_the_data_file_is_not_published_and_the_page_is_linked(real_site: BuildResult) -> None:
    assert not (real_site.site_dir / "roadmap" / "roadmap.yml").exists()
    for page in ("credit-system/", "admissions/consulting/"):
        assert 'href="../../roadmap/"' in real_site.page(page) or 'href="../roadmap/"' in (
            real_site.page(page)
        ), page


def test_a_roadmap_mistake_fails_the_build_and_keeps_the_site(site: SiteProject) -> None:
    src = REPO / "content" / "roadmap"
    shutil.copytree(src, site.root / "content" / "roadmap")
    for path in (REPO / "content" / "programs").glob("*.md"):
        # Program pages link to guides this small site does not have: keep only the front matter.
        front = path.read_text(encoding="utf-8").split("---", 2)
        site.write(f"programs/{path.name}", f"---{front[1]}---\n\n# {path.stem}\n", dedent=False)
    data = site.root / "content" / "roadmap" / "roadmap.yml"
    hostile = "<b>굵게</b> & </script><script>alert(1)</script>"
    text = data.read_text(encoding="utf-8")
    text = text.replace('text: "고장 난 물건을 뜯어보고 직접 고쳐 보기"', f'text: "{hostile}"', 1)
    text = text.replace("plain: 손으로 만들고 몸으로 해 보는 사람", f'plain: "{hostile}"', 1)
    data.write_text(text, encoding="utf-8")
    good = site.build()
    assert good.ok, good.output
    page = good.page("roadmap/")
    assert "<b>굵게</b>" not in page and "<script>alert(1)" not in page  # staff text is text
    assert "&lt;b&gt;굵게&lt;/b&gt;" in page
    before = {p: p.read_bytes() for p in good.site_dir.rglob("*") if p.is_file()}

    text = data.read_text(encoding="utf-8").replace(
        "programs: [star-dormitory,", "programs: [star-dorm,", 1
    )
    data.write_text(text, encoding="utf-8")
    line = text[: text.index("programs: [star-dorm,")].count("\n") + 1
    bad = site.build()
    assert not bad.ok
    expected = (
        f"content/roadmap/roadmap.yml:{line}: types[1].programs: 없는 프로그램입니다: star-dorm"
    )
    assert expected in bad.output, bad.output
    after = {p: p.read_bytes() for p in good.site_dir.rglob("*") if p.is_file()}
    assert after == before


def test_a_site_without_roadmap_data_builds_without_the_page(site: SiteProject) -> None:
    result = site.build()
    assert result.ok, result.output
    assert not (result.site_dir / "roadmap").exists()
