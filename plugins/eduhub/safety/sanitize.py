"""Second line of defence for HTML that leaves the site (feeds, the e-mail edition): nh3.

The rules in `html.py` already refuse unsafe bodies; this is what a feed reader or a mail
client gets even if a rule is ever missed: an allow-list of text tags and attributes, links
only to http(s)/mailto/tel, images only from the site itself, no scripts, styles, forms or
frames. nh3 (ammonia) is a maintained sanitizer made for this; no hand-written filters here.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import nh3

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
        "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
    "details": {"open"},
}
# Whose content goes too (not just the tag): nothing of a script or style is text.
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitize_html(html: str, *, own_hosts: Iterable[str] = ()) -> str:
    """`html` cut down to the allow-list; `<img>` only from `own_hosts` (the site's host)."""
    hosts = {h.lower() for h in own_hosts if h}

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            host = (urlsplit(value.strip()).hostname or "").lower()
            return value if not host or host in hosts else None
        return value

    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=keep,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def host_of(url: str) -> str:
    """The host of the site URL, for `own_hosts`."""
    return (urlsplit(url).hostname or "").lower()
