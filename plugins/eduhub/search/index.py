"""Build the sharded search index: pages in, files out (site-relative path -> bytes).

Files (see docs/developer/search.md):
  search/manifest.json            entry point: shard ranges, counts, fragment folder
  search/s/<content hash>.json    shard: {term: postings}, terms sorted, cut by size
  search/f/<build hash>/<n>.json  fragment of page n: url, title, date, kind, sections

Postings of a term are one string of base-64 varints, three per (page, section):
page number delta, section number, weight (title 12 + heading 6 + BM25 body part 1..13).
The same input gives the same bytes: pages are numbered in URL order, everything sorted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from .extract import Section
from .tokenize import tokenize

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
TITLE_WEIGHT = 12
HEADING_WEIGHT = 6
BODY_SCALE = 6  # body weights 1..13: BM25's 0..(k1 + 1) times 6, rounded; all fit 0..31
K1, B = 1.2, 0.75
SHARD_BYTES = 12_000  # a shard closes once it reaches this size (one huge term may exceed it)
FRAGMENT_CHARS = 12_000  # text kept per page for snippets; the index covers all of it
FORMAT = 1


@dataclass(frozen=True)
class PageEntry:
    url: str
    title: str
    kind: str
    date: date | None
    sections: tuple[Section, ...]


def varints(numbers: list[int]) -> str:
    """Unsigned ints as base-64 digits: five bits each, low first, 32 = more follows."""
    out: list[str] = []
    for n in numbers:
        while n >= 32:
            out.append(ALPHABET[32 | (n & 31)])
            n >>= 5
        out.append(ALPHABET[n])
    return "".join(out)


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _weights(
    page: PageEntry, number: int, body: list[dict[str, int]], average: float,
    postings: dict[str, list[int]],
) -> None:
    """Impact weights: BM25's length-normalised term frequency (k1 1.2, b 0.75) scaled to
    1..13, plus 6 for a heading and 12 for the page title (the first section carries it)."""
    for s, section in enumerate(page.sections):
        counts = body[s]
        length = sum(counts.values())
        norm = K1 * (1 - B + B * length / average)
        weight = {t: round(BODY_SCALE * tf * (K1 + 1) / (tf + norm)) or 1 for t, tf in counts.items()}
        for token in set(tokenize(section.heading)):
            weight[token] = weight.get(token, 0) + HEADING_WEIGHT
        if s == 0:
            for token in set(tokenize(page.title)):
                weight[token] = weight.get(token, 0) + TITLE_WEIGHT
        for token, w in weight.items():
            postings[token].extend((number, s, w))


def _fragment(page: PageEntry) -> dict[str, object]:
    budget = FRAGMENT_CHARS
    sections = []
    for section in page.sections:
        text = section.text[: max(budget, 0)]
        budget -= len(text)
        sections.append({"a": section.anchor, "h": section.heading, "t": text})
    fragment: dict[str, object] = {"u": page.url, "t": page.title, "k": page.kind, "s": sections}
    if page.date:
        fragment["d"] = page.date.isoformat()
    return fragment


def build(pages: list[PageEntry]) -> dict[str, bytes]:
    """The index files for these pages."""
    ordered = sorted(pages, key=lambda p: p.url)
    if not ordered:
        ordered = [PageEntry("", "", "page", None, ())]  # keep the client's life simple
    for number, page in enumerate(ordered):
        if not page.sections:
            ordered[number] = PageEntry(page.url, page.title, page.kind, page.date, (Section("", "", ""),))
    bodies = [[Counter(tokenize(s.text)) for s in page.sections] for page in ordered]
    lengths = [sum(c.values()) for body in bodies for c in body]
    average = max(sum(lengths) / len(lengths), 1.0)
    postings: dict[str, list[int]] = defaultdict(list)
    for number, page in enumerate(ordered):
        _weights(page, number, bodies[number], average, postings)

    files: dict[str, bytes] = {}
    fragments = [_dumps(_fragment(page)) for page in ordered]
    build_hash = _hash(b"\n".join(fragments))
    for number, data in enumerate(fragments):
        files[f"search/f/{build_hash}/{number}.json"] = data

    shards: list[list[str]] = []
    current: dict[str, str] = {}
    size = 0
    first = ""

    def close() -> None:
        data = _dumps(current)
        name = _hash(data)
        files[f"search/s/{name}.json"] = data
        shards.append([first, name])

    for term in sorted(postings):
        flat = postings[term]
        encoded: list[int] = []
        previous = 0
        for i in range(0, len(flat), 3):
            encoded += (flat[i] - previous, flat[i + 1], flat[i + 2])
            previous = flat[i]
        if not current:
            first = term if shards else ""
        current[term] = varints(encoded)
        size += len(term.encode()) + len(current[term]) + 6
        if size >= SHARD_BYTES:
            close()
            current, size = {}, 0
    if current or not shards:
        close()

    manifest = {
        "v": FORMAT,
        "pages": len(ordered),
        "sections": sum(len(p.sections) for p in ordered),
        "fragments": f"f/{build_hash}/",
        "shards": shards,
    }
    files["search/manifest.json"] = _dumps(manifest)
    return files
