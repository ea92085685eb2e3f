"""Differential search for wrong cache hits: warm builds against clean ones, byte for byte.

A copy of the real site (`bench/corpus.py` with no synthetic items) is edited step by step
at random (titles, bodies, dates, categories, drafts, events, programs, new and deleted
pages, linked files, the build instant). After each step the site is built twice:

- warm: `mkdocs build` into the same folder every step (the cache in `.cache/eduhub/`), or
  with `--eduhub`, `eduhub build --site-dir` (a new folder swapped in, made from the spare
  folder, spare.py; the spare is also tampered with at random: files replaced, added and
  deleted);
- clean: the same with the cache off (`EDUHUB_CACHE=0`), into a new folder.

Both must succeed or fail alike, and succeed with the same bytes in every file. The first
step that differs is printed (the edits of the step and the files that differ) and the
search stops with exit code 1. Each step takes about 6 s on the real site. Two searches by
hand found nine kinds of wrong hits (issue 15, ninth session); the edits here are theirs.

Usage: python bench/differential.py [--steps 40] [--seed 1] [--eduhub] [--keep]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402

START_EPOCH = 1795000000  # 2026-11-18 in Seoul
WORDS = ["새", "변경", "안내", "2027", "가나"]


class Site:
    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.content = root / "content"
        self.rng = rng
        self.epoch = START_EPOCH
        self.builds = 0

    def pick(self, *patterns: str) -> Path:
        found = sorted(p for pattern in patterns for p in self.content.glob(pattern))
        found = [p for p in found if p.name != "index.md"]
        return self.rng.choice(found)

    def replace(self, path: Path, pattern: str, make: Callable[[re.Match[str]], str]) -> str:
        text = path.read_text(encoding="utf-8")
        matches = list(re.finditer(pattern, text, re.M))
        if not matches:
            return ""
        match = self.rng.choice(matches)
        path.write_text(text[: match.start()] + make(match) + text[match.end() :], "utf-8")
        return f"{path.relative_to(self.content)}: {match.group(0)[:40]!r}"

    # -- the edits -------------------------------------------------------------------------

    def title(self) -> str:
        path = self.pick("newsletter/issues/*.md", "news/*.md", "programs/*.md")
        word = self.rng.choice(WORDS)
        return self.replace(path, r"^title: (.*)$", lambda m: f"title: {m.group(1)} {word}")

    def heading(self) -> str:
        path = self.pick("newsletter/issues/*.md", "news/*.md", "center/*.md", "about/*.md")
        word = self.rng.choice(WORDS)
        return self.replace(path, r"^#{1,2} (.*)$", lambda m: f"{m.group(0)} {word}")

    def date(self) -> str:
        path = self.pick("newsletter/issues/*.md", "news/*.md")
        day = self.rng.randint(1, 28)
        return self.replace(
            path, r"^date: (\d{4})-(\d\d)-\d\d$", lambda m: f"date: {m[1]}-{m[2]}-{day:02d}"
        )

    def categories(self) -> str:
        path = self.pick("newsletter/issues/*.md", "news/*.md")
        chosen = self.rng.choice(["center", "policy", "admissions", "programs", "study, center"])
        return self.replace(path, r"^categories: \[.*\]$", lambda m: f"categories: [{chosen}]")

    def draft(self) -> str:
        path = self.pick("newsletter/issues/*.md", "news/*.md")
        text = path.read_text(encoding="utf-8")
        if "\ndraft: true\n" in text:
            text = text.replace("\ndraft: true\n", "\n", 1)
        else:
            text = text.replace("---\n", "---\ndraft: true\n", 1)
        path.write_text(text, encoding="utf-8")
        return f"{path.relative_to(self.content)}: draft toggled"

    def audience(self) -> str:
        path = self.pick("programs/*.md")
        chosen = self.rng.choice(["high", "middle, high", "parents", "elementary, parents"])
        return self.replace(path, r"^audience: \[.*\]$", lambda m: f"audience: [{chosen}]")

    def event_title(self) -> str:
        path = self.pick("events/*.yml")
        word = self.rng.choice(WORDS)
        return self.replace(
            path, r'^  title: "?([^"\n]*)"?$', lambda m: f'  title: "{m.group(1)} {word}"'
        )

    def event_time(self) -> str:
        path = self.pick("events/*.yml")
        hour = self.rng.randint(9, 18)
        return self.replace(
            path,
            r'^  start: "(\d{4}-\d\d-\d\d) \d\d:\d\d"$',
            lambda m: f'  start: "{m.group(1)} {hour:02d}:00"',
        )

    def cancel(self) -> str:
        path = self.pick("events/*.yml")
        return self.replace(
            path,
            r"^(?!  status: )((?:- |  )[a-z]+: .*)\n  title: ",
            lambda m: f"{m.group(1)}\n  status: cancelled\n  title: ",
        )

    def instant(self) -> str:
        self.epoch += self.rng.choice([3600, 13 * 3600, 86400, 7 * 86400, 30 * 86400])
        return f"build instant {self.epoch}"

    def new_page(self) -> str:
        number = self.rng.randint(100, 999)
        issue = self.rng.choice(sorted(self.content.glob("newsletter/issues/*.md"))).name
        link = self.rng.choice(
            [
                f"[소식지](../newsletter/issues/{issue})",
                f"[소식지][r]\n\n[r]:\n    ../newsletter/issues/{issue}",
                f"[소식지](\n../newsletter/issues/{issue})",
                f"[소식지](index.md){{: href=../newsletter/issues/{issue}}}",
            ]
        )
        (self.content / "news" / f"new-{number}.md").write_text(
            f"---\ntitle: 새 공지 {number}\ndate: 2026-11-{self.rng.randint(1, 17):02d}\n"
            f"summary: 요약 {number}\ncategories: [center]\n---\n\n# 새 공지 {number}\n\n"
            f"{link}\n",
            encoding="utf-8",
        )
        return f"news/new-{number}.md added, {link!r}"

    def remove_page(self) -> str:
        added = sorted(self.content.glob("news/new-*.md"))
        if not added:
            return ""
        path = self.rng.choice(added)
        path.unlink()
        return f"{path.relative_to(self.content)} deleted"

    def linked_file(self) -> str:
        """A PDF linked from a page, in one of the forms MkDocs resolves, added or removed
        with its link (a link to a missing file fails both builds alike)."""
        page = self.content / "news" / "counseling-2026.md"
        pdf = self.content / "news" / "files" / "신청서 (1).pdf"
        text = page.read_text(encoding="utf-8")
        marker = "\n\n<!-- differential -->\n"
        if pdf.exists():
            pdf.unlink()
            page.write_text(text.split(marker)[0], encoding="utf-8")
            return "linked PDF removed with its link"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
        link = self.rng.choice(
            ["[신청서](files/신청서 (1).pdf)", "[신청서](<files/신청서 (1).pdf>)"]
        )
        page.write_text(text + marker + link + "\n", encoding="utf-8")
        return f"linked PDF added: {link}"

    EDITS = (
        title,
        heading,
        date,
        categories,
        draft,
        audience,
        event_title,
        event_time,
        cancel,
        instant,
        new_page,
        remove_page,
        linked_file,
    )

    # -- the two builds --------------------------------------------------------------------

    def build(self, out: Path, *, cache: bool, eduhub: bool = False) -> tuple[int, str]:
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": str(self.epoch),
            "NO_MKDOCS_2_WARNING": "1",
            "EDUHUB_CACHE": "1" if cache else "0",
        }
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
        if eduhub:
            command = [sys.executable, "-m", "eduhub.cli", "build", "--site-dir", str(out)]
        # (never -q: MkDocs then counts no warning, and --strict passes what it should fail)
        done = subprocess.run(command, cwd=self.root, env=env, capture_output=True, text=True)
        self.builds += 1
        return done.returncode, done.stdout[-1500:] + done.stderr[-1500:]


TAMPER = 0.5  # the share of `--eduhub` steps that change the spare folder


def tamper(spare: Path, rng: random.Random) -> str:
    """Change the spare folder the way a person or a killed build might: a file replaced
    (a new inode), one added, one deleted. Never written in place: that would change the
    live file sharing its inode, which is the live folder's own business (see spare.py)."""
    files = sorted(p for p in spare.rglob("*") if p.is_file()) if spare.is_dir() else []
    if not files:
        return "spare: none"
    done = []
    for _ in range(rng.choice([1, 2, 3])):
        victim = rng.choice(files)
        how = rng.choice(["replaced", "added", "deleted"])
        if how == "replaced" and victim.exists():
            victim.unlink()
            victim.write_bytes(b"tampered")
        elif how == "added":
            (victim.parent / "stray.html").write_bytes(b"stray")
        elif victim.exists():
            victim.unlink()
        done.append(f"{how} {victim.relative_to(spare)}")
    return "spare: " + ", ".join(done)


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def search(work: Path, steps: int, seed: int, *, eduhub: bool = False) -> int:
    site = Site(make_corpus(work / "project", issues=0, events=0).parent, random.Random(seed))
    warm, kept = work / "warm", work / "content-before"
    for step in range(steps + 1):
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(site.content, kept)
        edits = []
        if step:  # (step 0: the first build, nothing edited)
            for _ in range(site.rng.choice([1, 1, 2])):
                edit = site.rng.choice(Site.EDITS)
                edits.append(edit(site) or f"{edit.__name__}: nothing to edit")
            if eduhub and site.rng.random() < TAMPER:
                edits.append(tamper(work / "warm.spare", site.rng))
        clean = work / f"clean-{step}"
        warm_code, warm_log = site.build(warm, cache=True, eduhub=eduhub)
        clean_code, clean_log = site.build(clean, cache=False)
        shown = "; ".join(edits) or "first build"
        if (warm_code == 0) != (clean_code == 0):
            print(f"step {step} ({shown}): warm exit {warm_code}, clean exit {clean_code}")
            print(warm_log if warm_code else clean_log)
            return 1
        if warm_code != 0:  # (both failed: the edits made content the check rejects)
            print(f"step {step}: both builds rejected the edits ({shown}): undone", flush=True)
            shutil.rmtree(site.content)
            shutil.copytree(kept, site.content)
            continue
        if warm_code == 0:
            a, b = digests(warm), digests(clean)
            differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
            if differ:
                print(f"step {step} ({shown}): {len(differ)} files differ, e.g.")
                print("\n".join(f"  {name}" for name in differ[:20]))
                return 1
        shutil.rmtree(clean, ignore_errors=True)
        print(f"step {step}: same ({shown})", flush=True)
    print(f"{steps} steps, {site.builds} builds: every warm build was a clean build's")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--eduhub", action="store_true", help="warm builds by `eduhub build`")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="eduhub-differential-"))
    try:
        return search(work, args.steps, args.seed, eduhub=args.eduhub)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
