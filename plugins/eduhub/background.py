"""Work on the second core: `Background(make)` runs `make()` in a forked child while the build
goes on; `result()` waits for its value. What the child added to the memo is taken in by the
parent as if made there, and the entries it found count as used there (the memo keeps both).
Where `fork` is missing, where forking is not wanted (`mkdocs serve` runs threads), or when
the child fails, `result()` calls `make()` itself: the value is the same either way. No
MkDocs imports.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from .memo import MEMO

T = TypeVar("T")


class Background(Generic[T]):
    def __init__(self, make: Callable[[], T], *, fork: bool = True) -> None:
        self.make = make
        self.process: Any = None
        self.link: Any = None
        self.done = False
        self.value: T | None = None
        if not fork or "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self.link, child = context.Pipe(duplex=False)
        _READERS.add(self.link)
        try:
            self.process = context.Process(target=_produce, args=(child, make), daemon=True)
            self.process.start()
        except OSError:
            self.process = None
            _READERS.discard(self.link)
        child.close()

    def result(self) -> T:
        """The child's value (made here if there is no child or it failed); once."""
        if self.done:
            return self.value  # type: ignore[return-value]
        sent = None
        if self.process is not None:
            try:
                sent = self.link.recv()
            except (EOFError, OSError):
                sent = None
            self.process.join()
            self.link.close()
            _READERS.discard(self.link)
        if isinstance(sent, tuple) and len(sent) == 2 and sent[0] == "ok":
            value, made, used = sent[1]
            MEMO.take(made, used)
        else:
            value = self.make()
        self.done, self.value = True, value
        return value  # type: ignore[no-any-return]


# The parent's open read ends: a child closes its copies first, so that when the parent dies
# (SIGKILL) a child sending more than a pipe holds gets an error instead of waiting forever.
_READERS: set[Any] = set()


def _produce(link: Any, make: Callable[[], Any]) -> None:
    for reader in list(_READERS):
        reader.close()
    _READERS.clear()
    try:
        before = MEMO.made()
        value = make()
        made = {
            table: {k: v for k, v in entries.items() if k not in before.get(table, {})}
            for table, entries in MEMO.made().items()
        }
        link.send(("ok", (value, made, MEMO.used_keys())))
    except Exception:  # noqa: BLE001 - the parent makes it itself
        link.send(None)
    link.close()
