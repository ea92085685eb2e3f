"""What a successful build tells `eduhub build`, which then need not load the content again.

`eduhub build` names a file in `EDUHUB_BUILD_REPORT`; the plugin writes its report there when
the build succeeded. No report means the plugin did not run (an engine that ignores it, a
typo in mkdocs.yml): `eduhub build` then loads the content and checks the output itself
(verify.py). Light on purpose: a build that changes nothing imports no more than this.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPORT_ENV = "EDUHUB_BUILD_REPORT"


@dataclass(frozen=True)
class BuildReport:
    """What a successful build tells `eduhub build`: the files it promised (None: not
    known, load the content), and whether it changed nothing at all (the build cache found
    every input as the live folder's build had them, and that folder as it left it)."""

    promised: list[str] | None
    unchanged: bool


def write_report(
    environ: Mapping[str, str], promised: list[str] | None, *, unchanged: bool
) -> None:
    """The report, when `eduhub build` asked for one (nothing otherwise)."""
    target = environ.get(REPORT_ENV, "").strip()
    if not target:
        return
    path = Path(target)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"promised": promised, "unchanged": unchanged}), "utf-8")
    os.replace(partial, path)


def read_report(path: Path) -> BuildReport | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    promised = data.get("promised") if isinstance(data, dict) else None
    if not isinstance(promised, list) or not all(isinstance(p, str) for p in promised):
        promised = None
    return BuildReport(promised, isinstance(data, dict) and data.get("unchanged") is True)


def missing_files(site_dir: Path, promised: list[str]) -> list[str]:
    missing = []
    for relative in promised:
        path = site_dir / relative
        if not path.is_file() or path.stat().st_size == 0:
            missing.append(relative)
    return sorted(missing)
