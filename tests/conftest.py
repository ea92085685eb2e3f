"""Shared test fixtures: real MkDocs builds of the real site and of small sites in tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# 2026-11-22 09:00 in Seoul: the fixed build date of the test builds.
BUILD_EPOCH = "1795305600"
TEST_SITE_URL = "https://eduhub.test/"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A browser test that fails is run once more before it counts as failed: a real browser
    on a loaded 2-CPU machine sometimes misses a timing. A real fault fails both runs, and
    the rerun is reported (`R` in the progress line, "rerun" in the summary)."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=1))


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def page(self, url: str) -> str:
        """HTML of a site-relative URL like "newsletter/12/"."""
        path = self.site_dir / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def run_mkdocs_build(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    env: dict[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
) -> BuildResult:
    environ = {
        **os.environ,
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        **(env or {}),
    }
    args = [*MKDOCS, "build", "-f", str(config_file), "-d", str(site_dir), *extra_args]
    if strict:
        args.append("--strict")
    proc = subprocess.run(args, capture_output=True, text=True, env=environ, cwd=config_file.parent)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site_dir)


def base_config(site_url: str = TEST_SITE_URL) -> dict:
    """The real mkdocs.yml's plugin settings, without its nav, for small test sites."""
    real = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    plugins = [p for p in real["plugins"] if not (isinstance(p, str) and p == "search")]
    plugins = [p for p in plugins if not (isinstance(p, dict) and "search" in p)]
    return {
        "site_name": "테스트 사이트",
        "site_url": site_url,
        "docs_dir": "content",
        "theme": {
            "name": "material",
            "language": "ko",
            "custom_dir": str(REPO / "overrides"),
            "font": False,
        },
        "extra_css": real.get("extra_css", []),
        "extra_javascript": real.get("extra_javascript", []),
        "extra": real.get("extra", {}),
        "markdown_extensions": real.get("markdown_extensions", []),
        "plugins": plugins,
    }


class _EnvLoader(yaml.SafeLoader):
    pass


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


class SiteProject:
    """A small MkDocs project in a temp folder, built with the real plugin."""

    def __init__(self, root: Path, config: dict | None = None) -> None:
        self.root = root
        self.config = config or base_config()
        (root / "content").mkdir(parents=True, exist_ok=True)
        if not (root / "content" / "index.md").exists():
            self.write("index.md", "# 홈\n")

    def write(self, relative: str, text: str | bytes, *, dedent: bool = True) -> Path:
        """Write a file inside content/."""
        path = self.root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(
                textwrap.dedent(text).lstrip("\n") if dedent else text, encoding="utf-8"
            )
        return path

    def build(
        self,
        *,
        strict: bool = True,
        env: dict[str, str] | None = None,
        site_dir: Path | None = None,
    ) -> BuildResult:
        config_file = self.root / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(self.config, allow_unicode=True), encoding="utf-8")
        return run_mkdocs_build(config_file, site_dir or self.root / "site", strict=strict, env=env)


@pytest.fixture
def site(tmp_path: Path) -> SiteProject:
    """A fresh small site using the real plugin and theme overrides."""
    return SiteProject(tmp_path / "project")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site (this repository), built once per test worker with --strict."""
    site_dir = tmp_path_factory.mktemp("real-site") / "site"
    result = run_mkdocs_build(REPO / "mkdocs.yml", site_dir)
    assert result.ok, result.output
    return result


class _QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve_directory(directory: Path):
    """Serve a built site on 127.0.0.1 (free port) in a thread; returns (base_url, stop)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_address[1]}/", stop


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def real_site_url(real_site: BuildResult):
    """The real site served over HTTP for browser tests."""
    base, stop = serve_directory(real_site.site_dir)
    yield base
    stop()
