"""The time limit on rendering untrusted Markdown (safety/budget.py).

Python-Markdown is quadratic on some inputs (`"[a](" * 4000` takes seconds, a megabyte of it
hours), so a body that runs past the limit becomes a `path:line` problem instead of a stalled
check or build. The end-to-end cases are in test_safety_hostile.py (shortened limit, check
and build) and test_safety_guard.py (the default limit, a megabyte).
"""

from __future__ import annotations

import signal
import threading
import time

import pytest
from conftest import BUILD_EPOCH, REPO
from eduhub.errors import Problems
from eduhub.safety.budget import (
    DEFAULT_SECONDS,
    SECONDS_ENV,
    TooSlow,
    render_seconds,
    time_limit,
)
from eduhub.safety.checks import ContentRules
from eduhub.settings import load_settings


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_block_past_its_limit_is_stopped() -> None:
    previous = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    with pytest.raises(TooSlow), time_limit(0.2):
        _spin(5)
    assert time.monotonic() - start < 2
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_block_within_its_limit_runs_and_leaves_no_timer() -> None:
    previous = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        _spin(0.05)
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    _spin(0.1)  # nothing fires later


def test_an_outer_timer_is_put_back() -> None:
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with time_limit(0.5):
            _spin(0.05)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 28 < left < 30
        signal.setitimer(signal.ITIMER_REAL, 1)  # a shorter outer timer wins: no inner one
        with time_limit(5):
            _spin(0.01)
        assert 0.5 < signal.getitimer(signal.ITIMER_REAL)[0] <= 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired


def test_other_threads_run_without_a_limit() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with time_limit(0.05):
                _spin(0.2)
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors == []


def test_the_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECONDS_ENV, raising=False)
    assert render_seconds() == DEFAULT_SECONDS == 10
    monkeypatch.setenv(SECONDS_ENV, "0.5")
    assert render_seconds() == 0.5
    monkeypatch.setenv(SECONDS_ENV, "열")
    assert render_seconds() == DEFAULT_SECONDS


def test_a_slow_body_is_a_problem_and_the_next_body_renders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SECONDS_ENV, "0.3")
    settings = load_settings(REPO / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    rules = ContentRules(settings, Problems())
    start = time.monotonic()
    assert not rules.markdown("문단\n\n" + "[a](" * 20_000, "content/news/x.md", 7)
    assert time.monotonic() - start < 5
    assert [str(p) for p in rules.problems.items] == [
        "content/news/x.md:7: 본문을 HTML로 바꾸는 데 0.3초가 넘게 걸려 멈췄습니다"
        " (닫히지 않은 `[`, `](`, `![`, `][` 같은 기호가 아주 많이 되풀이되는지 보고"
        " 지우세요. 보통 글은 1MB도 2초 안에 바뀝니다)"
    ]
    assert rules.markdown("# 제목\n\n[안내](a.md)와 *강조*\n", "content/news/y.md", 5)
    assert len(rules.problems.items) == 1
