"""Single-line fields (titles, ids, places, categories, summaries) and text outputs.

A value that is one line on the page must be one line in every output: a lone CR in a title
splits an .ics line for some clients, U+202E reverses what a reader sees, and zero-width
characters make two equal-looking ids differ. Staff never type these on purpose; they come
from copy and paste, or from someone who wants to fool a reader.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls and DEL. Tab, LF and CR are in here too: on one line they are mistakes.
_CONTROL = "\x00-\x1f\x7f-\x9f"
_LINE_BREAKS = "\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"
# Embeddings, overrides and isolates (U+202A-202E, U+2066-2069) plus the invisible marks.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff"

_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
_BIDI_RE = re.compile(f"[{_BIDI}]")
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
_INVISIBLE = re.compile(f"[{_CONTROL}{_BIDI}{_ZERO_WIDTH}\u2028\u2029]")
_INVISIBLE_BUT_LF = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}{_ZERO_WIDTH}]")
_SPACES = re.compile(r"[ \t]+")

# Ids and slugs: lowercase ASCII words joined by single hyphens, nothing after (\Z, not $:
# `$` also matches before a final newline, which once created folders named "x\n").
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ID_MAX_LENGTH = 80

_RETYPE = "복사해 온 글에 섞여 들어오는 경우가 많습니다. 그 값을 지우고 직접 다시 입력하세요"


def codepoint(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)` for a message."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def line_problem(value: str, *, allow_trailing_newline: bool = True) -> tuple[str, str] | None:
    """(Korean message, hint) when `value` is not a clean single line, else None.

    A YAML block (`title: >`) ends with one newline; the loaders strip it, so it is allowed
    unless `allow_trailing_newline` is False (ids).
    """
    body = value.rstrip("\n") if allow_trailing_newline else value
    if body.endswith("\n") and "\n" not in body.rstrip("\n"):
        return (
            "값 끝에 줄바꿈이 붙어 있습니다",
            "값을 '항목: 값' 한 줄로 적으세요 ('|'나 '>' 블록으로 적지 마세요)",
        )
    if "\n" in body:
        return (
            "한 줄로 적어야 하는 값이 여러 줄입니다",
            "값을 한 줄로 적으세요. 'title: |'나 'title: >' 같은 여러 줄 블록은 description에만"
            " 씁니다",
        )
    match = _LINE_BREAK.search(body)
    if match:
        return (
            f"값 안에 줄바꿈 문자가 있습니다: {codepoint(match.group())}",
            "값을 한 줄로 다시 입력하세요. " + _RETYPE,
        )
    match = _CONTROL_RE.search(body)
    if match:
        kind = "탭 문자" if match.group() == "\t" else "보이지 않는 제어 문자"
        return f"값 안에 {kind}가 있습니다: {codepoint(match.group())}", _RETYPE
    match = _BIDI_RE.search(body)
    if match:
        return (
            f"글자 방향을 바꾸는 보이지 않는 문자가 있습니다: {codepoint(match.group())}",
            "화면에 보이는 글자와 실제 글자가 달라질 수 있습니다. " + _RETYPE,
        )
    match = _ZERO_WIDTH_RE.search(body)
    if match:
        return f"폭이 없는 보이지 않는 문자가 있습니다: {codepoint(match.group())}", _RETYPE
    return None


def id_problem(value: object, *, what: str = "id") -> tuple[str, str] | None:
    """(message, hint) unless `value` is a plain ASCII id (`career-fair-2026`)."""
    if not isinstance(value, str):
        return f"{what}는 글자여야 합니다: {value!r}", "예: id: career-fair-2026"
    trouble = line_problem(value, allow_trailing_newline=False)
    if trouble:
        return trouble
    if len(value) > ID_MAX_LENGTH:
        return f"{what}가 너무 깁니다 ({len(value)}자, 최대 {ID_MAX_LENGTH}자)", "짧게 줄이세요"
    if not ID_PATTERN.match(value):
        return (
            f"{what}는 영문 소문자, 숫자, 하이픈(-)만 쓸 수 있습니다: {value}",
            "예: career-fair-2026 (하이픈은 맨 앞·맨 뒤에 오거나 겹칠 수 없습니다)",
        )
    return None


def clean_line(value: str) -> str:
    """One line for a text output (ICS, SMS-like text): breaks become spaces, invisible
    characters go, runs of spaces shrink to one."""
    spaced = _LINE_BREAK.sub(" ", value.replace("\t", " "))
    return _SPACES.sub(" ", _INVISIBLE.sub("", spaced)).strip()


def clean_text(value: str) -> str:
    """Multi-line text for a text output: newlines kept (CRLF and CR become LF), tabs become
    spaces, every other control, bidi and zero-width character removed."""
    text = value.replace("\r\n", "\n").replace("\t", " ")
    text = _LINE_BREAK.sub("\n", text)
    return _INVISIBLE_BUT_LF.sub("", text)
