"""What every page holds of the pages in the nav: their titles and front matter. No MkDocs
imports.

Material renders the whole navigation into every page: each nav entry's title, and its
page's front matter (`icon`, `subtitle`, `status`). The build cache's global key holds this
part of every page in the nav (`nav_part`), so that editing the body of a guide page in the
nav renders that page again, not the whole site. A page's nav title is, as in MkDocs'
`Page.title`: the title given in mkdocs.yml's `nav`, else its front matter's `title`, else
its first heading (which only the whole source holds). Front matter is found as MkDocs
finds it (`mkdocs.utils.meta.get_data`, on the text as MkDocs reads it); anything unsure
gives the whole source, which is always safe: the key then changes with any edit.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

import yaml

# mkdocs.utils.meta.YAML_RE, MkDocs' own test for YAML front matter
_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the loader MkDocs picks


def titled_in_nav(nav: Any) -> set[str]:
    """The pages mkdocs.yml's `nav` gives a title to (`- 제목: path.md`) wherever it lists
    them (a page also listed bare takes its title from itself: not in the set)."""
    titled: set[str] = set()
    bare: set[str] = set()

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else ():
            if isinstance(item, str):
                bare.add(posixpath.normpath(item))
            elif isinstance(item, dict):
                for value in item.values():
                    if isinstance(value, str):
                        titled.add(posixpath.normpath(value))
                    else:
                        walk(value)

    walk(nav)
    return titled - bare


def nav_part(source: bytes, *, titled: bool) -> bytes:
    """The part of a nav page's source the nav of every page is made of: its front matter
    when the title is in mkdocs.yml (`titled`) or in the front matter, else the whole
    source."""
    try:
        # as MkDocs reads it: UTF-8 with an optional BOM, universal newlines
        text = source.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return source
    match = _YAML_RE.match(text)
    if not match:
        return source
    try:
        data = yaml.load(match.group(1), _LOADER)  # noqa: S506 - a safe loader
    except Exception:  # noqa: BLE001 - MkDocs then has no front matter: the title is the heading
        return source
    if not isinstance(data, dict) or not (titled or "title" in data):
        return source
    return b"front matter\0" + match.group(1).encode("utf-8")
