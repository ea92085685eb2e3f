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
import sys
from collections.abc import Callable
from pathlib import Path
from stat import S_IMODE, S_ISREG

from . import sitedir

SUFFIX = ".spare"
SPARE_ENV = "EDUHUB_SPARE_SITE"  # set by `eduhub build` for the plugin

Meta = tuple[int, int]  # (size, mtime_ns), as the build cache records files


def spare_of(live: Path) -> Path:
    """The spare folder of a live output folder: its sibling `<name>.spare`."""
    return live.with_name(live.name + SUFFIX)


def supported() -> bool:
    """Linux only: inode numbers, renames over files and case-sensitive names as the merge
    relies on them (elsewhere `eduhub build` deletes the old site, as it did before)."""
    return sys.platform.startswith("linux")


def usable(spare: Path, live: Path, built: Path) -> bool:
    """A real folder of ours beside the live one, on its file system (hard links and
    renames), and neither inside nor around the live or the new folder."""
    if not supported():
        return False
    try:
        if spare.is_symlink() or not spare.is_dir() or not live.is_dir():
            return False
        mine = spare.resolve()
        for other in (live.resolve(), built.resolve()):
            if mine == other or other.is_relative_to(mine) or mine.is_relative_to(other):
                return False
        st = spare.stat()
        return st.st_uid == os.getuid() and st.st_dev == live.stat().st_dev == built.stat().st_dev
    except OSError:
        return False


class Unusable(Exception):
    """The spare could not be made ready (a file or folder there we may not change): the
    new folder is untouched, and the caller links the kept files into it instead."""


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
    the output but its hidden top-level entries (what `cache._manifest` would read).

    Raises `Unusable` when the spare cannot be changed as needed, before anything in `built`
    moved. Folders keep nothing of the spare's: the root gets `built`'s mode, every other
    folder the mode a new one gets, and one owned by someone else makes the spare unusable.
    """
    written = _files(built)
    # (a kept file where the build wrote a folder, or below a written file: the build's wins)
    written_folders = {f for w in written for f in _parents(w)}
    kept = {
        k
        for k in kept
        if not _hidden(k)
        and k not in written_folders
        and not any(f in written for f in _parents(k))
    }
    try:
        listed, folders = _clear(spare, live, written, kept, verify)
        _link_kept(spare, live, kept - listed.keys() - written, listed, verify)
        os.chmod(spare, S_IMODE(os.stat(built).st_mode))
    except OSError as error:
        raise Unusable(str(error)) from error
    made: set[str] = set()
    for relative in sorted(written):
        _make_parent(spare, relative, made)
        target = spare / relative
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        st = os.lstat(built / relative)
        os.replace(built / relative, target)
        if not _hidden(relative):
            listed[relative] = (st.st_size, st.st_mtime_ns)
    for folder in sorted(folders, key=lambda f: -f.count("/")):
        try:
            os.rmdir(f"{spare}/{folder}")  # only when empty (an empty folder is in no output)
        except OSError:
            pass
    sitedir.swap_in(spare, built)  # (what was left of `built`, empty folders, goes)
    return listed


def _clear(
    spare: Path,
    live: Path,
    written: set[str],
    kept: set[str],
    verify: Callable[[str, Meta], None],
) -> tuple[dict[str, Meta], list[str]]:
    """Remove from the spare all but the kept files that are the live files' own inodes
    (returned, with their (size, mtime)) and the files about to be replaced; give every
    folder a new folder's mode. Returns those files and every folder left."""
    listed: dict[str, Meta] = {}
    root, source = str(spare), str(live)  # (paths joined as strings: 22,500 files at 10x)
    uid, mode = os.getuid(), _new_folder_mode()
    folders: list[str] = []
    todo = [""]
    while todo:
        folder = todo.pop()
        with os.scandir(f"{root}/{folder}" if folder else root) as entries:
            found = list(entries)
        for entry in found:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                if relative in written or relative in kept or (not folder and _hidden(relative)):
                    shutil.rmtree(entry.path)  # (a folder where a file goes, or hidden)
                    continue
                st = entry.stat(follow_symlinks=False)
                if st.st_uid != uid:
                    raise PermissionError(f"{entry.path}: another user's folder")
                if S_IMODE(st.st_mode) != mode:
                    os.chmod(entry.path, mode)
                folders.append(relative)
                todo.append(relative)
                continue
            if relative in written:
                continue  # (replaced later)
            if relative in kept and entry.is_file(follow_symlinks=False):
                meta = _same_file(f"{source}/{relative}", entry.stat(follow_symlinks=False))
                if meta is not None:
                    verify(relative, meta)
                    listed[relative] = meta
                    continue
            os.unlink(entry.path)
    return listed, folders


def _link_kept(
    spare: Path,
    live: Path,
    missing: set[str],
    listed: dict[str, Meta],
    verify: Callable[[str, Meta], None],
) -> None:
    """Link each kept file the spare lacks from the live folder (copied where links fail)."""
    root, source = str(spare), str(live)
    made: set[str] = set()
    for relative in sorted(missing):
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


def _new_folder_mode() -> int:
    """The mode `mkdir` gives a new folder in this process (0o777 less the umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o777 & ~mask


def _parents(relative: str) -> list[str]:
    """`a/b/c` -> [`a/b`, `a`]."""
    found = []
    while "/" in relative:
        relative = relative.rsplit("/", 1)[0]
        found.append(relative)
    return found


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


def _same_file(path: str, spare_file: os.stat_result) -> Meta | None:
    """The live file's (size, mtime) when it is the spare's file itself: one device and
    one inode (the same bytes, whatever their names)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != (
        spare_file.st_dev,
        spare_file.st_ino,
    ):
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
