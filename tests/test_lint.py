"""The house style is enforced, not hoped for: ruff lint and format, and a mypy-clean package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUFF = [sys.executable, "-m", "ruff"]
TREES = ["plugins", "tests", "bench"]


def test_ruff_lint_is_clean() -> None:
    proc = subprocess.run([*RUFF, "check", *TREES], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_applied() -> None:
    proc = subprocess.run(
        [*RUFF, "format", "--check", *TREES], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_package_is_mypy_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "plugins/eduhub"], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
