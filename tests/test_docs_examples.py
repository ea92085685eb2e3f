"""The staff guide's examples work: its snippets pass `eduhub check` and build, its failing
example prints exactly the output the guide shows, and the guides' links lead somewhere."""

from __future__ import annotations

import re

import pytest
from conftest import BUILD_EPOCH, REPO, SiteProject
from eduhub.cli import main as eduhub
from test_bad_input import project

GUIDE = REPO / "docs" / "staff" / "publishing.md"
# ```markdown file=content/x.md  |  ```yaml append=content/events/a.yml  |  ... expect=fail
_SNIPPET = re.compile(r"^```(\w+) (file|append)=(\S+)( expect=fail)?\n(.*?)^```$", re.M | re.S)
_OUTPUT = re.compile(r"^```text check-output\n(.*?)^```$", re.M | re.S)
_PDF = re.compile(r"^pdf:\s*(\S+)", re.M)


def snippets() -> list[tuple[str, str, bool, str]]:
    text = GUIDE.read_text(encoding="utf-8")
    return [(mode, path, bool(fail), body) for _, mode, path, fail, body in _SNIPPET.findall(text)]


def apply(site: SiteProject, mode: str, path: str, body: str) -> None:
    assert path.startswith("content/"), path
    target = site.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode == "append":
        with target.open("a", encoding="utf-8") as handle:
            handle.write("\n" + body)
    else:
        target.write_text(body, encoding="utf-8")
    for pdf in _PDF.findall(body):  # the guide's PDF, as staff would upload it
        (target.parent / pdf).write_bytes(
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        )


@pytest.fixture
def guide_site(site: SiteProject, monkeypatch: pytest.MonkeyPatch) -> SiteProject:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    project(site)
    for index in ("news/index.md", "events/index.md", "newsletter/index.md"):
        site.write(index, "# 목록\n")
    return site


def test_guide_has_examples_of_every_task() -> None:
    found = snippets()
    paths = [path for _, path, _, _ in found]
    assert any(p.startswith("content/newsletter/issues/") for p in paths)
    assert any(p.startswith("content/events/") for p in paths)
    assert any(p.startswith("content/news/") for p in paths)
    assert any("pdf:" in body for _, _, _, body in found)
    assert any("status: cancelled" in body for _, _, _, body in found)
    assert sum(fail for _, _, fail, _ in found) == 1
    assert len(_OUTPUT.findall(GUIDE.read_text(encoding="utf-8"))) == 1


def test_guide_snippets_pass_check_and_build(
    guide_site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    for mode, path, fail, body in snippets():
        if not fail:
            apply(guide_site, mode, path, body)
    code = eduhub(["-f", str(guide_site.root / "mkdocs.yml"), "check"])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    result = guide_site.build()
    assert result.ok, result.output
    assert (result.site_dir / "newsletter" / "6" / "index.html").is_file()
    assert (result.site_dir / "news" / "winter-closure-2026" / "index.html").is_file()


def test_guide_shows_the_exact_output_of_a_failed_check(
    guide_site: SiteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    for mode, path, fail, body in snippets():
        if fail:
            apply(guide_site, mode, path, body)
    code = eduhub(["-f", str(guide_site.root / "mkdocs.yml"), "check"])
    captured = capsys.readouterr()
    assert code == 1
    (shown,) = _OUTPUT.findall(GUIDE.read_text(encoding="utf-8"))
    assert captured.out + captured.err == shown


# Pages other engineers write; linked from here before they exist.
OTHERS = {
    "reference/events.md",
    "reference/events-json.md",
    "reference/newsletter.md",
    "developer/search.md",
}


@pytest.mark.parametrize(
    "page", sorted(p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md"))
)
def test_guide_links_lead_somewhere(page: str) -> None:
    """docs/ is read on GitHub: relative links must point at files of the repository."""
    source = REPO / "docs" / page
    text = re.sub(r"^```.*?^```$", "", source.read_text(encoding="utf-8"), flags=re.M | re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:|#", target):
            continue
        path = (source.parent / target.split("#")[0]).resolve()
        relative = (
            path.relative_to(REPO / "docs").as_posix() if path.is_relative_to(REPO / "docs") else ""
        )
        if relative in OTHERS and not path.exists():
            continue
        assert path.exists(), f"{page}: {target}"
