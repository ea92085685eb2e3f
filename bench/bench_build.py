"""Build time of the real site (strict), three runs: the figure for the foundation issue."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", tmp],
                cwd=REPO,
                check=True,
                env={**os.environ, "SOURCE_DATE_EPOCH": "1795305600"},
            )
            times.append(time.perf_counter() - started)
            pages = sum(1 for _ in Path(tmp).rglob("*.html"))
            size = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
    print(f"real site: {pages} HTML files, {size / 1e6:.1f} MB on disk")
    print(
        f"mkdocs build --strict: median {statistics.median(times):.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )


if __name__ == "__main__":
    main()
