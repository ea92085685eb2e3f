"""One tokenizer, two implementations: Python (build) and JS (browser) on shared vectors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO
from eduhub.search.tokenize import parse_query, stem, tokenize

VECTORS = json.loads((REPO / "tests" / "search_vectors.json").read_text(encoding="utf-8"))
SEARCH_JS = REPO / "plugins" / "eduhub" / "templates" / "assets" / "eduhub" / "search.js"


@pytest.mark.parametrize("vector", VECTORS["tokenize"], ids=lambda v: v["input"][:20])
def test_python_tokenizer_matches_vectors(vector: dict) -> None:
    assert tokenize(vector["input"]) == vector["tokens"]


@pytest.mark.parametrize("vector", VECTORS["parse_query"], ids=lambda v: v["input"])
def test_python_query_parser_matches_vectors(vector: dict) -> None:
    parts = [
        {"text": p.text, "hangul": p.hangul, "stem": p.stem, "prefix": p.prefix}
        for p in parse_query(vector["input"])
    ]
    assert parts == vector["parts"]


def test_js_tokenizer_matches_vectors_in_node(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (the browser test checks the same vectors)")
    script = tmp_path / "run.js"
    script.write_text(
        "globalThis.window = globalThis;\n"
        "globalThis.document = { querySelector: () => null };\n"
        "globalThis.location = { href: 'http://localhost/' };\n"
        f"require({json.dumps(str(SEARCH_JS))});\n"
        f"const v = require({json.dumps(str(REPO / 'tests' / 'search_vectors.json'))});\n"
        "const out = {\n"
        "  tokenize: v.tokenize.map(x => window.__ehSearch.tokenize(x.input)),\n"
        "  parse_query: v.parse_query.map(x => window.__ehSearch.parseQuery(x.input)),\n"
        "};\n"
        "process.stdout.write(JSON.stringify(out));\n",
        encoding="utf-8",
    )
    proc = subprocess.run([node, str(script)], capture_output=True, text=True, check=True)
    out = json.loads(proc.stdout)
    assert out["tokenize"] == [v["tokens"] for v in VECTORS["tokenize"]]
    assert out["parse_query"] == [v["parts"] for v in VECTORS["parse_query"]]


def test_compound_particle_spacing_and_mixed_scripts() -> None:
    assert {"학점", "점제"} <= set(tokenize("고교학점제는"))
    assert "=진로" in tokenize("진로에") and "=진로" in tokenize("진로를")
    assert "서접" in tokenize("원서 접수")  # the bigram across the space
    assert "서접" not in tokenize("원서·접수")
    assert tokenize("2027학년도") == ["2027", "=학년도", "=학년", "학년", "년도"]
    assert tokenize("ＳＷ·AI") == ["sw", "ai"]
    assert tokenize("학ㅈ") == ["=학"]  # a half-typed syllable is no token


def test_stem_keeps_two_syllables() -> None:
    assert stem("진로를") == "진로"
    assert stem("진로") is None  # 로 is part of the word here
    assert stem("대학교에서는") == "대학교"
