"""The spare folder (spare.py): the site before the live one, made into a build's output.

Whatever the spare holds, the result is what linking the kept files into the empty build
folder gives: the files the build wrote, the kept files as the live folder's own inodes, and
nothing else. The live folder is never changed. Bounded property test: 60 examples,
derandomized under CI.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from eduhub.cache import _manifest
from eduhub.spare import merge_into_spare, spare_of, usable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _tree(root: Path) -> dict[str, tuple[str, int]]:
    """relative path -> (text, inode) of every file; folders must not be empty."""
    found = {}
    for current, dirs, names in os.walk(root):
        assert dirs or names or Path(current) == root, f"empty folder {current}"
        for name in names:
            path = Path(current, name)
            assert not path.is_symlink(), path
            found[path.relative_to(root).as_posix()] = (path.read_text("utf-8"), path.stat().st_ino)
    return found


def _live_state(live: Path) -> dict[str, tuple[str, int, int]]:
    return {
        p.relative_to(live).as_posix(): (
            p.read_text("utf-8"),
            p.stat().st_ino,
            p.stat().st_mtime_ns,
        )
        for p in live.rglob("*")
        if p.is_file()
    }


def _check(spare: Path, built: Path, live: Path, kept: set[str]) -> None:
    """Merge, then compare with the reference: written files as built, kept ones linked."""
    written = {
        p.relative_to(built).as_posix(): p.read_text("utf-8")
        for p in built.rglob("*")
        if p.is_file()
    }
    live_before = _live_state(live)
    seen: list[str] = []
    listed = merge_into_spare(
        spare, built, live, kept, lambda relative, meta: seen.append(relative)
    )
    result = _tree(built)
    expected_paths = set(written) | kept
    assert set(result) == expected_paths
    for relative in expected_paths:
        text, inode = result[relative]
        if relative in written:
            assert text == written[relative], relative
        else:
            assert (text, inode) == live_before[relative][:2], relative  # the live file itself
    assert not spare.exists()
    assert _live_state(live) == live_before  # never changed
    assert listed == _manifest(built)
    assert sorted(seen) == sorted(kept - set(written))


def test_a_spare_with_every_kind_of_difference(tmp_path: Path) -> None:
    live, spare, built = tmp_path / "site", tmp_path / "site.spare", tmp_path / "site.new-1-a"
    for relative in (
        "index.html",
        "a/index.html",
        "a/b/index.html",
        "c/index.html",
        "d.xml",
        "e/f.html",
    ):
        _write(live, relative, f"live {relative}")
    spare.mkdir()
    for relative in ("index.html", "a/b/index.html"):  # unchanged since: shared inodes
        (spare / relative).parent.mkdir(parents=True, exist_ok=True)
        os.link(live / relative, spare / relative)
    _write(spare, "a/index.html", "older bytes")  # kept path, another inode
    _write(spare, "gone/deep/old.html", "a page since deleted")
    _write(spare, ".git/HEAD", "hidden folder")
    _write(spare, ".nojekyll", "")
    _write(spare, "d.xml/inside.html", "a folder where a kept file goes")
    _write(spare, "new", "a file where a written folder goes")
    _write(spare, "written.html/x", "a folder where a written file goes")
    os.symlink(live / "c/index.html", spare / "c.html")
    (spare / "c").mkdir()
    os.symlink(live / "c/index.html", spare / "c/index.html")  # a link, not the inode
    os.symlink(live / "e", spare / "e")  # a linked folder
    built.mkdir()
    for relative in ("new/index.html", "written.html", "a/b/index.html", "feed.xml"):
        _write(built, relative, f"built {relative}")
    kept = {"index.html", "a/index.html", "a/b/index.html", "c/index.html", "d.xml", "e/f.html"}
    _check(spare, built, live, kept)
    assert (built / "a/b/index.html").read_text() == "built a/b/index.html"  # written wins


def test_no_spare_content_survives_when_nothing_is_kept(tmp_path: Path) -> None:
    live, spare, built = tmp_path / "site", tmp_path / "site.spare", tmp_path / "new"
    _write(live, "index.html", "live")
    _write(spare, "index.html", "spare")
    os.link(live / "index.html", spare / "same.html")
    _write(built, "index.html", "built")
    _check(spare, built, live, set())


def test_a_kept_file_changed_in_the_live_folder_stops_the_merge(tmp_path: Path) -> None:
    live, spare, built = tmp_path / "site", tmp_path / "site.spare", tmp_path / "new"
    _write(live, "index.html", "live")
    spare.mkdir()
    os.link(live / "index.html", spare / "index.html")
    _write(built, "feed.xml", "built")

    class Changed(Exception):
        pass

    def verify(relative: str, meta: tuple[int, int]) -> None:
        raise Changed(relative)

    before = _live_state(live)
    with pytest.raises(Changed):
        merge_into_spare(spare, built, live, {"index.html"}, verify)
    assert _live_state(live) == before


def test_only_a_real_folder_beside_the_live_one_is_used(tmp_path: Path) -> None:
    live, built = tmp_path / "site", tmp_path / "new"
    live.mkdir()
    built.mkdir()
    spare = spare_of(live)
    assert spare == tmp_path / "site.spare"
    assert not usable(spare, live, built)  # missing
    spare.mkdir()
    assert usable(spare, live, built)
    assert not usable(live, live, built) and not usable(built, live, built)
    assert not usable(live / "inside", live, built)  # (nor inside or around either)
    (live / "inside").mkdir()
    assert not usable(live / "inside", live, built) and not usable(tmp_path, live, built)
    shutil.rmtree(spare)
    (tmp_path / "elsewhere").mkdir()
    spare.symlink_to(tmp_path / "elsewhere")
    assert not usable(spare, live, built)
    spare.unlink()
    spare.write_text("a file")
    assert not usable(spare, live, built)


_PATHS = st.lists(
    st.sampled_from(
        ["index.html", "a", "a/index.html", "a/b", "a/b/index.html", "c/d/e.html", "c", "f.xml"]
    ),
    unique=True,
    max_size=6,
)


def _consistent(paths: list[str]) -> list[str]:
    """Drop paths that are a folder of an earlier path (a tree has a file or a folder)."""
    chosen: list[str] = []
    for path in paths:
        clash = any(p.startswith(path + "/") or path.startswith(p + "/") for p in chosen)
        if not clash:
            chosen.append(path)
    return chosen


@settings(
    max_examples=60,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    live_paths=_PATHS,
    spare_paths=_PATHS,
    built_paths=_PATHS,
    shared=st.lists(st.booleans(), min_size=6, max_size=6),
    keep=st.lists(st.booleans(), min_size=6, max_size=6),
    empty=st.lists(st.sampled_from(["x", "a/e", "c/d/f", "g/h", "a/b/i"]), max_size=3),
)
def test_any_spare_gives_the_output_of_an_empty_folder(
    tmp_path_factory: pytest.TempPathFactory,
    live_paths: list[str],
    spare_paths: list[str],
    built_paths: list[str],
    shared: list[bool],
    keep: list[bool],
    empty: list[str],
) -> None:
    root = tmp_path_factory.mktemp("spare")
    live, spare, built = root / "site", root / "site.spare", root / "new"
    live.mkdir()
    spare.mkdir()
    built.mkdir()
    live_paths = _consistent(live_paths)
    built_paths = _consistent(built_paths)
    for relative in live_paths:
        _write(live, relative, f"live {relative}")
    # The output's kept files: live files the build did not write, and that fit its tree.
    kept = {
        p
        for p, k in zip(live_paths, keep, strict=False)
        if k and p in _consistent([*built_paths, p])
    }
    made: list[str] = []
    for index, relative in enumerate(_consistent(spare_paths)):
        if any(relative.startswith(m + "/") or m.startswith(relative + "/") for m in made):
            continue
        if relative in live_paths and shared[index % 6]:
            (spare / relative).parent.mkdir(parents=True, exist_ok=True)
            os.link(live / relative, spare / relative)
        else:
            _write(spare, relative, f"spare {relative}")
        made.append(relative)
    for folder in empty:  # (a killed build's leftovers), where no file of the spare is
        path = spare / folder
        if not any(p.is_file() for p in [path, *path.parents]):
            path.mkdir(parents=True, exist_ok=True)
    for relative in built_paths:
        _write(built, relative, f"built {relative}")
    _check(spare, built, live, kept)


def _read_only_build(tmp_path: Path) -> tuple[Any, Path, Path, Path]:
    """A read-only BuildCache (as `eduhub build` makes it) with a spare beside the live
    folder: `kept.html` kept, `new.html` written by this build."""
    from eduhub.cache import BuildCache, State

    live, fresh, spare = tmp_path / "public", tmp_path / "public.new-1", tmp_path / "public.spare"
    _write(live, "kept.html", "kept")
    _write(live, "old.html", "gone now")
    _write(spare, "kept.html", "stale")
    _write(spare, "sub/stray.html", "stray")
    fresh.mkdir()
    _write(fresh, "new.html", "new")
    st = (live / "kept.html").stat()
    built = BuildCache(tmp_path / "cache", fresh, previous_site=live, spare_site=spare)
    built.previous = State("key", str(live.resolve()))
    built.previous.manifest = {"kept.html": (st.st_size, st.st_mtime_ns)}
    built.begin()
    built.kept.add("kept.html")
    return built, live, fresh, spare


def test_the_build_cache_makes_the_spare_its_output(tmp_path: Path) -> None:
    built, live, fresh, spare = _read_only_build(tmp_path)
    built.finish()
    assert {k: v[0] for k, v in _tree(fresh).items()} == {"kept.html": "kept", "new.html": "new"}
    assert (fresh / "kept.html").stat().st_ino == (live / "kept.html").stat().st_ino
    assert not spare.exists()  # (it is the output now)


def test_an_unusable_spare_is_dropped_and_the_kept_files_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spare we may not change (a folder of another user, an immutable file: simulated
    here) is given up before anything of the new folder moved; the build links the kept
    files as it did without a spare, and removes the spare so the next build does not try."""
    from eduhub import spare as spares

    built, live, fresh, spare = _read_only_build(tmp_path)

    def refuse(*args: Any) -> Any:
        raise PermissionError("a folder of another user")

    monkeypatch.setattr(spares, "_clear", refuse)
    built.finish()
    assert {k: v[0] for k, v in _tree(fresh).items()} == {"kept.html": "kept", "new.html": "new"}
    assert (fresh / "kept.html").stat().st_ino == (live / "kept.html").stat().st_ino
    assert not spare.exists()


def test_folders_get_a_new_folders_mode_and_empty_ones_go(tmp_path: Path) -> None:
    """Nothing of the spare's folders survives: the root gets the new folder's mode, the
    others a new folder's, and an empty folder (a killed build's leftovers) is removed."""
    live, spare, built = tmp_path / "site", tmp_path / "site.spare", tmp_path / "new"
    _write(live, "a/index.html", "live a")
    _write(spare, "a/index.html", "older")
    (spare / "empty/deeper").mkdir(parents=True)
    spare.chmod(0o700)
    (spare / "a").chmod(0o700)
    built.mkdir()
    built.chmod(0o755)
    _write(built, "index.html", "built")
    merge_into_spare(spare, built, live, {"a/index.html"}, lambda relative, meta: None)
    assert oct(built.stat().st_mode & 0o777) == "0o755"
    mask = os.umask(0o022)
    os.umask(mask)
    assert oct((built / "a").stat().st_mode & 0o777) == oct(0o777 & ~mask)
    assert not (built / "empty").exists()
    assert (built / "a/index.html").read_text() == "live a"
