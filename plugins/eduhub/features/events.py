"""The events feature (being built: see its issue)."""

from __future__ import annotations

from .base import Feature


class EventsFeature(Feature):
    name = "events"
