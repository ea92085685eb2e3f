"""A persistent, content-addressed memo for the slow pure functions of a build: QR codes, share
cards, the HTML safety check of Markdown bodies. No MkDocs imports.

`MEMO.get(table, parts, make)` returns `make()`, remembered under a key made from the table's
name, `parts` (the function's whole input: str, int, float, bool, None and tuples/lists of
them) and a fingerprint of this package's files and of the libraries that draw or parse. A
different input, different code (any file of this package) or another library version gives
another key, so a stale value is never returned: there is nothing to invalidate.

In memory the memo lives as long as the process (every rebuild of one `mkdocs serve` session
shares it). `open(folder)` adds the disk: one pickle per table in `.cache/eduhub/`, read on
first use and written (atomically) by `end_build()` when the table changed. `end_build()` also
forgets, in each table the build used, every entry it did not ask for, so the memo holds one
site's worth; a table the build did not use at all is kept whole.
The files are sealed (`sealed.py`): one committed by a pull request is never unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import jinja2
import jinja2.bccache

from . import sealed
from .byobject import ByObject

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("segno", "pillow", "markdown", "pymdown-extensions", "lxml", "nh3", "jinja2")
FORMAT = 1  # bump when the file layout changes


@cache
def fingerprint() -> str:
    """Every file of this package (code, templates, fonts, schemas) and the library versions."""
    sha = hashlib.sha256(f"memo {FORMAT}\0{sys.version}\0".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            sha.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            sha.update(path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        sha.update(f"{name}={version}\0".encode())
    return sha.hexdigest()


def _key(table: str, parts: Any) -> str:
    # default=repr: a value without a stable text (a function in a Markdown extension's
    # configuration) only makes its entry miss in another process.
    text = json.dumps([fingerprint(), table, parts], ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Memo:
    def __init__(self) -> None:
        self.root: Path | None = None
        self.tables: dict[str, dict[str, Any]] = {}
        self.loaded: set[str] = set()
        self.used: dict[str, set[str]] = {}
        self.new: dict[str, dict[str, Any]] = {}
        self.hits = 0
        self.misses = 0
        self.enabled = True
        # table -> work under way elsewhere (a Background) that will fill it: a miss waits
        # for it before making the value here
        self.pending: dict[str, Any] = {}
        self.anchors: dict[str, ByObject[str]] = {}  # table -> keys by object (anchored_key)
        self.dirty: set[str] = set()  # changed tables not written yet (end_build later=True)

    def open(self, root: Path | None, *, enabled: bool = True) -> None:
        """Keep the memo in `root` (None: in memory only); `enabled=False` (EDUHUB_CACHE=0)
        makes every value anew. Tables are read on first use."""
        self.enabled = enabled
        if root != self.root:
            self.flush()  # what another project's serve left unwritten goes to its folder
            self.root = root
            self.loaded = set()

    def get(self, table: str, parts: Any, make: Callable[[], T], *, key: str | None = None) -> T:
        """`make()`, remembered under `parts` (or a `key` from `anchored_key`)."""
        if not self.enabled:
            return make()
        key = key or _key(table, parts)
        entries = self._table(table)
        self.used.setdefault(table, set()).add(key)
        if key not in entries and table in self.pending:
            self.pending.pop(table).result()  # its entries are taken in (Background.result)
        if key in entries:
            self.hits += 1
            return entries[key]  # type: ignore[no-any-return]
        self.misses += 1
        value = make()
        entries[key] = value
        self.new.setdefault(table, {})[key] = value
        return value

    def anchored_key(self, table: str, anchor: object, extra: str, parts: Callable[[], Any]) -> str:
        """The key of `parts()`, remembered for `anchor` (an immutable object that `parts()`
        is made from, such as an Event) and `extra` (a text of everything else in it): the
        same object asked again in this process (an unchanged file under `mkdocs serve` gives
        the same objects from the memo) skips making the key, which for 3,000 events is most
        of a lookup. The anchor is held until a build no longer asks for it, so its id is
        never another object's."""
        anchors = self.anchors.setdefault(table, ByObject())
        return anchors.get(anchor, extra, lambda: _key(table, parts()))

    def peek(self, table: str, parts: Any) -> Any | None:
        """The value remembered for `parts`, or None (for callers that store with `put`)."""
        if not self.enabled:
            return None
        key = _key(table, parts)
        entries = self._table(table)
        if key not in entries and table in self.pending:
            self.pending.pop(table).result()  # its entries are taken in (Background.result)
        if key not in entries:
            return None
        self.used.setdefault(table, set()).add(key)
        return entries[key]

    def size(self, table: str) -> int:
        """How many entries `table` holds (read from disk if not yet)."""
        return len(self._table(table)) if self.enabled else 0

    def put(self, table: str, parts: Any, value: Any) -> None:
        if not self.enabled:
            return
        key = _key(table, parts)
        self._table(table)[key] = value
        self.used.setdefault(table, set()).add(key)
        self.new.setdefault(table, {})[key] = value

    def take(self, entries: dict[str, dict[str, Any]], used: dict[str, set[str]]) -> None:
        """Entries made elsewhere (a forked child's `made()`), as if made here, and the keys
        it used (its `used_keys()`): `end_build` keeps what a child found, not only what it
        made."""
        for table, values in entries.items():
            self._table(table).update(values)
            self.used.setdefault(table, set()).update(values)
            self.new.setdefault(table, {}).update(values)
        for table, keys in used.items():
            self.used.setdefault(table, set()).update(keys)

    def made(self) -> dict[str, dict[str, Any]]:
        """The entries made since the last `end_build()` (what a child sends its parent)."""
        return {table: dict(values) for table, values in self.new.items()}

    def used_keys(self) -> dict[str, set[str]]:
        """The keys this build asked for so far, per table (a child sends them too)."""
        return {table: set(keys) for table, keys in self.used.items()}

    def expect(self, table: str, work: Any) -> None:
        """`work.result()` will fill `table` (a Background computing its values on the other
        core): a miss in `table` waits for it first."""
        self.pending[table] = work

    def end_build(self, *, save: bool = True, later: bool = False) -> None:
        """Forget what this build did not use, in the tables it used; write the tables that
        changed. A table the build never asked (the share cards, when their files were
        reused whole) is kept as it is: the next build that needs it finds it full.
        `later`: the changed tables are written by `flush()` instead (under `mkdocs serve`,
        when the server stops: writing some 10 MB of tables after every rebuild took longer
        than the rebuild's own lookups)."""
        pending, self.pending = self.pending, {}
        for work in pending.values():
            work.result()  # what it made is this build's too
        for table, entries in self.tables.items():
            used = self.used.get(table)
            if not used:
                continue
            unused = [key for key in entries if key not in used]
            for key in unused:
                del entries[key]
            if save and self.root is not None and (unused or self.new.get(table)):
                if later:
                    self.dirty.add(table)
                else:
                    self._write(table, entries)
                    self.dirty.discard(table)
        self.used = {}
        self.new = {}
        for anchors in self.anchors.values():
            anchors.rotate()

    def flush(self) -> None:
        """Write the tables `end_build(later=True)` left unwritten."""
        for table in sorted(self.dirty):
            if table in self.tables:
                self._write(table, self.tables[table])
        self.dirty = set()

    def _table(self, table: str) -> dict[str, Any]:
        entries = self.tables.setdefault(table, {})
        if table not in self.loaded:
            self.loaded.add(table)
            entries.update(self._read(table))
        return entries

    def _path(self, table: str) -> Path | None:
        return None if self.root is None else self.root / f"memo-{table}.pickle"

    def _read(self, table: str) -> dict[str, Any]:
        path = self._path(table)
        data = None if path is None else sealed.load(path)
        return data if isinstance(data, dict) else {}

    def _write(self, table: str, entries: dict[str, Any]) -> None:
        path = self._path(table)
        if path is not None:
            sealed.dump(entries, path)  # a memo that cannot be kept only costs time


MEMO = Memo()


class TemplateBytecode(jinja2.BytecodeCache):
    """Compiled theme templates kept in the memo (Jinja compiles some 76 templates per build,
    most of a second). Jinja checks each template's source checksum itself; the key also
    holds what the compiled code depends on in the environment (its filters and tests and
    how each is called, its syntax options), so a plugin that adds a filter compiles anew.
    The files are sealed like every memo table, so a committed one is never loaded."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        key = f"{self.get_cache_key(name, filename)}:{_signature(environment)}"
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = MEMO.peek("jinja", [bucket.key, bucket.checksum])
        if isinstance(data, bytes):
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        MEMO.put("jinja", [bucket.key, bucket.checksum], bucket.bytecode_to_string())


def _signature(env: jinja2.Environment) -> str:
    """What Jinja's compiler reads from the environment besides the source: which filters
    and tests exist, which functions they are (constant arguments are folded at compile
    time) and what each is passed (context, environment...), the extensions, policies and
    the syntax and output options."""
    parts = [
        sorted(
            (n, _named(f), str(getattr(f, "jinja_pass_arg", ""))) for n, f in env.filters.items()
        ),
        sorted((n, _named(f), str(getattr(f, "jinja_pass_arg", ""))) for n, f in env.tests.items()),
        sorted(env.extensions),
        sorted((n, _named(v) if callable(v) else repr(v)) for n, v in env.policies.items()),
        [env.sandboxed, repr(getattr(env, "newstyle_gettext", None))],
        [
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
            _named(env.autoescape),
            _named(env.finalize),
        ],
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


def _named(value: Any) -> Any:
    """A setting as text that is the same in every process (a function by its name)."""
    if value is None or isinstance(value, bool):
        return value
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value))}"


def open_for(project_dir: Path) -> Memo:
    """The memo of the project whose mkdocs.yml is in `project_dir` (`.cache/eduhub/`, where
    the page cache lives too); EDUHUB_CACHE=0 turns it off."""
    enabled = os.environ.get("EDUHUB_CACHE", "1").strip() != "0"
    MEMO.open(project_dir / ".cache" / "eduhub" if enabled else None, enabled=enabled)
    return MEMO
