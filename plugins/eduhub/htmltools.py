"""Rendered page HTML -> HTML that can leave the site: feeds and the e-mail edition."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urljoin

import lxml.html

# C0 controls other than tab/newline/return are invalid in XML 1.0; DEL and C1 controls are
# "discouraged" and never meant in staff text; lone surrogates and U+FFFE/U+FFFF are invalid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_LINK_ATTRS = ("href", "src", "poster", "cite", "action", "data")
_DROP_CLASSES = {"headerlink"}  # the ¶ permalinks of the toc extension


def xml_safe(text: str) -> str:
    """`text` without characters that XML 1.0 forbids (a feed with one is not well-formed)."""
    return _NOT_XML.sub("", text)


def _parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(xml_safe(html), create_parent="div")


def _serialize(root: lxml.html.HtmlElement) -> str:
    parts = [escape(root.text, quote=False) if root.text else ""]
    parts += [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(parts).strip()


def _drop_leading_h1(root: lxml.html.HtmlElement) -> str:
    """Remove the first element when it is an <h1>; return its text ("" when none)."""
    first = next(iter(root), None)
    if first is None or first.tag != "h1" or (root.text or "").strip():
        return ""
    for link in first.find_class("headerlink"):
        link.drop_tree()
    title = " ".join(first.text_content().split())
    first.drop_tree()
    return title


def split_h1(html: str) -> tuple[str, str]:
    """(text of a leading <h1>, the rest of the HTML). The page template prints its own h1."""
    root = _parse(html)
    title = _drop_leading_h1(root)
    if not title:
        return "", html
    return title, _serialize(root)


def portable_html(html: str, base_url: str, *, drop_h1: bool = True) -> str:
    """Page HTML fit for a feed or an e-mail: every href/src absolute against `base_url`,
    no permalink anchors, no scripts, no XML-invalid characters, leading <h1> removed
    (the feed item or e-mail has the title already)."""
    root = _parse(html)
    if drop_h1:
        _drop_leading_h1(root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "noscript", "template") or (
            set((element.get("class") or "").split()) & _DROP_CLASSES
        ):
            element.drop_tree()
    _absolutize(root, base_url)
    return _serialize(root)


def _absolutize(root: lxml.html.HtmlElement, base_url: str) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in _LINK_ATTRS:
            value = element.get(attr)
            if value is not None:
                element.set(attr, urljoin(base_url, value.strip()))
        srcset = element.get("srcset")
        if srcset:
            candidates = []
            for candidate in srcset.split(","):
                url, _, descriptor = candidate.strip().partition(" ")
                candidates.append(" ".join(filter(None, [urljoin(base_url, url), descriptor])))
            element.set("srcset", ", ".join(candidates))


def apply_inline_styles(html: str, styles: dict[str, str]) -> str:
    """Add `style` attributes by tag name (mail clients drop <style> blocks)."""
    root = _parse(html)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in styles:
            own = element.get("style")
            element.set("style", styles[element.tag] + (f";{own}" if own else ""))
    return _serialize(root)


def human_size(size: int) -> str:
    """`850 KB`, `1.2 MB` (1 KB = 1,024 bytes)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
