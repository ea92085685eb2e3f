"""Property: whatever staff (or an attacker) write into events and front matter, either
`eduhub check` reports `path:line` problems and the build refuses, or both pass and the strict
build succeeds. Never a traceback, never check-passes-build-crashes.

Bounded: 50 examples, derandomized under CI (the seed is then fixed), `.hypothesis/` ignored.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import BUILD_EPOCH, SiteProject, run_mkdocs_build
from eduhub.build import SiteBuild
from eduhub.content import load_content
from eduhub.settings import load_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bad_input import EVENTS, ISSUE, project

PROBLEM_LINE = re.compile(r"^content/[^\s:]+:\d+: ")
NASTY = "\r\n\t\x00\x07\x1b\x85\u2028\u202e\u2066\u200b\ufeff<>&\"':#-*!%{}[]|"
text = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list(NASTY)), max_size=30)
scalars = (
    text
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.sampled_from(["2026-03-20", "2026-03-20 14:00", "9999-12-31", "1900-01-01", "2026-02-30"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
EVENT_FIELDS = ["id", "title", "summary", "description", "start", "end", "location", "online",
                "audience", "category", "registration", "status", "repeat", "program", "survey"]  # fmt: skip
TEXT_FIELDS = ["title", "summary", "description", "location"]
plain = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=30
)
ISSUE_FIELDS = ["title", "issue", "date", "summary", "categories", "pdf", "draft"]
RAW_YAML = [
    "x: &a [1, 2]\ny: *a",
    "title: !!binary aGVsbG8=",
    "a: " + "[" * 40 + "]" * 40,
    "issue: " + "9" * 400,
    "title: |\n  one\n  two",
    'title: "a\\rb"',
]


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=False, width=10**6)


@settings(
    max_examples=50,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    # Wild values anywhere, or (about half the time) plain text in text fields, which often
    # passes: both sides of the property get exercised.
    event_changes=st.dictionaries(st.sampled_from(EVENT_FIELDS), values, max_size=3)
    | st.dictionaries(st.sampled_from(TEXT_FIELDS), plain, max_size=3),
    issue_changes=st.dictionaries(st.sampled_from(ISSUE_FIELDS), values, max_size=2)
    | st.dictionaries(st.sampled_from(["title", "summary"]), plain, max_size=2),
    raw=st.none() | st.none() | st.sampled_from(RAW_YAML),
    raw_in_issue=st.booleans(),
)
def test_check_and_build_agree(
    event_changes: dict[str, Any],
    issue_changes: dict[str, Any],
    raw: str | None,
    raw_in_issue: bool,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = project(SiteProject(Path(folder) / "project"))
        events = yaml.safe_load(EVENTS)
        events[0].update(event_changes)
        event_text = _dump(events)
        front = yaml.safe_load(ISSUE.split("---")[1])
        front.update(issue_changes)
        front_text = _dump(front)
        if raw is not None:
            if raw_in_issue:
                front_text += raw + "\n"
            else:
                event_text += "- " + raw.replace("\n", "\n  ") + "\n"
        site.write("events/2026-spring.yml", event_text, dedent=False)
        site.write(
            "newsletter/issues/001.md", f"---\n{front_text}---\n\n# 제목\n\n본문\n", dedent=False
        )
        (site.root / "mkdocs.yml").write_text(_dump(site.config), encoding="utf-8")

        config = load_settings(site.root / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
        _, problems = load_content(config)  # must not raise, whatever the input
        lines = [str(p) for p in problems.items]
        assert all(PROBLEM_LINE.match(line) for line in lines), lines
        if problems:
            # The build runs the same loading path first, and refuses.
            assert SiteBuild(config).problems
            return
        result = run_mkdocs_build(site.root / "mkdocs.yml", Path(folder) / "site")
        assert result.ok, f"check passed but the build failed:\n{result.output}"
        assert "Traceback" not in result.output
