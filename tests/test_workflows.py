"""The GitHub Actions workflows are valid YAML with the jobs, triggers and steps we rely on."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from conftest import REPO, SiteProject
from eduhub.cli import main as eduhub
from test_bad_input import ISSUE, project

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in steps(job) if "uses" in step]


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.M))


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_workflow_is_valid_and_pins_major_versions(name: str) -> None:
    data = load(name)
    assert data["name"] and data["on"] and data["jobs"]
    for job_name, job in data["jobs"].items():
        assert job["runs-on"] == "ubuntu-latest", job_name
        assert steps(job), job_name
        for action in uses(job):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", action), action
        for target in re.findall(r"\bmake (\S+)", runs(job)):
            assert target in make_targets(), target


def test_pull_requests_run_check_strict_build_tests_and_keep_a_preview() -> None:
    data = load("pr.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {}
    check, test = data["jobs"]["check"], data["jobs"]["test"]
    assert "make check" in runs(check)
    assert "make build" in runs(check)  # eduhub build: the strict build of deployment
    assert "make test" in runs(test)
    upload = next(
        s for s in steps(check) if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "::add-matcher::.github/eduhub-problem-matcher.json" in runs(check)
    # Tests run on Debian, where the browser tests find Debian's chromium.
    assert "bookworm" in test["container"]


def test_main_deploys_to_pages_and_rebuilds_every_seoul_morning() -> None:
    data = load("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    (schedule,) = data["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*")
    seoul_hour = (int(hour) + 9) % 24
    assert 5 <= seoul_hour <= 8, "the daily rebuild should happen early in the Seoul morning"
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert "make build" in runs(build)
    assert "touch site/.nojekyll" in runs(build)
    build_step = next(s for s in steps(build) if "make build" in s.get("run", ""))
    assert "needs.pages.outputs.base_url" in build_step["env"]["EDUHUB_SITE_URL"]
    assert data["jobs"]["pages"]["outputs"]["base_url"] == "${{ steps.pages.outputs.base_url }}"
    assert any(a.startswith("actions/upload-pages-artifact@") for a in uses(build))
    assert deploy["needs"] == "build"
    assert any(a.startswith("actions/deploy-pages@") for a in uses(deploy))
    assert deploy["environment"]["name"] == "github-pages"


def test_mkdocs_reads_the_site_url_the_workflow_sets() -> None:
    assert "!ENV [EDUHUB_SITE_URL" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_problem_matcher_matches_what_check_prints(
    site: SiteProject, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PR notes come from the real output of `eduhub check`."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    project(site)
    site.write("newsletter/issues/001.md", ISSUE.replace("issue: 1", 'issue: "열두"'), dedent=False)
    assert eduhub(["-f", str(site.root / "mkdocs.yml"), "check"]) == 1
    output = capsys.readouterr().out
    matcher = json.loads((REPO / ".github" / "eduhub-problem-matcher.json").read_text())
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    matches = [m for m in map(re.compile(pattern["regexp"]).match, output.splitlines()) if m]
    assert len(matches) == 1
    assert matches[0].group(pattern["file"]) == "content/newsletter/issues/001.md"
    assert matches[0].group(pattern["line"]) == "3"
    assert matches[0].group(pattern["message"]).startswith("issue: 값의 형식이 틀렸습니다")


def test_vscode_maps_event_files_to_the_schema_the_validator_uses() -> None:
    """Staff editing content/events/*.yml in VS Code get the validator's own schema."""
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    schema = "./plugins/eduhub/schemas/events.schema.json"
    assert (REPO / schema).is_file()
    assert "content/events/*.yml" in mapping[schema]
    assert settings["[yaml]"]["editor.insertSpaces"] is True  # no tabs in YAML
    assert list(REPO.glob("content/events/*.yml")), "the glob matches the real event files"


# Least privilege (docs/developer/security.md): the workflow grants nothing, each job what it
# needs; only the job that runs none of our code may publish.
EXPECTED_PERMISSIONS = {
    ("deploy.yml", "pages"): {"pages": "read"},
    ("deploy.yml", "build"): {"contents": "read"},
    ("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("pr.yml", "check"): {"contents": "read"},
    ("pr.yml", "test"): {"contents": "read"},
}


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_every_job_has_least_privilege_permissions(name: str) -> None:
    data = load(name)
    assert data["permissions"] == {}, "the workflow-wide default must grant nothing"
    for job_name, job in data["jobs"].items():
        assert job.get("permissions") == EXPECTED_PERMISSIONS[(name, job_name)], job_name


def test_only_the_deploy_job_can_publish_and_it_runs_none_of_our_code() -> None:
    jobs = load("deploy.yml")["jobs"]
    for job_name, job in jobs.items():
        granted = job.get("permissions", {})
        if job_name != "deploy":
            assert "write" not in granted.values(), job_name
            assert "id-token" not in granted, job_name
    deploy = jobs["deploy"]
    assert runs(deploy) == "", "the publishing job must not run repository code"
    assert uses(deploy) and all(a.startswith("actions/") for a in uses(deploy))
    assert "checkout" not in " ".join(uses(deploy))


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_checkout_keeps_no_token_for_later_steps(name: str) -> None:
    for job_name, job in load(name)["jobs"].items():
        for step in steps(job):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, job_name


def test_pull_request_preview_never_runs_with_secrets() -> None:
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    data = load("pr.yml")
    # `pull_request` runs from forks get no secrets and a read-only token;
    # `pull_request_target` and `workflow_run` would run PR code with the base repo's rights.
    assert set(data["on"]) <= {"pull_request", "workflow_dispatch"}
    assert "secrets." not in text and "secrets:" not in text


def test_only_github_owned_actions_are_used() -> None:
    """Major-tag pinning is acceptable only for GitHub's own actions (security.md)."""
    for name in ("pr.yml", "deploy.yml"):
        for job in load(name)["jobs"].values():
            for action in uses(job):
                assert action.startswith("actions/"), action


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_pr_text_cannot_forge_or_silence_annotations(
    site: SiteProject,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    """A value with a newline and `::error`/`::stop-commands::` never starts a line."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    project(site)
    forged = '"policy\\n::error file=README.md,line=1::forged\\r::stop-commands::x"'
    site.write("newsletter/issues/001.md", ISSUE.replace("[policy]", f"[{forged}]"), dedent=False)
    assert eduhub(["-f", str(site.root / "mkdocs.yml"), "check", "--format", fmt]) == 1
    out = capsys.readouterr().out
    assert "\r" not in out
    for line in out.splitlines():
        if line.lstrip().startswith("::"):
            assert fmt == "github" and re.match(r"::error file=content/[^:,]+,line=\d+,", line)
    matcher = json.loads((REPO / ".github" / "eduhub-problem-matcher.json").read_text())
    regexp = re.compile(matcher["problemMatcher"][0]["pattern"][0]["regexp"])
    files = {m.group(1) for m in map(regexp.match, out.splitlines()) if m}
    assert files == {"content/newsletter/issues/001.md"}
