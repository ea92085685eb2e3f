"""A self-contained plugin, and the post-build guard that notices when it was dropped."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BUILD_EPOCH, REPO, BuildResult, run_mkdocs_build
from mkdocs.commands.build import build
from mkdocs.config import load_config

EDUHUB = [sys.executable, "-m", "eduhub.cli"]

ISSUE = """---
title: 초안 소식
issue: 1
date: 2026-03-02
summary: 요약입니다.
draft: true
---
본문
"""


def _bare_site(root: Path, plugins: list[object]) -> Path:
    """A site with no overrides/ and no theme options: only Material and the plugin."""
    (root / "content" / "newsletter").mkdir(parents=True)
    (root / "content" / "index.md").write_text("# 홈\n", encoding="utf-8")
    (root / "content" / "newsletter" / "1.md").write_text(ISSUE, encoding="utf-8")
    config = {
        "site_name": "맨 사이트",
        "site_url": "https://bare.test/",
        "docs_dir": "content",
        "theme": {"name": "material", "language": "ko", "font": False},
        "plugins": plugins,
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def test_plugins_eduhub_alone_gives_search_filters_and_drafts_banner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = _bare_site(tmp_path / "project", ["eduhub"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site_dir = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)  # drafts are shown when serving
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "data-eh-search" in home and "assets/eduhub/search.js" in home
    assert 'src="assets/eduhub/filter.js"' in home
    assert "assets/eduhub/eduhub.css" in home and "assets/eduhub/newsletter.css" in home
    for asset in ("search.js", "filter.js", "eduhub.css", "events.css", "favicon.svg"):
        assert (site_dir / "assets" / "eduhub" / asset).stat().st_size > 0, asset
    assert 'type="application/rss+xml"' in home and 'href="https://bare.test/feed.xml"' in home
    draft = (site_dir / "newsletter" / "1" / "index.html").read_text(encoding="utf-8")
    assert 'class="eduhub-draft"' in draft


def test_overrides_win_for_the_email_template(tmp_path: Path) -> None:
    root = tmp_path / "project"
    config_file = _bare_site(root, ["eduhub"])
    (root / "content" / "newsletter" / "1.md").write_text(
        ISSUE.replace("draft: true\n", ""), encoding="utf-8"
    )
    (root / "overrides" / "eduhub").mkdir(parents=True)
    (root / "overrides" / "eduhub" / "email.html").write_text(
        "<p>우리 학교판 {{ issue.title }}</p>", encoding="utf-8"
    )
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.ok, result.output
    email = (tmp_path / "site" / "newsletter" / "1" / "email.html").read_text(encoding="utf-8")
    assert email == "<p>우리 학교판 초안 소식</p>"


def _verify(site_dir: Path, config_file: Path = REPO / "mkdocs.yml") -> subprocess.CompletedProcess:
    return subprocess.run(
        [*EDUHUB, "-f", str(config_file), "verify", str(site_dir)],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": "/usr/bin:/bin"},
    )


def test_verify_passes_on_the_real_build_and_names_a_missing_feed(
    real_site: BuildResult, tmp_path: Path
) -> None:
    assert _verify(real_site.site_dir).returncode == 0
    copy = tmp_path / "site"
    shutil.copytree(real_site.site_dir, copy)
    (copy / "feed.xml").unlink()
    (copy / "events.json").write_bytes(b"")
    result = _verify(copy)
    assert result.returncode == 1
    assert f"{copy / 'feed.xml'}: 없거나 비어 있습니다" in result.stderr
    assert f"{copy / 'events.json'}: 없거나 비어 있습니다" in result.stderr


def test_verify_catches_a_build_without_the_plugin(tmp_path: Path) -> None:
    """What an engine that silently ignores the plugin (or a typo in plugins:) leaves behind."""
    config_file = _bare_site(tmp_path / "project", [])
    (tmp_path / "project" / "content" / "newsletter" / "1.md").write_text(
        ISSUE.replace("draft: true\n", ""), encoding="utf-8"
    )
    result = run_mkdocs_build(config_file, tmp_path / "site", strict=False)
    assert result.ok, result.output
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"] = ["eduhub"]  # what the site promised
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    checked = _verify(tmp_path / "site", config_file)
    assert checked.returncode == 1
    for name in ("feed.xml", "events.ics", "search/manifest.json", "newsletter/1/email.html"):
        assert str(tmp_path / "site" / name) in checked.stderr, name


def test_eduhub_build_without_the_plugin_publishes_nothing(tmp_path: Path) -> None:
    """`eduhub build` checks what the plugin says it promised; a build without the plugin
    says nothing, and the content is loaded to see what the site lacks (feeds, calendars,
    search): the new folder is not published and the live one stays."""
    config_file = _bare_site(tmp_path / "project", [])
    (tmp_path / "project" / "content" / "newsletter" / "1.md").write_text(
        ISSUE.replace("draft: true\n", ""), encoding="utf-8"
    )
    live = tmp_path / "public"
    live.mkdir()
    (live / "index.html").write_text("live", encoding="utf-8")
    result = subprocess.run(
        [*EDUHUB, "-f", str(config_file), "build", "--site-dir", str(live)],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "feed.xml: 없거나 비어 있습니다" in result.stderr
    assert "eduhub 플러그인이 빌드에서 빠졌을 수 있습니다" in result.stderr
    assert [p.name for p in live.iterdir()] == ["index.html"]
    assert (live / "index.html").read_text(encoding="utf-8") == "live"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "public"]
