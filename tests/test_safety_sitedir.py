"""The built site replaces the live folder with no moment without index.html."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from eduhub import sitedir


def make_site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_first_build_and_replacement(tmp_path: Path) -> None:
    live = tmp_path / "site"
    fresh = make_site(sitedir.new_build_dir(live), "one")
    assert (
        fresh.name.startswith(f"site.new-{os.getpid()}-")
        and oct(fresh.stat().st_mode)[-3:] == "755"
    )
    sitedir.swap_in(fresh, live)
    assert (live / "index.html").read_text() == "one" and not fresh.exists()
    fresh = make_site(sitedir.new_build_dir(live), "two")
    how = sitedir.swap_in(fresh, live)
    assert (live / "index.html").read_text() == "two"
    assert live.is_dir() and not live.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "old site removed"
    if sys.platform.startswith("linux"):
        assert how == "exchange"


def test_a_symlinked_live_folder_becomes_a_real_folder(tmp_path: Path) -> None:
    target = make_site(tmp_path / "elsewhere", "old")
    live = tmp_path / "site"
    live.symlink_to(target)
    sitedir.swap_in(make_site(sitedir.new_build_dir(live), "new"), live)
    assert live.is_dir() and not live.is_symlink()
    assert (live / "index.html").read_text() == "new"
    assert (target / "index.html").read_text() == "old", "the link's target is left alone"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")
def test_a_reader_never_sees_the_site_missing(tmp_path: Path) -> None:
    live = make_site(tmp_path / "site", "0")
    misses: list[int] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            if not (live / "index.html").exists():
                misses.append(1)

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        for n in range(1, 40):
            sitedir.swap_in(make_site(sitedir.new_build_dir(live), str(n)), live)
    finally:
        stop.set()
        reader.join()
    assert (live / "index.html").read_text() == "39"
    assert misses == []


def test_stale_folders_of_killed_builds_are_cleaned(tmp_path: Path) -> None:
    live = make_site(tmp_path / "site", "live")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)  # a process that has exited
    stale_new = make_site(tmp_path / f"site.new-{dead_pid}-abc", "half")
    stale_old = make_site(tmp_path / f"site.old-{dead_pid}-def", "old")
    legacy = make_site(tmp_path / "site.new-x1y2z3", "from an older eduhub")
    running = make_site(tmp_path / f"site.new-{os.getppid()}-ghi", "another build")
    other = make_site(tmp_path / "sitemap.new-1-x", "not ours")
    removed = sitedir.clean_stale(live)
    assert set(removed) == {stale_new, stale_old, legacy}
    assert running.exists() and other.exists() and live.exists()
    fresh = sitedir.new_build_dir(live)
    sitedir.discard(fresh)
    assert not fresh.exists()


def test_the_old_site_can_be_kept_as_the_spare(tmp_path: Path) -> None:
    live, spare = tmp_path / "site", tmp_path / "site.spare"
    sitedir.swap_in(make_site(sitedir.new_build_dir(live), "one"), live, keep=spare)
    assert not spare.exists()  # (no old site the first time)
    sitedir.swap_in(make_site(sitedir.new_build_dir(live), "two"), live, keep=spare)
    assert (spare / "index.html").read_text() == "one"
    sitedir.swap_in(make_site(sitedir.new_build_dir(live), "three"), live, keep=spare)
    assert (spare / "index.html").read_text() == "two"  # the older spare is replaced
    assert (live / "index.html").read_text() == "three"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.spare"]
    target = make_site(tmp_path / "elsewhere", "linked")
    shutil.rmtree(live)
    live.symlink_to(target)
    sitedir.swap_in(make_site(sitedir.new_build_dir(live), "four"), live, keep=spare)
    assert (spare / "index.html").read_text() == "two"  # a symlink is no spare
    assert live.is_dir() and not live.is_symlink()


def test_a_build_claims_the_spare_and_gives_back_what_it_did_not_use(tmp_path: Path) -> None:
    live, spare = tmp_path / "site", tmp_path / "site.spare"
    assert sitedir.claim(spare, live) is None  # (none yet)
    make_site(spare, "spare")
    claimed = sitedir.claim(spare, live)
    assert claimed is not None and claimed.name.startswith(f"site.old-{os.getpid()}-")
    assert not spare.exists() and sitedir.claim(spare, live) is None  # (one build at a time)
    sitedir.give_back(claimed, spare)  # a failed build, or nothing changed
    assert (spare / "index.html").read_text() == "spare" and not claimed.exists()
    claimed = sitedir.claim(spare, live)
    make_site(spare, "a newer spare, left meanwhile")
    sitedir.give_back(claimed, spare)
    assert (spare / "index.html").read_text() == "a newer spare, left meanwhile"
    assert claimed is not None and not claimed.exists()
