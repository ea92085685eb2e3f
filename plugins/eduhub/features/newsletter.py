"""The newsletter feature (being built: see its issue)."""

from __future__ import annotations

from .base import Feature


class NewsletterFeature(Feature):
    name = "newsletter"
