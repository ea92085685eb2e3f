"""The scale bench (bench/scale.py, `make bench`) on a tiny corpus: it runs end to end and
writes its JSON and table. Not timed: figures from a test run mean nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import scale  # noqa: E402
from corpus import make_corpus  # noqa: E402


def test_floor_and_peer_use_the_corpus_text(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", issues=4, events=6).parent
    floor = scale.make_floor(corpus, tmp_path / "floor", pages=400)
    peer = scale.make_peer(corpus, tmp_path / "peer")
    assert floor.pages == 400 and floor.notes["padding_pages"] > 0
    issue = (corpus / "content/newsletter/synthetic/00100.md").read_text(encoding="utf-8")
    body = issue.split("---\n", 2)[2]
    assert (tmp_path / "floor/docs/newsletter/synthetic/00100.md").read_text() == body
    assert (tmp_path / "floor/docs/events/synthetic-00003/index.md").exists()
    floor_config = yaml.safe_load((tmp_path / "floor/mkdocs.yml").read_text())
    assert floor_config["plugins"] == [] and len(floor_config["nav"]) <= 2
    assert "custom_dir" not in floor_config["theme"]
    assert peer.pages >= 4
    post = (tmp_path / "peer/docs/blog/posts/00100.md").read_text(encoding="utf-8")
    assert "<!-- more -->" in post and body.split("\n\n")[-1].strip() in post
    assert {"blog": {"blog_dir": "blog"}} in yaml.safe_load(
        (tmp_path / "peer/mkdocs.yml").read_text()
    )["plugins"]


def test_bench_runs_and_writes_json_and_table(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = scale.main(
        ["--n", "1", "--issues", "3", "--events", "6", "--serve-edits", "1", "--out", str(out)]
    )
    result = json.loads((out / "scale.json").read_text(encoding="utf-8"))
    failed = [r for r in result["runs"] if not r["ok"]]
    assert code == 0 and not failed, (out / "scale-build.log").read_text(encoding="utf-8")
    cases = {(r["system"], r["case"]) for r in result["runs"]}
    for system in ("eduhub", "peer", "floor"):
        assert (system, "cold fresh") in cases and (system, "cold existing") in cases
    assert {("eduhub", "warm none"), ("eduhub", "warm one"), ("eduhub-20x", "cold fresh")} <= cases
    assert ("eduhub-real", "cache kept") in cases  # and the same bytes as cold (else not ok)
    assert result["ratios"]["real site, new output folder, .cache kept (s)"] is not None
    serve = result["serve"]
    assert all(v is not None for v in serve["issue"] + serve["event"] + serve["guide"])
    assert len(serve["guide"]) == 1
    assert result["identical_to_clean"] is True
    assert set(result["targets"]) == set(scale.TARGETS)
    table = (out / "scale.md").read_text(encoding="utf-8")
    assert "| Build | cold fresh |" in table and "eduhub/peer cold fresh" in table


def test_differential_search_runs_and_finds_a_planted_stale_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """bench/differential.py (`make differential`) on two steps: the warm builds equal the
    clean ones. Then with a planted wrong hit (a copy of the plugin whose page keys are all
    one) it must report the first step that edits a page."""
    import shutil

    import differential

    monkeypatch.setattr(differential.tempfile, "mkdtemp", lambda prefix: str(tmp_path / "a"))
    assert differential.main(["--steps", "2", "--seed", "3"]) == 0
    assert "every warm build was a clean build's" in capsys.readouterr().out

    planted = tmp_path / "planted"
    shutil.copytree(REPO / "plugins", planted, ignore=shutil.ignore_patterns("__pycache__"))
    pagecache = planted / "eduhub" / "pagecache.py"
    text = pagecache.read_text(encoding="utf-8")
    assert "page_key = quick_digest(" in text
    pagecache.write_text(
        text.replace("page_key = quick_digest(", 'page_key = "one key" or quick_digest('),
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", str(planted))
    monkeypatch.setattr(differential.Site, "EDITS", (differential.Site.title,))
    monkeypatch.setattr(differential.tempfile, "mkdtemp", lambda prefix: str(tmp_path / "b"))
    assert differential.main(["--steps", "1", "--seed", "3"]) == 1
    assert "files differ" in capsys.readouterr().out


def test_differential_search_with_eduhub_build_catches_a_trusted_spare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--eduhub`: warm builds by `eduhub build`, made from the spare folder, which is
    tampered with. A planted bug (the spare's files kept without the inode check) must be
    reported once a tampered spare is used (the third build: the second made the spare)."""
    import shutil

    import differential

    def replace_all(spare: Path, rng: object) -> str:
        for path in [p for p in spare.rglob("*.html") if p.is_file()] if spare.is_dir() else []:
            path.unlink()
            path.write_bytes(b"tampered")
        return "spare: every page replaced"

    monkeypatch.setattr(differential, "TAMPER", 1.0)
    monkeypatch.setattr(differential, "tamper", replace_all)
    monkeypatch.setattr(differential.Site, "EDITS", (differential.Site.title,))
    monkeypatch.setattr(differential.tempfile, "mkdtemp", lambda prefix: str(tmp_path / "a"))
    assert differential.main(["--steps", "2", "--seed", "3", "--eduhub"]) == 0
    assert "every warm build was a clean build's" in capsys.readouterr().out

    planted = tmp_path / "planted"
    shutil.copytree(REPO / "plugins", planted, ignore=shutil.ignore_patterns("__pycache__"))
    spare = planted / "eduhub" / "spare.py"
    text = spare.read_text(encoding="utf-8")
    check = "if not S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != ("
    assert check in text
    spare.write_text(text.replace(check, "if not S_ISREG(st.st_mode) or False and ("), "utf-8")
    monkeypatch.setenv("PYTHONPATH", str(planted))
    monkeypatch.setattr(differential.tempfile, "mkdtemp", lambda prefix: str(tmp_path / "b"))
    assert differential.main(["--steps", "2", "--seed", "3", "--eduhub"]) == 1
    assert "files differ" in capsys.readouterr().out
