"""After a build: is every promised output there and non-empty? No MkDocs imports.

A build that silently dropped the plugin (an engine that ignores unknown plugins, a typo in
mkdocs.yml) still produces pages, but no feeds, calendars, search index or event pages.
`missing_outputs` lists what the route table promises for this content and the folder lacks.

`eduhub build` asks the plugin for that list instead (see buildreport.py).
"""

from __future__ import annotations

from pathlib import Path

from . import urls
from .buildreport import missing_files
from .content import Content
from .kit.checks import codes
from .models import AUDIENCES
from .settings import Settings


def promised_outputs(settings: Settings, content: Content) -> list[str]:
    """Site-relative files this content must produce (feeds, calendars, data, key pages)."""
    files = [
        *urls.FEEDS.values(),
        urls.ALL_EVENTS_ICS,
        urls.EVENTS_JSON,
        urls.SEARCH_MANIFEST,
    ]
    files += [urls.category_feed(c.slug) for c in settings.newsletter_categories]
    files += [urls.KIT_JSON, urls.MANIFEST, urls.SHARE_DEFAULT_CARD, *urls.ICONS]
    files += [urls.go(code) + "index.html" for code in codes(content).values()]
    files += [urls.audience_ics(code) for code in AUDIENCES]
    for event in content.events:
        files += [urls.event(event.id) + "index.html", urls.event_ics(event.id)]
    for issue in content.issues:
        if not issue.draft:
            files += [urls.issue(issue.number) + "index.html", urls.issue_email(issue.number)]
    return files


def missing_outputs(site_dir: Path, settings: Settings, content: Content) -> list[str]:
    """Promised files that are absent or empty in `site_dir` (sorted, site-relative)."""
    return missing_files(site_dir, promised_outputs(settings, content))
