"""Phone icons (apple-touch-icon, 192/512 PNG) and the web app manifest."""

from __future__ import annotations

import json

from PIL import Image, ImageDraw

from .. import urls
from .cards import BACKGROUND, TEXT, _font, _png, font_covers

ICON_SIZES = urls.ICONS
MANIFEST = urls.MANIFEST
THEME_LIGHT = "#3f51b5"  # Material indigo (the header colour in the light scheme)
THEME_DARK = "#1e2129"  # Material slate's header background in the dark scheme


def icon_png(size: int, label: str = "금천") -> bytes:
    """A square icon: the label in white on indigo, inside the maskable safe zone."""
    if not font_covers(label):
        label = "E"
    # Drawn at 512 and scaled down, so every size is the same picture.
    base = 512
    image = Image.new("RGB", (base, base), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = _font(150 if len(label) > 1 else 260)
    draw.text((base / 2, base / 2), label, font=font, fill=TEXT, anchor="mm")
    draw.rectangle((base * 0.3, base * 0.68, base * 0.7, base * 0.68 + 14), fill=(255, 213, 79))
    if size != base:
        image = image.resize((size, size), Image.Resampling.LANCZOS)
    return _png(image)


def manifest(site_name: str, short_name: str, start_url: str, description: str = "") -> str:
    """The manifest.webmanifest JSON; icon paths are relative to the manifest's own URL."""
    data = {
        "name": site_name,
        "short_name": short_name,
        "description": description,
        "lang": "ko",
        "start_url": start_url,
        "scope": start_url,
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_LIGHT,
        "icons": [
            {"src": name, "sizes": f"{px}x{px}", "type": "image/png"}
            for name, px in ICON_SIZES.items()
            if name != "apple-touch-icon.png"
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
