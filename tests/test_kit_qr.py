"""QR codes: same bytes every time, and a real decoder (zxing-cpp) reads the exact URL."""

from __future__ import annotations

import io

import pytest
from eduhub.kit.qr import qr_png, qr_svg

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")

URLS = [
    "https://eduhub.test/events/jeongsi-briefing-2026-12/",
    "https://career-admissions-support-center.geumcheon.kr/newsletter/5/",
    "http://127.0.0.1:8000/events/always-counseling-weekly/",
]


def decode_png(data: bytes) -> list[str]:
    image = Image.open(io.BytesIO(data)).convert("L")
    return [b.text for b in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("url", URLS)
def test_png_decodes_to_the_exact_url(url: str) -> None:
    assert decode_png(qr_png(url)) == [url]


@pytest.mark.parametrize("url", URLS)
def test_svg_decodes_to_the_exact_url(url: str) -> None:
    """The SVG is drawn on a grid (its path has only h/v moves): rasterise it by hand."""
    svg = qr_svg(url).decode()
    size = int(svg.split('viewBox="0 0 ')[1].split(" ")[0])
    path = svg.split('stroke="#000" d="')[1].split('"')[0]
    grid = [[255] * size for _ in range(size)]
    import re

    x = y = 0.0
    for op, value in re.findall(r"([MmHhVv])(-?[\d.]+(?: -?[\d.]+)?)", path):
        numbers = [float(v) for v in value.split()]
        if op == "M":
            x, y = numbers
        elif op == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif op in "hH":
            end = x + numbers[0] if op == "h" else numbers[0]
            for col in range(int(x), int(end)):
                grid[int(y)][col] = 0
            x = end
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    for row in range(size):
        for col in range(size):
            if not grid[row][col]:
                image.paste(0, (col * scale, row * scale, (col + 1) * scale, (row + 1) * scale))
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [url]


def test_bytes_are_deterministic() -> None:
    url = URLS[0]
    assert qr_png(url) == qr_png(url)
    assert qr_svg(url) == qr_svg(url)
    assert qr_png(url).startswith(b"\x89PNG")


def test_svg_is_safe_and_white_backed() -> None:
    svg = qr_svg("https://eduhub.test/?a=1&b=2", title='<script>"x"</script>').decode()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'fill="#fff"' in svg
    assert not svg.startswith("<?xml")
