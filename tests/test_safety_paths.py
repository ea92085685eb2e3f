"""Symlinks in docs_dir that lead outside it are found, named, and say where they point."""

from __future__ import annotations

import os
from pathlib import Path

from eduhub.safety.paths import escaping_symlinks


def test_escaping_links_are_found_and_inside_links_are_fine(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "news").mkdir(parents=True)
    (docs / "news" / "a.md").write_text("# a\n", encoding="utf-8")
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "key.txt").write_text("secret", encoding="utf-8")
    os.symlink("/etc/passwd", docs / "passwd.pdf")
    os.symlink("/etc/hostname", docs / "news" / "host.md")
    os.symlink(outside, docs / "folder")
    os.symlink("../../nowhere/x.md", docs / "news" / "dangling.md")
    os.symlink("a.md", docs / "news" / "b.md")  # inside: fine
    os.symlink("news", docs / "alias")  # inside: fine
    (docs / ".hidden").mkdir()
    os.symlink("/etc/passwd", docs / ".hidden" / "p")  # MkDocs skips dot folders

    found = escaping_symlinks(docs)
    named = {link.link.relative_to(docs.resolve()).as_posix(): link for link in found}
    assert set(named) == {"passwd.pdf", "news/host.md", "folder", "news/dangling.md"}
    assert named["folder"].is_dir and not named["passwd.pdf"].is_dir
    message, hint = named["passwd.pdf"].message()
    assert message == "content/ 밖을 가리키는 심볼릭 링크(파일)입니다: /etc/passwd"
    assert (
        named["news/dangling.md"]
        .message()[0]
        .endswith(f"../../nowhere/x.md → {tmp_path.resolve() / 'nowhere/x.md'}")
    )
    assert "content/ 안에 복사" in hint
    assert named["folder"].message()[0].startswith("content/ 밖을 가리키는 심볼릭 링크(폴더)")


def test_link_loops_are_reported(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    docs.mkdir()
    os.symlink("b", docs / "a")
    os.symlink("a", docs / "b")
    # Python 3.11 raises on a loop; 3.13 resolves it to itself (inside): either is no leak.
    assert all(link.link.name in ("a", "b") for link in escaping_symlinks(docs))


def test_no_docs_dir_no_links(tmp_path: Path) -> None:
    assert escaping_symlinks(tmp_path / "missing") == []
