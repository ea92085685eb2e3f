"""Values made from immutable objects, remembered by the object itself. No MkDocs imports.

Under `mkdocs serve` an unchanged file gives the very same objects again (events from the
memo, their views), so what was made from one of them (its view, its `events.json` text, its
memo key, its digest) can be reused without being made again: the Event views, the JSON texts,
`Memo.anchored_key` and `cache.Digests` all keep theirs here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class ByObject(Generic[T]):
    """`get(obj, inputs, make)`: `make()` for this object and these other inputs, remembered.

    The object is held with its value, so its id is never another object's while remembered.
    `rotate()` forgets every object not asked for since the last `rotate()`: what one build
    (or one call) used is what the next one can reuse.
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, Hashable, T]] = {}
        self._asked: dict[int, tuple[object, Hashable, T]] = {}

    def get(self, obj: object, inputs: Hashable, make: Callable[[], T]) -> T:
        found = self._asked.get(id(obj)) or self._known.get(id(obj))
        if found is None or found[0] is not obj or found[1] != inputs:
            found = (obj, inputs, make())
        self._asked[id(obj)] = found
        return found[2]

    def rotate(self) -> None:
        self._known, self._asked = self._asked, {}

    def objects(self) -> Iterator[object]:
        """Every object remembered (tests)."""
        yield from {id(f[0]): f[0] for f in (*self._known.values(), *self._asked.values())}.values()


class ByValue(Generic[T]):
    """`get(value, make)`: `make()` of a pure function of `value` (a page's text), remembered
    by the value itself. Under `mkdocs serve` every rebuild reads every source again, as new
    but equal strings: scanning them for links again is what this saves. `rotate()` forgets
    what was not asked for since the last `rotate()`."""

    def __init__(self) -> None:
        self._known: dict[Hashable, T] = {}
        self._asked: dict[Hashable, T] = {}

    def get(self, value: Hashable, make: Callable[[], T]) -> T:
        if value in self._asked:
            return self._asked[value]
        found = self._known[value] if value in self._known else make()
        self._asked[value] = found
        return found

    def peek(self, value: Hashable) -> T | None:
        """The remembered result (kept for the next `rotate()`), or None."""
        if value in self._asked:
            return self._asked[value]
        if value in self._known:
            found = self._asked[value] = self._known[value]
            return found
        return None

    def put(self, value: Hashable, result: T) -> None:
        self._asked[value] = result

    def rotate(self) -> None:
        self._known, self._asked = self._asked, {}
