"""`eduhub build`'s spare folder: the site before the live one, made into this build's output
(issue 15). No MkDocs imports.

`eduhub build` builds into a new, empty folder, and the build cache fills it with hard links
to the unchanged files of the live folder. At 10x a one-issue change wrote about 30 pages
but made 12,000 folders and 22,500 links for the rest, and the old site was deleted after
the swap (12,000 folders again): about 6 s of such a build on this disk.

So `eduhub build` keeps the old site as `<live>.spare` instead of deleting it, and the next
build turns it into its output (`merge_into_spare`). The spare already holds nearly every
file, most as hard links to the live folder's files (the inodes are shared for as long as a
file does not change). Nothing in it is trusted except that identity:

- a file this build wrote moves over whatever is there (a rename);
- a file kept from the live folder stays if it is the live file's own inode (the same bytes,
  whatever its name or time); otherwise it is linked from the live folder again;
- everything else goes (files, links, folders), and a file and a folder that stand in each
  other's way are replaced.

The live folder is only read, and nothing is ever written into an existing file (a shared
inode would change the live site too). The result is exactly what linking into an empty
folder gives; tests/test_cache.py compares the bytes with a clean build.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG

from . import sitedir

SUFFIX = ".spare"
SPARE_ENV = "EDUHUB_SPARE_SITE"  # set by `eduhub build` for the plugin

Meta = tuple[int, int]  # (size, mtime_ns), as the build cache records files


def spare_of(live: Path) -> Path:
    """The spare folder of a live output folder: its sibling `<name>.spare`."""
    return live.with_name(live.name + SUFFIX)


def usable(spare: Path, live: Path, built: Path) -> bool:
    """A real folder beside the live one, on its file system (hard links and renames)."""
    if os.name != "posix":
        return False  # (inode numbers and renames over files as POSIX has them)
    try:
        if spare.is_symlink() or not spare.is_dir() or not live.is_dir():
            return False
        if spare.resolve() in (live.resolve(), built.resolve()):
            return False
        return spare.stat().st_dev == live.stat().st_dev == built.stat().st_dev
    except OSError:
        return False


def merge_into_spare(
    spare: Path,
    built: Path,
    live: Path,
    kept: set[str],
    verify: Callable[[str, Meta], None],
) -> dict[str, Meta]:
    """Make `spare` this build's whole output: the files written into `built`, and the `kept`
    files of `live`; then `spare` takes `built`'s place (`built`'s path holds the output).
    `verify(relative, meta)` is called with each kept live file's (size, mtime), or
    (-1, -1) when it is missing, and may raise. Returns path -> (size, mtime) of every file of
    the output but its hidden top-level entries (what `cache._manifest` would read)."""
    written = _files(built)
    listed: dict[str, Meta] = {}
    emptied: set[str] = set()
    root, source = str(spare), str(live)  # (paths joined as strings: 22,500 files at 10x)
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(f"{root}/{folder}" if folder else root) as entries:
            found = list(entries)
        for entry in found:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                if relative in written or relative in kept or (not folder and _hidden(relative)):
                    shutil.rmtree(entry.path)  # (a folder where a file goes, or hidden)
                else:
                    folders.append(relative)
                continue
            if relative in written:
                continue  # (replaced below)
            if relative in kept and entry.is_file(follow_symlinks=False):
                meta = _same_file(f"{source}/{relative}", entry.inode())
                if meta is not None:
                    verify(relative, meta)
                    listed[relative] = meta
                    continue
            os.unlink(entry.path)
            emptied.add(folder)
    made: set[str] = set()
    for relative in sorted(kept - listed.keys() - written):
        try:
            st = os.stat(f"{source}/{relative}")
            meta = (st.st_size, st.st_mtime_ns) if S_ISREG(st.st_mode) else (-1, -1)
        except OSError:
            meta = (-1, -1)
        verify(relative, meta)
        if meta == (-1, -1):
            continue
        _make_parent(spare, relative, made)
        try:
            os.link(f"{source}/{relative}", f"{root}/{relative}")
        except OSError:  # (no hard links here: a copy, with its mtime)
            shutil.copy2(f"{source}/{relative}", f"{root}/{relative}")
        listed[relative] = meta
    for relative in sorted(written):
        _make_parent(spare, relative, made)
        target = spare / relative
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        st = os.lstat(built / relative)
        os.replace(built / relative, target)
        if not _hidden(relative):
            listed[relative] = (st.st_size, st.st_mtime_ns)
    for folder in sorted(emptied, key=lambda f: -f.count("/")):
        _remove_empty(spare, folder)
    sitedir.swap_in(spare, built)  # (what was left of `built`, empty folders, goes)
    return listed


def _files(folder: Path) -> set[str]:
    """Every file (or link) under `folder`, as relative POSIX paths."""
    found: set[str] = set()
    for current, _, names in os.walk(folder):
        relative = os.path.relpath(current, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
    return found


def _hidden(relative: str) -> bool:
    return relative.split("/", 1)[0].startswith(".")


def _same_file(path: str, inode: int) -> Meta | None:
    """The live file's (size, mtime) when it is the inode `inode` (the spare's file)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not S_ISREG(st.st_mode) or st.st_ino != inode:
        return None
    return (st.st_size, st.st_mtime_ns)


def _make_parent(root: Path, relative: str, made: set[str]) -> None:
    """The folders above `root/relative`; a file or link standing where one goes is removed."""
    parent = os.path.dirname(relative)
    if not parent or parent in made:
        return
    path = root
    for part in parent.split("/"):
        path = path / part
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()
        if not path.is_dir():
            path.mkdir()
    made.add(parent)


def _remove_empty(root: Path, folder: str) -> None:
    while folder:
        try:
            os.rmdir(root / folder)
        except OSError:
            return  # (not empty, or gone)
        folder = os.path.dirname(folder)
