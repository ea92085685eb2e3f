"""Typed configuration of the `eduhub` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from .settings import DEFAULT_FEED_LIMIT, TEMPLATES_DIR

# The plugin's own CSS and JS (in templates/assets/eduhub/), added to every page.
CSS = ("assets/eduhub/eduhub.css", "assets/eduhub/events.css", "assets/eduhub/newsletter.css")
SCRIPTS = ("assets/eduhub/filter.js",)


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


def register_theme_files(config: MkDocsConfig) -> None:
    """Our templates, partials and assets: after the site's overrides/ (which still wins),
    before the theme's own templates (so our partials replace Material's); our CSS and JS."""
    if str(TEMPLATES_DIR) not in config.theme.dirs:
        custom = config.theme.custom_dir
        position = 1 if custom and config.theme.dirs[:1] == [custom] else 0
        config.theme.dirs.insert(position, str(TEMPLATES_DIR))
    for path in CSS:
        if path not in config.extra_css:
            config.extra_css.append(path)
    scripts = [str(script) for script in config.extra_javascript]
    for path in SCRIPTS:
        if path not in scripts:
            script = c.ExtraScriptValue(path)
            script.defer = True
            config.extra_javascript.append(script)
