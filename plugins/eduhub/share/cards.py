"""Share-card PNGs (1200×630) drawn with Pillow: same input, same bytes.

The font is a subset of Pretendard GOV Bold shipped in `fonts/` (see scripts/subset-font.py);
a title with a character the subset lacks gets the default card instead of boxes.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ..memo import MEMO

WIDTH, HEIGHT = 1200, 630
FONT_PATH = Path(__file__).parent / "fonts" / "EduhubCard-Bold.otf"
CHARS_PATH = Path(__file__).parent / "fonts" / "EduhubCard-Bold.chars.txt"

# Material's indigo family (the site's primary colour), dark enough for white text (AAA).
BACKGROUND = (26, 35, 126)  # indigo 900
BAND = (57, 73, 171)  # indigo 600
TEXT = (255, 255, 255)
MUTED = (197, 202, 233)  # indigo 100
ACCENT = (255, 213, 79)  # amber 300

MARGIN = 80
CARD_WINDOW_DAYS = 365


def wants_own_card(item_date: date, build_date: date) -> bool:
    """An item dated within the last 12 months or later gets its own card (bounds the work)."""
    return item_date >= build_date - timedelta(days=CARD_WINDOW_DAYS)


@cache
def _covered() -> frozenset[str]:
    return frozenset(CHARS_PATH.read_text(encoding="utf-8"))


def font_covers(text: str) -> bool:
    """True when every visible character of `text` is in the shipped font subset."""
    missing = set(text) - _covered()
    return all(ch.isspace() for ch in missing)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: the same glyph positions whether or not libraqm is installed.
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)


@cache
def _glyph(size: int, ch: str) -> tuple[Any, tuple[int, int], float]:
    """A character's rendered mask, offset and advance: rendered once per size, then reused
    by every card (FreeType rendering was most of a card's time)."""
    font = _font(size)
    mask, offset = font.getmask2(ch, mode="L")
    return mask, offset, font.getlength(ch)


def _width(text: str, font: ImageFont.FreeTypeFont) -> float:
    return sum(_glyph(int(font.size), ch)[2] for ch in text)


def _text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    font: ImageFont.FreeTypeFont,
    fill: int,
    *,
    middle: bool = False,
) -> None:
    """Draw `text` from cached glyphs; (x, y) is the left of the ascender line, or of the
    vertical middle with `middle`."""
    size = int(font.size)
    x, y = xy
    if middle:
        ascent, descent = font.getmetrics()
        y -= (ascent + descent) / 2
    for ch in text:
        mask, (dx, dy), advance = _glyph(size, ch)
        if mask.size[0] and mask.size[1]:
            draw.draw.draw_bitmap((round(x) + dx, round(y) + dy), mask, fill)
        x += advance


def _wrap(text: str, font: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Lines no wider than max_width: break at spaces, inside a word only when it must."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # a word wider than the card: break between characters
            if _width(line + ch, font) > max_width and line:
                lines.append(line)
                line = ""
            line += ch
    if line:
        lines.append(line)
    return lines


def _fit_title(
    text: str, max_width: int, max_lines: int
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size (72 → 48 px) at which the title fits; else 48 px cut with an ellipsis."""
    for size in (72, 66, 60, 54, 48):
        font = _font(size)
        lines = _wrap(text, font, max_width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    last = lines[-1]
    while last and _width(last + "…", font) > max_width:
        last = last[:-1].rstrip()
    lines[-1] = last + "…"
    return font, lines


# Cards are palette images: each (text colour, background) pair owns SPAN palette entries
# running from the background to the text colour. Text drawn in a "P" image blends indices
# the way an "L" image blends grey levels, so index base..base+SPAN-1 is the anti-aliased
# edge, and LUT keeps LEVELS of them. An 8-bit palette PNG is a third of the RGB data and
# compresses several times faster (the card step is measured at 10× the real site).
SPAN = 64
LEVELS = 12
PAIRS = ((BACKGROUND, TEXT), (BACKGROUND, MUTED), (BACKGROUND, ACCENT), (BAND, TEXT))
ON_BG, MUTED_ON_BG, ACCENT_ON_BG, ON_BAND = (i * SPAN for i in range(len(PAIRS)))
_LUT = [
    base + (i * (LEVELS - 1) + SPAN // 2) // (SPAN - 1)
    for base in range(0, 256, SPAN)
    for i in range(SPAN)
]


def _palette() -> list[int]:
    palette: list[int] = []
    for back, front in PAIRS:
        for i in range(SPAN):
            t = min(i, LEVELS - 1) / (LEVELS - 1)
            palette.extend(round(b + (f - b) * t) for b, f in zip(back, front, strict=True))
    return palette


PALETTE = _palette()


def _draw(kicker: str, title: str, details: list[str], centre: str, detail_lines: int = 1) -> bytes:
    """A card's PNG; drawn once per text (the persistent memo keeps it between builds)."""
    parts = [kicker, title, details, centre, detail_lines]
    return MEMO.get("card", parts, lambda: _paint(kicker, title, details, centre, detail_lines))


def _paint(kicker: str, title: str, details: list[str], centre: str, detail_lines: int) -> bytes:
    image = Image.new("P", (WIDTH, HEIGHT), ON_BG)
    draw = ImageDraw.Draw(image)
    top = SPAN - 1  # the text colour of a pair: base + top
    draw.rectangle((0, HEIGHT - 120, WIDTH, HEIGHT), fill=ON_BAND)
    draw.rectangle((MARGIN, 72, MARGIN + 96, 80), fill=ACCENT_ON_BG + top)

    y = 104
    if kicker:
        draw.rectangle((0, y, WIDTH, y + 60), fill=ACCENT_ON_BG)
        _text(draw, (MARGIN, y), kicker, _font(36), ACCENT_ON_BG + top)
        y += 64
    font, lines = _fit_title(title, WIDTH - 2 * MARGIN, 3 if len(details) < 2 else 2)
    line_height = int(font.size * 1.3)
    for line in lines:
        _text(draw, (MARGIN, y), line, font, ON_BG + top)
        y += line_height
    y += 20
    detail_font = _font(38)
    for detail in details:
        lines = _wrap(detail, detail_font, WIDTH - 2 * MARGIN)
        if len(lines) > detail_lines:
            lines = lines[:detail_lines]
            lines[-1] = lines[-1].rstrip(",·") + "…"
        for line in lines:
            draw.rectangle((0, y, WIDTH, y + 54), fill=MUTED_ON_BG)
            _text(draw, (MARGIN, y), line, detail_font, MUTED_ON_BG + top)
            y += 54
    if centre:
        _text(draw, (MARGIN, HEIGHT - 60), centre, _font(40), ON_BAND + top, middle=True)
    card = image.point(_LUT)
    card.putpalette(PALETTE)
    return _png(card, level=3)


def _png(image: Image.Image, level: int = 6) -> bytes:
    """PNG bytes without metadata chunks (no time, no text): identical on every build."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=level)
    return out.getvalue()


def default_card(site_name: str, centre: str, tagline: str = "") -> bytes:
    """The card of every page without one of its own."""
    title = site_name if font_covers(site_name) else "교육금천"
    details = [tagline] if tagline and font_covers(tagline) else []
    return _draw("", title, details, centre if font_covers(centre) else "", detail_lines=3)


def event_card(
    title: str, date_text: str, place: str, centre: str, *, site_name: str = ""
) -> bytes | None:
    """An event's card, or None when the font cannot draw the text (use the default card)."""
    details = [d for d in (date_text, place) if d]
    if not all(font_covers(t) for t in (title, centre, *details)):
        return None
    return _draw("행사 안내", title, details, centre)


def issue_card(title: str, issue_number: int, date_text: str, centre: str) -> bytes | None:
    """A newsletter issue's card, or None when the font cannot draw the text."""
    details = [date_text] if date_text else []
    if not all(font_covers(t) for t in (title, centre, *details)):
        return None
    return _draw(f"교육금천 소식지 제{issue_number}호", title, details, centre)
