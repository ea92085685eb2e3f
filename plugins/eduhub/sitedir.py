"""Put a freshly built site folder in place of the live one without a gap.

`site/` stays a real directory (hosting guides tell people to upload it). On Linux the two
folders trade places in one step with `renameat2(RENAME_EXCHANGE)`: a reader polling the live
folder sees the old site, then the new one, never nothing. Elsewhere (or on a file system
without the flag) we fall back to two renames, with a moment without the folder.

Build folders are siblings named `<live>.new-<pid>-<random>` and `<live>.old-<pid>-<random>`;
a killed build leaves them behind, and the next build removes those whose process is gone.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 1 << 1


def new_build_dir(live: Path) -> Path:
    """A fresh, world-readable sibling folder to build into (stale ones are cleaned first)."""
    live.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(live)
    fresh = Path(tempfile.mkdtemp(prefix=f"{live.name}.new-{os.getpid()}-", dir=live.parent))
    fresh.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
    return fresh


def swap_in(fresh: Path, live: Path, *, keep: Path | None = None) -> str:
    """Make `fresh` the live folder; the old site is deleted, or renamed to `keep` (over
    what is there) when given. Returns how ("exchange" or "rename"). `live` may be missing,
    a folder, or a symlink (replaced by a real folder)."""
    if not os.path.lexists(live):
        fresh.rename(live)
        return "rename"
    if _exchange(fresh, live):
        _retire(fresh, keep)  # now holds the old site
        return "exchange"
    old = _old_name(live)
    live.rename(old)
    fresh.rename(live)
    _retire(old, keep)
    return "rename"


def _retire(old: Path, keep: Path | None) -> None:
    if keep is None or old.is_symlink() or not old.is_dir():
        remove(old)
        return
    if os.path.lexists(keep):
        remove(keep)
    try:
        old.rename(keep)
    except OSError:
        remove(old)


def claim(spare: Path, live: Path) -> Path | None:
    """Take the spare folder (spare.py) for this build: renamed to a `<live>.old-<pid>-*`
    sibling, so no other build (of another project publishing to the same folder) uses it
    at the same time, and a killed build's is cleaned like its other folders. None when
    there is none, or it is not a real folder."""
    if spare.is_symlink() or not spare.is_dir():
        return None
    claimed = _old_name(live)
    try:
        spare.rename(claimed)
    except OSError:  # (another build took it first)
        return None
    return claimed


def give_back(claimed: Path | None, spare: Path) -> None:
    """A claimed spare this build did not use becomes the spare again (or goes, when
    another build left a newer one meanwhile)."""
    if claimed is None or not claimed.is_dir():
        return
    if os.path.lexists(spare):
        remove(claimed)
        return
    try:
        claimed.rename(spare)
    except OSError:
        remove(claimed)


def _old_name(live: Path) -> Path:
    """An unused `<live>.old-<pid>-<random>` sibling name (`clean_stale` removes a killed
    build's)."""
    old = Path(tempfile.mkdtemp(prefix=f"{live.name}.old-{os.getpid()}-", dir=live.parent))
    old.rmdir()
    return old


def discard(fresh: Path) -> None:
    """Remove a build folder after a failed build."""
    remove(fresh)


def clean_stale(live: Path) -> list[Path]:
    """Remove `<live>.new-*` / `<live>.old-*` siblings left by builds that are not running."""
    removed: list[Path] = []
    if not live.parent.is_dir():
        return removed
    for kind in ("new", "old"):
        for path in live.parent.glob(f"{live.name}.{kind}-*"):
            pid = _pid_of(path.name[len(live.name) + len(kind) + 2 :])
            if pid is not None and pid != os.getpid() and _alive(pid):
                continue  # another build is using it right now
            remove(path)
            removed.append(path)
    return removed


def _pid_of(suffix: str) -> int | None:
    head = suffix.split("-", 1)[0]
    return int(head) if head.isdigit() and "-" in suffix else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2; False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # musl before 1.2.? or glibc before 2.28
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # kernel or file system without RENAME_EXCHANGE
    raise OSError(code, os.strerror(code), str(b))
