"""Rendered page HTML -> sections (anchor, heading, text) for the search index."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIP = {"script", "style", "template", "svg", "button", "form", "nav"}
SKIP_CLASSES = {"headerlink", "md-source-file"}
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    anchor: str  # heading id, "" for the top of the page
    heading: str  # "" for the text before the first heading
    text: str


def _clean(parts: list[str]) -> str:
    return SPACES.sub(" ", "".join(parts)).strip()


def _skipped(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments, processing instructions
    if element.tag in SKIP:
        return True
    classes = set((element.get("class") or "").split())
    return bool(classes & SKIP_CLASSES) or element.get("data-search-exclude") is not None


def sections(html: str) -> list[Section]:
    """Cut the page at every heading that has an id; h1 sections link to the page top."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found: list[Section] = []
    anchor, heading, body = "", "", []  # the section being collected

    def close() -> None:
        text = _clean(body)
        if heading or text:
            found.append(Section(anchor, heading, text))

    def walk(element: etree._Element) -> None:
        nonlocal anchor, heading, body
        if element.tag in HEADINGS and element.get("id"):
            close()
            anchor = "" if element.tag == "h1" else element.get("id", "")
            heading, body = _clean(_text(element)), []
        elif not _skipped(element):
            block = element.tag not in INLINE
            if block:
                body.append(" ")
            if element.text:
                body.append(element.text)
            for child in element:
                walk(child)
            if block:
                body.append(" ")
        if element.tail:
            body.append(element.tail)

    if root.text:
        body.append(root.text)
    for child in root:
        walk(child)
    close()
    return found


def _text(element: etree._Element) -> list[str]:
    out: list[str] = []
    if element.text:
        out.append(element.text)
    for child in element:
        if not _skipped(child):
            out.extend(_text(child))
        if child.tail:
            out.append(child.tail)
    return out
