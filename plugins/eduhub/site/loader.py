"""Program pages from content/programs/*.md."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceLocation
from ..pageloader import PageLoader
from .model import Program


def load_program(pages: PageLoader, path: Path) -> Program | None:
    shown = pages.shown(path)
    data, bad = pages.front_matter(path, "program.schema.json")
    if data is None or bad is not None:
        return None
    return Program(
        slug=path.stem,
        title=data["title"].strip(),
        summary=" ".join(data["summary"].split()),
        audience=tuple(data["audience"]),
        src_uri=path.relative_to(pages.settings.docs_dir).as_posix(),
        location=SourceLocation(shown, data.line),
        order=data.get("order", 100),
    )
