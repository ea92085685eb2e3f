"""QR codes of page URLs (segno), as SVG and PNG with the same bytes in every build."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

import segno

from ..memo import MEMO

ERROR_LEVEL = "m"  # 15 % of the code may be damaged (a poster behind tape still scans)
PNG_SCALE = 10  # pixels per module: about 450 px for a site URL, sharp on A4
BORDER = 4  # the quiet zone the standard asks for


# A page's SVG and PNG share one code (choosing the mask is the slow part). Big enough for
# every current kit item of a large site: a smaller LRU evicts each code before its PNG.
@lru_cache(maxsize=8192)
def _code(url: str) -> segno.QRCode:
    # boost_error=False: the level stays the same whatever the URL's length.
    return segno.make_qr(url, error=ERROR_LEVEL, boost_error=False, encoding="utf-8")


def qr_svg(url: str, title: str = "") -> bytes:
    """An SVG (no XML declaration, fixed size in modules) that encodes exactly `url`."""
    return MEMO.get("qr", qr_key(url, title), lambda: _svg(url, title))


@dataclass(frozen=True)
class InlineQr:
    """A QR code as inline SVG markup for a template, made only when the template prints it
    (a page's cache key holds the URL and title, not the drawing)."""

    url: str
    title: str = ""

    def __str__(self) -> str:
        return qr_svg(self.url, self.title).decode()

    def __html__(self) -> str:
        return str(self)


def qr_key(url: str, title: str = "") -> list[str]:
    """The memo key of `qr_svg(url, title)`."""
    return ["svg", url, title]


def qr_png(url: str) -> bytes:
    """A black-on-white PNG that encodes exactly `url`."""
    return MEMO.get("qr", ["png", url], lambda: _png(url))


def _svg(url: str, title: str) -> bytes:
    out = io.BytesIO()
    _code(url).save(
        out,
        kind="svg",
        scale=1,
        border=BORDER,
        xmldecl=False,
        svgclass="eduhub-qr",
        lineclass=None,
        light="#fff",  # a white ground: messengers in dark mode show transparent as black
        title=title or url,
        unit=None,
        omitsize=True,
    )
    return out.getvalue()


def _png(url: str) -> bytes:
    out = io.BytesIO()
    _code(url).save(out, kind="png", scale=PNG_SCALE, border=BORDER)
    return out.getvalue()
