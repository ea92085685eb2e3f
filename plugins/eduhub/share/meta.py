"""Open Graph and Twitter tags for a page: plain values in, (attribute, key, value) out."""

from __future__ import annotations

import re

from lxml import html as lxml_html

DESCRIPTION_LIMIT = 150
ARTICLE_KINDS = frozenset({"issue", "news"})


def first_paragraph(page_html: str) -> str:
    """The text of the first non-empty <p> of a rendered page body ("" when none)."""
    if not page_html.strip():
        return ""
    tree = lxml_html.fragment_fromstring(page_html, create_parent="div")
    for p in tree.iter("p"):
        text = " ".join(p.text_content().split())
        if text:
            return text
    return ""


def cut_at_word(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """`text` in at most `limit` characters, cut at a space and ended with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return re.sub(r"[\s,.·:;–—-]+$", "", head) + "…"


def description(summary: str | None, page_html: str, fallback: str) -> str:
    """The page summary, else its first paragraph, else the site description (the page's
    HTML is parsed only when there is no summary)."""
    for text in (summary or "", None, fallback):
        if text is None:
            text = first_paragraph(page_html)
        if text and text.strip():
            return cut_at_word(text)
    return ""


def share_tags(
    *,
    title: str,
    description: str,
    url: str,
    image_url: str,
    site_name: str,
    kind: str = "page",
    image_alt: str = "",
) -> list[tuple[str, str, str]]:
    """The tags as (attribute, key, value): `<meta {attribute}="{key}" content="{value}">`.

    `url` and `image_url` are absolute; `kind` "issue" and "news" are articles.
    """
    og_type = "article" if kind in ARTICLE_KINDS else "website"
    tags = [
        ("name", "description", description),
        ("property", "og:type", og_type),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", "ko_KR"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:image", image_url),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", "1200"),
        ("property", "og:image:height", "630"),
        ("property", "og:image:alt", image_alt or title),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image_url),
    ]
    return [(a, k, v) for a, k, v in tags if v]
