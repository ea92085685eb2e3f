"""Resource guard: an alias bomb and a 50 MB file are refused quickly and in little memory.

`eduhub check` runs in a subprocess limited to 1 GB of address space (RLIMIT_AS) and 60 s,
on a copy of the real site with the hostile files planted. Figures measured on the 2-core
development machine: see docs/developer/security.md.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import BUILD_EPOCH, REPO

LIMIT_BYTES = 1 << 30
TIMEOUT = 60

# Ten lines of anchors: 10**10 leaves once expanded.
BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
)


def real_site_copy(root: Path) -> Path:
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def limited_check(root: Path) -> tuple[int, str, float, float]:
    """(exit code, output, seconds, peak MB) of `eduhub check` under the limits."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))

    # The child reports its own peak on the way out: VmHWM (KB) belongs to the program after
    # exec; ru_maxrss would also count the pytest process it was forked from.
    code = (
        "import atexit, sys\n"
        "hwm = lambda: next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "atexit.register(lambda: print('PEAK', hwm(), file=sys.stderr))\n"
        "from eduhub.cli import main\n"
        "sys.exit(main())"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, "-f", str(root / "mkdocs.yml"), "check"],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit,
        timeout=TIMEOUT,
    )
    seconds = time.perf_counter() - start
    peaks = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("PEAK ")]
    return proc.returncode, proc.stdout + proc.stderr, seconds, int(peaks[-1]) / 1024


def assert_refused_cleanly(code: int, output: str, expected: list[str]) -> None:
    assert code == 1, output
    assert "Traceback" not in output and "MemoryError" not in output, output
    for line in expected:
        assert any(out.startswith(line) for out in output.splitlines()), f"{line!r}\n{output}"


def test_alias_bomb_in_events_and_front_matter_is_refused(tmp_path: Path) -> None:
    root = real_site_copy(tmp_path)
    indented = BOMB.replace("\n", "\n  ")
    (root / "content/events/bomb.yml").write_text(
        f"- id: bomb-event\n  title: 폭탄\n  {indented}\n", encoding="utf-8"
    )
    (root / "content/news/bomb.md").write_text(
        f"---\ntitle: 폭탄\ndate: 2026-01-01\nsummary: 요약\n{BOMB}\n---\n\n본문\n",
        encoding="utf-8",
    )
    code, output, seconds, peak = limited_check(root)
    assert_refused_cleanly(
        code,
        output,
        [
            "content/events/bomb.yml:3: a0: YAML 앵커(&a0)는 쓸 수 없습니다",
            "content/news/bomb.md:5: a0: YAML 앵커(&a0)는 쓸 수 없습니다",
        ],
    )
    print(f"alias bomb: {seconds:.1f} s, peak {peak:.0f} MB")
    assert seconds < 20 and peak < 200


def test_50_megabyte_files_are_refused_without_being_read(tmp_path: Path) -> None:
    root = real_site_copy(tmp_path)
    line = "[링크](../news/a.md) 본문 [x](y) `code` ![그림](z.png) <a href='q'>q</a>\n"
    with (root / "content/news/huge.md").open("w", encoding="utf-8") as handle:
        handle.write("---\ntitle: 큰 파일\ndate: 2026-01-01\nsummary: 요약\n---\n\n")
        handle.write(line * (50_000_000 // len(line.encode())))
    with (root / "content/events/huge.yml").open("w", encoding="utf-8") as handle:
        handle.write("- id: huge\n  title: '" + "가" * (50_000_000 // 3) + "'\n")
    code, output, seconds, peak = limited_check(root)
    assert_refused_cleanly(
        code,
        output,
        [
            "content/news/huge.md:1: 파일이 너무 큽니다 (50,",
            "content/events/huge.yml:1: 파일이 너무 큽니다 (50,",
        ],
    )
    print(f"50 MB files: {seconds:.1f} s, peak {peak:.0f} MB")
    assert seconds < 20 and peak < 200


def test_markdown_that_would_take_hours_stops_at_the_default_limit(tmp_path: Path) -> None:
    """Python-Markdown is quadratic on unclosed links: a page just under the size limit and an
    event description of 20,000 `[a][` would take hours and minutes; the default time limit
    (10 s per body) makes each a problem."""
    root = real_site_copy(tmp_path)
    (root / "content/news/slow.md").write_text(
        "---\ntitle: 느린 글\ndate: 2026-01-01\nsummary: 요약\n---\n\n" + "[a](" * 240_000,
        encoding="utf-8",
    )
    (root / "content/events/slow.yml").write_text(
        "- id: slow-event\n  title: 행사\n  start: 2026-12-05\n  audience: [high]\n"
        "  category: briefing\n  description: |\n    소개\n\n    " + "[a][" * 20_000 + "\n",
        encoding="utf-8",
    )
    code, output, seconds, peak = limited_check(root)
    assert_refused_cleanly(
        code,
        output,
        [
            "content/news/slow.md:6: 본문을 HTML로 바꾸는 데 10초가 넘게 걸려 멈췄습니다",
            "content/events/slow.yml:7: description: 본문을 HTML로 바꾸는 데 10초가",
        ],
    )
    print(f"slow Markdown: {seconds:.1f} s, peak {peak:.0f} MB")
    assert seconds < 40
