"""A time limit on work over untrusted text: Python-Markdown takes time quadratic in some
inputs (`"[a](" * 4000` takes seconds; the megabyte a page may hold would take hours), so a
pull request could stall `eduhub check`, the preview build and `make serve`.

`time_limit(seconds)` raises `TooSlow` inside its block once the time is up. It uses
`SIGALRM`, so it works where the check and the build render (the main thread of the build or
of the forked checking child); elsewhere (no `SIGALRM`, another thread) the block runs
without a limit, and CI's job time-outs are the bound. The limit only ever turns a page
into a problem to fix: it never changes what a finished build writes.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# A megabyte (the largest file content/ may hold) of the real pages renders in about 1.2 s on
# the project's 2-core machine; ten seconds leaves room for a slower one.
DEFAULT_SECONDS = 10.0
SECONDS_ENV = "EDUHUB_RENDER_SECONDS"  # tests shorten it; 0 turns it off


class TooSlow(Exception):
    """The block ran past its time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took more than {seconds:g} s")
        self.seconds = seconds


def too_slow(seconds: float) -> tuple[str, str]:
    """(message, hint) for a Markdown body that ran out of time."""
    return (
        f"본문을 HTML로 바꾸는 데 {seconds:g}초가 넘게 걸려 멈췄습니다",
        "닫히지 않은 `[`, `](`, `![`, `][` 같은 기호가 아주 많이 되풀이되는지 보고 지우세요."
        " 보통 글은 1MB도 2초 안에 바뀝니다",
    )


def render_seconds() -> float:
    """The limit for rendering one Markdown body: `EDUHUB_RENDER_SECONDS` or the default."""
    text = os.environ.get(SECONDS_ENV, "").strip()
    try:
        return max(float(text), 0.0) if text else DEFAULT_SECONDS
    except ValueError:
        return DEFAULT_SECONDS


def _can_limit() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `TooSlow` in the block after `seconds` (0: no limit). An interval timer already
    running (a test runner's time-out) is put back afterwards, less the time spent."""
    if seconds <= 0 or not _can_limit():
        yield
        return
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_delay and outer_delay <= seconds:
        yield  # the outer timer ends this block first anyway
        return

    def expired(signum: int, frame: object) -> None:
        raise TooSlow(seconds)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # (the alarm may land between the block's end and the line above)
            signal.signal(signal.SIGALRM, previous)
            if outer_delay:
                left = outer_delay - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)
