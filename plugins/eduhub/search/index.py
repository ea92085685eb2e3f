"""Build the sharded search index: pages in, files out (site-relative path -> bytes).

Files (see docs/developer/search.md):
  search/manifest.json            entry point: shard ranges, counts, widths, fragment folders
  search/s/<content hash>.json    shard: {term: postings}, terms sorted, cut by size
  search/f/<run hash>/<n>.json    fragment of page n: url, title, date, kind, sections; the
                                  pages come in runs of FRAGMENT_RUN, one folder per run,
                                  named by a hash of the run's fragments

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
import logging
import multiprocessing
import pickle
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from multiprocessing.connection import Connection
from typing import NamedTuple

from .extract import Section, sections
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
# Fragments per folder. One folder for the whole site renamed all 4,400 files of the 10x
# corpus on any edit (written anew, the old ones deleted); per run an edit renames one run.
FRAGMENT_RUN = 64
FORMAT = 3
log = logging.getLogger("mkdocs.plugins.eduhub.search")
PARALLEL_PAGES = 400  # below this, starting a second process costs more than it saves


@dataclass(frozen=True)
class PageEntry:
    url: str
    title: str
    kind: str
    date: date | None
    sections: tuple[Section, ...] = ()
    html: str = ""  # when given, sections are cut from it while indexing (in parallel)


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


def build(
    pages: list[PageEntry],
    workers: int | None = None,
    *,
    remember: bool = False,
    carry: bool = False,
    previous: bytes | None = None,
) -> dict[str, bytes]:
    """The index files for these pages. Large sites are indexed by two forked processes
    (where the platform forks); the bytes are the same as with one.

    `remember` (under `mkdocs serve`): each page's sections and term counts are kept in this
    process for the next build, which cuts and counts only the pages that changed (the rest
    of the index depends on every page: BM25's mean length, page numbers, shards).

    `carry` (a build that keeps a cache): this index is kept for `snapshot`, which the next
    build, in another process, passes back as `previous`; it then cuts and counts only the
    pages that differ from it. Either way the bytes are those of a fresh build."""
    global _LAST
    if workers is None:
        workers = 2 if len(pages) >= PARALLEL_PAGES and _can_fork() else 1
    if previous is not None and not remember:
        _LAST = _restore(previous)
    # Millions of small strings and lists: the cyclic collector would rescan them again and
    # again (a third of the build time) while none of them can form a cycle.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(pages, workers, remember, carry)
    finally:
        if enabled:
            gc.enable()


def _build(pages: list[PageEntry], workers: int, remember: bool, carry: bool) -> dict[str, bytes]:
    global _KNOWN, _LAST
    ordered = sorted(pages, key=lambda p: p.url) or [PageEntry("", "", "page", None)]
    pw = width(len(ordered))
    patched = _patch(_LAST, ordered) if (remember or carry) and _LAST is not None else None
    if patched is not None:
        postings, fragments, section_count, sw = patched
    else:
        _LAST = None if remember or carry else _LAST  # (a plain build leaves it as it was)
        known = _KNOWN if remember else None
        part = (_split(ordered, pw, workers, known) if workers > 1 else None) or _part(
            ordered,
            0,
            pw,
            lambda tokens, count, longest: (_mean_length(tokens, count), width(longest)),
            known,
        )
        postings, fragments, section_count, sw, new, sizes = part
        if known is not None or carry:
            average = _mean_length(sum(s[0] for s in sizes), sum(s[1] for s in sizes))
            rows = [_row(page) for page in ordered]
            cuts = None
            if known is not None:  # this build's pages only: what is gone is forgotten
                _KNOWN = {page: known.get(page) or new[page] for page in ordered}
                cuts = [_KNOWN[page] for page in ordered]
            _LAST = _Last(rows, cuts, sizes, pw, sw, average, postings, fragments)

    files: dict[str, bytes] = {}
    folders: list[str] = []
    for start in range(0, len(fragments), FRAGMENT_RUN):
        run = fragments[start : start + FRAGMENT_RUN]
        name = _hash(b"\n".join([str(start).encode(), *run]))
        folders.append(f"f/{name}/")
        for number, data in enumerate(run, start=start):
            files[f"search/f/{name}/{number}.json"] = data

    shards: list[list[str]] = []
    current: dict[str, str] = {}
    size, first = 0, ""
    for term in sorted(postings):
        if not current:
            first = term if shards else ""
        current[term] = postings[term]
        size += len(term.encode()) + len(current[term]) + 6
        if size >= SHARD_BYTES:
            shards.append([first, _shard(current, files)])
            current, size = {}, 0
    if current or not shards:
        shards.append([first if shards else "", _shard(current, files)])

    manifest = {
        "v": FORMAT,
        "pages": len(ordered),
        "sections": section_count,
        "pw": pw,
        "sw": sw,
        "fragments": folders,
        "run": FRAGMENT_RUN,
        "shards": shards,
    }
    files["search/manifest.json"] = _dumps(manifest)
    return files


def _mean_length(tokens: int, sections: int) -> float:
    """BM25's average section length over the whole site, in whole tokens: an edit that
    moves it by a fraction leaves every other page's weights as they were (see `_patch`)."""
    return max(float(round(tokens / sections)), 1.0) if sections else 1.0


# A page as the index saw it: (url, title, kind, date, sections, html)
_Row = tuple[str, str, str, "date | None", "tuple[Section, ...]", str]


def _row(page: PageEntry) -> _Row:
    return (page.url, page.title, page.kind, page.date, page.sections, page.html)


@dataclass
class _Last:
    """The last build's index, to patch (see `_patch`): kept in this process under
    `mkdocs serve` (with each page's cut), or restored from `snapshot` (without)."""

    rows: list[_Row]  # in URL order: page n is rows[n]
    cuts: list[_Cut] | None  # None: cut again from the row when needed
    sizes: list[tuple[int, int]]  # (tokens, sections) of each page
    pw: int
    sw: int
    average: float
    postings: dict[str, str]
    fragments: list[bytes]


_LAST: _Last | None = None
_DIGIT = {ch: n for n, ch in enumerate(ALPHABET)}


def _size(cut: _Cut) -> tuple[int, int]:
    return sum(sum(c.values()) for c in cut[1]), len(cut[1])


def _terms(cut: _Cut) -> set[str]:
    """Every term `_postings` gives this page an entry for."""
    page, bodies = cut
    terms: set[str] = set()
    for s, section in enumerate(page.sections):
        terms.update(bodies[s])
        terms.update(tokenize(section.heading))
    terms.update(tokenize(page.title))
    return terms


def _patch(
    last: _Last, ordered: list[PageEntry]
) -> tuple[dict[str, str], list[bytes], int, int] | None:
    """The last index with the changed pages' entries and fragments replaced, when nothing
    else can differ: the same URLs (so the same page numbers), the same mean section length
    and section-number width. The bytes are those of a fresh build (which `_build` falls
    back to otherwise). Changes `last` in place."""
    if len(ordered) != len(last.rows) or any(
        a.url != b[0] for a, b in zip(ordered, last.rows, strict=True)
    ):
        return None
    rows = [_row(page) for page in ordered]
    changed = [n for n, (a, b) in enumerate(zip(rows, last.rows, strict=True)) if a != b]
    cuts = {n: _KNOWN.get(ordered[n]) or _cut(ordered[n]) for n in changed}
    sizes = list(last.sizes)
    for n, cut in cuts.items():
        sizes[n] = _size(cut)
    average = _mean_length(sum(s[0] for s in sizes), sum(s[1] for s in sizes))
    sw = width(max(s[1] for s in sizes))
    if average != last.average or sw != last.sw:
        return None
    log.debug("search: %d of %d pages patched into the last index", len(changed), len(ordered))
    step = last.pw + sw + 1  # one entry: page number, section number, weight
    for n, cut in cuts.items():
        entries: defaultdict[str, list[str]] = defaultdict(list)
        page, bodies = cut
        _postings(page, digits(n, last.pw), sw, [c.copy() for c in bodies], average, entries)
        old = last.cuts[n] if last.cuts is not None else _cut(PageEntry(*last.rows[n]))
        for term in _terms(old) | entries.keys():
            joined = _replaced(
                last.postings.get(term, ""), n, "".join(entries.get(term, ())), step, last.pw
            )
            if joined:
                last.postings[term] = joined
            else:
                last.postings.pop(term, None)
        last.fragments[n] = _dumps(_fragment(page))
        if last.cuts is not None:
            last.cuts[n] = cut
        last.rows[n] = rows[n]
    last.sizes = sizes
    if last.cuts is not None:
        _remember(ordered, last.cuts)
    return last.postings, last.fragments, sum(s[1] for s in sizes), sw


def snapshot(*, forget: bool = False) -> bytes | None:
    """The last index built with `carry` (or under serve), for `build(previous=...)` in the
    next build's process: its pages, sizes, postings and fragments (no cuts: a patch cuts
    the few old pages it replaces again). `forget`: this process lets it go (a large site's
    index is tens of megabytes, and the build that carries it on has no use for it)."""
    global _LAST
    last = _LAST
    if last is None:
        return None
    if forget:
        _LAST = None
    kept = (FORMAT, last.rows, last.sizes, last.pw, last.sw, last.average)
    return pickle.dumps((*kept, last.postings, last.fragments), protocol=pickle.HIGHEST_PROTOCOL)


def _restore(data: bytes) -> _Last | None:
    """A `snapshot` as the last index; None if it is not one of this format."""
    try:
        values = pickle.loads(data)  # noqa: S301 - our own cache, sealed (see sealed.py)
    except Exception:  # noqa: BLE001 - an unreadable snapshot is a full build, not an error
        return None
    if not isinstance(values, tuple) or len(values) != 8 or values[0] != FORMAT:
        return None
    _, rows, sizes, pw, sw, average, postings, fragments = values
    return _Last(list(rows), None, list(sizes), pw, sw, average, postings, list(fragments))


def _remember(ordered: list[PageEntry], cuts: list[_Cut]) -> None:
    global _KNOWN
    _KNOWN = dict(zip(ordered, cuts, strict=True))


def _replaced(joined: str, page: int, entries: str, step: int, pw: int) -> str:
    """`joined` (entries in page order) with page `page`'s entries replaced by `entries`."""

    def number(k: int) -> int:
        value = 0
        for ch in joined[k * step : k * step + pw]:
            value = value * 64 + _DIGIT[ch]
        return value

    def first(at_least: int) -> int:
        lo, hi = 0, len(joined) // step
        while lo < hi:
            mid = (lo + hi) // 2
            if number(mid) < at_least:
                lo = mid + 1
            else:
                hi = mid
        return lo

    start, end = first(page), first(page + 1)
    return joined[: start * step] + entries + joined[end * step :]


class _Part(NamedTuple):
    postings: dict[str, str]  # term -> its entries, joined
    fragments: list[bytes]
    sections: int
    sw: int
    new: dict[PageEntry, _Cut]  # pages cut and counted here that `known` lacked
    sizes: list[tuple[int, int]]  # (tokens, sections) of each page


# A page cut into sections (at least one) and the term counts of each section
_Cut = tuple[PageEntry, list[Counter[str]]]
# Under `mkdocs serve`: the last build's pages, cut and counted (see `build`)
_KNOWN: dict[PageEntry, _Cut] = {}


# (tokens, sections, most sections in one page) of a part -> (mean section length, sw)
Agree = Callable[[int, int, int], tuple[float, int]]


def _prepared(page: PageEntry) -> PageEntry:
    """The page with its sections cut from its HTML, and at least one (maybe empty) section."""
    cut = tuple(sections(page.html)) if page.html else page.sections
    return PageEntry(page.url, page.title, page.kind, page.date, cut or (Section("", "", ""),))


def _cut(page: PageEntry) -> _Cut:
    cut = _prepared(page)
    return cut, [token_counts(s.text) for s in cut.sections]


def _part(
    pages: list[PageEntry],
    first: int,
    pw: int,
    agree: Agree,
    known: dict[PageEntry, _Cut] | None = None,
) -> _Part:
    """Postings and fragments of consecutive pages numbered from `first`. `agree` turns this
    part's counts into the whole site's mean section length and section-number width.
    `known`: pages already cut and counted (and where to say which were not)."""
    if known is None:
        cuts, new = [_cut(page) for page in pages], {}
    else:
        new = {page: _cut(page) for page in pages if page not in known}
        cuts = [known.get(page) or new[page] for page in pages]
    pages = [cut for cut, _ in cuts]
    # `_postings` consumes the counts: kept ones are copied
    bodies = [[c.copy() for c in counts] if known is not None else counts for _, counts in cuts]
    sizes = [(sum(sum(c.values()) for c in body), len(body)) for body in bodies]
    tokens = sum(size[0] for size in sizes)
    count = sum(size[1] for size in sizes)
    average, sw = agree(tokens, count, max((size[1] for size in sizes), default=1))
    postings: defaultdict[str, list[str]] = defaultdict(list)
    for offset, page in enumerate(pages):
        _postings(page, digits(first + offset, pw), sw, bodies[offset], average, postings)
    joined = {term: "".join(entries) for term, entries in postings.items()}
    fragments = [_dumps(_fragment(page)) for page in pages]
    return _Part(joined, fragments, count, sw, new, sizes)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _split(
    pages: list[PageEntry], pw: int, workers: int, known: dict[PageEntry, _Cut] | None
) -> _Part | None:
    """`_part` over `workers` forked processes, merged in page order; None if one failed.
    The children see `known` as it was at the fork and send back what they cut anew."""
    context = multiprocessing.get_context("fork")
    links, processes = [], []
    for first, chunk in _balanced(pages, workers):
        parent, child = context.Pipe()
        process = context.Process(
            target=_worker, args=(child, chunk, first, pw, known), daemon=True
        )
        process.start()
        child.close()
        links.append(parent)
        processes.append(process)
    try:
        counts = [link.recv() for link in links]  # (tokens, sections, longest) of each part
        agreed = (
            _mean_length(sum(c[0] for c in counts), sum(c[1] for c in counts)),
            width(max(c[2] for c in counts)),
        )
        for link in links:
            link.send(agreed)
        parts: list[_Part] = [link.recv() for link in links]
    except (EOFError, OSError):
        return None
    finally:
        for process in processes:
            process.join()
    postings: dict[str, str] = {}
    for part in parts:
        for term, entries in part.postings.items():
            postings[term] = postings.get(term, "") + entries
    fragments = [fragment for part in parts for fragment in part.fragments]
    new = {page: cut for part in parts for page, cut in part.new.items()}
    sizes = [size for part in parts for size in part.sizes]
    sections = sum(part.sections for part in parts)
    return _Part(postings, fragments, sections, agreed[1], new, sizes)


def _balanced(pages: list[PageEntry], parts: int) -> list[tuple[int, list[PageEntry]]]:
    """Consecutive runs of pages with about the same amount of text: (first number, pages)."""
    sizes = [len(page.html) + sum(len(s.text) for s in page.sections) + 1 for page in pages]
    chunks: list[tuple[int, list[PageEntry]]] = []
    total, start, done = sum(sizes), 0, 0
    for index, size in enumerate(sizes):
        done += size
        if len(chunks) < parts - 1 and done * parts >= total * (len(chunks) + 1):
            chunks.append((start, pages[start : index + 1]))
            start = index + 1
    chunks.append((start, pages[start:]))
    return chunks


def _worker(
    link: Connection,
    pages: list[PageEntry],
    first: int,
    pw: int,
    known: dict[PageEntry, _Cut] | None,
) -> None:
    def agree(tokens: int, count: int, longest: int) -> tuple[float, int]:
        link.send((tokens, count, longest))
        average, sw = link.recv()
        return float(average), int(sw)

    link.send(_part(pages, first, pw, agree, known))
    link.close()
