"""The scale bench (bench/scale.py, `make bench`) on a tiny corpus: it runs end to end and
writes its JSON and table. Not timed: figures from a test run mean nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

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
