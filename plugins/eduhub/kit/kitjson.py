"""/kit/kit.json: every kit item, for bulk-SMS tools and scripts (docs/reference/kit-json.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .items import KitItem

VERSION = 1


def item_json(item: KitItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "status": item.status,
        "page_url": item.page_url,
        "short_url": item.short_url,
        "sms": item.sms.text,
        "sms_bytes": item.sms.size,
        "lms_subject": item.lms.subject,
        "lms": item.lms.text,
        "lms_bytes": item.lms.size,
        "qr_svg": item.qr_svg_url,
        "qr_png": item.qr_png_url,
        "notes": list(item.notes),
    }
    if item.follow_up is not None:
        data["follow_up_subject"] = item.follow_up.subject
        data["follow_up"] = item.follow_up.text
    return data


def kit_json(items: Iterable[KitItem], *, site_url: str, generated: str) -> bytes:
    """The file's bytes: items in the order given (events by date, then issues, newest first);
    `generated` is the build instant (ISO), so the same build date gives the same bytes."""
    document = {
        "version": VERSION,
        "site_url": site_url,
        "generated": generated,
        "items": [item_json(item) for item in items],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
