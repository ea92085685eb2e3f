"""The Nu Html Checker (vnu-jar, pinned by package-lock.json) finds no error in any built page.

KWCAG 2.2 item 8.1.1 asks for markup without errors. Every HTML file of the real site is
checked, the 404 page, the event embed and the e-mail editions included. `make test` runs
scripts/install-vnu.sh first (a headless JRE from Debian and `npm ci`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import REPO, BuildResult

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files: list[Path]) -> list[dict]:
    """vnu's error messages (errors only, JSON) for the given files."""
    if not shutil.which("java") or not VNU_JAR.exists():
        pytest.fail("the Nu Html Checker is not installed: run scripts/install-vnu.sh")
    proc = subprocess.run(
        ["java", "-Xss1m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(proc.stderr or proc.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_built_page_is_valid_html(real_site: BuildResult) -> None:
    files = sorted(real_site.site_dir.rglob("*.html"))
    assert real_site.site_dir / "404.html" in files
    assert real_site.site_dir / "embed" / "events" / "index.html" in files
    errors: dict[str, list[str]] = defaultdict(list)
    for message in run_vnu(files):
        page = message.get("url", "").removeprefix(real_site.site_dir.as_uri() + "/")
        errors[page].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    total = sum(len(v) for v in errors.values())
    assert not errors, f"{total} Nu Html Checker errors in {len(errors)} files: " + json.dumps(
        dict(errors), ensure_ascii=False, indent=1
    )
