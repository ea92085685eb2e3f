"""Caches for large sites (issue 15). No MkDocs imports.

`Fragments`: theme fragments that are the same on many pages, rendered once per build.
`BuildCache`: pages and generated files reused from the previous build (`.cache/eduhub/`).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import pickle
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import Path, PurePath
from stat import S_ISREG
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import TemplateSyntaxError

from . import sealed, sitedir, spare
from .byobject import ByObject

log = logging.getLogger("mkdocs.plugins.eduhub.cache")


class Fragments:
    """Rendered theme fragments shared by pages outside the nav (nav, tabs, the header around
    the title, styles, footer, config, scripts). One per build.

    For a page that is not in the nav, no nav item is active and every link in these
    fragments is relative to the page's folder: two such pages in the same folder
    (newsletter/12/ and newsletter/13/) get the same HTML, unless a nav link points inside one
    of them. `key` returns None whenever that reasoning does not hold, and the template renders
    as usual. The reasoning is also checked: a fragment is reused only after two pages of the
    folder rendered it alike; if they differ (a site override that prints something of the
    page, say), that fragment is rendered for every page of the build.
    `EDUHUB_FRAGMENTS=0` turns reuse off (tests compare the bytes).
    """

    def __init__(self) -> None:
        self.enabled = os.environ.get("EDUHUB_FRAGMENTS", "1").strip() != "0"
        self._html: dict[str, str] = {}
        self._first: dict[str, str] = {}
        self._differ: set[str] = set()
        self._nav: tuple[Any, frozenset[str], list[str]] | None = None  # the build's nav
        self._last: tuple[Any, Any, str | None] | None = None

    @classmethod
    def for_site(cls, env: Any, overrides: str | None) -> Fragments:
        """The build's fragments: none reused when a site override reads the page (its meta,
        its table of contents): two pages alike do not prove a third is alike then."""
        fragments = cls()
        if overrides and fragments.enabled and _reads_the_page(env, Path(overrides)):
            fragments.enabled = False
        return fragments

    def key(self, name: str, page: Any, nav: Any) -> str | None:
        base = self._base(page, nav)
        if base is None:
            return None
        key = f"{name}|{base}"
        return None if key in self._differ else key

    def _base(self, page: Any, nav: Any) -> str | None:
        """The page's part of its fragments' keys (its folder), or None if they may differ
        from its neighbours'. Asked for each fragment of a page in turn: the last answer is
        kept (one page and nav in, 7 fragments out)."""
        last = self._last
        if last is not None and last[0] is page and last[1] is nav:
            return last[2]
        base = self._folder(page, nav)
        self._last = (page, nav, base)
        return base

    def _folder(self, page: Any, nav: Any) -> str | None:
        url = getattr(page, "url", None)
        if not self.enabled or not isinstance(url, str) or not url or nav is None:
            return None
        pages = getattr(nav, "pages", None)
        src_uri = getattr(getattr(page, "file", None), "src_uri", None)
        if pages is None or not isinstance(src_uri, str) or getattr(page, "ancestors", None):
            return None
        if self._nav is None or self._nav[0] is not nav:
            # (a page equals a nav page when their files are equal: one Page per file)
            sources = frozenset(p.file.src_uri for p in pages)
            self._nav = (nav, sources, [str(p.url) for p in pages])
        _, nav_sources, nav_urls = self._nav
        if src_uri in nav_sources or any(target.startswith(url) for target in nav_urls):
            return None
        folder, _, last = url.rstrip("/").rpartition("/")
        # MkDocs treats a last part with a dot (no directory URLs) as a file name
        return f"{folder}|{url.endswith('/')}|{'.' in last}"

    def get(self, key: str) -> str | None:
        """The fragment, once two pages rendered it alike; None: render it."""
        return self._html.get(key)

    def put(self, key: str, html: str) -> str:
        first = self._first.pop(key, None)
        if first is None:
            self._first[key] = html
        elif first == html:
            self._html[key] = html
        else:
            self._differ.add(key)
            log.debug("theme fragment %s differs between pages: rendered for each", key)
        return html


# What a page's template context holds that its neighbours' in the folder do not
_PAGE_VALUES = frozenset({"page", "toc", "meta"})


def _reads_the_page(env: Any, folder: Path) -> bool:
    """Whether a template in `folder` may print something of the page it renders (it names
    `page`, `toc` or `meta`), or cannot be read to tell."""
    from jinja2 import meta

    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if not path.is_file() or path.suffix not in _TEMPLATES:
            continue
        try:
            names = meta.find_undeclared_variables(env.parse(path.read_text("utf-8")))
        except (OSError, UnicodeDecodeError, TemplateSyntaxError):
            return True
        if names & _PAGE_VALUES:
            return True
    return False


# --- the persistent cache (.cache/eduhub/) --------------------------------------------------

CACHE_FORMAT = 3
PACKAGE_DIR = Path(__file__).parent
STATE = "state.pickle"
STASH_SUFFIX = ".eduhub-previous"
FRESH_SUFFIX = ".eduhub-new"
# In site_dir while a build writes it (hidden: MkDocs' clean leaves it, the manifest skips it)
BUILDING = ".eduhub-building"
# In site_dir while `finish` merges it into the stash: what the merge moves and what stays
# (JSON), so that a build killed meanwhile is merged to the end by the next one (`recover`)
MERGING = ".eduhub-merging"


class OutputChanged(Exception):
    """The live folder a read-only build takes files from changed while it ran."""


class _Conflict(Exception):
    """A path is a file in one output and a folder in the other."""


def _parents(folder: str) -> list[str]:
    parts = folder.split(os.sep)
    return [os.sep.join(parts[:i]) for i in range(1, len(parts))]


class Unstable(Exception):
    """A value with no stable serialisation: whatever holds it is not cached."""


def _canon(value: Any, out: list[bytes], depth: int = 0) -> None:
    """A canonical, type-tagged serialisation of plain data; Unstable for anything else."""
    if depth > 40:
        raise Unstable("too deep")
    if value is None or isinstance(value, bool | int | float | str | bytes):
        out.append(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, datetime | date | time | timedelta | PurePath | Enum):
        out.append(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, dict):
        out.append(b"{")
        for key in sorted(value, key=repr):
            _canon(key, out, depth + 1)
            _canon(value[key], out, depth + 1)
        out.append(b"}")
    elif isinstance(value, list | tuple):
        out.append(b"[" if isinstance(value, list) else b"(")
        for item in value:
            _canon(item, out, depth + 1)
        out.append(b"]")
    elif isinstance(value, set | frozenset):
        out.append(b"<")
        for item in sorted(value, key=repr):
            _canon(item, out, depth + 1)
        out.append(b">")
    elif is_dataclass(value) and not isinstance(value, type):
        out.append(f"@{type(value).__module__}.{type(value).__qualname__}(".encode())
        for item in fields(value):
            out.append(item.name.encode() + b"=")
            _canon(getattr(value, item.name), out, depth + 1)
        out.append(b")")
    else:
        raise Unstable(type(value).__qualname__)


def digest(*values: Any) -> str:
    """sha256 of the canonical form of `values`; raises Unstable for values it cannot read."""
    out: list[bytes] = []
    for value in values:
        _canon(value, out)
    return hashlib.sha256(b"".join(out)).hexdigest()


def quick_digest(*values: Any) -> str:
    """Like `digest`, through pickle when it can (several times faster on large contexts).

    Pickle keeps every value it is given (a different value never gives the same bytes) but
    not always in the same order between processes (a set's order follows the hash seed):
    at worst a page misses. Its "fast" mode writes no back-references, so equal values give
    the same bytes whether or not they share objects (an event loaded anew, or from the
    memo, whose category is another copy of the settings' one). Anything pickle refuses
    (a cycle too) goes through `digest`.
    """
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(values)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
        return digest(*values)
    return hashlib.sha256(b"pickle:" + out.getvalue()).hexdigest()


class Digests:
    """The `quick_digest` of immutable values (frozen dataclasses, such as an event's view),
    remembered by object for as long as builds keep asking for them. A page key holds the
    digest in place of the value: the same key as long as the value is the same, and
    3,000 event pages no longer pickle 7 KB of view each (under `mkdocs serve` the views of
    unchanged events are the same objects from one build to the next).

    A frozen value's digest is made of its fields, with the lists, tuples and dicts among them
    condensed, so a value made anew for each build (a month of the archive: a tuple of views)
    costs the digests of what it holds, not a pickle of all of it: the archive and the embed
    page's lists used to pickle to 10 MB for their keys at 10x."""

    def __init__(self) -> None:
        self._known: ByObject[str] = ByObject()
        # tuples condensed in this build only (a tuple may hold values that change later)
        self._tuples: ByObject[list[Any]] = ByObject()

    def condensed(self, context: dict[str, Any]) -> dict[str, Any]:
        """`context` ({feature: {name: value}}) with every frozen dataclass in a value (in
        lists, tuples and dicts too) replaced by ("@digest", its type, its digest)."""
        out: dict[str, Any] = {}
        for name, data in context.items():
            if isinstance(data, dict):
                data = {key: self._of(value) for key, value in data.items()}
            out[name] = data
        return out

    def _of(self, value: Any) -> Any:
        kind = type(value)
        if kind in _ATOMS:
            return value
        if kind is tuple:  # (often one object in many contexts, the settings' categories)
            return self._tuples.get(value, None, lambda: ["tuple", *map(self._of, value)])
        if kind is list:  # tagged, so a list and a tuple of the same items stay apart
            return ["list", *map(self._of, value)]
        if kind is dict:
            return {"@dict": [(key, self._of(item)) for key, item in value.items()]}
        params = getattr(value, "__dataclass_params__", None)
        if params is None or not params.frozen or isinstance(value, type):
            return value
        return (
            "@digest",
            kind.__qualname__,
            self._known.get(value, None, lambda: self._digest(value)),
        )

    def _digest(self, value: Any) -> str:
        # Lists, tuples and dicts in it are condensed (a month's tuple of views: each view's
        # digest is known); anything else, a frozen field too (a view's event), is pickled
        # as it is: a digest for every small value costs more than it saves.
        parts = []
        for name in _field_names(type(value)):
            item = getattr(value, name)
            kind = type(item)
            parts.append((name, self._of(item) if kind in _CONTAINERS else item))
        return quick_digest(type(value).__module__, type(value).__qualname__, parts)

    def end_build(self) -> None:
        """Forget the values this build did not ask for (and so let them go)."""
        self._known.rotate()
        self._tuples = ByObject()


def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass' field names (`dataclasses.fields` builds its tuple anew on each call)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    return names


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


DIGESTS = Digests()
_ATOMS = frozenset({str, int, float, bool, type(None), bytes})
_CONTAINERS = frozenset({list, tuple, dict})


def tree_digest(
    *folders: Path, by_stat: bool = False, skip: tuple[str, ...] = ("__pycache__",)
) -> str:
    """sha256 over the relative paths and bytes of every file under `folders` (sorted), but
    those under a folder named in `skip` (Python's caches: the package's code is its sources).

    `by_stat` (under `mkdocs serve`): a file whose size, mtime and inode are what they were
    at the last call for its folder is not read again; its digest is remembered. The server
    itself notices edits by those same values (its watcher), so an edit they do not show
    would not have started a rebuild either."""
    sha = hashlib.sha256()
    for folder in folders:
        sha.update(str(folder).encode() + b"\0")
        if not folder.is_dir():
            continue
        known = _FILE_DIGESTS.get(str(folder), {}) if by_stat else {}
        prefix = os.path.join(os.path.abspath(folder), "")
        dirty = {p for p in _CHANGED.copy() if p.startswith(prefix)} if by_stat else set()
        seen: dict[str, tuple[tuple[int, int, int], bytes]] = {}
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            relative = path.relative_to(folder)
            if skip and any(part in skip for part in relative.parts):
                continue
            sha.update(str(relative).encode() + b"\0")
            if not by_stat:
                sha.update(hashlib.sha256(read_bytes(path)).digest())
                continue
            try:
                st = path.stat()
            except OSError:
                sha.update(hashlib.sha256(b"\0missing").digest())
                continue
            stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
            remembered = known.get(str(path))
            if remembered and remembered[0] == stamp and os.path.abspath(path) not in dirty:
                file_digest = remembered[1]
            else:
                file_digest = hashlib.sha256(read_bytes(path)).digest()
            seen[str(path)] = (stamp, file_digest)
            sha.update(file_digest)
        if by_stat:
            _FILE_DIGESTS[str(folder)] = seen  # (this folder's files now: the gone are gone)
            _CHANGED.difference_update(dirty)
    return sha.hexdigest()


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a marker no file's text starts with when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError:  # (gone since the folder was listed)
        return b"\0missing"


# folder -> file -> ((size, mtime_ns, inode), sha256 of its bytes): `tree_digest(by_stat=True)`
_FILE_DIGESTS: dict[str, dict[str, tuple[tuple[int, int, int], bytes]]] = {}
# Absolute paths the file watcher saw change since `tree_digest(by_stat=True)` last read them:
# read again even when size, mtime and inode are the same (a copy that keeps the mtime, two
# writes within one tick of the file system's clock). MkDocs' polling watcher sees a change
# by those values only; the inotify one (watching.py) sees every write.
_CHANGED: set[str] = set()


def changed(paths: Iterable[str]) -> None:
    """The watcher saw these paths change (any thread)."""
    _CHANGED.update(os.path.abspath(p) for p in paths if p)


def global_key(
    *,
    config_text: bytes,
    config_values: dict[str, Any],
    template_dirs: list[Path],
    versions: dict[str, str],
    build_time: datetime | None,
    mode: str,
    shared_sources: dict[str, bytes],
) -> str:
    """Everything every page depends on: mkdocs.yml (text and resolved values), every
    template folder but the theme's own (its version stands for it), this package's code,
    templates and schemas, library versions, build or serve, and what the nav shows of the
    pages in it and the sources of the excluded pages. Any change makes every page miss.
    The pages' key holds no build instant (`build_time=None`): a page reads the time only
    through its template context, which is in its own key; the whole key and the generated
    files' keys hold it."""
    return digest(
        CACHE_FORMAT,
        config_text,
        config_values,
        tree_digest(PACKAGE_DIR),
        [tree_digest(d) for d in template_dirs],
        versions,
        build_time,
        mode,
        {k: hashlib.sha256(v).hexdigest() for k, v in shared_sources.items()},
    )


# Where a link target may be written. Generous on purpose: everything after "](" (and
# any blank space, a line break too) up to the line's first ")" and up to its last, and the rest of any line holding "[label]:" and
# the line after it (a reference definition may sit in a quote, a list item or a definition,
# its target on the next line); each gives several candidates below.
_INLINE = re.compile(r"\]\(\s*([^)\n]*)")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_REFERENCE = re.compile(r"^.*?\[[^\]\n]+\]:(.*)$(?=(?:\n(.*))?)", re.M)
_HTML = re.compile(r"""(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_TITLE = re.compile(r"""\s+["'(].*$""")


_TEMPLATES = (".html", ".xml", ".j2", ".jinja")
# What prints the build time in a template outside the page's context (MkDocs' globals)
_PRINTS_TIME = re.compile(r"build_date_utc|update_date|\bnow\(")


def prints_build_time(template_dirs: Iterable[Path]) -> bool:
    """Whether a template in these folders (a site's overrides) may print the build time
    from MkDocs' globals: the pages' key then holds the build instant. The sitemap is
    rendered every build; Material's and this package's templates print it nowhere else
    (tests/test_cache.py)."""
    for folder in template_dirs:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.name == "sitemap.xml" or path.suffix not in _TEMPLATES or not path.is_file():
                continue  # (theme assets are copied, not rendered)
            if _PRINTS_TIME.search(path.read_bytes().decode("utf-8", "replace")):
                return True
    return False


def _to_last_parenthesis(markdown: str) -> list[str]:
    """From each line's first "](" to its last ")" (the next line's, when the line ends
    there): a target with parentheses of its own, [양식](신청서 (1).pdf). A line at a time,
    not a backtracking pattern: that was quadratic on a line of many "](" and no ")"."""
    lines = markdown.split("\n")
    found = []
    for index, line in enumerate(lines):
        first = line.find("](")
        if first < 0:
            continue
        rest = line[first + 2 :]
        if not rest.strip() and index + 1 < len(lines):
            rest = lines[index + 1]
        last = rest.rfind(")")
        if last >= 0:
            found.append(rest[:last])
    return found


def link_targets(markdown: str) -> list[str]:
    """Relative link targets of a Markdown source (inline, reference, HTML and attr_list
    attributes), generously: a page's key holds where each resolves, so one missed here
    could leave the page reused when a file it links to comes or goes. Python-Markdown takes a target with
    spaces (`[a](my file.pdf)`) and a title after it; each written target gives every
    reading (bracketed, whole, up to the first space, without a title). MkDocs resolves
    and validates these against the site's files."""
    written = [m.group(1) for m in _INLINE.finditer(markdown)]
    written += _to_last_parenthesis(markdown)
    if "]:" in markdown:
        # (the target may be on the next line: both lines are read)
        written += [g for m in _REFERENCE.finditer(markdown) for g in m.groups() if g]
    found: set[str] = set()
    for text in written:
        text = text.strip()
        if text.startswith("<") and ">" in text:
            found.add(text[1 : text.index(">")])
        readings = (text, text.split(None, 1)[0] if text else "", _TITLE.sub("", text))
        found.update(readings)
        found.update(_ESCAPED.sub(r"\1", r) for r in readings if "\\" in r)
    if "href" in markdown or "src" in markdown:
        for match in _HTML.finditer(markdown):
            value = next((g for g in match.groups() if g), "")
            found.update((value, value.rstrip("}")))  # ({: href=form.pdf}: attr_list)
    paths = set()
    for target in found:
        target = target.strip().strip("<>").strip()
        parts = urlsplit(target)
        if target and not parts.scheme and not parts.netloc and parts.path:
            paths.add(parts.path)
    return sorted(paths)


def link_paths(src_uri: str, target: str) -> list[str]:
    """Where a link target may point inside docs_dir: as MkDocs resolves it (the path part,
    percent-decoded, from the page's folder; an absolute one from docs_dir), and joined
    without decoding (both: a key may hold more than it needs, never less)."""
    base = posixpath.dirname(src_uri)
    raw = posixpath.normpath(posixpath.join(base, target.lstrip("/")))
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return [raw]
    mkdocs = posixpath.normpath(posixpath.join(base, unquote(parts.path)).lstrip("/"))
    return [raw] if mkdocs == raw else [raw, mkdocs]


@dataclass
class PageEntry:
    key: str
    dest: str  # site-relative output path
    size: int = -1
    mtime_ns: int = -1
    rendered: dict[str, Any] = field(default_factory=dict)  # RenderedPage fields


@dataclass
class OutputGroup:
    key: str
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)
    # path -> digest of the bytes written: a file made again with the same bytes is kept
    # without reading the old one (thousands of search files and calendars per rebuild)
    digests: dict[str, bytes] = field(default_factory=dict)
    # what the feature carried over to the next build (`Feature.carry`), made with these
    # files: the sha256 of the bytes kept in `carried-<feature>.pickle` beside the state (not
    # in it: a build that changes nothing reads and writes the state, not these)
    carried: str | None = None


@dataclass
class State:
    global_key: str
    site_dir: str
    pages: dict[str, PageEntry] = field(default_factory=dict)  # src_uri -> entry
    outputs: dict[str, OutputGroup] = field(default_factory=dict)  # feature name -> group
    # Every input of the build at once (see PageCacheAdapter.whole_key) and every file the
    # build left in site_dir: when both are unchanged, the next build has nothing to do.
    whole_key: str = ""
    manifest: dict[str, tuple[int, int]] = field(default_factory=dict)
    # The files the build promised (verify.promised_outputs): what `eduhub build` checks
    # for, also when nothing changed and no content was loaded
    promised: list[str] | None = None


# site_dir -> the state of the last build into it, for caches kept in memory (`serve`)
_IN_MEMORY: dict[str, State] = {}


class BuildCache:
    """A persistent cache of rendered pages and generated files, kept in `.cache/eduhub/`.

    The previous build's output folder is the store: a page whose key (global key + its own
    source, URL, template context and link targets) is unchanged is not rendered again; its
    file is moved from the previous output (renamed aside before MkDocs cleans site_dir) if
    its size and mtime are what the previous build recorded. Likewise the files of a feature
    whose inputs are unchanged. Anything unsure is a miss: a miss costs time, a wrong hit
    would publish stale pages.
    """

    def __init__(
        self,
        root: Path,
        site_dir: Path,
        *,
        memory: bool = False,
        previous_site: Path | None = None,
        spare_site: Path | None = None,
    ) -> None:
        self.root = root
        # Under `mkdocs serve` the state stays in this process: its site_dir is a temporary
        # folder no later process builds into, and the state on disk is `mkdocs build`'s.
        self.memory = memory
        self.key: str | None = None  # set_key(): until then (or if never), nothing hits
        self.site_dir = site_dir.resolve()
        # `eduhub build` builds into a new, empty folder that takes the live one's place
        # only when the build succeeded: the previous output is the live folder, read and
        # linked from, never changed (`readonly`); the state is recorded for the live path.
        self.readonly = previous_site is not None
        # Read-only, the site before the live one, to make into this build's output in
        # place of linking every kept file into the new folder (see spare.py).
        self.spare_site = spare_site if previous_site is not None else None
        if previous_site is not None:
            self.stash = previous_site.resolve()
            self.home = self.stash
        else:
            self.stash = self.site_dir.with_name(self.site_dir.name + STASH_SUFFIX)
            self.home = self.site_dir
        self.previous = self._load()
        self.state = State("", str(self.home))
        self.hits: dict[str, PageEntry] = {}
        self.reused = 0
        self.kept: set[str] = set()  # files of the previous output that stay

    # -- lifetime --------------------------------------------------------------------------

    def _load(self) -> State | None:
        # Taken: until this build succeeds and saves, there is no valid state (read-only,
        # the live folder stays as the state describes it whatever this build does).
        if self.memory:
            state: Any = _IN_MEMORY.pop(str(self.home), None)
        else:
            path = self.root / STATE
            state = sealed.load(path)  # None unless this machine's builds wrote it
            if not self.readonly:
                path.unlink(missing_ok=True)
        if not isinstance(state, State) or state.site_dir != str(self.home):
            return None
        return state

    def begin(self) -> None:
        """Before MkDocs cleans site_dir: move the previous output aside (one rename), so a
        build that fails or is stopped puts it back (`abandon`). Read-only (`eduhub
        build`): nothing moves, the live folder is the previous output."""
        if self.readonly:
            if not self.stash.is_dir():
                self.previous = None
            return
        recover(self.site_dir)
        if not self.site_dir.is_dir():
            self.previous = None
            return
        # The new site_dir is made with its marker (there until the output is whole again)
        # before the old one moves: killed at any point, site_dir has the marker or is
        # missing, and the next build puts the stash back.
        fresh = self.site_dir.with_name(self.site_dir.name + FRESH_SUFFIX)
        fresh.mkdir()
        (fresh / BUILDING).write_bytes(b"")
        os.rename(self.site_dir, self.stash)
        os.rename(fresh, self.site_dir)
        # MkDocs never deletes hidden entries of site_dir (a .git of a gh-pages checkout,
        # for one): they stay where they are.
        for entry in os.listdir(self.stash):
            if entry.startswith("."):
                os.rename(self.stash / entry, self.site_dir / entry)

    def unchanged(self, whole_key: str) -> bool:
        """After `begin()`: the previous build had exactly these inputs and its output is
        still exactly as it left it (every file there, same size and mtime, nothing added).
        Then `keep()` is the whole build."""
        previous = self.previous
        if previous is None or not whole_key or previous.whole_key != whole_key:
            return False
        if not previous.manifest or not self.stash.is_dir():
            return False
        if self.readonly and any(e.startswith(".") for e in os.listdir(self.stash)):
            return False  # (a build into a new folder has no hidden entry: keeping one would)
        return _manifest(self.stash) == previous.manifest

    def keep(self, *, link: bool = True) -> None:
        """Nothing changed: the previous output goes back as it was, with its state
        (read-only: the new folder holds links to all of it, and nothing else; or, when
        `eduhub build` keeps the live folder itself (`link=False`), nothing at all)."""
        assert self.previous is not None
        if self.readonly:
            for entry in os.listdir(self.site_dir):  # (MkDocs' 404 page and empty sitemap)
                sitedir.remove(self.site_dir / entry)
            self.kept = set(self.previous.manifest)
            if link:
                self._merge_slowly()
        self.abandon()
        self.state = self.previous
        self._save()

    def set_key(self, key: str) -> None:
        """The global key: the previous state counts only if it had the same."""
        self.key = key
        self.state.global_key = key
        if self.previous is not None and self.previous.global_key != key:
            self.previous = State(self.previous.global_key, self.previous.site_dir)

    def abandon(self) -> None:
        """A failed build: put the previous output back, as if this build never ran
        (read-only: it never moved; the new folder is the caller's to discard)."""
        if self.stash.is_dir() and not self.readonly:
            _put_back(self.site_dir, self.stash)

    def finish(self) -> None:
        """After a successful build: merge, record what is in site_dir, save the state."""
        listed: dict[str, tuple[int, int]] | None = None  # the merge saw every file
        linked: dict[str, tuple[int, int]] = {}  # kept files linked as the state recorded them
        # The marker goes when site_dir is whole: a build killed before that leaves it, and
        # the next one puts the stash back or, killed while merging, finishes the merge
        # (`recover`); killed after, the stash is old.
        spare_site = self.spare_site
        if spare_site and spare.usable(spare_site, self.stash, self.site_dir):
            try:
                listed = spare.merge_into_spare(
                    spare_site, self.site_dir, self.stash, self.kept, self._check_kept
                )
            except spare.Unusable as error:  # (the new folder is as MkDocs left it)
                log.info("eduhub: 예비 폴더를 쓸 수 없어 지웁니다: %s", error)
                sitedir.remove(spare_site)
                linked = self._merge_slowly()
        elif self.readonly:
            linked = self._merge_slowly()  # (the live folder is left as it is)
        elif self.stash.is_dir() and self.kept:
            try:
                listed = self._merge()  # (the merged stash takes site_dir's place, unmarked)
            except _Conflict:
                self._merge_slowly()
        if not self.readonly:
            (self.site_dir / BUILDING).unlink(missing_ok=True)
            if self.stash.is_dir():  # (nothing kept: the output was aside only for safety)
                shutil.rmtree(self.stash)
        if self.key is None:
            return
        if listed is None and (self.state.whole_key or self.state.pages):
            listed = _manifest(self.site_dir, linked)

        def stat(relative: str) -> tuple[int, int]:
            found = listed.get(os.path.normpath(relative)) if listed is not None else None
            return found or _stat(self.site_dir, relative)

        for entry in self.state.pages.values():
            entry.size, entry.mtime_ns = stat(entry.dest)
        for group in self.state.outputs.values():
            group.files = {path: stat(path) for path in group.files}
        if self.state.whole_key and listed is not None:
            self.state.manifest = listed
        self._save()

    def _save(self) -> None:
        if self.memory:
            _IN_MEMORY[str(self.home)] = self.state
        else:
            sealed.dump(self.state, self.root / STATE)

    def _merge(self) -> dict[str, tuple[int, int]]:
        """The new site is the previous output (where the kept files already are) with this
        build's new files moved over it and everything else removed: far fewer file
        operations than moving every kept file, when most are kept. Raises _Conflict,
        before changing anything, when a path changed between file and folder. Returns
        what `_manifest` of the result would (read on the way: one walk fewer)."""
        new: list[str] = []
        for folder, dirs, names in os.walk(self.site_dir):
            relative_folder = os.path.relpath(folder, self.site_dir)
            if relative_folder == ".":
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                names = [n for n in names if not n.startswith(".")]
            new += [os.path.normpath(os.path.join(relative_folder, n)) for n in names]
        folders = {os.path.dirname(r) for r in new}
        for folder in folders:
            for parent in [folder, *_parents(folder)]:
                if parent and (self.stash / parent).exists() and not (self.stash / parent).is_dir():
                    raise _Conflict(parent)
        for relative in new:
            if (self.stash / relative).is_dir():
                raise _Conflict(relative)
        moving = [relative for relative in new if relative not in self.kept]
        final = set(new) | self.kept
        previous = self.previous.manifest if self.previous is not None else {}
        if self.memory and previous:  # (serve's own folder: no later build recovers it)
            _move_over(self.site_dir, self.stash, moving)
            listed = self._sweep(previous, final, self.kept)
            sitedir.swap_in(self.stash, self.site_dir)
            return listed
        # From here on the new output is whole, only in two places: the journal lets the
        # next build finish the merge if this one is killed before the swap.
        journal = self.site_dir / (MERGING + ".new")
        journal.write_text(json.dumps({"move": moving, "final": sorted(final)}), "utf-8")
        os.rename(journal, self.site_dir / MERGING)
        return _complete_merge(self.site_dir, self.stash, moving, final)

    def _sweep(
        self,
        previous: dict[str, tuple[int, int]],
        final: set[str],
        kept: set[str],
    ) -> dict[str, tuple[int, int]]:
        """`_merge`'s clean-up without walking the folder, for a site_dir this process
        alone builds into (`serve`'s temporary folder): the previous output is what the
        last build listed; the kept files are as it listed them, the new ones are read."""
        emptied: set[str] = set()
        for relative in previous:
            if relative not in final:
                try:
                    os.unlink(self.stash / relative)
                except FileNotFoundError:
                    pass
                emptied.add(os.path.dirname(relative))
        for folder in sorted({p for f in emptied for p in [f, *_parents(f)] if p}, reverse=True):
            try:
                os.rmdir(self.stash / folder)  # only when empty
            except OSError:
                pass
        listed: dict[str, tuple[int, int]] = {}
        for relative in final:
            meta = previous.get(relative) if relative in kept else None
            if meta is None:
                try:
                    st = os.lstat(self.stash / relative)
                except FileNotFoundError:
                    continue
                meta = (st.st_size, st.st_mtime_ns)
            listed[relative] = meta
        return listed

    def _merge_slowly(self) -> dict[str, tuple[int, int]]:
        """Kept files linked one by one into the new site_dir (`finish` then removes the
        stash). Linked, not moved: the stash stays whole until the new output is, so a build
        killed meanwhile leaves the previous output for `recover` to put back. Read-only,
        the live folder must still hold each kept file as the state recorded it (something
        else changed it while this build ran, despite `eduhub build`'s lock: the build
        fails rather than publish what it did not check). Returns the files linked, read-only,
        with the (size, mtime) each had, which its link has too (one inode)."""
        found = (-1, -1)
        made: set[str] = set()  # folders of site_dir known to exist (one mkdir each)
        linked: dict[str, tuple[int, int]] = {}
        for relative in sorted(self.kept):
            source = f"{self.stash}/{relative}"
            target = f"{self.site_dir}/{relative}"
            if self.readonly:
                found = _stat(self.stash, relative, files_only=True)
                self._check_kept(relative, found)
            elif not os.path.exists(source):
                continue
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            try:
                os.link(source, target)
            except FileExistsError:
                continue  # (written by this build)
            except OSError:  # (no hard links here: a copy, with its mtime)
                if not os.path.exists(target):
                    shutil.copy2(source, target)
                continue
            if self.readonly:
                linked[relative] = found  # (checked just now: the state's, when it has it)
        return linked

    def _check_kept(self, relative: str, found: tuple[int, int]) -> None:
        """Read-only: the live folder must still hold each kept file as the state recorded
        it ((-1, -1): missing or not a file)."""
        recorded = self.previous.manifest if self.previous else {}
        if found == (-1, -1) or (relative in recorded and found != recorded[relative]):
            raise OutputChanged(
                f"{self.stash}/{relative}: 이 빌드가 도는 동안 공개된 사이트의 파일이"
                " 바뀌었습니다. 다른 빌드가 끝난 뒤 다시 빌드하세요"
            )

    # -- pages -----------------------------------------------------------------------------

    def plan(self, src_uri: str, key: str, dest: str) -> bool:
        """Record a cacheable page; True when its previous output can be reused."""
        entry = PageEntry(key, dest)
        self.state.pages[src_uri] = entry
        old = self.previous.pages.get(src_uri) if self.previous else None
        if (
            old is None
            or old.key != key
            or old.dest != dest
            or not old.rendered
            or _stat(self.stash, dest) != (old.size, old.mtime_ns)
        ):
            return False
        entry.rendered = old.rendered
        self.hits[src_uri] = entry
        return True

    def is_hit(self, src_uri: str) -> bool:
        return src_uri in self.hits

    def rendered(self, src_uri: str) -> dict[str, Any] | None:
        entry = self.hits.get(src_uri)
        return entry.rendered if entry else None

    def remember(self, src_uri: str, rendered: dict[str, Any]) -> None:
        entry = self.state.pages.get(src_uri)
        if entry is not None and src_uri not in self.hits:
            entry.rendered = rendered

    def restore_pages(self) -> None:
        """Move the reused pages' files into the new site_dir."""
        for entry in self.hits.values():
            self._move(entry.dest)

    # -- generated files -------------------------------------------------------------------

    def has_outputs(self, name: str) -> bool:
        """The previous build left files of this feature (whatever they were made from)."""
        return bool(self.previous and self.previous.outputs.get(name))

    def outputs_reusable(self, name: str, key: str | None) -> bool:
        """The previous build's files of this feature are there and made from the same key."""
        old = self.previous.outputs.get(name) if self.previous else None
        stash = str(self.stash)
        return (
            key is not None
            and old is not None
            and old.key == key
            and all(_stat(stash, p) == meta for p, meta in old.files.items())
        )

    def carried(self, name: str) -> bytes | None:
        """What the feature carried over from the previous build (same global key)."""
        previous = self.previous
        if previous is None or self.key is None or previous.global_key != self.key:
            return None  # (no key this build, or another: nothing carried counts)
        digest_ = getattr(previous.outputs.get(name), "carried", None)
        if not isinstance(digest_, str):
            return None
        data = sealed.load(self.root / f"carried-{name}.pickle")
        if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != digest_:
            return None  # (another build's, or none)
        return data

    def _carry(self, name: str, data: bytes | None) -> str | None:
        if data is None or self.memory:
            return None
        if not sealed.dump(data, self.root / f"carried-{name}.pickle"):
            return None
        return hashlib.sha256(data).hexdigest()

    def outputs(
        self,
        name: str,
        key: str | None,
        make: Callable[[], dict[str, bytes]],
        resume: Callable[[bytes | None], None] | None = None,
        carry: Callable[[], bytes | None] | None = None,
    ) -> None:
        """Write a feature's files: moved from the previous output when `key` is unchanged
        and every file is as recorded, else made and written. `resume`, before `make`, gets
        what the previous build carried over (read only then); `carry`, after it, gives what
        to keep with the files for the next build."""
        old = self.previous.outputs.get(name) if self.previous else None
        if old is not None and self.outputs_reusable(name, key):
            for path in old.files:
                self._move(path)
            kept = dict(getattr(old, "digests", {}))  # (a state from before digests: none)
            carried = getattr(old, "carried", None)
            self.state.outputs[name] = OutputGroup(old.key, dict(old.files), kept, carried)
            return
        if resume is not None:
            resume(self.carried(name))
        files = make()
        site = str(self.site_dir)
        made: set[str] = set()  # folders of the new site_dir made or seen for this feature
        # folder -> the names MkDocs wrote there (None: no such folder), listed once each
        listed: dict[str, set[str] | None] = {}
        digests = {relative: _digest(data) for relative, data in files.items()}
        for relative, data in sorted(files.items()):
            target = os.path.join(site, relative)
            folder, _, filename = target.rpartition("/")
            if self.previous is not None and self._same(old, relative, data, digests[relative]):
                self._move(relative)  # cheaper than a new file
                if folder not in listed:
                    try:
                        listed[folder] = set(os.listdir(folder))
                    except OSError:
                        listed[folder] = None
                names = listed[folder]
                if names is not None and filename in names:
                    os.unlink(target)  # MkDocs' file of that name
            else:
                if folder not in made:
                    os.makedirs(folder, exist_ok=True)
                    made.add(folder)
                with open(target, "wb") as handle:
                    handle.write(data)
        if key is not None:
            carried = self._carry(name, carry() if carry else None)
            self.state.outputs[name] = OutputGroup(
                key, dict.fromkeys(sorted(files), (-1, -1)), digests, carried
            )

    def _same(self, old: OutputGroup | None, relative: str, data: bytes, digest: bytes) -> bool:
        """The previous output has this file with these bytes: by its recorded digest when
        the file is as that build left it (size and mtime), else by reading it."""
        recorded = getattr(old, "digests", {}).get(relative)
        if old is not None and recorded is not None:
            if _stat(self.stash, relative) == old.files.get(relative):
                return bool(recorded == digest)
        return _same_bytes(self.stash / relative, data)

    def _move(self, relative: str) -> None:
        """Keep a file of the previous output: it stays where it is (see `_merge`)."""
        self.kept.add(os.path.normpath(relative))
        self.reused += 1


def recover(site_dir: Path) -> None:
    """A build killed after moving the output aside (SIGKILL, power loss) leaves it in the
    stash. If site_dir is still that build's partial output (it has the marker), the stash
    goes back, or, if the build was killed while merging its whole output into the stash
    (the journal is there too), the merge is finished; if a whole build replaced site_dir
    since, the stash is old and goes."""
    site_dir = site_dir.resolve()
    stash = site_dir.with_name(site_dir.name + STASH_SUFFIX)
    sitedir.clean_stale(site_dir)  # (a swap killed between its two renames)
    shutil.rmtree(site_dir.with_name(site_dir.name + FRESH_SUFFIX), ignore_errors=True)
    if not stash.is_dir():
        return
    if site_dir.is_dir() and not (site_dir / BUILDING).exists():
        shutil.rmtree(stash)
        return
    journal = _journal(site_dir)
    if journal is not None:
        _complete_merge(site_dir, stash, *journal)
    else:
        _put_back(site_dir, stash)


def _journal(site_dir: Path) -> tuple[list[str], set[str]] | None:
    """The merge journal of a killed build, if whole and sound: every path relative, plain
    and outside the hidden entries (site_dir may be in a repository, so a pull request could
    plant one; it may only move and delete files between site_dir and its stash)."""
    try:
        data = json.loads((site_dir / MERGING).read_text("utf-8"))
        moving, final = data["move"], data["final"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    paths = [*moving, *final] if isinstance(moving, list) and isinstance(final, list) else [0]
    for path in paths:
        if not (
            isinstance(path, str)
            and path
            and os.path.normpath(path) == path
            and not os.path.isabs(path)
            and ".." not in path.split(os.sep)
            and not path.startswith(".")
        ):
            return None
    return moving, set(final)


def _move_over(site_dir: Path, stash: Path, moving: Iterable[str]) -> None:
    """site_dir's hidden entries (a gh-pages .git) and then the files in `moving` go into
    the stash, over what was there; a file no longer in site_dir has moved already."""
    for entry in os.listdir(site_dir):
        if entry.startswith(".") and not entry.startswith(".eduhub-"):
            if (stash / entry).exists():
                shutil.rmtree(stash / entry)
            os.rename(site_dir / entry, stash / entry)
    made: set[str] = set()
    for relative in moving:
        parent = os.path.dirname(relative)
        if parent not in made:
            (stash / parent).mkdir(parents=True, exist_ok=True)
            made.add(parent)
        try:
            os.replace(site_dir / relative, stash / relative)
        except FileNotFoundError:
            pass


def _complete_merge(
    site_dir: Path, stash: Path, moving: list[str], final: set[str]
) -> dict[str, tuple[int, int]]:
    """The merge after the journal is written; run again from the start, it carries on
    where it stopped. Every file of the stash not in `final` goes, and the stash takes
    site_dir's place (marker and journal go with the old folder). Returns the manifest."""
    _move_over(site_dir, stash, moving)
    listed = {}
    for folder, _, names in os.walk(stash, topdown=False):
        relative_folder = os.path.relpath(folder, stash)
        if relative_folder != "." and relative_folder.split(os.sep, 1)[0].startswith("."):
            continue  # a hidden entry of site_dir and everything in it ("." is site_dir)
        for name in names:
            if relative_folder == "." and name.startswith("."):
                continue
            relative = os.path.normpath(os.path.join(relative_folder, name))
            if relative not in final:
                os.unlink(os.path.join(folder, name))
            else:
                st = os.lstat(os.path.join(folder, name))
                listed[relative] = (st.st_size, st.st_mtime_ns)
        if relative_folder != "." and not os.listdir(folder):
            os.rmdir(folder)
    sitedir.swap_in(stash, site_dir)
    return listed


def _put_back(site_dir: Path, stash: Path) -> None:
    """The stash becomes site_dir again; site_dir's hidden entries (moved there from the
    stash when the build began) go back with it."""
    for entry in os.listdir(site_dir) if site_dir.is_dir() else ():
        if entry.startswith(".eduhub-"):
            continue  # the marker, a journal: this build's own, gone with site_dir
        if entry.startswith(".") and not (stash / entry).exists():
            os.rename(site_dir / entry, stash / entry)
    # In one step where the system can (the partial output, marker and all, then goes):
    # killed in between, site_dir still has its marker or is missing, and the next build
    # starts over here.
    sitedir.swap_in(stash, site_dir)


def _manifest(
    folder: Path, known: dict[str, tuple[int, int]] | None = None
) -> dict[str, tuple[int, int]]:
    """Every file under `folder` but its hidden top-level entries: path -> (size, mtime),
    read from `known` for the files there (hard links this process just made)."""
    known = known or {}
    found: dict[str, tuple[int, int]] = {}
    for current, dirs, names in os.walk(folder):
        relative = os.path.relpath(current, folder)
        if relative == ".":
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            names = [n for n in names if not n.startswith(".")]
        dirs.sort()
        for name in sorted(names):
            path = os.path.normpath(os.path.join(relative, name))
            meta = known.get(path)
            if meta is None:
                st = os.lstat(os.path.join(current, name))
                meta = (st.st_size, st.st_mtime_ns)
            found[path] = meta
    return found


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _stat(folder: Path | str, relative: str, *, files_only: bool = False) -> tuple[int, int]:
    """(size, mtime) of `folder/relative`, (-1, -1) when missing (or, `files_only`, not a
    file); joined as strings (a Path per file was most of the cost of checking 20,000
    files at 10x)."""
    try:
        st = os.stat(f"{folder}/{relative}")
    except OSError:
        return (-1, -1)
    if files_only and not S_ISREG(st.st_mode):
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)
