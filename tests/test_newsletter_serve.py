"""Under `mkdocs serve` drafts are shown with the 초안 banner, yet never enter lists or feeds."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import yaml
from conftest import BUILD_EPOCH, MKDOCS
from test_newsletter import make_newsletter_site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    site = make_newsletter_site(tmp_path_factory.mktemp("serve") / "project")
    config = site.root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen(
        [*MKDOCS, "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=site.root,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):  # a guard against a server that never starts, not a speed test
            if proc.poll() is not None:
                pytest.fail("mkdocs serve exited")
            if _get(base + "feed.xml") is not None:
                break
            time.sleep(0.1)
        else:
            pytest.fail("mkdocs serve did not answer")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_draft_issue_is_shown_with_a_banner(served: str) -> None:
    page = _get(served + "newsletter/14/")
    assert page is not None
    assert "DRAFTMARKER" in page
    assert 'class="eduhub-draft"' in page and "초안" in page
    assert _get(served + "newsletter/12/") is not None
    assert 'class="eduhub-draft"' not in _get(served + "newsletter/12/")


def test_draft_announcement_is_shown_with_a_banner(served: str) -> None:
    page = _get(served + "news/draft-news/")
    assert page is not None and 'class="eduhub-draft"' in page


def test_drafts_stay_out_of_lists_and_feeds_even_when_served(served: str) -> None:
    assert "초안인 호" not in _get(served + "newsletter/")
    assert "초안 공지" not in _get(served + "news/")
    for feed in ("feed.xml", "atom.xml", "feed.json", "feeds/center.xml"):
        body = _get(served + feed)
        assert body and "DRAFTMARKER" not in body and "초안" not in body, feed
    older = _get(served + "newsletter/13/")
    assert "newsletter/14" not in older and "../14/" not in older
