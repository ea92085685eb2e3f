"""Rules on the *parsed* HTML of a rendered Markdown body, and the one shared renderer.

Markdown lets staff write raw HTML and attribute lists, so a body can carry script
(`[x](javascript:...)`, `onerror=`, `<script>`) or load things from other hosts (an
`<iframe>`, an `<img>`, CSS `url()`), which breaks the site's no-outside-requests promise.
Regexes over Markdown miss entity-encoded and attr_list forms; we render the body exactly as
the build does (`render_markdown`, mkdocs.yml's extensions) and judge the HTML tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import markdown as md

# MkDocs always adds these to the extensions listed in mkdocs.yml.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

PLAIN_LINK = "평범한 링크로 바꾸세요. 예: [신청 페이지](https://example.org/apply)"

# Tags that run code, submit data, or change how the whole page behaves.
_FORBIDDEN_TAGS: dict[str, str] = {
    "script": "본문에는 스크립트를 넣을 수 없습니다. " + PLAIN_LINK,
    "noscript": "본문에는 스크립트 관련 태그를 넣을 수 없습니다",
    "object": "PDF나 동영상은 끼워 넣지 말고 파일이나 주소로 링크하세요: [자료 보기](자료.pdf)",
    "embed": "PDF나 동영상은 끼워 넣지 말고 파일이나 주소로 링크하세요: [자료 보기](자료.pdf)",
    "applet": "본문에는 프로그램을 넣을 수 없습니다. " + PLAIN_LINK,
    "form": "신청서는 본문에 넣지 말고 신청 페이지로 가는 " + PLAIN_LINK,
    "base": "<base>는 이 페이지의 모든 링크를 바꿉니다. 지우세요",
    "meta": "<meta>는 본문에 쓸 수 없습니다 (다른 주소로 자동 이동할 수 있습니다). 지우세요",
    "frame": "다른 페이지를 끼워 넣지 말고 " + PLAIN_LINK,
    "frameset": "다른 페이지를 끼워 넣지 말고 " + PLAIN_LINK,
    "template": "본문에는 <template>을 쓸 수 없습니다",
    "html": "본문에는 문서 전체를 감싸는 태그를 쓸 수 없습니다. 지우세요",
    "head": "본문에는 문서 전체를 감싸는 태그를 쓸 수 없습니다. 지우세요",
    "body": "본문에는 문서 전체를 감싸는 태그를 쓸 수 없습니다. 지우세요",
}
# A browser merges the attributes of a stray <html>/<body> into the page's own element
# (`<body onload=...>` runs), while lxml drops such a tag from a fragment: look for it in the
# rendered text too. Rendered Markdown escapes `<` in code, so a match is a real tag.
_DOCUMENT_TAG = re.compile(r"<\s*(html|head|body)\b", re.I)
# Tags that make the reader's browser fetch something by itself, and the attributes it uses.
_LOADING: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset", "lowsrc", "dynsrc"),
    "iframe": ("src",),
    "link": ("href",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href", "src"),
    "use": ("href", "xlink:href"),
    "body": ("background",),
    "table": ("background",),
    "td": ("background",),
}
# Attributes holding a URL the browser may follow or load.
_URL_ATTRS = frozenset(
    {
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "data",
        "poster",
        "cite",
        "background",
        "lowsrc",
        "dynsrc",
        "longdesc",
        "usemap",
        "ping",
        "xlink:href",
        "codebase",
        "archive",
        "manifest",
        "icon",
        "profile",
    }
)
_SAFE_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp)[;,]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_STRIP_URL = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a URL's scheme
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.S)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_CSS_IMPORT = re.compile(r"@import\s*(?:url\(\s*)?(['\"]?)([^'\")\s;]*)", re.I)
_CSS_IMAGE_SET = re.compile(r"image-set\(\s*(['\"])(.*?)\1", re.I | re.S)
_CSS_EXPRESSION = re.compile(r"expression\s*\(|behavior\s*:|-moz-binding", re.I)


@dataclass(frozen=True)
class HtmlProblem:
    """One offending construct: what it is (message, with the value), what to do (hint), and
    `needle`, the text to look for in the Markdown source to find its line."""

    message: str
    hint: str
    needle: str


def markdown_options(extensions: Sequence[Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(names, configs) from mkdocs.yml's `markdown_extensions` list (strings or one-key
    mappings), with MkDocs' built-in extensions added the way MkDocs adds them."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in extensions:
        if isinstance(item, str):
            name, config = item, None
        elif isinstance(item, Mapping) and len(item) == 1:
            name, config = next(iter(item.items()))
        else:
            raise ValueError(f"markdown_extensions: 알 수 없는 항목입니다: {item!r}")
        if name not in names:
            names.append(name)
        if config:
            configs[name] = dict(config)
    for name in MKDOCS_BUILTIN_EXTENSIONS:
        if name not in names:
            names.append(name)
    return names, configs


class MarkdownRenderer:
    """Renders bodies with one Markdown instance (reset between bodies: creating one per
    body costs more than rendering it)."""

    def __init__(self, extensions: Sequence[str], configs: Mapping[str, Mapping[str, Any]]):
        self._md = md.Markdown(
            extensions=list(extensions),
            extension_configs={k: dict(v) for k, v in configs.items()},
        )

    def __call__(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)


def render_markdown(
    text: str, extensions: Sequence[str], configs: Mapping[str, Mapping[str, Any]]
) -> str:
    """HTML of a Markdown body with the given extensions (see `markdown_options`)."""
    return MarkdownRenderer(extensions, configs)(text)


def html_problems(html: str, *, own_hosts: Iterable[str] = ()) -> list[HtmlProblem]:
    """Every unsafe construct in an HTML fragment, in document order."""
    if not html.strip():
        return []
    hosts = {h.lower() for h in own_hosts if h}
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[HtmlProblem] = []
    for match in _DOCUMENT_TAG.finditer(html):
        tag = match.group(1).lower()
        found.append(HtmlProblem(f"<{tag}> 태그는 쓸 수 없습니다", _FORBIDDEN_TAGS[tag], tag))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions are never rendered
        tag = element.tag.lower().rsplit("}", 1)[-1]
        if tag in _FORBIDDEN_TAGS:
            found.append(HtmlProblem(f"<{tag}> 태그는 쓸 수 없습니다", _FORBIDDEN_TAGS[tag], tag))
            continue
        for name, value in element.attrib.items():
            found += _attribute_problems(tag, name.lower(), value, hosts)
        if tag == "style" and element.text:
            found += _css_problems(element.text, hosts, "<style>")
    return found


def _attribute_problems(tag: str, name: str, value: str, hosts: set[str]) -> list[HtmlProblem]:
    if name.startswith("on"):
        return [
            HtmlProblem(
                f'HTML 이벤트 속성은 쓸 수 없습니다: {name}="{_short(value)}"',
                "본문에는 스크립트를 넣을 수 없습니다. 동작이 필요하면 " + PLAIN_LINK,
                name,
            )
        ]
    if name == "style":
        return _css_problems(value, hosts, "style 속성")
    if name not in _URL_ATTRS:
        return []
    problems = []
    for url in _urls(name, value):
        scheme = _scheme(url)
        if scheme in ("javascript", "vbscript", "livescript"):
            problems.append(
                HtmlProblem(
                    f"{scheme}: 주소는 쓸 수 없습니다: {_short(url)}",
                    "누르면 스크립트가 실행되는 링크입니다. " + PLAIN_LINK,
                    url[:40],
                )
            )
        elif scheme == "data" and not (
            tag in ("img", "source") and _SAFE_DATA.match(_STRIP_URL.sub("", url).lower())
        ):
            problems.append(
                HtmlProblem(
                    f"data: 주소는 쓸 수 없습니다: {_short(url)}",
                    "파일은 content/ 안에 올리고 그 파일로 링크하세요 (그림은 PNG·JPEG·GIF·WebP)",
                    url[:40],
                )
            )
        elif name in _LOADING.get(tag, ()) and _is_foreign(url, hosts):
            problems.append(
                HtmlProblem(
                    f"다른 사이트에서 불러오는 <{tag}>는 쓸 수 없습니다: {_short(url)}",
                    "이 사이트는 방문자를 다른 사이트에 알리지 않습니다. 그림은 content/ 안에"
                    " 올려 쓰고, 영상·지도·문서는 " + PLAIN_LINK,
                    url[:40],
                )
            )
    return problems


def _css_problems(css: str, hosts: set[str], where: str) -> list[HtmlProblem]:
    text = _CSS_ESCAPE.sub(_unescape_css, _CSS_COMMENT.sub("", css))
    problems = []
    if _CSS_EXPRESSION.search(text):
        problems.append(
            HtmlProblem(
                f"{where}에 스크립트를 실행하는 CSS가 있습니다: {_short(text)}",
                "지우세요. 모양은 사이트의 기본 스타일을 따릅니다",
                "style",
            )
        )
    urls = [m.group(2) for m in _CSS_URL.finditer(text)]
    urls += [m.group(2) for m in _CSS_IMAGE_SET.finditer(text)]
    for match in _CSS_IMPORT.finditer(text):
        urls.append(match.group(2) or "@import")
        if not _is_foreign(match.group(2), hosts):
            problems.append(
                HtmlProblem(
                    f"{where}에서 @import는 쓸 수 없습니다: {_short(match.group(0))}",
                    "지우세요. 모양은 사이트의 기본 스타일을 따릅니다",
                    "@import",
                )
            )
    for url in urls:
        scheme = _scheme(url)
        if scheme in ("javascript", "vbscript", "data") or _is_foreign(url, hosts):
            problems.append(
                HtmlProblem(
                    f"{where}에서 다른 곳의 파일을 불러올 수 없습니다: url({_short(url)})",
                    "이 사이트는 방문자를 다른 사이트에 알리지 않습니다. 그림은 content/ 안에"
                    " 올려 <img>나 ![설명](그림.png)로 넣으세요",
                    url[:40] or "url(",
                )
            )
    return problems


def _unescape_css(match: re.Match[str]) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return match.group(2)


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.strip().split(" ", 1)[0] for part in value.split(",") if part.strip()]
    if name in ("ping", "archive"):
        return value.split()
    return [value.strip()]


def _scheme(url: str) -> str:
    match = _SCHEME.match(_STRIP_URL.sub("", url).lower())
    return match.group(1) if match else ""


def _is_foreign(url: str, hosts: set[str]) -> bool:
    """True when the URL names another host (absolute or protocol-relative)."""
    cleaned = _STRIP_URL.sub("", url).replace("\\", "/")
    if not cleaned:
        return False
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return True
    scheme = parts.scheme.lower()
    if scheme and scheme not in ("http", "https", "ftp", "ws", "wss"):
        return scheme not in ("data", "blob")
    if not scheme and not parts.netloc:
        return False  # relative: this site
    # `https:host/x` (no slashes) is relative on an https page but absolute elsewhere
    # (a mail client, a feed reader): treat it as foreign.
    return (parts.hostname or "").lower() not in hosts


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit] + "…"


def line_of(needle: str, markdown_text: str, first_line: int = 1) -> int:
    """1-based line in the Markdown source where `needle` first appears (case-insensitive),
    counting from `first_line`; `first_line` when it cannot be found (entity-encoded)."""
    if not needle:
        return first_line
    index = markdown_text.lower().find(needle.lower())
    if index < 0:
        return first_line
    return first_line + markdown_text.count("\n", 0, index)
