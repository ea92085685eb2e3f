"""Filling the wording templates: unknown placeholders stay empty, empty optional lines go."""

from __future__ import annotations

import re
from string import Formatter
from typing import Any

_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ ]{2,}")


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def fill_line(template: str, values: dict[str, Any]) -> str:
    """A one-line template filled in; runs of spaces left by empty parts become one."""
    return _SPACES.sub(" ", template.format_map(_Values(values))).strip()


def fill_lines(template: str, values: dict[str, Any], always: frozenset[str]) -> str:
    """A multi-line template filled in. A line whose placeholders (other than `always`) are
    all empty is left out; more than one blank line in a row becomes one."""
    out = []
    for line in template.split("\n"):
        names = placeholders(line) - always
        if names and not any(str(values.get(name) or "") for name in names):
            continue
        out.append(line.format_map(_Values(values)).rstrip())
    return _BLANK_LINES.sub("\n\n", "\n".join(out)).strip("\n")
