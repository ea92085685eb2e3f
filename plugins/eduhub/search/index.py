"""Build the sharded search index: pages in, files out (site-relative path -> bytes).

Files (see docs/developer/search.md):
  search/manifest.json            entry point: shard ranges, counts, widths, fragment folder
  search/s/<content hash>.json    shard: {term: postings}, terms sorted, cut by size
  search/f/<build hash>/<n>.json  fragment of page n: url, title, date, kind, sections

A term's postings are one string of fixed-width base-64 numbers, one entry per section
that has the term: page number (`pw` digits), section number (`sw` digits), weight (one
digit: BM25 body part 1..13 + 16 for a heading + 32 for the page title). Fixed width keeps
the build a string join per posting (fast) at a small cost in size over varints.
The same input gives the same bytes: pages are numbered in URL order, everything sorted.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from .extract import Section
from .tokenize import token_counts, tokenize

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
# One base-64 digit holds 0..63: body 1..13 (BM25's 0..k1+1 times 6, rounded), a heading
# outweighs any body, the title outweighs heading and body together.
TITLE_WEIGHT = 32
HEADING_WEIGHT = 16
BODY_SCALE = 6
K1, B = 1.2, 0.75
TF_CAP = 12  # term counts above this weigh the same (BM25 has saturated by then)
SHARD_BYTES = 12_000  # a shard closes once it reaches this size (one huge term may exceed it)
FRAGMENT_CHARS = 12_000  # text kept per page for snippets; the index covers all of it
FORMAT = 2


@dataclass(frozen=True)
class PageEntry:
    url: str
    title: str
    kind: str
    date: date | None
    sections: tuple[Section, ...]


def digits(n: int, width: int) -> str:
    """`n` as `width` base-64 digits, most significant first."""
    out = []
    for _ in range(width):
        out.append(ALPHABET[n & 63])
        n >>= 6
    return "".join(reversed(out))


def width(count: int) -> int:
    """Base-64 digits needed for the numbers 0..count-1."""
    w = 1
    while 64**w < count:
        w += 1
    return w


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _postings(
    page: PageEntry,
    code: str,
    sw: int,
    bodies: list[Counter[str]],
    average: float,
    postings: defaultdict[str, list[str]],
) -> None:
    """Append this page's entries; `code` is the page number in digits. Consumes `bodies`."""
    for s, section in enumerate(page.sections):
        counts = bodies[s]
        table = _weight_table(sum(counts.values()), average)
        prefix = code + digits(s, sw)
        boosted = Counter(dict.fromkeys(tokenize(section.heading), HEADING_WEIGHT))
        if s == 0:
            boosted.update(dict.fromkeys(tokenize(page.title), TITLE_WEIGHT))
        for token, boost in boosted.items():
            tf = counts.pop(token, 0)
            postings[token].append(prefix + ALPHABET[min(table[min(tf, TF_CAP)] + boost, 63)])
        by_count = [prefix + ALPHABET[w] for w in table]
        if counts:
            by_count += by_count[-1:] * (max(counts.values()) - TF_CAP)
        # postings[token].append(by_count[tf]) for every token, iterated in C: this loop
        # runs once per posting (about two million at 4,000 pages)
        lists = map(postings.__getitem__, counts)
        deque(map(list.append, lists, map(by_count.__getitem__, counts.values())), maxlen=0)


@lru_cache(maxsize=4096)
def _weight_table(length: int, average: float) -> list[int]:
    """Body weight by term count (the index) for a section of `length` tokens: BM25's tf part."""
    norm = K1 * (1 - B + B * length / average)
    return [0] + [
        max(1, round(BODY_SCALE * tf * (K1 + 1) / (tf + norm))) for tf in range(1, TF_CAP + 1)
    ]


def _shard(terms: dict[str, str], files: dict[str, bytes]) -> str:
    """Add a shard file; its name (a hash of its bytes)."""
    data = _dumps(terms)
    name = _hash(data)
    files[f"search/s/{name}.json"] = data
    return name


def _fragment(page: PageEntry) -> dict[str, object]:
    budget = FRAGMENT_CHARS
    sections = []
    for section in page.sections:
        text = section.text[: max(budget, 0)]
        budget -= len(text)
        sections.append({"a": section.anchor, "h": section.heading, "t": text})
    fragment: dict[str, object] = {"u": page.url, "t": page.title, "k": page.kind, "s": sections}
    if isinstance(page.date, datetime):
        fragment["d"] = page.date.strftime("%Y-%m-%d %H:%M")
    elif page.date:
        fragment["d"] = page.date.isoformat()
    return fragment


def build(pages: list[PageEntry]) -> dict[str, bytes]:
    """The index files for these pages."""
    # Millions of small strings and lists: the cyclic collector would rescan them again and
    # again (a third of the build time) while none of them can form a cycle.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(pages)
    finally:
        if enabled:
            gc.enable()


def _build(pages: list[PageEntry]) -> dict[str, bytes]:
    ordered = [
        p if p.sections else PageEntry(p.url, p.title, p.kind, p.date, (Section("", "", ""),))
        for p in sorted(pages, key=lambda p: p.url)
    ] or [PageEntry("", "", "page", None, (Section("", "", ""),))]
    bodies = [[token_counts(s.text) for s in page.sections] for page in ordered]
    lengths = [sum(c.values()) for body in bodies for c in body]
    average = max(sum(lengths) / len(lengths), 1.0)
    pw = width(len(ordered))
    sw = width(max(len(p.sections) for p in ordered))
    postings: defaultdict[str, list[str]] = defaultdict(list)
    for number, page in enumerate(ordered):
        _postings(page, digits(number, pw), sw, bodies[number], average, postings)

    files: dict[str, bytes] = {}
    fragments = [_dumps(_fragment(page)) for page in ordered]
    build_hash = _hash(b"\n".join(fragments))
    for number, data in enumerate(fragments):
        files[f"search/f/{build_hash}/{number}.json"] = data

    shards: list[list[str]] = []
    current: dict[str, str] = {}
    size, first = 0, ""
    for term in sorted(postings):
        if not current:
            first = term if shards else ""
        current[term] = "".join(postings[term])
        size += len(term.encode()) + len(current[term]) + 6
        if size >= SHARD_BYTES:
            shards.append([first, _shard(current, files)])
            current, size = {}, 0
    if current or not shards:
        shards.append([first if shards else "", _shard(current, files)])

    manifest = {
        "v": FORMAT,
        "pages": len(ordered),
        "sections": len(lengths),
        "pw": pw,
        "sw": sw,
        "fragments": f"f/{build_hash}/",
        "shards": shards,
    }
    files["search/manifest.json"] = _dumps(manifest)
    return files
