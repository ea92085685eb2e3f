"""RSS 2.0 and Atom 1.0 with feedgen, with its known traps worked around (see STYLE.md).

- one FeedGenerator per format, so each carries exactly one correct rel="self" link;
- entries appended in our order (feedgen prepends by default);
- every date set from the data: feedgen would stamp now() on lastBuildDate and `updated`;
- Atom entry links lose rel/type/length in feedgen 1.0 (an enclosure would come out as a
  second alternate link), so Atom entries get only the permalink from feedgen and the links
  are fixed afterwards with lxml.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator
from lxml import etree

from ..htmltools import xml_safe

ATOM_NS = "http://www.w3.org/2005/Atom"
GENERATOR = "eduhub"


@dataclass(frozen=True)
class Enclosure:
    url: str  # absolute
    length: int  # bytes
    type: str = "application/pdf"


@dataclass(frozen=True)
class FeedItem:
    """One issue or announcement, ready for any feed format."""

    url: str  # absolute permalink: also the guid / id
    title: str
    published: datetime  # aware
    summary: str  # plain text
    html: str  # full content, every href/src absolute
    categories: tuple[tuple[str, str], ...] = ()  # (slug, Korean label)
    enclosure: Enclosure | None = None
    kind: str = "news"  # "issue" | "news"
    number: int | None = None  # issue number


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says about itself."""

    title: str
    description: str
    home_url: str  # the archive page people see in a browser (channel <link>)
    self_url: str  # this feed's own absolute URL
    author: str
    author_url: str
    updated: datetime  # aware; newest item, or the build time for an empty feed
    language: str = "ko"


def _generator(info: FeedInfo, items: list[FeedItem], *, atom: bool) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(info.self_url)
    fg.title(xml_safe(info.title))
    fg.description(xml_safe(info.description) or xml_safe(info.title))
    fg.language(info.language)
    fg.author({"name": xml_safe(info.author), "uri": info.author_url})
    fg.generator(GENERATOR)
    # The RSS channel <link> is feedgen's last link: self first, the archive page last.
    fg.link(
        href=info.self_url,
        rel="self",
        type="application/atom+xml" if atom else "application/rss+xml",
    )
    fg.link(href=info.home_url, rel="alternate", type="text/html")
    fg.updated(info.updated)
    fg.lastBuildDate(info.updated)
    for item in items:
        entry = fg.add_entry(order="append")
        entry.guid(item.url, permalink=True)
        entry.title(xml_safe(item.title))
        if atom:  # feed readers show an entry's own author; RSS <author> would need an e-mail
            entry.author({"name": xml_safe(info.author), "uri": info.author_url})
        entry.link(href=item.url, rel="alternate")
        entry.published(item.published)
        entry.updated(item.published)
        entry.summary(xml_safe(item.summary))
        entry.content(xml_safe(item.html), type="html")
        for slug, label in item.categories:
            entry.category(term=slug, label=xml_safe(label))
        if item.enclosure and not atom:
            entry.enclosure(item.enclosure.url, item.enclosure.length, item.enclosure.type)
    return fg


def rss(info: FeedInfo, items: list[FeedItem]) -> bytes:
    """RSS 2.0 with content:encoded, atom:link rel=self and one PDF enclosure per issue."""
    return _generator(info, items, atom=False).rss_str(pretty=True, encoding="UTF-8")


def atom(info: FeedInfo, items: list[FeedItem]) -> bytes:
    """Atom 1.0 with xml:lang, one alternate link per entry and PDFs as rel=enclosure."""
    data = _generator(info, items, atom=True).atom_str(pretty=True, encoding="UTF-8")
    root = etree.fromstring(data)
    by_id = {item.url: item for item in items}
    for entry in root.iterfind(f"{{{ATOM_NS}}}entry"):
        item = by_id[entry.findtext(f"{{{ATOM_NS}}}id")]
        for link in entry.iterfind(f"{{{ATOM_NS}}}link"):
            link.attrib.clear()
            link.set("href", item.url)
            link.set("rel", "alternate")
            link.set("type", "text/html")
            if item.enclosure:
                enclosure = etree.Element(f"{{{ATOM_NS}}}link")
                enclosure.set("href", item.enclosure.url)
                enclosure.set("rel", "enclosure")
                enclosure.set("type", item.enclosure.type)
                enclosure.set("length", str(item.enclosure.length))
                enclosure.tail = link.tail
                link.addnext(enclosure)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
