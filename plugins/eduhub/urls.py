"""The route table: every public URL and file name of the site, in one place.

People outside the repository rely on these (printed flyers, school sites, calendar and feed
subscriptions): change one only on purpose, with a redirect or a migration note.
`docs/developer/contracts.md` lists exactly these routes (a test compares the two); the link
checker accepts exactly these generated URLs; templates get the feed links from here.
All paths are site-relative ("newsletter/12/", "" is the home page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .models import AUDIENCES

HOME = ""
CENTER = "center/"
ADMISSIONS = "admissions/"
CREDIT_SYSTEM = "credit-system/"
PROGRAMS = "programs/"
NEWSLETTER = "newsletter/"
NEWS = "news/"
EVENTS = "events/"
EVENTS_ARCHIVE = "events/archive/"
CALENDAR = "calendar/"
EMBED = "embed/events/"
SUBSCRIBE = "subscribe/"
ROADMAP = "roadmap/"

FEEDS = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
ALL_EVENTS_ICS = "events.ics"
EVENTS_JSON = "events.json"
SEARCH_DIR = "search/"
SEARCH_MANIFEST = "search/manifest.json"

# The staff promotion kit (noindex; out of the nav, search, sitemap and feeds) and the short
# links of SMS and posters. A /go/ code never changes once published.
KIT = "kit/"
KIT_SRC = "kit/index.md"
KIT_JSON = "kit/kit.json"
GO = "go/"

# An event id is a slug: lower-case ASCII letters and digits in hyphen-joined words.
EVENT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# An `id:` line of an event file, found without parsing the YAML (the file may be broken).
EVENT_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*[\"']?(" + EVENT_ID.pattern + ")", re.M)
# Ids that would collide with a generated page or calendar under events/.
RESERVED_EVENT_IDS = frozenset(AUDIENCES) | {"index", "archive", "all", "feed", "embed"}

# Generated pages: their Markdown source inside docs_dir (virtual files) -> URL.
EVENTS_ARCHIVE_SRC = "events/archive.md"
EMBED_SRC = "embed/events/index.md"


def is_event_id(value: object) -> bool:
    """A well-formed event id (the whole string, no trailing newline)."""
    return isinstance(value, str) and EVENT_ID.fullmatch(value) is not None


def issue(number: int) -> str:
    return f"newsletter/{number}/"


def issue_email(number: int) -> str:
    return f"newsletter/{number}/email.html"


def announcement(slug: str) -> str:
    return f"news/{slug}/"


def program(slug: str) -> str:
    return f"programs/{slug}/"


def event(event_id: str) -> str:
    return f"events/{event_id}/"


def event_src(event_id: str) -> str:
    """The virtual Markdown source of an event page."""
    return f"events/{event_id}.md"


def event_ics(event_id: str) -> str:
    return f"events/{event_id}.ics"


def audience_ics(audience: str) -> str:
    return f"events/{audience}.ics"


def category_feed(slug: str) -> str:
    return f"feeds/{slug}.xml"


def kit_event(event_id: str) -> str:
    return f"kit/events/{event_id}/"


def kit_poster(event_id: str) -> str:
    return f"kit/events/{event_id}/poster/"


def kit_issue(number: int | str) -> str:
    return f"kit/newsletter/{number}/"


def go(code: str) -> str:
    """The short link of an item: `go/<code>/` (a static redirect to its page)."""
    return f"go/{code}/"


def page_src(url: str) -> str:
    """The virtual Markdown source of a generated directory page: "kit/" -> "kit/index.md"."""
    return url + "index.md"


@dataclass(frozen=True)
class Route:
    """One line of the contract: a URL pattern and what it is."""

    pattern: str  # "/newsletter/<n>/"
    what: str


ROUTES: tuple[Route, ...] = (
    Route("/", "home: next events, latest issue, latest announcements"),
    Route("/center/", "about the center"),
    Route("/admissions/", "admissions guide"),
    Route("/credit-system/", "the credit-system guide (고교학점제)"),
    Route("/programs/", "programs"),
    Route("/programs/<slug>/", "one program (content/programs/<slug>.md)"),
    Route("/newsletter/", "issue archive"),
    Route("/newsletter/<n>/", "one issue, by its number"),
    Route("/newsletter/<n>/email.html", "the e-mail edition of an issue"),
    Route("/news/", "announcements"),
    Route("/news/<file-name>/", "one announcement"),
    Route("/events/", "upcoming events"),
    Route("/events/archive/", "past events"),
    Route("/events/<id>/", "one event"),
    Route("/calendar/", "how to subscribe to the calendars"),
    Route("/embed/events/", "the embeddable event list (?audience=...)"),
    Route("/subscribe/", "how to follow the feeds"),
    Route("/roadmap/", "진로로드맵 self-check; answers live only in the URL fragment #…"),
    Route("/feed.xml", "RSS 2.0 of issues and announcements"),
    Route("/atom.xml", "Atom of issues and announcements"),
    Route("/feed.json", "JSON Feed 1.1 of issues and announcements"),
    Route("/feeds/<category-slug>.xml", "RSS of one category"),
    Route("/events.ics", "every event (iCalendar)"),
    Route("/events/<audience>.ics", "events for one audience (iCalendar)"),
    Route("/events/<id>.ics", "one event (iCalendar)"),
    Route("/events.json", "every event as JSON (docs/reference/events-json.md)"),
    Route("/search/", "the search index (manifest.json and shards)"),
    Route("/?q=<query>", "opens search with that query"),
    Route("/kit/", "staff promotion kit: upcoming events and recent issues (noindex)"),
    Route("/kit/events/<id>/", "one event's SMS, LMS, short link and QR code (noindex)"),
    Route("/kit/events/<id>/poster/", "one event's A4 poster (noindex)"),
    Route("/kit/events/<id>/qr.svg", "QR code of the event page (also qr.png)"),
    Route("/kit/newsletter/<n>/", "one issue's SMS, LMS, short link and QR code (noindex)"),
    Route("/kit/newsletter/<n>/qr.svg", "QR code of the issue page (also qr.png)"),
    Route("/kit/kit.json", "every kit item as JSON (docs/reference/kit-json.md)"),
    Route("/go/<code>/", "short link to an event or issue; a code never changes once published"),
)


def feed_links(abs_url: Callable[[str], str]) -> dict[str, str]:
    """Absolute URLs of the site-wide feeds, for templates (`abs_url` maps path -> URL)."""
    return {kind: abs_url(path) for kind, path in FEEDS.items()}


def generated_urls(
    *,
    issue_numbers: Iterable[int],
    event_ids: Iterable[str],
    category_slugs: Iterable[str],
) -> set[str]:
    """Every URL the plugin adds to the site beyond the pages in content/."""
    urls = {
        HOME,
        EVENTS,
        EVENTS_ARCHIVE,
        ALL_EVENTS_ICS,
        EVENTS_JSON,
        EMBED,
        NEWSLETTER,
        NEWS,
        CALENDAR,
        SUBSCRIBE,
        *FEEDS.values(),
    }
    urls |= {issue_email(n) for n in issue_numbers}
    for event_id in event_ids:
        urls |= {event(event_id), event_ics(event_id)}
    urls |= {audience_ics(a) for a in AUDIENCES}
    urls |= {category_feed(slug) for slug in category_slugs}
    return urls
