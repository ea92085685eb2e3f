"""Heading ids of a Markdown page, as MkDocs' toc extension makes them (for timeline anchors)."""

from __future__ import annotations

import re
import unicodedata

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_ATTR_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
_FENCE = re.compile(r"^(```|~~~)")


def heading_ids(markdown: str) -> set[str]:
    """The ids Python-Markdown's toc extension gives the headings of a page.

    Same rules as `markdown.extensions.toc` with MkDocs' defaults: an explicit `{#id}`
    wins; otherwise slugify (ASCII only, so Korean words vanish: `중학교 3학년` -> `3`),
    `_1` for an empty slug, and `_1`, `_2`... appended to repeats.
    """
    ids: set[str] = set()
    in_fence = False
    lines = markdown.splitlines()
    if lines and lines[0].strip() == "---":  # skip front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if not match:
            continue
        text = match.group(2)
        explicit = _ATTR_ID.search(text)
        if explicit:
            ids.add(explicit.group(1))
            continue
        ids.add(_unique(_slugify(_plain(text)), ids))
    return ids


def _plain(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their words
    return re.sub(r"[*_`]", "", text)


def _slugify(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _unique(slug: str, ids: set[str]) -> str:
    # markdown.extensions.toc.unique: an empty slug becomes "_1"; repeats get "_1", "_2"...
    if not slug or slug in ids:
        m = re.match(r"^(.*)_([0-9]+)$", slug)
        base, n = (m.group(1), int(m.group(2))) if m else (slug, 0)
        while True:
            n += 1
            candidate = f"{base}_{n}"
            if candidate not in ids:
                return candidate
    return slug
