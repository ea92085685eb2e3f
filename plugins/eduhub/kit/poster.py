"""What the A4 poster prints: plain strings prepared here, so the template only prints."""

from __future__ import annotations

from dataclasses import dataclass

from . import wording
from .facts import EventFacts
from .lms import moment_text, when_full


@dataclass(frozen=True)
class Poster:
    title: str
    when: str  # `2026년 12월 12일 (토) 14:00~16:00`
    repeat: str
    place: str
    online: str
    audience: str
    registration: tuple[str, ...]  # lines: state/period, capacity, how to apply
    center: str
    short_url: str
    page_url: str
    status: str
    long_title: bool  # over 24 characters: printed at the smaller (still ≥ 48 pt) size
    qr_caption: str = wording.POSTER_QR_CAPTION


def poster(facts: EventFacts, center: str = wording.CENTER_NAME) -> Poster:
    lines: list[str] = []
    reg = facts.registration
    if reg is not None and facts.status == "scheduled":
        closes = moment_text(reg.closes)
        if reg.opens:
            lines.append(wording.POSTER_PERIOD.format(opens=moment_text(reg.opens), closes=closes))
        else:
            lines.append(wording.POSTER_CLOSES.format(closes=closes))
        if reg.capacity:
            lines.append(wording.POSTER_CAPACITY.format(capacity=reg.capacity))
        lines.append(wording.POSTER_HOW)
    return Poster(
        title=facts.title,
        when=when_full(facts),
        repeat=facts.repeat_text,
        place=facts.place,
        online=facts.online or "",
        audience=", ".join(facts.audience),
        registration=tuple(lines),
        center=center,
        short_url=facts.short_url,
        page_url=facts.page_url,
        status=facts.status,
        long_title=len(facts.title) > 24,
    )
