"""Typed configuration of the `eduhub` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .settings import DEFAULT_FEED_LIMIT


class CategoryConfig(base.Config):
    slug = c.Type(str)
    label = c.Type(str)


class EduhubConfig(base.Config):
    feed_limit = c.Type(int, default=DEFAULT_FEED_LIMIT)
    """How many items the site-wide feeds carry."""
    newsletter_categories = c.ListOfItems(c.SubConfig(CategoryConfig), default=[])
    """Categories of newsletter issues and announcements (Korean label, ASCII slug)."""
    event_categories = c.ListOfItems(c.SubConfig(CategoryConfig), default=[])
    """Categories of events (설명회, 박람회 ...)."""
