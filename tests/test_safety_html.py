"""HTML rules on rendered Markdown bodies and the nh3 sanitizer, called with hostile strings."""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO
from eduhub.safety.html import (
    MarkdownRenderer,
    html_problems,
    line_of,
    markdown_options,
    render_markdown,
)
from eduhub.safety.sanitize import sanitize_html


def _site_extensions() -> tuple[list[str], dict]:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    return markdown_options(yaml.safe_load(text)["markdown_extensions"])


NAMES, CONFIGS = _site_extensions()
RENDER = MarkdownRenderer(NAMES, CONFIGS)

# Markdown a careless editor or an attacker might write -> the start of the message.
HOSTILE = {
    "javascript link": ("[신청](javascript:alert(1))", "javascript: 주소는 쓸 수 없습니다"),
    "entity-encoded javascript": ("[x](&#106;avascript:alert(1))", "javascript: 주소는"),
    "hex entity javascript": ("[x](&#x6A;avascript:alert(1))", "javascript: 주소는"),
    "tab in scheme": ("<a href='java\tscript:alert(1)'>x</a>", "javascript: 주소는"),
    "mixed case": ("[x](JaVaScRiPt:alert(1))", "javascript: 주소는"),
    "leading spaces": ('<a href="  javascript:alert(1)">x</a>', "javascript: 주소는"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "vbscript: 주소는 쓸 수 없습니다"),
    "data html link": ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data: 주소는 쓸 수 없습니다"),
    "data svg image": ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "data: 주소는 쓸 수 없습니다"),
    "reference javascript": ("[x][a]\n\n[a]: javascript:alert(1)", "javascript: 주소는"),
    "onerror": (
        '<img src="a.png" onerror="alert(1)">',
        'HTML 이벤트 속성은 쓸 수 없습니다: onerror="alert(1)"',
    ),
    "onload": ('<body onload="alert(1)">', "<body> 태그는 쓸 수 없습니다"),
    "onload on image": (
        '<img src="a.png" onload="alert(1)">',
        "HTML 이벤트 속성은 쓸 수 없습니다: onload",
    ),
    "onmouseover": (
        '<p onmouseover="alert(1)">x</p>',
        "HTML 이벤트 속성은 쓸 수 없습니다: onmouseover",
    ),
    "attr_list onclick": (
        '문단\n{: onclick="alert(1)" }',
        "HTML 이벤트 속성은 쓸 수 없습니다: onclick",
    ),
    "attr_list on heading": ('## 제목 {: onmouseover="x" }', "HTML 이벤트 속성은 쓸 수 없습니다"),
    "script": ("<script>alert(1)</script>", "<script> 태그는 쓸 수 없습니다"),
    "script in md_in_html": ('<div markdown="1">\n<script>1</script>\n</div>', "<script> 태그는"),
    "object": ('<object data="x.swf"></object>', "<object> 태그는 쓸 수 없습니다"),
    "embed": ('<embed src="x.swf">', "<embed> 태그는 쓸 수 없습니다"),
    "form": (
        '<form action="https://x.example/"><input name=a></form>',
        "<form> 태그는 쓸 수 없습니다",
    ),
    "meta refresh": (
        '<meta http-equiv="refresh" content="0;url=https://x.example">',
        "<meta> 태그는",
    ),
    "base": ('<base href="https://x.example/">', "<base> 태그는 쓸 수 없습니다"),
    "third-party iframe": (
        '<iframe src="https://x.example/"></iframe>',
        "다른 사이트에서 불러오는 <iframe>",
    ),
    "third-party image": ("![x](https://tracker.example/p.gif)", "다른 사이트에서 불러오는 <img>"),
    "protocol-relative image": ('<img src="//x.example/p.gif">', "다른 사이트에서 불러오는 <img>"),
    "backslash image": ('<img src="\\\\x.example\\p.gif">', "다른 사이트에서 불러오는 <img>"),
    "slashless https image": (
        '<img src="https:x.example/p.gif">',
        "다른 사이트에서 불러오는 <img>",
    ),
    "srcset": (
        '<img src="a.png" srcset="a.png 1x, https://x.example/b.png 2x">',
        "다른 사이트에서 불러오는 <img>",
    ),
    "video poster": (
        '<video poster="https://x.example/p.jpg"></video>',
        "다른 사이트에서 불러오는 <video>",
    ),
    "audio": ('<audio src="https://x.example/a.mp3"></audio>', "다른 사이트에서 불러오는 <audio>"),
    "source": (
        '<video><source src="https://x.example/v.mp4"></video>',
        "다른 사이트에서 불러오는 <source>",
    ),
    "link stylesheet": (
        '<link rel="stylesheet" href="https://x.example/a.css">',
        "다른 사이트에서 불러오는 <link>",
    ),
    "css url": (
        '<p style="background:url(https://x.example/p.png)">x</p>',
        "style 속성에서 다른 곳의 파일을",
    ),
    "css escaped url": (
        '<p style="background:u\\72l(//x.example/p.png)">x</p>',
        "style 속성에서 다른 곳의 파일을",
    ),
    "css comment trick": (
        '<p style="background:u/**/rl(//x.example/p.png)">x</p>',
        "style 속성에서",
    ),
    "style import": (
        '<style>@import "https://x.example/a.css";</style>',
        "<style>에서 다른 곳의 파일을",
    ),
    "style local import": (
        "<style>@import 'a.css';</style>",
        "<style>에서 @import는 쓸 수 없습니다",
    ),
    "css expression": (
        '<p style="width:expression(alert(1))">x</p>',
        "style 속성에 스크립트를 실행하는 CSS",
    ),
    "svg xlink": (
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        "javascript: 주소는",
    ),
    "svg onload": ('<svg onload="alert(1)"></svg>', "HTML 이벤트 속성은 쓸 수 없습니다: onload"),
    "button formaction": (
        '<button formaction="javascript:alert(1)">x</button>',
        "javascript: 주소는",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_markdown_is_refused_with_a_message_and_a_hint(name: str) -> None:
    markdown, expected = HOSTILE[name]
    problems = html_problems(RENDER(markdown), own_hosts=["eduhub.test"])
    assert problems, f"{name}: nothing found in {RENDER(markdown)!r}"
    assert any(p.message.startswith(expected) for p in problems), [p.message for p in problems]
    assert all(p.hint for p in problems)


SAFE = [
    "[센터 누리집](https://example.org/)",
    "[다른 글](../news/notice.md) 과 [메일](mailto:center@example.org) [전화](tel:02-000-0000)",
    "![센터 사진](../assets/photo.jpg)",
    "![작은 그림](data:image/png;base64,iVBORw0KGgo=)",
    '<iframe src="../embed/events/?audience=high" title="행사"></iframe>',
    '<img src="https://eduhub.test/assets/a.png" alt="">',
    "```html\n<script>alert(1)</script>\n```",
    "`<script>` 태그와 `javascript:` 주소는 코드로만 보여 줍니다",
    '!!! note "안내"\n    신청은 [여기](https://example.org/apply)에서',
    "| 날짜 | 행사 |\n|---|---|\n| 3월 | 설명회 |",
    '<span style="color:#c00">빨간 글씨</span>',
    "javascript: 라는 글자는 링크가 아니면 괜찮습니다. onerror=도 마찬가지.",
    '<a href="https://example.org/" target="_blank" title="javascript">링크</a>',
]


@pytest.mark.parametrize("markdown", SAFE)
def test_ordinary_bodies_pass(markdown: str) -> None:
    assert html_problems(RENDER(markdown), own_hosts=["eduhub.test"]) == []


def test_the_site_renderer_uses_mkdocs_yml_extensions_plus_mkdocs_builtins() -> None:
    assert NAMES[: len(NAMES) - 1] and {"toc", "tables", "fenced_code", "attr_list"} <= set(NAMES)
    assert CONFIGS["toc"]["permalink"] is True
    html = render_markdown("## 제목\n\n- a\n", NAMES, CONFIGS)
    assert 'class="headerlink"' in html and "<li>a</li>" in html
    # One instance renders many bodies with no state carried over.
    assert RENDER("[^1]") == RENDER("[^1]")
    assert RENDER("# A") != RENDER("# B")


def test_markdown_options_accepts_mkdocs_forms() -> None:
    names, configs = markdown_options(
        ["admonition", {"toc": {"permalink": True}}, {"tables": None}]
    )
    assert names == ["admonition", "toc", "tables", "fenced_code"]
    assert configs == {"toc": {"permalink": True}}
    with pytest.raises(ValueError):
        markdown_options([{"a": 1, "b": 2}])


def test_problem_lines_point_into_the_markdown() -> None:
    body = "첫 줄\n\n둘째 문단 [x](javascript:alert(1))\n"
    (problem,) = html_problems(RENDER(body))
    assert line_of(problem.needle, body, first_line=7) == 9
    assert line_of("없는 값", body, first_line=7) == 7


SANITIZE = {
    "script": ("<p>a<script>alert(1)</script></p>", "<p>a</p>"),
    "on attribute": ('<p onclick="x">a</p>', "<p>a</p>"),
    "javascript href": (
        '<a href="javascript:alert(1)">x</a>',
        '<a rel="noopener noreferrer">x</a>',
    ),
    "data href": ('<a href="data:text/html,x">x</a>', '<a rel="noopener noreferrer">x</a>'),
    "iframe": ('<iframe src="https://x.example/">t</iframe>b', "b"),
    "style block": ("<style>p{color:red}</style>b", "b"),
    "style attribute": ('<p style="background:url(https://x.example/)">b</p>', "<p>b</p>"),
    "form": ('<form action="/x"><input name="a">b</form>', "b"),
    "foreign image": ('<img src="https://x.example/p.gif" alt="a">', '<img alt="a">'),
    "svg": ("<svg><script>alert(1)</script></svg>b", "b"),
    "comment": ("<!-- <script>x</script> -->b", "b"),
    "object": ('<object data="x"></object>b', "b"),
}


@pytest.mark.parametrize("name", SANITIZE)
def test_sanitizer_removes_what_must_not_leave_the_site(name: str) -> None:
    html, expected = SANITIZE[name]
    assert sanitize_html(html, own_hosts=["eduhub.test"]) == expected


def test_sanitizer_keeps_ordinary_content() -> None:
    html = (
        '<h2>제목</h2><p><strong>굵게</strong> <a href="https://eduhub.test/news/a/">링크</a></p>'
        '<ul><li>하나</li></ul><table><tr><td colspan="2">칸</td></tr></table>'
        '<img src="https://eduhub.test/assets/a.png" alt="사진">'
    )
    cleaned = sanitize_html(html, own_hosts=["eduhub.test"])
    for kept in ("<h2>제목</h2>", "<strong>굵게</strong>", 'href="https://eduhub.test/news/a/"',
                 "<li>하나</li>", 'colspan="2"', 'src="https://eduhub.test/assets/a.png"'):  # fmt: skip
        assert kept in cleaned
