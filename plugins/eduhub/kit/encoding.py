"""CP949, the way Korean carriers count message bytes (a Hangul syllable is 2 bytes).

The replacement rule, applied to every text that goes into an SMS or LMS:
1. Unicode NFC (decomposed Hangul from a Mac becomes whole syllables).
2. Line breaks, tabs and other control characters become a space (an LMS keeps its lines).
3. Look-alikes CP949 lacks get a stand-in: dashes and minus → `-`, special spaces → a space,
   bullets and middle dots → `·`; accented letters lose their accents (`é` → `e`).
4. Anything CP949 still cannot encode (emoji, most symbols) is left out, and the kit shows
   which characters were left out. Nothing raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ENCODING = "cp949"

_STAND_INS = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007", " "),
    **dict.fromkeys("\u2008\u2009\u200a\u202f\u205f", " "),
    **dict.fromkeys("\u2022\u2027\u2219\u30fb\u00b7\u22c5", "·"),
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(r"[ ]{2,}")


def byte_len(text: str) -> int:
    """Bytes of `text` in CP949 (text that cannot be encoded counts its cleaned form)."""
    return len(clean(text, multiline=True).text.encode(ENCODING))


def encodable(char: str) -> bool:
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[str, ...] = ()  # characters left out, in order of first appearance


def clean(text: str, *, multiline: bool = False) -> Cleaned:
    """`text` made sendable in CP949 by the rule above; `removed` lists what was dropped."""
    text = unicodedata.normalize("NFC", text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = [_CONTROL.sub(" ", line) for line in text.split("\n")]
        text = "\n".join(lines)
    else:
        text = _CONTROL.sub(" ", text)
    try:
        text.encode(ENCODING)  # the usual case: nothing to replace
        result = text
        removed: list[str] = []
    except UnicodeEncodeError:
        result, removed = _replace(text)
    if multiline:
        result = "\n".join(_tidy(line) for line in result.split("\n"))
    else:
        result = _SPACES.sub(" ", result).strip()
    return Cleaned(result, tuple(removed))


def _replace(text: str) -> tuple[str, list[str]]:
    """Steps 3 and 4 of the rule, character by character."""
    out: list[str] = []
    removed: list[str] = []
    for char in text:
        if encodable(char):
            out.append(char)
            continue
        stand_in = _STAND_INS.get(char) or _without_accents(char)
        if stand_in:
            out.append(stand_in)
        elif char not in removed and unicodedata.category(char) not in ("Mn", "Cf"):
            removed.append(char)  # joiners and variation selectors go silently
    return "".join(out), removed


def _tidy(line: str) -> str:
    """One line of an LMS: its indent kept, runs of spaces inside it made one."""
    body = line.lstrip(" ")
    return line[: len(line) - len(body)] + _SPACES.sub(" ", body).rstrip()


def _without_accents(char: str) -> str:
    """`é` → `e`, fullwidth and other compatibility forms → their plain form; "" if none."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", char) if unicodedata.category(c) != "Mn"
    )
    if plain and plain != char and all(encodable(c) for c in plain):
        return plain
    return ""


def cut_to_bytes(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` cut at a character boundary so it fits `limit` bytes, ending with `ellipsis`."""
    if len(text.encode(ENCODING)) <= limit:
        return text
    room = limit - len(ellipsis.encode(ENCODING))
    out = []
    used = 0
    for char in text:
        size = len(char.encode(ENCODING))
        if used + size > room:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + ellipsis
