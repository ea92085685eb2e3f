"""Pickle files that only this machine's builds can have written (the cache's state and memo).

A pull request can commit files anywhere, `.cache/` included, and unpickling runs code: so
every pickle the cache writes carries an HMAC made with a key that lives outside the
repository (`$XDG_CACHE_HOME/eduhub/pickle-key`, made on first use, readable by its owner
only). A file without a valid HMAC, a committed one for instance, is never unpickled: it reads
as missing and the build makes everything anew.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

MAGIC = b"eduhub-sealed-1\n"


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "eduhub" / "pickle-key"


@cache
def _key(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(secrets.token_bytes(32))
        return path.read_bytes()
    except FileExistsError:
        return path.read_bytes() if path.stat().st_size >= 32 else None
    except OSError:
        return None  # no place for a key: nothing is kept between builds


def _mac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def dump(value: Any, path: Path) -> bool:
    """Write `value` sealed, atomically. False when it could not be kept."""
    key = _key(key_file())
    if key is None:
        return False
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as stream:
            stream.write(MAGIC + _mac(key, data) + data)
        os.replace(temporary, path)
    except OSError:
        return False
    return True


def load(path: Path) -> Any | None:
    """The value in `path` if this machine's key sealed it, else None (never unpickled)."""
    key = _key(key_file())
    if key is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head, mac, data = raw[: len(MAGIC)], raw[len(MAGIC) : len(MAGIC) + 32], raw[len(MAGIC) + 32 :]
    if head != MAGIC or not hmac.compare_digest(mac, _mac(key, data)):
        return None
    try:
        return pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
