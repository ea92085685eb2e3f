"""Lines printed by `eduhub check`: PR text can never start a line of its own.

GitHub Actions reads any output line that starts with `::` (after leading spaces) as a
workflow command (`::error`, `::stop-commands::`, `::add-mask::`), and the problem matcher
reads every line. A value with a newline in it could forge or silence annotations, so every
control character in a printed line is shown escaped and a line can never begin with `::`.
"""

from __future__ import annotations

import re

# Controls (C0, DEL, C1), line and paragraph separators, bidi and zero-width characters.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029"
    "\u2060-\u2069\ufeff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_line(text: str) -> str:
    """`text` as one printable line: controls escaped (`\\n`, `\\x1b`, `\\u202e`), backslashes
    left alone, and a leading `::` (a workflow command) defused with a visible prefix."""
    line = _UNPRINTABLE.sub(_escape, text)
    if line.lstrip().startswith("::"):
        line = "» " + line
    return line


def annotation_value(text: str) -> str:
    """Escape a workflow-command message (GitHub's own `%`, CR, LF escapes)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(text: str) -> str:
    """Escape a workflow-command property (`file=`, `title=`)."""
    return annotation_value(text).replace(":", "%3A").replace(",", "%2C")
