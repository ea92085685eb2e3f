"""Event figures (not pass/fail): the time the plugin spends on events for the real site and
for a synthetic set of 3,000 events, phase by phase, plus output sizes.

Phases (CPU time, in this process): loading + validation (`load_content`, events only
counted separately), pages (`virtual_pages` + `page_context` of every events page), iCalendar
(`outputs` minus JSON) and JSON. Then one whole MkDocs build of the synthetic site (wall time),
because MkDocs rendering 3,000 pages is what a maintainer will actually wait for.
Usage: .venv/bin/python bench/bench_events.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import BUILD_EPOCH, SiteProject, base_config  # noqa: E402
from eduhub.build import SiteBuild  # noqa: E402
from eduhub.dates import build_datetime  # noqa: E402
from eduhub.events.feature import EventsFeature  # noqa: E402
from eduhub.events.ics import calendars  # noqa: E402
from eduhub.events.jsonout import events_json  # noqa: E402
from eduhub.models import AUDIENCES, Category  # noqa: E402
from eduhub.settings import Settings  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
from corpus import EVENT_CATEGORIES  # noqa: E402

EVENTS = 3000
CATEGORIES = EVENT_CATEGORIES  # the corpus generator's list, one copy


def cpu(function, *args):
    began = time.process_time()
    result = function(*args)
    return result, time.process_time() - began


def synthetic_events(rng: random.Random) -> dict[str, str]:
    """`EVENTS` events in 12 monthly files around the build date (2026-11-22)."""
    files: dict[str, list[str]] = {}
    first = date(2026, 3, 1)
    audiences = list(AUDIENCES)
    for n in range(EVENTS):
        day = first + timedelta(days=rng.randint(0, 365))
        lines = [
            f"- id: event-{n:05d}",
            f"  title: '합성 행사 {n}번 <설명회> & \"특강\", 세미콜론;'",
            f"  summary: 금천구 학생과 학부모를 위한 {n}번째 행사입니다.",
            "  description: |",
            "    **준비물**: 필기구, 학생부 사본",
            "",
            "    자세한 안내는 센터로 문의하세요.",
        ]
        kind = n % 10
        if kind < 6:
            hour = rng.randint(9, 18)
            lines += [f'  start: "{day} {hour:02d}:00"', f'  end: "{day} {hour + 2:02d}:00"']
        elif kind < 9:
            lines += [f'  start: "{day}"', f'  end: "{day + timedelta(days=rng.randint(0, 2))}"']
        else:
            lines += [
                f'  start: "{day} 15:00"',
                f'  end: "{day} 17:00"',
                "  repeat:",
                "    freq: weekly",
                f'    until: "{day + timedelta(weeks=20)}"',
                f'    except: ["{day + timedelta(weeks=3)}"]',
            ]
        lines += [
            f"  location: 금천진로진학지원센터 {rng.randint(1, 5)}층",
            f"  audience: [{', '.join(rng.sample(audiences, k=rng.randint(1, 3)))}]",
            f"  category: {rng.choice(CATEGORIES)}",
        ]
        if n % 3 == 0:
            lines += [
                "  registration:",
                "    url: https://example.org/apply",
                f'    opens: "{day - timedelta(days=20)}"',
                f'    closes: "{day - timedelta(days=2)}"',
                "    capacity: 100",
            ]
        if n % 50 == 0:
            lines.append("  status: cancelled")
        files.setdefault(f"events/{day:%Y-%m}.yml", []).append("\n".join(lines))
    return {name: "\n".join(items) + "\n" for name, items in files.items()}


def synthetic_site(root: Path) -> SiteProject:
    config = base_config()
    config["plugins"] = [p for p in config["plugins"] if p != "search"]
    config["nav"] = ["index.md", "events/index.md", "calendar/index.md"]
    site = SiteProject(root, config)
    site.write("events/index.md", "# 행사·일정\n")
    site.write("calendar/index.md", "# 일정 구독하기\n")
    for name, text in synthetic_events(random.Random(4)).items():
        site.write(name, text, dedent=False)
    return site


def settings_for(docs: Path) -> Settings:
    plugin = next(
        p["eduhub"] for p in base_config()["plugins"] if isinstance(p, dict) and "eduhub" in p
    )
    return Settings(
        site_url="https://example.org/",
        site_name="교육금천",
        docs_dir=docs,
        project_dir=docs.parent,
        build_time=build_datetime({"SOURCE_DATE_EPOCH": BUILD_EPOCH}),
        event_categories=tuple(Category(**c) for c in plugin["event_categories"]),
        newsletter_categories=tuple(Category(**c) for c in plugin["newsletter_categories"]),
    )


def phases(label: str, docs: Path) -> None:
    settings = settings_for(docs)
    print(f"\n{label}")
    site, load_time = cpu(SiteBuild, settings)  # every content file; the synthetic site: events
    if site.problems:
        print(f"  content has {len(site.problems)} problems (someone is editing it?): skipped")
        return
    feature = next(f for f in site.features if isinstance(f, EventsFeature))
    content = site.index.content
    events = content.events
    print(f"  events                      {len(events):8,d} in {len(content.event_files)} files")
    print(f"  loading + validation        {load_time * 1000:8.0f} ms CPU (all content)")
    srcs = [
        "events/index.md",
        "events/archive.md",
        "embed/events/index.md",
        "calendar/index.md",
        "index.md",
    ]

    def pages():
        sources = feature.virtual_pages()
        for src in [*sources, *srcs]:
            feature.page_context(src)
        return sources

    sources, page_time = cpu(pages)
    print(f"  pages: {len(sources):,} sources + contexts {page_time * 1000:8.0f} ms CPU")
    ics, ics_time = cpu(calendars, events, settings)
    print(f"  iCalendar: {len(ics):,} files     {ics_time * 1000:8.0f} ms CPU")
    data, json_time = cpu(events_json, events, settings, content.programs)
    print(f"  events.json                 {json_time * 1000:8.0f} ms CPU")
    total = load_time + page_time + ics_time + json_time
    print(f"  events total                {total * 1000:8.0f} ms CPU")
    print(f"  size events.ics             {len(ics['events.ics']) / 1024:8.1f} KB")
    print(f"  size events.json            {len(data) / 1024:8.1f} KB")


def whole_build(site: SiteProject, out: Path) -> None:
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (site.root / "mkdocs.yml").write_text(
        yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8"
    )
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    config = load_config(str(site.root / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    began, began_cpu = time.perf_counter(), time.process_time()
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    index = (out / "events" / "index.html").stat().st_size
    print(
        f"  whole MkDocs build          {time.perf_counter() - began:8.2f} s wall,"
        f" {time.process_time() - began_cpu:.2f} s CPU; /events/ page {index / 1024:.0f} KB"
    )


def main() -> int:
    phases("real site (content/events)", REPO / "content")
    with tempfile.TemporaryDirectory() as tmp:
        site = synthetic_site(Path(tmp) / "synthetic")
        phases(f"synthetic: {EVENTS:,} events", site.root / "content")
        whole_build(site, Path(tmp) / "site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
