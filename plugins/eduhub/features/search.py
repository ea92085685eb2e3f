"""Korean search (being built: see its issue)."""

from __future__ import annotations

from .base import Feature


class SearchFeature(Feature):
    name = "search"
