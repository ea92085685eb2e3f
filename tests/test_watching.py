"""Under `mkdocs serve` on Linux an edit is seen through inotify, not MkDocs' half-second poll.

A real `LiveReloadServer` (never bound to a port): the plugin's `on_serve` moves the watches
MkDocs made to watchdog's inotify observer, and an edit then asks the server for a rebuild.
The end-to-end path (a real `mkdocs serve`, an edit, the new page served) is in
`test_bench_smoke.py`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from eduhub.watching import use_native_observer
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.inotify import InotifyObserver
from watchdog.observers.polling import PollingObserver

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux")


def _server(tmp_path: Path) -> tuple[LiveReloadServer, Path, Path]:
    docs = tmp_path / "content"
    (docs / "newsletter").mkdir(parents=True)
    (docs / "newsletter" / "1.md").write_text("# 1호\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(config))
    return server, docs, config


def _rebuild_wanted(server: LiveReloadServer, within: float = 10.0) -> bool:
    """Whether the server's watcher asked for a rebuild (a guard, not a speed test)."""
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)


def test_watches_move_to_inotify_and_an_edit_asks_for_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDUHUB_WATCH", raising=False)
    server, docs, config = _server(tmp_path)
    theme = tmp_path / "overrides"  # not watched (no --watch-theme): left alone
    theme.mkdir()
    assert use_native_observer(server, [str(docs), str(config), str(theme), None])
    assert isinstance(server.observer, InotifyObserver)
    assert sorted(server._watched_paths) == sorted([str(docs), str(config)])
    server.observer.start()
    try:
        time.sleep(0.2)  # inotify watches are in place once start() returns; margin only
        # Reading files (every rebuild reads them all) must not ask for the next rebuild.
        for path in [*docs.rglob("*"), config]:
            if path.is_file():
                path.read_bytes()
        assert not _rebuild_wanted(server, within=1.0)
        # An editor's atomic save: a new file renamed over the old one, in a subfolder.
        fresh = docs / "newsletter" / ".1.md.swp"
        fresh.write_text("# 1호 고침\n", encoding="utf-8")
        fresh.replace(docs / "newsletter" / "1.md")
        assert _rebuild_wanted(server)
        server._want_rebuild = False
        config.write_text("site_name: y\n", encoding="utf-8")
        assert _rebuild_wanted(server)
        server._want_rebuild = False
        (docs / "newsletter" / "2").mkdir()  # a new folder is watched too
        time.sleep(0.2)
        server._want_rebuild = False
        (docs / "newsletter" / "2" / "index.md").write_text("# 2호\n", encoding="utf-8")
        assert _rebuild_wanted(server)
    finally:
        server.observer.stop()
        server.observer.join()


def test_the_cache_is_told_which_files_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each change the watcher sees reaches `changed` (the plugin passes the cache's), so the
    whole-input key reads that file again even when its size and mtime did not change."""
    monkeypatch.delenv("EDUHUB_WATCH", raising=False)
    server, docs, config = _server(tmp_path)
    told: list[str] = []
    assert use_native_observer(server, [str(docs), str(config)], told.extend)
    assert sorted(server._watched_paths) == sorted([str(docs), str(config)])
    server.observer.start()
    try:
        time.sleep(0.2)
        page = docs / "newsletter" / "1.md"
        page.write_text("# 1호 고침\n", encoding="utf-8")
        assert _rebuild_wanted(server)
        deadline = time.monotonic() + 10
        while str(page) not in told and time.monotonic() < deadline:
            time.sleep(0.05)
        assert str(page) in told
        config.write_text("site_name: z\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while str(config) not in told and time.monotonic() < deadline:
            time.sleep(0.05)
        assert str(config) in told
    finally:
        server.observer.stop()
        server.observer.join()


def test_polling_stays_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDUHUB_WATCH", "poll")
    server, docs, _ = _server(tmp_path)
    before = server.observer
    assert not use_native_observer(server, [str(docs)])
    assert server.observer is before
    assert isinstance(server.observer, PollingObserver)


def test_the_plugin_moves_the_watches_in_on_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import REPO
    from mkdocs.config import load_config

    monkeypatch.delenv("EDUHUB_WATCH", raising=False)
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    result = config.plugins.on_serve(server, config=config, builder=lambda: None)
    assert result is server
    assert isinstance(server.observer, InotifyObserver)
    assert sorted(server._watched_paths) == sorted([config.docs_dir, config.config_file_path])
