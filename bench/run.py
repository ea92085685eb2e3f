"""Runs every bench/bench_*.py and prints its figures. Figures, not pass/fail."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    failed = 0
    for script in scripts:
        print(f"\n== {script.name} ==", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(
            f"-- {script.name}: exit {code}, {time.perf_counter() - started:.1f} s wall", flush=True
        )
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
