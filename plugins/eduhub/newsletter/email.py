"""The e-mail edition of an issue: one self-contained HTML document to paste into a mailer.

Mail clients ignore <style> blocks and scripts and cannot resolve relative links, so the
document has inline styles only, absolute URLs only and no scripts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..htmltools import apply_inline_styles

TEMPLATE = "eduhub/email.html"

TEXT = "color:#1f2937;font-size:16px;line-height:1.7"
LINK = "color:#283593;text-decoration:underline"
BODY_STYLES: dict[str, str] = {
    "p": f"margin:0 0 16px;{TEXT}",
    "h2": "margin:28px 0 12px;font-size:20px;line-height:1.4;color:#1a237e",
    "h3": "margin:22px 0 10px;font-size:17px;line-height:1.4;color:#1a237e",
    "h4": "margin:18px 0 8px;font-size:16px;line-height:1.4;color:#1f2937",
    "ul": "margin:0 0 16px;padding-left:22px",
    "ol": "margin:0 0 16px;padding-left:22px",
    "li": f"margin:0 0 6px;{TEXT}",
    "a": LINK,
    "img": "max-width:100%;height:auto;border:0",
    "table": "border-collapse:collapse;width:100%;margin:0 0 16px",
    "th": "border:1px solid #c5cae9;padding:6px 8px;background:#e8eaf6;text-align:left;font-size:15px",
    "td": "border:1px solid #c5cae9;padding:6px 8px;font-size:15px;vertical-align:top",
    "blockquote": "margin:0 0 16px;padding:8px 16px;border-left:4px solid #9fa8da;color:#374151",
    "code": "font-family:Consolas,monospace;font-size:14px;background:#f3f4f6;padding:1px 4px",
    "hr": "border:0;border-top:1px solid #d1d5db;margin:24px 0",
    "dt": f"font-weight:bold;{TEXT}",
    "dd": f"margin:0 0 12px 16px;{TEXT}",
    "details": "margin:0 0 16px",
    "summary": "font-weight:bold;color:#1f2937",
}
LINK_STYLE = LINK


class EmailRenderer:
    """Renders `eduhub/email.html` with autoescaping (it is not a MkDocs page).

    `template_dirs` are searched in order, so the site's overrides/ can replace the template.
    """

    def __init__(self, template_dirs: Sequence[Path]) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, context: dict[str, Any], body_html: str) -> bytes:
        """`body_html` must already be portable (absolute links, no scripts)."""
        body = Markup(apply_inline_styles(body_html, BODY_STYLES))
        text = self.env.get_template(TEMPLATE).render(**context, body=body, link_style=LINK_STYLE)
        return text.encode("utf-8")
