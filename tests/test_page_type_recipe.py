"""The recipe of docs/developer/adding-a-page-type.md, followed for a tiny real page type.

`NoticeBoardFeature` adds a generated page (/board/) listing the published issues, with its own
template in the site's overrides/, and one output file (board.json). It is registered the way
the recipe says (one line in `eduhub.build.FEATURES`) and built by the real MkDocs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BUILD_EPOCH, SiteProject
from eduhub import build as eduhub_build
from eduhub.feature import Feature, markdown_page
from mkdocs.commands.build import build
from mkdocs.config import load_config


class NoticeBoardFeature(Feature):
    """Step 7 of the recipe: only the hooks this page type needs."""

    name = "board"
    SOURCE = "board/index.md"

    def virtual_pages(self) -> dict[str, str]:
        return {self.SOURCE: markdown_page("게시판", "소식지를 한눈에 봅니다.")}

    def template(self, src_uri: str) -> str | None:
        return "eduhub/board.html" if src_uri == self.SOURCE else None

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        if src_uri != self.SOURCE:
            return None
        return {"titles": [i.title for i in self.content.issues if not i.draft]}

    def outputs(self) -> dict[str, bytes]:
        numbers = [i.number for i in self.content.issues if not i.draft]
        return {"board.json": json.dumps(numbers).encode("utf-8")}


TEMPLATE = """{% extends "main.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
<ul class="board">{% for title in eduhub.board.titles %}<li>{{ title | e }}</li>{% endfor %}</ul>
{% endblock %}
"""


def test_recipe_builds_a_new_page_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = SiteProject(tmp_path / "project")
    site.write(
        "newsletter/1.md",
        """
        ---
        title: 첫 소식 <b>굵게</b>
        issue: 1
        date: 2026-03-02
        summary: 요약입니다.
        ---
        본문
        """,
    )
    overrides = tmp_path / "project" / "overrides" / "eduhub"
    overrides.mkdir(parents=True)
    (overrides / "board.html").write_text(TEMPLATE, encoding="utf-8")
    site.config["theme"]["custom_dir"] = str(tmp_path / "project" / "overrides")
    config_file = tmp_path / "project" / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(site.config, allow_unicode=True), encoding="utf-8")

    # Step 8: register the feature (one line in FEATURES).
    monkeypatch.setattr(eduhub_build, "FEATURES", (*eduhub_build.FEATURES, NoticeBoardFeature))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site_dir = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()

    page = (site_dir / "board" / "index.html").read_text(encoding="utf-8")
    assert '<ul class="board"><li>첫 소식 &lt;b&gt;굵게&lt;/b&gt;</li></ul>' in page
    assert json.loads((site_dir / "board.json").read_text(encoding="utf-8")) == [1]
    # Generated pages stay out of the global navigation.
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="board/"' not in home
