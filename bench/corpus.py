"""One synthetic site for benchmarks and before/after comparisons.

`make_corpus(dest, issues=N, events=M)` copies the real project (mkdocs.yml, content/,
overrides/) into `dest` and adds N newsletter issues, N/3 announcements and M events of every
kind (timed, all-day, multi-day, weekly with exceptions, cancelled, with registration, linked
to a program). Deterministic: the same arguments give the same files. Imports nothing from
eduhub, so the same corpus can be built by any revision of the plugin.

Usage: python bench/corpus.py DEST [--issues 1000] [--events 3000]
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AUDIENCES = ["elementary", "middle", "high", "parents", "teachers"]
EVENT_CATEGORIES = [
    "briefing",
    "fair",
    "counseling",
    "camp",
    "lecture",
    "experience",
    "admissions-schedule",
]
NEWS_CATEGORIES = ["policy", "admissions", "credit-system", "programs", "study", "center"]
FIRST_ISSUE = 100  # real issues are 1..99 at most; synthetic ones never collide


def _words() -> list[str]:
    words = [
        w
        for p in sorted((REPO / "content").rglob("*.md"))
        for w in p.read_text(encoding="utf-8").split()
        if w.isalnum()
    ]
    return words or ["진로", "진학"]


def _programs() -> list[str]:
    return sorted(p.stem for p in (REPO / "content" / "programs").glob("*.md") if p.stem != "index")


def make_corpus(dest: Path, *, issues: int = 1000, events: int = 3000, seed: int = 11) -> Path:
    """Write the corpus into `dest` (created; must not exist or be empty). Returns mkdocs.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("content", "overrides"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder, dirs_exist_ok=True)
    rng = random.Random(seed)
    words = _words()
    programs = _programs()
    content = dest / "content"

    def sentence(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n)) + "."

    def write(relative: str, text: str) -> None:
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    start = date(2016, 3, 2)
    span = (date(2026, 11, 1) - start).days
    for n in range(issues):
        number = FIRST_ISSUE + n
        day = start + timedelta(days=span * n // max(issues, 1))
        body = []
        for s in range(4):
            body.append(f"## {sentence(3)}\n")
            body += [f"{sentence(rng.randint(15, 30))}\n" for _ in range(3)]
            if s == 1:
                body.append("- **준비물**: 필기구\n- 신청은 센터 누리집에서\n")
        cats = rng.sample(NEWS_CATEGORIES, k=rng.randint(0, 2))
        write(
            f"newsletter/synthetic/{number:05d}.md",
            f"---\ntitle: {sentence(4)[:-1]}\nissue: {number}\ndate: {day}\n"
            f"summary: {sentence(12)}\ncategories: [{', '.join(cats)}]\n---\n\n"
            f"# {sentence(4)[:-1]}\n\n" + "\n".join(body),
        )
    for n in range(issues // 3):
        day = start + timedelta(days=span * n // max(issues // 3, 1) + 3)
        write(
            f"news/synthetic-{n:05d}.md",
            f"---\ntitle: {sentence(4)[:-1]}\ndate: {day}\nsummary: {sentence(10)}\n"
            f"categories: [{rng.choice(NEWS_CATEGORIES)}]\n---\n\n"
            f"# {sentence(4)[:-1]}\n\n{sentence(40)}\n\n{sentence(30)}\n",
        )
    files: dict[str, list[str]] = {}
    first = date(2025, 12, 1)
    for n in range(events):
        day = first + timedelta(days=rng.randint(0, 400))
        lines = [
            f"- id: synthetic-{n:05d}",
            f"  title: '합성 행사 {n}번 {sentence(2)[:-1]} <설명회> & \"특강\"'",
            f"  summary: {sentence(10)}",
            "  description: |",
            f"    **준비물**: 필기구. {sentence(20)}",
            "",
            f"    {sentence(25)}",
        ]
        kind = n % 10
        if kind < 5:
            hour = rng.randint(9, 18)
            lines += [f'  start: "{day} {hour:02d}:00"', f'  end: "{day} {hour + 2:02d}:30"']
        elif kind < 7:
            lines += [f'  start: "{day}"']
        elif kind < 9:
            lines += [f'  start: "{day}"', f'  end: "{day + timedelta(days=rng.randint(1, 3))}"']
        else:
            lines += [
                f'  start: "{day} 16:00"',
                f'  end: "{day} 19:00"',
                "  repeat:",
                "    freq: weekly",
                f'    until: "{day + timedelta(weeks=12)}"',
                f'    except: ["{day + timedelta(weeks=3)}"]',
            ]
        if n % 4 == 0:
            lines.append("  online: https://example.org/live")
        else:
            lines.append(f"  location: 금천진로진학지원센터 {rng.randint(1, 5)}층")
        lines += [
            f"  audience: [{', '.join(rng.sample(AUDIENCES, k=rng.randint(1, 3)))}]",
            f"  category: {rng.choice(EVENT_CATEGORIES)}",
        ]
        if programs and n % 2 == 0:
            lines.append(f"  program: {rng.choice(programs)}")
        if n % 3 == 0:
            lines += [
                "  registration:",
                f'    opens: "{day - timedelta(days=20)}"',
                f'    closes: "{day - timedelta(days=2)}"',
                f"    capacity: {rng.randint(10, 200)}",
            ]
        if n % 50 == 0:
            lines.append("  status: cancelled")
        files.setdefault(f"events/synthetic-{day:%Y-%m}.yml", []).append("\n".join(lines))
    for name, items in sorted(files.items()):
        write(name, "\n\n".join(items) + "\n")
    return dest / "mkdocs.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--issues", type=int, default=1000)
    parser.add_argument("--events", type=int, default=3000)
    args = parser.parse_args()
    print(make_corpus(args.dest, issues=args.issues, events=args.events))


if __name__ == "__main__":
    main()
