"""Time of `eduhub check` (the console script, Python start-up included) on the real content
and on a synthetic set of 3,000 events. Figures, not pass/fail."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EDUHUB = str(Path(sys.executable).parent / "eduhub")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795305600"}
CATEGORIES = ["briefing", "fair", "counseling", "camp", "lecture", "experience"]
AUDIENCES = ["elementary", "middle", "high", "parents", "teachers"]


def timed(project: Path, runs: int = 5) -> tuple[float, list[float], str, float]:
    """Median wall time, the runs, and the last output line. CPU time is printed too: on a
    busy machine it is the steadier figure."""
    times, cpu, output = [], [], ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.run(
            [EDUHUB, "check"], cwd=project, env=ENV, capture_output=True, text=True
        )
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        output = (
            (proc.stdout + proc.stderr).strip().splitlines()[-1]
            if proc.stdout or proc.stderr
            else ""
        )
    return statistics.median(times), times, output, statistics.median(cpu)


def synthetic(root: Path, events: int = 3000, per_file: int = 300) -> None:
    """The real mkdocs.yml and programs, plus `events` valid events in files of `per_file`."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    content = root / "content"
    (content / "programs").mkdir(parents=True)
    programs = [f"program-{n}" for n in range(12)]
    for slug in programs:
        (content / "programs" / f"{slug}.md").write_text(
            f"---\ntitle: 프로그램 {slug}\nsummary: 요약\naudience: [high]\n---\n\n# {slug}\n",
            encoding="utf-8",
        )
    (content / "index.md").write_text("# 홈\n", encoding="utf-8")
    folder = content / "events"
    folder.mkdir()
    for start in range(0, events, per_file):
        lines = [f"# 합성 행사 {start + 1}~{start + per_file}\n"]
        for n in range(start, min(start + per_file, events)):
            day = 1 + n % 28
            month = 1 + (n // 28) % 12
            year = 2020 + n // 336
            lines.append(
                f"- id: synthetic-{n:05d}\n"
                f'  title: "합성 행사 {n}: 대입 설명회"\n'
                f'  summary: "성능 측정용 행사 {n}"\n'
                f"  description: |\n    **설명** {n}번째 행사입니다.\n"
                f'  start: "{year}-{month:02d}-{day:02d} 14:00"\n'
                f'  end: "{year}-{month:02d}-{day:02d} 16:00"\n'
                f"  location: 금천진로진학지원센터\n"
                f"  audience: [{AUDIENCES[n % 5]}]\n"
                f"  category: {CATEGORIES[n % len(CATEGORIES)]}\n"
                f"  program: {programs[n % len(programs)]}\n"
                f'  registration:\n    opens: "{year}-{month:02d}-01"\n    capacity: 30\n\n'
            )
        (folder / f"synthetic-{start // per_file:02d}.yml").write_text(
            "".join(lines), encoding="utf-8"
        )


def main() -> None:
    print(
        f"load average (1/5/15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())}, "
        f"{os.cpu_count()} CPUs"
    )
    median, times, last, cpu = timed(REPO)
    print(
        f"eduhub check, real content: median {median:.2f} s wall, {cpu:.2f} s CPU "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(f"  last line: {last}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        synthetic(root)
        size = sum(p.stat().st_size for p in (root / "content" / "events").glob("*.yml"))
        median, times, last, cpu = timed(root)
        print(
            f"eduhub check, 3,000 synthetic events ({size / 1e6:.1f} MB of YAML in 10 files): "
            f"median {median:.2f} s wall, {cpu:.2f} s CPU "
            f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
        )
        print(f"  last line: {last}")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import eduhub.cli"], check=True)
    print(f"python start-up + import eduhub.cli: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
