"""Under `mkdocs serve` on Linux: see an edit when the kernel reports it, not by polling.

MkDocs' live-reload server polls every watched folder twice a second (watchdog's
`PollingObserver`). With ten years of content that is a walk and a `stat` of about 5,000
files every half second, in Python, holding the interpreter lock against the rebuild it
started; and an edit waits a quarter of a second on average before it is seen at all.

On Linux, watchdog's inotify observer reports the same events as they happen. Elsewhere (and
with `EDUHUB_WATCH=poll`, for file systems that do not report changes, such as some network
or container mounts) MkDocs' polling stays. The server and its observer are only used
through their public names (`watch`, `unwatch`, `observer`); nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol


class _Server(Protocol):
    observer: Any

    def watch(self, path: str) -> None: ...

    def unwatch(self, path: str) -> None: ...


def native_observer() -> Any | None:
    """watchdog's inotify observer, or None where polling must stay.

    It reports only what changes a file (created, written, closed after writing, deleted,
    moved), the events MkDocs' polling reports: inotify also reports every file opened or
    read, and the rebuild reads every file, so it would start the next rebuild, forever.
    """
    if not sys.platform.startswith("linux") or os.environ.get("EDUHUB_WATCH") == "poll":
        return None
    try:
        from watchdog import events
        from watchdog.observers.api import ObservedWatch
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # pragma: no cover - watchdog without inotify support
        return None
    changes = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileClosedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    ]

    class ChangesObserver(InotifyObserver):
        def schedule(
            self,
            event_handler: events.FileSystemEventHandler,
            path: str | Path,
            *,
            recursive: bool = False,
            event_filter: list[type[events.FileSystemEvent]] | None = None,
            follow_symlink: bool = False,
        ) -> ObservedWatch:
            return super().schedule(
                event_handler,
                path,
                recursive=recursive,
                event_filter=changes if event_filter is None else event_filter,
                follow_symlink=follow_symlink,
            )

    return ChangesObserver()


def use_native_observer(
    server: _Server,
    paths: Iterable[str | None],
    changed: Callable[[list[str]], None] | None = None,
) -> bool:
    """Move the server's watches of `paths` to a native observer, before the server starts.

    `paths` are those MkDocs watched before `on_serve` (the docs folder, `mkdocs.yml`, the
    theme folders with `--watch-theme`); a path it did not watch is left alone. What is
    watched after `on_serve` (`config.watch`) goes to the new observer by itself.
    `changed` is told the paths of each change, before the server's rebuild starts.
    """
    observer = native_observer()
    if observer is None:
        return False
    moved: list[str] = []
    for path in dict.fromkeys(os.path.abspath(p) for p in paths if p):
        while True:  # a path watched twice is unwatched twice
            try:
                server.unwatch(path)
            except KeyError:
                break
            moved.append(path)
    server.observer = observer
    for path in moved:
        if changed is not None:  # (told in the server's dispatch; its rebuild waits a moment)
            observer.schedule(_Told(changed), path, recursive=os.path.isdir(path))
        server.watch(path)
    return True


def _Told(changed: Callable[[list[str]], None]) -> Any:  # noqa: N802 - a handler class
    from watchdog.events import FileSystemEventHandler

    class Told(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            paths = [event.src_path, getattr(event, "dest_path", "")]
            changed([os.fsdecode(p) for p in paths if p])

    return Told()
