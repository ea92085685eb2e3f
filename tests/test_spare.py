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
)
def test_any_spare_gives_the_output_of_an_empty_folder(
    tmp_path_factory: pytest.TempPathFactory,
    live_paths: list[str],
    spare_paths: list[str],
    built_paths: list[str],
    shared: list[bool],
    keep: list[bool],
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
    for relative in built_paths:
        _write(built, relative, f"built {relative}")
    _check(spare, built, live, kept)
