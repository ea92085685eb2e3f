"""Feed figures (not pass/fail): feed and e-mail edition sizes, and the time the newsletter
feature spends on them, for the real site and for a synthetic site of 1,000 issues.

Builds run in this process (MkDocs API) with the feature's methods wrapped in timers.
Usage: .venv/bin/python bench/bench_feeds.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import BUILD_EPOCH, SiteProject  # noqa: E402
from eduhub.newsletter.feature import NewsletterFeature  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

ISSUES, NEWS = 1000, 300
TIMED = ("page_rendered", "page_context", "feeds", "email_editions")
timings: dict[str, float] = defaultdict(float)


def _timed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()  # CPU time: other jobs on the machine do not count
        try:
            return method(*args, **kwargs)
        finally:
            timings[name] += time.process_time() - began

    return wrapper


for _name in TIMED:
    setattr(NewsletterFeature, _name, _timed(_name, getattr(NewsletterFeature, _name)))


def run_build(config_file: Path, site_dir: Path) -> tuple[float, float]:
    timings.clear()
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    began, began_cpu = time.perf_counter(), time.process_time()
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - began, time.process_time() - began_cpu


def report(label: str, site_dir: Path, total: tuple[float, float]) -> None:
    print(f"\n{label}")
    print(f"  whole build                {total[0]:8.2f} s wall, {total[1]:.2f} s CPU")
    for name in TIMED:
        print(f"  feature.{name:<18} {timings[name] * 1000:8.0f} ms CPU")
    feeds = [site_dir / "feed.xml", site_dir / "atom.xml", site_dir / "feed.json"]
    for path in feeds:
        print(f"  {path.name:<26} {path.stat().st_size / 1024:8.1f} KB")
    per_category = sorted((site_dir / "feeds").glob("*.xml"))
    sizes = [p.stat().st_size for p in per_category]
    if sizes:
        print(
            f"  feeds/<category>.xml       {sum(sizes) / 1024:8.1f} KB in {len(sizes)} files"
            f" (largest {max(sizes) / 1024:.1f} KB)"
        )
    emails = [p.stat().st_size for p in site_dir.glob("newsletter/*/email.html")]
    if emails:
        print(
            f"  newsletter/<n>/email.html  {sum(emails) / 1024:8.1f} KB in {len(emails)} files"
            f" (largest {max(emails) / 1024:.1f} KB)"
        )


def synthetic_site(root: Path) -> SiteProject:
    rng = random.Random(11)
    words = [
        w
        for p in sorted((REPO / "content").rglob("*.md"))
        for w in p.read_text(encoding="utf-8").split()
        if w.isalnum()
    ] or ["진로", "진학"]
    slugs = ["policy", "admissions", "credit-system", "programs", "study", "center"]

    def sentence(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n)) + "."

    site = SiteProject(root)
    site.config["nav"] = ["index.md", "newsletter/index.md", "news/index.md", "subscribe/index.md"]
    site.config["plugins"] = [p for p in site.config["plugins"] if p != "search"]
    for name in ("newsletter/index.md", "news/index.md", "subscribe/index.md"):
        site.write(name, "# 목록\n")
    site.write("pdf/sample.pdf", b"%PDF-1.4\n" + b"0" * 400_000)
    start = date(2000, 1, 3)
    for n in range(1, ISSUES + 1):
        day = start + timedelta(days=9 * n)
        body = []
        for s in range(4):
            body.append(f"## {sentence(3)}\n")
            body += [
                f"{sentence(rng.randint(15, 30))} [관련 안내](../../news/n{s}.md)\n"
                for _ in range(3)
            ]
        cats = rng.sample(slugs, k=rng.randint(0, 2))
        pdf = "pdf: ../../pdf/sample.pdf\n" if n % 4 == 0 else ""
        site.write(
            f"newsletter/issues/{n:04d}.md",
            f"---\ntitle: {sentence(4)[:-1]}\nissue: {n}\ndate: {day}\n"
            f"summary: {sentence(12)}\ncategories: [{', '.join(cats)}]\n{pdf}---\n\n"
            + "\n".join(body),
            dedent=False,
        )
    for n in range(NEWS):
        day = start + timedelta(days=30 * n + 5)
        site.write(
            f"news/n{n}.md",
            f"---\ntitle: {sentence(4)[:-1]}\ndate: {day}\nsummary: {sentence(10)}\n"
            f"categories: [{rng.choice(slugs)}]\n---\n\n{sentence(40)}\n",
            dedent=False,
        )
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8"
    )
    return site


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "real"
        total = run_build(REPO / "mkdocs.yml", out)
        report("real site (feed_limit from mkdocs.yml)", out, total)

        synthetic = synthetic_site(Path(tmp) / "synthetic")
        out = Path(tmp) / "synthetic-site"
        total = run_build(synthetic.root / "mkdocs.yml", out)
        report(f"synthetic: {ISSUES:,} issues + {NEWS} announcements, feed_limit 50", out, total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
