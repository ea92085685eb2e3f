"""Symlinks in docs_dir that resolve outside it: MkDocs follows them and publishes the target.

A `.pdf` link to /etc/passwd would be copied into the site, a `.md` link to a system file
would become a page (and enter the search index), a folder link would copy a whole folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class EscapingLink:
    link: Path  # the symlink itself (inside docs_dir)
    target: str  # what it says (os.readlink)
    resolved: Path  # where it really leads (outside docs_dir)
    is_dir: bool

    def message(self) -> tuple[str, str]:
        kind = "폴더" if self.is_dir else "파일"
        where = (
            self.target if self.target == str(self.resolved) else f"{self.target} → {self.resolved}"
        )
        return (
            f"content/ 밖을 가리키는 심볼릭 링크({kind})입니다: {where}",
            "링크는 공개되지 않게 막혀 있습니다. 필요한 파일은 링크 대신 content/ 안에 복사해 두세요",
        )


def escaping_symlinks(docs_dir: Path) -> list[EscapingLink]:
    """Every symlink under `docs_dir` (files and folders, dangling too) that resolves outside.

    Walks without following links (a folder link is reported, not entered) and skips dot
    folders, which MkDocs skips too. Links that stay inside docs_dir are fine.
    """
    root = docs_dir.resolve()
    found: list[EscapingLink] = []
    if not root.is_dir():
        return found
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        for name in sorted(set(dirs) | set(files)):
            path = here / name
            if not path.is_symlink():
                continue
            try:
                resolved = path.resolve(strict=False)
                target = os.readlink(path)
            except (OSError, RuntimeError):  # a loop of links
                found.append(EscapingLink(path, "(순환 링크)", path, False))
                continue
            if not resolved.is_relative_to(root):
                found.append(EscapingLink(path, target, resolved, resolved.is_dir()))
    return sorted(found)
