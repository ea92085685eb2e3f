"""Issue 15: eduhub at ten years of content against Material's blog plugin and plain MkDocs.

Generates the 10x and 20x corpora (`bench/corpus.py`) into a temporary folder and builds, on
the same text:

- **eduhub**: the corpus itself (real content + N issues, N/3 announcements, M events);
- **floor**: the same issue, announcement and event bodies as plain Markdown pages, as many
  pages as eduhub makes, MkDocs + Material, no plugin, a two-entry nav;
- **peer**: the same N issues as posts of Material's blog plugin (with Material's search,
  what a user would pick instead).

Timings are paired and interleaved (each round runs every system once, in a rotated order),
n rounds, medians. Every build is `python -m mkdocs build` in a child process; peak RSS is
the child's (`os.wait4`, which includes the child's own children). Cases:

- cold fresh: no `.cache/`, a new output folder;
- cold over existing: no `.cache/`, over the `site/` of a previous build;
- warm none: `eduhub build --site-dir site/` (what `make build` runs) again, nothing changed
  (`.cache/` kept; it builds into a new folder and swaps it in, or keeps the live one);
- warm one: `eduhub build` again after one issue was edited;
- growth: eduhub 20x cold fresh, in the first round(s) (`--growth-rounds`, default 1) of
  the cold fresh rounds; the ratio is against the median of the 10x cold fresh runs;
- serve: a real `mkdocs serve`, an issue, an event and a guide page in the nav edited in
  turn, the page polled over HTTP from the moment the file is written until the server
  returns the new bytes.

Writes `OUT/scale.json` and `OUT/scale.md` and prints the table. Figures, not pass/fail.

The floor has as many pages as eduhub renders with the theme: the /go/ short links (1-KB
redirects written without it) are not counted.

Usage: python bench/scale.py [--n 3] [--existing-rounds 2] [--growth-rounds 1] [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import FIRST_ISSUE, make_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BUILD_EPOCH = "1795305600"  # a fixed build date: same bytes every run
MIB = 1024 * 1024

TARGETS = {
    "eduhub/peer cold fresh": ("<", 1.0),
    "eduhub/floor cold fresh": ("<=", 1.25),
    "warm none changed (s)": ("<=", 3.0),
    "warm one issue changed (s)": ("<=", 3.0),
    "serve: issue edit visible (s)": ("<=", 2.0),
    "serve: event edit visible (s)": ("<=", 2.0),
    "growth 20x/10x": ("<=", 2.2),
    "peak RSS (MiB)": ("<=", 1024.0),
    "/events/ HTML (KB)": ("<", 200.0),
    "real site cold fresh (s)": ("<=", 2.0),
}


@dataclass
class Run:
    system: str
    case: str
    round: int
    wall: float
    user: float
    sys: float
    rss_mib: float
    ok: bool
    files: int = 0
    mbytes: float = 0.0


@dataclass
class Project:
    """One buildable MkDocs project and what it contains."""

    name: str
    config: Path
    pages: int = 0
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.config.parent

    @property
    def site(self) -> Path:
        return self.root / "site"


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1", **extra)
    return env


def timed(
    cmd: list[str], cwd: Path, log: Path, **env: str
) -> tuple[float, float, float, float, int]:
    """Run `cmd`; (wall s, user s, sys s, peak RSS MiB, exit code) of the child and its own
    children (wait4 reports the larger of the child's peak and its waited-for children's)."""
    with log.open("ab") as err:
        err.write(("\n$ " + " ".join(cmd) + "\n").encode())
        err.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(**env), stdout=err, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def mkdocs_build(project: Project, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(project.config),
        "-d",
        str(out),
    ]


def eduhub_build(project: Project, out: Path) -> list[str]:
    """`eduhub build` (what `make build` and the deploy workflow run) into `out`."""
    command = [sys.executable, "-m", "eduhub.cli", "-f", str(project.config), "build"]
    return [*command, "--site-dir", str(out)]


def tree_stats(folder: Path) -> tuple[int, int, int]:
    """(files, bytes, HTML pages named index.html). The /go/ short links are not counted as
    pages: each is a 1-KB redirect written without the theme, and counting them would pad
    the floor with thousands of full Material pages eduhub does not render."""
    files = size = pages = 0
    go = os.path.join(str(folder), "go")
    for dirpath, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, name))
            pages += name == "index.html" and not dirpath.startswith(go + os.sep)
    return files, size, pages


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# --- the three projects -------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its `!ENV` and `!!python/name` tags read as plain values."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    return None


_Loader.add_multi_constructor("!", _tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tag)


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"^---\n(.*?)\n---\n?", text, re.S)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end() :]


def _theme(corpus: Path) -> tuple[dict[str, Any], list[Any], str]:
    """Material theme settings and Markdown extensions of the real mkdocs.yml, without the
    eduhub-only parts (custom_dir overrides and the plugin's favicon)."""
    config = yaml.load((corpus / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    theme = {k: v for k, v in config["theme"].items() if k not in ("custom_dir", "favicon")}
    return theme, config.get("markdown_extensions", []), config.get("site_name", "site")


def _events(corpus: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted((corpus / "content" / "events").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("events", [])
        items += [e for e in data or [] if isinstance(e, dict) and "id" in e]
    return items


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_floor(corpus: Path, dest: Path, pages: int) -> Project:
    """The same bodies as plain pages, padded with further issue bodies to `pages` pages."""
    theme, extensions, site_name = _theme(corpus)
    docs = dest / "docs"
    content = corpus / "content"
    bodies: list[str] = []
    count = 0
    for path in sorted(content.rglob("*.md")):
        relative = path.relative_to(content)
        _, body = _front_matter(path.read_text(encoding="utf-8"))
        _write(docs / relative, body)
        if "newsletter" in relative.parts:
            bodies.append(body)
        count += 1
    for event in _events(corpus):
        text = f"# {event.get('title', event['id'])}\n\n{event.get('summary', '')}\n\n"
        text += str(event.get("description", ""))
        _write(docs / "events" / str(event["id"]) / "index.md", text)
        count += 1
    padded = 0
    while count < pages and bodies:
        _write(docs / "more" / f"{padded:05d}.md", bodies[padded % len(bodies)])
        padded += 1
        count += 1
    if not (docs / "index.md").exists():
        _write(docs / "index.md", f"# {site_name}\n")
    config = {
        "site_name": site_name,
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": theme,
        "markdown_extensions": extensions,
        "plugins": [],
        "nav": [{"홈": "index.md"}, {"소식지": "newsletter/index.md"}]
        if (docs / "newsletter" / "index.md").exists()
        else [{"홈": "index.md"}],
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return Project("floor", dest / "mkdocs.yml", pages=count, notes={"padding_pages": padded})


def make_peer(corpus: Path, dest: Path) -> Project:
    """The same issues as posts of Material's blog plugin (with Material's search)."""
    theme, extensions, site_name = _theme(corpus)
    docs = dest / "docs"
    posts = 0
    for path in sorted((corpus / "content" / "newsletter").rglob("*.md")):
        meta, body = _front_matter(path.read_text(encoding="utf-8"))
        if "issue" not in meta or "date" not in meta or meta.get("draft"):
            continue
        head, _, rest = body.strip().partition("\n\n")
        first, _, after = rest.partition("\n\n")
        front = {
            "date": meta["date"],
            "categories": list(meta.get("categories") or []),
            "title": str(meta.get("title", meta["issue"])),
        }
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n"
        text += f"{head}\n\n{first}\n\n<!-- more -->\n\n{after}\n"
        _write(docs / "blog" / "posts" / f"{int(meta['issue']):05d}.md", text)
        posts += 1
    _write(docs / "index.md", f"# {site_name}\n")
    _write(docs / "blog" / "index.md", "# 소식지\n")
    config = {
        "site_name": site_name,
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": theme,
        "markdown_extensions": extensions,
        "plugins": ["search", {"blog": {"blog_dir": "blog"}}],
        "nav": [{"홈": "index.md"}, {"소식지": "blog/index.md"}],
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return Project("peer", dest / "mkdocs.yml", pages=posts, notes={"posts": posts})


# --- the runs -----------------------------------------------------------------------------


class Bench:
    def __init__(self, work: Path, log: Path) -> None:
        self.work = work
        self.log = log
        self.runs: list[Run] = []
        self._fresh = 0
        self.partial = log.with_name("scale-partial.json")

    def checkpoint(self, **extra: Any) -> None:
        """Every run so far (the whole table is written only at the end)."""
        data = {"runs": [asdict(r) for r in self.runs], **extra}
        self.partial.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")

    def build(
        self,
        project: Project,
        case: str,
        rnd: int,
        out: Path,
        *,
        keep_cache: bool,
        cli: bool = False,
    ) -> Run:
        if not keep_cache:
            shutil.rmtree(project.root / ".cache", ignore_errors=True)
        command = eduhub_build(project, out) if cli else mkdocs_build(project, out)
        wall, user, sys_, rss, code = timed(command, project.root, self.log)
        run = Run(project.name, case, rnd, wall, user, sys_, rss, code == 0)
        files, size, _ = tree_stats(out) if out.exists() else (0, 0, 0)
        run.files, run.mbytes = files, size / 1e6
        self.runs.append(run)
        self.checkpoint()
        status = "ok" if run.ok else f"FAILED (exit {code}, see {self.log})"
        print(
            f"  {case:<18} {project.name:<10} round {rnd}: {wall:6.2f} s "
            f"{rss:6.0f} MiB  {files} files  {status}",
            flush=True,
        )
        return run

    def fresh(self, project: Project, rnd: int) -> Run:
        self._fresh += 1
        out = self.work / f"out-{self._fresh}"
        run = self.build(project, "cold fresh", rnd, out, keep_cache=False)
        if run.ok and not project.site.exists():
            out.rename(project.site)  # the first output becomes the "existing site/"
        else:
            shutil.rmtree(out, ignore_errors=True)
        return run

    def existing(self, project: Project, rnd: int) -> Run:
        return self.build(project, "cold existing", rnd, project.site, keep_cache=False)

    def median(self, system: str, case: str) -> float | None:
        walls = [r.wall for r in self.runs if r.system == system and r.case == case and r.ok]
        return statistics.median(walls) if walls else None


def rounds(bench: Bench, projects: list[Project], n: int, step: Any) -> None:
    """n paired rounds; each runs every project once, the order rotated every round."""
    for rnd in range(n):
        shift = rnd % len(projects)
        for project in projects[shift:] + projects[:shift]:
            step(project, rnd)


def edit_issue(corpus: Path, number: int, marker: str) -> Path:
    path = corpus / "content" / "newsletter" / "synthetic" / f"{number:05d}.md"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\n{marker}\n", encoding="utf-8")
    return path


def edit_event(corpus: Path, event_id: str, marker: str) -> Path:
    """Replace the title of event `event_id` with one carrying `marker`."""
    for path in sorted((corpus / "content" / "events").glob("*.yml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            if line.strip() == f"- id: {event_id}" and lines[i + 1].startswith("  title:"):
                lines[i + 1] = f"  title: '합성 행사 {marker}'"
                path.write_text("\n".join(lines), encoding="utf-8")
                return path
    raise LookupError(event_id)


GUIDE = ("credit-system/glossary.md", "credit-system/glossary/")  # a page in the nav


def edit_guide(corpus: Path, marker: str) -> Path:
    """Append a paragraph carrying `marker` to a guide page in the nav."""
    path = corpus / "content" / GUIDE[0]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\n{marker}\n", encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, b""


def _poll(url: str, marker: bytes, started: float, timeout: float) -> float | None:
    while time.perf_counter() - started < timeout:
        status, body = _get(url)
        if status == 200 and marker in body:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def _same_as_clean(project: Project, out: Path, log: Path) -> bool:
    """A build with the cache off (EDUHUB_CACHE=0, state untouched) into a new folder has
    the same bytes as the project's site/."""
    timed(mkdocs_build(project, out), project.root, log, EDUHUB_CACHE="0")
    same = out.exists() and tree_digest(out) == tree_digest(project.site)
    shutil.rmtree(out, ignore_errors=True)
    return same


def serve_latency(
    project: Project, issue: int, event_id: str, edits: int, log: Path
) -> dict[str, Any]:
    """A real `mkdocs serve --strict` (what `make serve` runs); seconds from the write of an
    edited file to the server answering with the new bytes for that page."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(project.config)]
    cmd += ["-a", f"127.0.0.1:{port}"]
    result: dict[str, Any] = {"issue": [], "event": [], "guide": []}
    result |= {"startup": None, "peak_rss_mib": None}
    with log.open("ab") as err:
        err.write(("\n$ " + " ".join(cmd) + "\n").encode())
        err.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project.root, env=_env(), stdout=err, stderr=err)
    try:
        issue_url = f"{base}/newsletter/{issue}/"
        event_url = f"{base}/events/{event_id}/"
        while time.perf_counter() - started < 900:
            if proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited with {proc.returncode}; see {log}")
            if _get(issue_url)[0] == 200:
                break
            time.sleep(0.2)
        result["startup"] = time.perf_counter() - started
        print(f"  serve: first build served after {result['startup']:.1f} s", flush=True)
        for k in range(edits):
            guide_url = f"{base}/{GUIDE[1]}"
            for kind, url in (("issue", issue_url), ("event", event_url), ("guide", guide_url)):
                marker = f"benchserve{kind}{k}x{time.time_ns() % 10**8}"
                if kind == "issue":
                    edit_issue(project.root, issue, marker)
                elif kind == "event":
                    edit_event(project.root, event_id, marker)
                else:
                    edit_guide(project.root, marker)
                written = time.perf_counter()
                latency = _poll(url, marker.encode(), written, 300)
                result[kind].append(latency)
                shown = "timeout" if latency is None else f"{latency:.2f} s"
                print(f"  serve: {kind} edit {k} visible after {shown}", flush=True)
                time.sleep(1.0)  # let any trailing rebuild settle before the next edit
        result["peak_rss_mib"] = _vm_hwm(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return result


def _vm_hwm(pid: int) -> float | None:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def profile(project: Project, work: Path, out_dir: Path, log: Path, tag: str) -> Path:
    """cProfile one cold build; the top functions by own and cumulative time as text."""
    shutil.rmtree(project.root / ".cache", ignore_errors=True)
    prof = work / f"{tag}.prof"
    site = work / f"{tag}-site"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q"]
    cmd += ["-f", str(project.config), "-d", str(site)]
    wall, *_ = timed(cmd, project.root, log)
    shutil.rmtree(site, ignore_errors=True)
    text = out_dir / f"profile-{tag}.txt"
    with text.open("w", encoding="utf-8") as stream:
        stream.write(
            f"# cProfile of one cold build ({tag}): {wall:.1f} s wall under the profiler\n"
        )
        stats = pstats.Stats(str(prof), stream=stream)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
    return text


# --- report -------------------------------------------------------------------------------


def _fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "–"
    return f"{value:.2f} {unit}".strip() if unit == "s" else f"{value:.0f} {unit}".strip()


def _met(name: str, value: float | None) -> str:
    if value is None:
        return "not measured"
    op, limit = TARGETS[name]
    ok = value < limit if op == "<" else value <= limit
    return "met" if ok else "MISSED"


def report(result: dict[str, Any]) -> str:
    runs = [Run(**r) for r in result["runs"]]

    def med(system: str, case: str, key: str = "wall") -> float | None:
        values = [getattr(r, key) for r in runs if r.system == system and r.case == case and r.ok]
        return statistics.median(values) if values else None

    def peak(system: str, case: str) -> float | None:
        values = [r.rss_mib for r in runs if r.system == system and r.case == case and r.ok]
        return max(values) if values else None

    def files(system: str) -> str:
        values = [r for r in runs if r.system == system and r.case == "cold fresh" and r.ok]
        return f"{values[0].files} files, {values[0].mbytes:.0f} MB" if values else ""

    n = result["config"]["n"]
    scale = result["config"]
    lines = [
        f"# eduhub scale bench ({scale['issues']} issues, {scale['events']} events; "
        f"n={n}, medians; {result['machine']['cpus']} CPUs, load {result['machine']['load']})",
        "",
        "| Build | cold fresh | cold over existing site/ | warm none changed "
        "| warm one issue changed | peak RSS | output |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {
        "eduhub": f"eduhub, {scale['label']} corpus ({result['pages'].get('eduhub', '?')} pages)",
        "peer": f"Material blog plugin, {result['pages'].get('peer', '?')} posts (+ search)",
        "floor": f"plain MkDocs + Material, {result['pages'].get('floor', '?')} pages (floor)",
        "eduhub-20x": f"eduhub, twice the {scale['label']} corpus (growth)",
        "eduhub-real": "eduhub, the real site",
    }
    for system, label in names.items():
        if not any(r.system == system for r in runs):
            continue
        peaks = [p for p in (peak(system, c) for c in ("cold fresh", "cold existing")) if p]
        lines.append(
            f"| {label} | {_fmt(med(system, 'cold fresh'))} | {_fmt(med(system, 'cold existing'))}"
            f" | {_fmt(med(system, 'warm none'))} | {_fmt(med(system, 'warm one'))}"
            f" | {_fmt(max(peaks) if peaks else None, 'MiB')} | {files(system)} |"
        )
    check = med("eduhub-check", "check")
    if check is not None:
        lines.append(
            f"| `eduhub check`, {scale['label']} | {_fmt(check)} | | | "
            f"| {_fmt(peak('eduhub-check', 'check'), 'MiB')} | |"
        )
    serve = result.get("serve") or {}
    if serve:

        def show(values: list[float | None]) -> str:
            return ", ".join("timeout" if v is None else f"{v:.2f}" for v in values) + " s"

        lines.append(
            f"| `mkdocs serve`, {scale['label']}: first build served | "
            f"{_fmt(serve.get('startup'))} | | | | {_fmt(serve.get('peak_rss_mib'), 'MiB')} | |"
        )
        lines.append(f"| serve: one issue edited → visible | {show(serve['issue'])} | | | | | |")
        lines.append(f"| serve: one event edited → visible | {show(serve['event'])} | | | | | |")
        guide = serve.get("guide") or []
        if guide:
            lines.append(
                f"| serve: a guide page (in the nav) edited → visible | {show(guide)} | | | | | |"
            )
    cases = ["cold fresh", "cold existing", "warm none", "warm one"]
    lines += [
        "",
        "CPU seconds (user + sys of the build and its children, medians; robust to a busy "
        "machine where wall times are not):",
        "",
        "| Build | " + " | ".join(cases) + " |",
        "|---|" + "---|" * len(cases),
    ]
    for system, label in names.items():
        cpu = [
            [r.user + r.sys for r in runs if r.system == system and r.case == case and r.ok]
            for case in cases
        ]
        if any(cpu):
            shown = [f"{statistics.median(c):.2f}" if c else "–" for c in cpu]
            lines.append(f"| {label} | " + " | ".join(shown) + " |")
    lines += ["", "| Target | value | limit | |", "|---|---|---|---|"]
    for name, value in result["targets"].items():
        op, limit = TARGETS[name]
        shown = "–" if value is None else f"{value:.2f}"
        lines.append(f"| {name} | {shown} | {op} {limit:g} | {_met(name, value)} |")
    lines += ["", "Other ratios (not targets):", ""]
    for name, value in result["ratios"].items():
        lines.append(f"- {name}: {'–' if value is None else f'{value:.2f}'}")
    for note in result.get("notes", []):
        lines.append(f"- {note}")
    return "\n".join(lines) + "\n"


# --- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3, help="paired rounds (default 3)")
    parser.add_argument("--issues", type=int, default=1000)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--label", default="10×", help="the corpus' name in the table")
    parser.add_argument("--no-growth", action="store_true", help="skip the 2× corpus")
    parser.add_argument(
        "--growth-rounds", type=int, default=1, help="rounds that build the 2× corpus too (1)"
    )
    parser.add_argument(
        "--existing-rounds", type=int, default=2, help="paired rounds over an existing site/ (2)"
    )
    parser.add_argument("--serve-edits", type=int, default=2, help="0 skips the serve test")
    parser.add_argument("--profile", action="store_true", help="cProfile one eduhub build")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eduhub-bench-"))
    log = args.out / "scale-build.log"
    log.write_text("", encoding="utf-8")
    began = time.perf_counter()
    try:
        result = _run(args, work, log)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    result["total_s"] = time.perf_counter() - began
    (args.out / "scale.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    table = report(result)
    (args.out / "scale.md").write_text(table, encoding="utf-8")
    print("\n" + table)
    print(f"whole bench: {result['total_s'] / 60:.1f} min; wrote {args.out / 'scale.json'}")
    failed = [r for r in result["runs"] if not r["ok"]]
    return 1 if failed else 0


def _run(args: argparse.Namespace, work: Path, log: Path) -> dict[str, Any]:
    print(f"corpora into {work} ...", flush=True)
    eduhub = Project("eduhub", make_corpus(work / "eduhub", issues=args.issues, events=args.events))
    projects = [eduhub]
    if not args.no_growth:
        big = make_corpus(work / "eduhub-20x", issues=2 * args.issues, events=2 * args.events)
        projects.append(Project("eduhub-20x", big))
    real = Project("eduhub-real", make_corpus(work / "eduhub-real", issues=0, events=0))
    notes: list[str] = []

    # One untimed eduhub build, with the cache off, tells how many pages the floor needs; it
    # is kept as the clean build the warm output (nothing changed) must equal, byte for byte.
    probe = work / "probe"
    timed(mkdocs_build(eduhub, probe), eduhub.root, log, EDUHUB_CACHE="0")
    _, _, eduhub.pages = tree_stats(probe)
    events_html = probe / "events" / "index.html"
    home_html = probe / "index.html"
    sizes = {
        "/events/ HTML (KB)": events_html.stat().st_size / 1000 if events_html.exists() else None,
        "home HTML (KB)": home_html.stat().st_size / 1000 if home_html.exists() else None,
    }
    shutil.rmtree(eduhub.root / ".cache", ignore_errors=True)
    floor = make_floor(eduhub.root, work / "floor", eduhub.pages)
    peer = make_peer(eduhub.root, work / "peer")
    print(
        f"eduhub makes {eduhub.pages} pages; floor {floor.pages} pages "
        f"({floor.notes['padding_pages']} padding); peer {peer.pages} posts",
        flush=True,
    )

    bench = Bench(work, log)
    print("cold, fresh output folder (paired rounds):", flush=True)
    for rnd in range(args.n):  # the 2× corpus in the first rounds only: it is the slowest
        growth = projects[1:] if rnd < args.growth_rounds else []
        systems = [floor, peer, eduhub, *growth, real]
        shift = rnd % len(systems)
        for project in systems[shift:] + systems[:shift]:
            bench.fresh(project, rnd)
    print("cold, over the existing site/ (paired rounds):", flush=True)
    rounds(bench, [floor, peer, eduhub], args.existing_rounds, bench.existing)

    print("warm (eduhub build --site-dir site/, .cache kept):", flush=True)
    number = FIRST_ISSUE + args.issues // 2
    bench.build(eduhub, "warm prime", 0, eduhub.site, keep_cache=True, cli=True)
    for rnd in range(args.n):
        bench.build(eduhub, "warm none", rnd, eduhub.site, keep_cache=True, cli=True)
    identical = probe.exists() and tree_digest(probe) == tree_digest(eduhub.site)
    shutil.rmtree(probe, ignore_errors=True)
    notes.append(
        f"warm (none changed) output byte-identical to a build without the cache: {identical}"
    )
    for rnd in range(args.n):
        marker = f"benchwarm{rnd}x{time.time_ns() % 10**8}"
        edit_issue(eduhub.root, number, marker)
        run = bench.build(eduhub, "warm one", rnd, eduhub.site, keep_cache=True, cli=True)
        page = eduhub.site / "newsletter" / str(number) / "index.html"
        if run.ok and marker.encode() not in page.read_bytes():
            run.ok = False
            notes.append(f"warm one round {rnd}: the edit is NOT in {page.name} (stale output)")
    identical_one = _same_as_clean(eduhub, work / "clean", log)
    notes.append(
        f"warm (one changed) output byte-identical to a build without the cache: {identical_one}"
    )
    identical = identical and identical_one

    # The real site as a staff member's `mkdocs build` or CI with a kept .cache/ meets it: a
    # new output folder (no page is reused), the memo kept (QR codes, cards, checks,
    # compiled templates); the bytes must be a build's without the cache.
    print("real site, a new output folder, .cache kept:", flush=True)
    for rnd in range(args.n + 1):  # round 0 fills the cache
        out = work / f"real-cached-{rnd}"
        case = "cache kept" if rnd else "cache prime"
        run = bench.build(real, case, rnd, out, keep_cache=True)
        if run.ok and rnd and tree_digest(out) != tree_digest(real.site):
            run.ok = False
            notes.append(f"real site, cache kept, round {rnd}: NOT the bytes of a cold build")
        shutil.rmtree(out, ignore_errors=True)

    print("eduhub check:", flush=True)
    checker = Path(sys.executable).with_name("eduhub")
    for rnd in range(args.n):
        wall, user, sys_, rss, code = timed(
            [str(checker), "-f", str(eduhub.config), "check"], eduhub.root, log
        )
        bench.runs.append(Run("eduhub-check", "check", rnd, wall, user, sys_, rss, code == 0))

    serve: dict[str, Any] = {}
    if args.serve_edits:
        print("serve latency (mkdocs serve --strict):", flush=True)
        event_id = "synthetic-00007" if args.events > 7 else "synthetic-00000"
        serve = serve_latency(eduhub, number, event_id, args.serve_edits, log)
        bench.checkpoint(serve=serve, notes=notes)

    profiles = []
    if args.profile:
        print("profile (cProfile, one cold eduhub build):", flush=True)
        profiles.append(str(profile(eduhub, work, args.out, log, "eduhub")))

    def m(system: str, case: str) -> float | None:
        return bench.median(system, case)

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    serve_issue = [v for v in serve.get("issue", []) if v is not None]
    serve_event = [v for v in serve.get("event", []) if v is not None]
    timeouts = sum(v is None for kind in ("issue", "event", "guide") for v in serve.get(kind, []))
    peak = max([r.rss_mib for r in bench.runs if r.system.startswith("eduhub")] or [0.0])
    targets: dict[str, float | None] = {
        "eduhub/peer cold fresh": ratio(m("eduhub", "cold fresh"), m("peer", "cold fresh")),
        "eduhub/floor cold fresh": ratio(m("eduhub", "cold fresh"), m("floor", "cold fresh")),
        "warm none changed (s)": m("eduhub", "warm none"),
        "warm one issue changed (s)": m("eduhub", "warm one"),
        "serve: issue edit visible (s)": statistics.median(serve_issue) if serve_issue else None,
        "serve: event edit visible (s)": statistics.median(serve_event) if serve_event else None,
        "growth 20x/10x": ratio(m("eduhub-20x", "cold fresh"), m("eduhub", "cold fresh")),
        "peak RSS (MiB)": max(peak, serve.get("peak_rss_mib") or 0.0),
        "/events/ HTML (KB)": sizes["/events/ HTML (KB)"],
        "real site cold fresh (s)": m("eduhub-real", "cold fresh"),
    }
    ratios = {
        "eduhub/peer over existing site/": ratio(
            m("eduhub", "cold existing"), m("peer", "cold existing")
        ),
        "eduhub/floor over existing site/": ratio(
            m("eduhub", "cold existing"), m("floor", "cold existing")
        ),
        "home page HTML (KB)": sizes["home HTML (KB)"],
        "real site, new output folder, .cache kept (s)": m("eduhub-real", "cache kept"),
    }
    if timeouts:
        notes.append(f"serve: {timeouts} edit(s) never became visible within 300 s")
    return {
        "config": {
            "n": args.n,
            "issues": args.issues,
            "events": args.events,
            "label": args.label,
            "build_epoch": BUILD_EPOCH,
            "peer_plugins": ["search", "blog"],
            "floor_plugins": [],
        },
        "machine": {
            "cpus": os.cpu_count(),
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "pages": {p.name: p.pages for p in (eduhub, floor, peer)},
        "runs": [asdict(r) for r in bench.runs],
        "serve": serve,
        "targets": targets,
        "ratios": ratios,
        "sizes_kb": sizes,
        "identical_to_clean": identical,
        "profiles": profiles,
        "notes": notes,
    }


if __name__ == "__main__":
    sys.exit(main())
