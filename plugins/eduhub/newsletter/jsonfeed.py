"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from the same items as RSS and Atom."""

from __future__ import annotations

import json
from typing import Any

from .feeds import FeedInfo, FeedItem

VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(info: FeedInfo, items: list[FeedItem]) -> bytes:
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.self_url,
        "description": info.description,
        "language": info.language,
        "authors": [{"name": info.author, "url": info.author_url}],
        "items": [_item(item) for item in items],
    }
    text = json.dumps(feed, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _item(item: FeedItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.url,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "content_html": item.html,
        "date_published": item.published.isoformat(),
        "language": "ko",
    }
    if item.categories:
        data["tags"] = [label for _, label in item.categories]
    if item.enclosure:
        data["attachments"] = [
            {
                "url": item.enclosure.url,
                "mime_type": item.enclosure.type,
                "size_in_bytes": item.enclosure.length,
            }
        ]
    extension: dict[str, Any] = {"kind": item.kind}
    if item.number is not None:
        extension["issue"] = item.number
    data["_eduhub"] = extension
    return data
