"""`make bench`: the scale bench of issue 15 (bench/scale.py). Figures, not pass/fail.

`python bench/run.py [scale.py options]` runs bench/scale.py (10× and 20× corpora, eduhub vs
Material's blog plugin vs plain MkDocs, cold/warm/serve, JSON + Markdown in bench/out/).
`python bench/run.py --all` also runs every older bench/bench_*.py script afterwards.
"""

from __future__ import annotations

import compileall
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    run_all = "--all" in argv
    args = [a for a in argv if a != "--all"]
    scripts = [(HERE / "scale.py", args)]
    if run_all:
        scripts += [(script, []) for script in sorted(HERE.glob("bench_*.py"))]
    # Byte-compiled like a package pip installs: with PYTHONDONTWRITEBYTECODE set (as on the
    # machine this bench was first run on) an edited module of the editable install would be
    # compiled again by every build it times (0.16 s a process), which MkDocs' never are.
    compileall.compile_dir(HERE.parent / "plugins", quiet=1)
    failed = 0
    for script, script_args in scripts:
        print(f"\n== {script.name} ==", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script), *script_args], cwd=HERE.parent)
        print(
            f"-- {script.name}: exit {code}, {time.perf_counter() - started:.1f} s wall", flush=True
        )
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
