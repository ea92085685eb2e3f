"""Links and referenced files in the Markdown pages, checked without building.

MkDocs resolves a relative Markdown link against the *source* file: when the target is a file
in content/, the link is rewritten to that file's URL; when it is not, a target with a file
extension (`x.md`, `a.pdf`) is an error under `--strict`, and one without (`../events/x/`) is
left as it is, so the browser resolves it against the *page URL*. We follow the same rules, and
check page-URL links against every URL the site will have (pages, and the generated pages and
files of the route table in urls.py). Raw HTML (`<a href>`, `<img src>`) is never rewritten: page-URL rules.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .byobject import ByValue
from .errors import Problems, SourceLocation
from .newsletter.model import Issue
from .settings import Settings
from .urls import generated_urls
from .yamlio import too_big

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})", re.M)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
# [text](target "title") and ![alt](target): where the parenthesis opens (`_inline` reads the
# target as Python-Markdown does: to the matching ")", the name in <angle brackets>, or with
# spaces and parentheses of its own, [양식](신청서 (1).pdf), without a "title" (in quotes: in
# parentheses it is part of the target), unescaped)
_INLINE_START = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(")
_LINK_TITLE = re.compile(r"""^(.*?)\s+("[^"\n]*"|'[^'\n]*')$""", re.S)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# [label]: target, also in a quote, a list item or a definition (> [f]: form.pdf)
_REFERENCE = re.compile(r"^ {0,3}(?:(?:>|[*+-]|\d+[.)]|:)[ \t]+)*\[[^\]]+\]:\s*(<[^>]*>|\S+)", re.M)
_HTML = re.compile(
    r"<(?:a|img|source|iframe)\b[^>]*?\s(?:href|src)\s*=\s*[\"']([^\"']+)[\"']", re.I
)
# {: href=form.pdf } (attr_list) after a link or an image: MkDocs resolves and checks it as it
# does a Markdown link; the value is quoted, or runs to a space, "=" or "}"
_ATTRIBUTE = re.compile(
    r"""\{:?[ \t]*(?:[^}\n]*?[ \t])?(?:href|src)=(?:"([^"\n]*)"|'([^'\n]*)'|([^ =}\n]+))"""
)


@dataclass
class SiteMap:
    """What the build will publish: source files (by src_uri) and site URLs."""

    sources: set[str] = field(default_factory=set)  # published files inside content/
    unpublished: set[str] = field(default_factory=set)  # drafts, future issues, event data
    urls: set[str] = field(default_factory=set)  # site-relative, "" is the home page
    page_urls: dict[str, str] = field(default_factory=dict)  # src_uri of a page -> its URL


def page_url(src_uri: str) -> str:
    """MkDocs' URL of a page with use_directory_urls (the only mode this site uses)."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem == "README":
        return ""
    if stem.endswith("/index") or stem.endswith("/README"):
        return stem.rsplit("/", 1)[0] + "/"
    return stem + "/"


def site_map(
    settings: Settings,
    files: Iterable[str],
    unpublished: set[str],
    issues: Iterable[Issue],
    event_ids: Iterable[str],
) -> SiteMap:
    """Every URL of the built site: content/ plus the generated ones of the route table."""
    result = SiteMap(unpublished=set(unpublished))
    moved = {i.src_uri: i.url for i in issues}
    for src_uri in files:
        if src_uri in unpublished:
            continue
        result.sources.add(src_uri)
        if src_uri.endswith(".md"):
            url = moved.get(src_uri, page_url(src_uri))
            result.page_urls[src_uri] = url
            result.urls.add(url)
        else:
            result.urls.add(src_uri)
    result.urls |= generated_urls(
        issue_numbers=(i.number for i in issues),
        event_ids=event_ids,
        category_slugs=(c.slug for c in settings.newsletter_categories),
    )
    return result


def check_links(settings: Settings, site: SiteMap, problems: Problems) -> None:
    """Add a problem for every link or file reference that would be broken on the site."""
    for src_uri in sorted(site.page_urls):
        path = settings.docs_dir / src_uri
        if too_big(path):
            continue  # refused by the loaders; reading it is the very cost the limit avoids
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the content loader reports unreadable files
        shown = settings.display_path(path)
        scanned = _SCANNED.get(text, lambda t=text: tuple(_links(t)))  # type: ignore[misc]
        for line, target, markdown in scanned:
            message = _broken(src_uri, target, markdown, site)
            if message:
                problems.add(SourceLocation(shown, line), message[0], field="link", hint=message[1])
    _SCANNED.rotate()


# A page's links by its text, from one call to the next (under `mkdocs serve`, every rebuild)
_SCANNED: ByValue[tuple[tuple[int, str, bool], ...]] = ByValue()


def _links(text: str) -> Iterable[tuple[int, str, bool]]:
    """(line, target, is_markdown_link) outside code blocks and code spans."""
    clean = _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), _without_fences(text))
    clean = _without_front_matter(clean)
    lines = [m.start() for m in re.finditer("\n", clean)]
    found = []
    closing = _closing(clean)
    for match in _INLINE_START.finditer(clean):
        end = closing.get(match.end() - 1)
        if end is not None:
            target = _inline(clean[match.end() : end])
            found.append((bisect.bisect_left(lines, match.end()) + 1, target, True))
    for pattern, markdown in ((_REFERENCE, True), (_HTML, False), (_ATTRIBUTE, True)):
        for match in pattern.finditer(clean):
            group = next(g for g in range(1, len(match.groups()) + 1) if match.group(g) is not None)
            target = match.group(group).strip("<>")
            found.append((bisect.bisect_left(lines, match.start(group)) + 1, target, markdown))
    return sorted(found)


# What `_closing` looks at: an escaped character, a parenthesis, a paragraph's end
_PAREN_EVENT = re.compile(r"\\.|[()]|\n[ \t]*\n", re.S)


def _closing(text: str) -> dict[int, int]:
    """Each "(" with the ")" that closes it in the same paragraph (escaped ones do not
    count): one pass over the text, however many links start in it (a scan per link was
    quadratic: a megabyte of "[a](" took hours)."""
    closes: dict[int, int] = {}
    open_at: list[int] = []
    for event in _PAREN_EVENT.finditer(text):
        char = event.group(0)
        if char == "(":
            open_at.append(event.start())
        elif char == ")":
            if open_at:
                closes[open_at.pop()] = event.start()
        elif char[0] == "\n":
            open_at.clear()
    return closes


def _inline(inner: str) -> str:
    """An inline link's target from what stands between its parentheses, as Python-Markdown
    reads it: the target may begin on the next line, a title or ")" be on a later one."""
    inner = inner.strip()
    if inner.startswith("<") and ">" in inner:
        return inner[1 : inner.index(">")]
    titled = _LINK_TITLE.match(inner)
    return _ESCAPED.sub(r"\1", titled.group(1) if titled else inner)


def _without_fences(text: str) -> str:
    lines = text.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(2)[0] == fence[0] and len(match.group(2)) >= len(fence):
                fence = ""
            lines[index] = ""
        elif match:
            fence = match.group(2)
            lines[index] = ""
    return "\n".join(lines)


def _without_front_matter(text: str) -> str:
    if not text.startswith("---"):
        return text
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[3:], re.M)
    if not end:
        return text
    head = text[: end.end() + 3]
    return re.sub(r"[^\n]", " ", head) + text[end.end() + 3 :]


def _broken(src_uri: str, target: str, markdown: bool, site: SiteMap) -> tuple[str, str] | None:
    """(message, hint) when the link is broken, else None."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # external, mailto:, or an anchor on the same page
    path = unquote(parts.path)
    if path.startswith("/"):
        url = posixpath.normpath(path).lstrip("/")
        if _known_url(url, path.endswith("/"), site):
            return None
        return (
            f"사이트에 없는 주소로 연결됩니다: {target}",
            "사이트 주소가 하위 폴더일 수도 있으니 /로 시작하지 말고 이 파일 기준 상대 경로로 적으세요",
        )
    if markdown:
        source = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        if source in site.sources:
            return None
        if source in site.unpublished:
            return (
                f"아직 공개되지 않는 파일로 연결됩니다: {target}",
                "초안(draft)이거나 날짜가 미래인 글입니다. 그 글이 공개된 뒤에 링크하세요",
            )
        if posixpath.splitext(path)[1]:
            kind = "페이지가" if path.endswith(".md") else "파일이"
            return (
                f"연결한 {kind} 없습니다: {target} (찾은 위치: content/{source})",
                "파일 이름과 폴더를 확인하세요. 경로는 이 파일이 있는 폴더 기준입니다",
            )
    base = site.page_urls[src_uri]
    url = posixpath.normpath(posixpath.join(base, path))
    if url == ".":
        url = ""
    if not url.startswith("../") and _known_url(url, path.endswith("/"), site):
        return None
    return (
        f"사이트에 없는 주소로 연결됩니다: {target}",
        "다른 글로 연결하려면 그 .md 파일을 이 파일 기준 상대 경로로 적으세요 (예: ../news/a.md)",
    )


def _known_url(url: str, directory: bool, site: SiteMap) -> bool:
    if url in (".", ""):
        return "" in site.urls
    return url in site.urls or (url + "/") in site.urls
