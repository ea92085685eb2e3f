"""Engine insurance: the real site built with ProperDocs is the MkDocs build, byte for byte.

ProperDocs (https://properdocs.org/, PyPI `properdocs`) is the maintained fork of MkDocs 1.x. It
loads `mkdocs.plugins` entry points and, on `python -m properdocs`, aliases `sys.modules["mkdocs"]`
(and every `mkdocs.*` submodule) to itself (properdocs/replacement.py), so the eduhub plugin and
Material run on it unchanged. If MkDocs 1.x ever goes away, this test is what says we can switch.

ProperDocs runs in its OWN virtual environment and a subprocess, never in the test process, so it
cannot disturb MkDocs' imports here. That environment has no `mkdocs` distribution at all (Material
is installed with --no-deps plus its real dependencies except mkdocs; eduhub likewise), so the
build there can only be ProperDocs'; the test checks that before it compares.

The environment is cached in the git-ignored .cache/properdocs-venv/<key>/, rebuilt when missing
(a fresh clone, as in CI: a minute or two of pip) or when its key changes. Every library it shares
with .venv/ is pinned to the version installed in .venv/, so any byte that differs comes from the
engine, not from a different Markdown or Pygments.
"""

from __future__ import annotations

import difflib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import conftest
import pytest
from conftest import REPO, BuildResult, run_mkdocs_build
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# The ProperDocs release under test. Bump it deliberately (the cached venv follows the pin).
PROPERDOCS_VERSION = "1.6.7"
# Bump when the recipe in _create_venv changes, so cached environments are rebuilt.
VENV_RECIPE = "1"
VENV_ROOT = REPO / ".cache" / "properdocs-venv"
# Generous: a cold venv on a loaded 2-CPU CI machine downloads ~40 wheels and builds eduhub.
PIP_TIMEOUT = 900


# ---------------------------------------------------------------------------------------------
# The differences between the two builds that are allowed, each with its reason. Keep this
# minimal: the test fails when an entry no longer occurs, so a stale entry cannot linger.
# ---------------------------------------------------------------------------------------------
MATERIAL_VERSION = metadata.version("mkdocs-material")
# Material's base.html prints `<meta name="generator" content="mkdocs-{{ mkdocs_version }}, ...">`.
# MkDocs sets mkdocs_version to its version ("1.6.1"); ProperDocs sets it to
# f"ProperDocs {properdocs.__version__}" (properdocs/commands/build.py, get_context). The tag is in
# the <head> of every page Material renders: all *.html files except the ones eduhub renders
# standalone (newsletter/<n>/email.html, embed/events/index.html), which must be byte-identical.
GENERATOR_MKDOCS = (
    f'<meta name="generator" content="mkdocs-{metadata.version("mkdocs")}, '
    f'mkdocs-material-{MATERIAL_VERSION}">'
).encode()
GENERATOR_PROPERDOCS = (
    f'<meta name="generator" content="mkdocs-ProperDocs {PROPERDOCS_VERSION}, '
    f'mkdocs-material-{MATERIAL_VERSION}">'
).encode()
# Everything else -- sitemap.xml(.gz), search shards, feeds, calendars, JSON, assets, e-mail
# editions -- was found byte-identical, and must stay so.


# --- the ProperDocs environment ---------------------------------------------------------------


def _pyproject_dependencies() -> list[str]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["project"]["dependencies"])


def _runtime_requirements(requirements: list[str]) -> list[Requirement]:
    """Requirements that apply to this platform outside any extra."""
    reqs = [Requirement(r) for r in requirements]
    return [r for r in reqs if r.marker is None or r.marker.evaluate({"extra": ""})]


def _pins() -> str:
    """`name==version` for every distribution the site's build uses in .venv/ (the runtime
    dependency closure of pyproject's dependencies, read from .venv's metadata), as a pip
    constraints file: the ProperDocs venv gets the same library versions as the MkDocs build."""
    pins: dict[str, str] = {}
    todo = [r.name for r in _runtime_requirements(_pyproject_dependencies())]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in pins:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # pip resolves it freely; the version check below still compares
        pins[name] = dist.version
        todo += [r.name for r in _runtime_requirements(dist.requires or [])]
    pins.pop("mkdocs", None)  # never installed there
    return "".join(f"{name}=={version}\n" for name, version in sorted(pins.items()))


def _venv_key(pins: str) -> str:
    h = hashlib.sha256()
    for part in (
        (REPO / "pyproject.toml").read_bytes(),
        PROPERDOCS_VERSION.encode(),
        VENV_RECIPE.encode(),
        pins.encode(),
        sys.version.encode(),  # the venv runs this interpreter
        str(REPO).encode(),  # eduhub is installed editable from this checkout
    ):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:16]


def _run(args: list[str], log: list[str], timeout: float = PIP_TIMEOUT) -> None:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    log.append(f"$ {' '.join(args)}\n{proc.stdout}{proc.stderr}")
    if proc.returncode != 0:
        raise RuntimeError("creating the ProperDocs venv failed:\n" + "\n".join(log))


def _create_venv(venv: Path, pins: str) -> None:
    python = venv / "bin" / "python"
    constraints = venv / "pins.txt"
    log: list[str] = []
    # No pip inside the venv: .venv's pip installs into it (`pip --python`), which is faster.
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], log)
    constraints.write_text(pins, encoding="utf-8")
    pip = [
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "--disable-pip-version-check",
        "--no-input",
        "--quiet",
    ]
    material_requires = metadata.requires("mkdocs-material") or []
    without = {"mkdocs", "mkdocs-material"}
    deps = [
        str(r)
        for r in _runtime_requirements(_pyproject_dependencies() + material_requires)
        if canonicalize_name(r.name) not in without
    ]
    # 1. ProperDocs and the real dependencies of eduhub and Material, except mkdocs.
    _run([*pip, "-c", str(constraints), f"properdocs=={PROPERDOCS_VERSION}", *deps], log)
    # 2. Material itself, without its `mkdocs` dependency.
    _run([*pip, "--no-deps", f"mkdocs-material=={MATERIAL_VERSION}"], log)
    # 3. eduhub, editable: the venv runs this checkout's live plugin code and entry points.
    _run([*pip, "--no-deps", "--editable", str(REPO)], log)


def properdocs_python() -> Path:
    """The cached ProperDocs venv's python, creating the venv first when it is missing."""
    pins = _pins()
    key = _venv_key(pins)
    venv = VENV_ROOT / key
    ready = venv / ".eduhub-ready"
    if ready.is_file():
        return venv / "bin" / "python"
    VENV_ROOT.mkdir(parents=True, exist_ok=True)
    with open(VENV_ROOT / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another pytest run may be creating it right now
        if not ready.is_file():
            for stale in VENV_ROOT.iterdir():  # other keys, or an interrupted creation
                if stale.is_dir():
                    shutil.rmtree(stale)
            _create_venv(venv, pins)
            ready.write_text(f"properdocs=={PROPERDOCS_VERSION}\n{pins}", encoding="utf-8")
    return venv / "bin" / "python"


# The checks run inside the venv, with the environment the build gets.
PROBE = """
import importlib.metadata as md, importlib.util, json, sys
out = {"prefix": sys.prefix}
try:
    md.distribution("mkdocs")
    out["mkdocs_distribution"] = True
except md.PackageNotFoundError:
    out["mkdocs_distribution"] = False
out["mkdocs_importable_before_alias"] = importlib.util.find_spec("mkdocs") is not None
import properdocs.__main__  # what `python -m properdocs` runs first: installs the mkdocs alias
import mkdocs, mkdocs.plugins, mkdocs.structure.files, properdocs, properdocs.plugins
out["mkdocs_is_properdocs"] = (
    mkdocs is properdocs
    and mkdocs.plugins is properdocs.plugins
    and mkdocs.structure.files.__name__ == "properdocs.structure.files"
)
plugin = properdocs.plugins.get_plugins()["eduhub"].load()
out["eduhub_plugin_is_a_properdocs_plugin"] = issubclass(plugin, properdocs.plugins.BasePlugin)
import eduhub, material
out["eduhub_file"] = eduhub.__file__
out["material_file"] = material.__file__
out["versions"] = {d.metadata["Name"]: d.version for d in md.distributions()}
print(json.dumps(out))
"""


def probe_env() -> dict[str, str]:
    """The environment run_mkdocs_build gives the build (os.environ plus the build date and the
    banner switch), so the probe sees the imports the build sees."""
    return {**os.environ, "SOURCE_DATE_EPOCH": conftest.BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}


# --- comparing two site folders ---------------------------------------------------------------


def _files(site_dir: Path) -> dict[str, Path]:
    return {
        p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*")) if p.is_file()
    }


def _excerpt(name: str, a: bytes, b: bytes) -> str:
    try:
        lines = difflib.unified_diff(
            a.decode().splitlines(),
            b.decode().splitlines(),
            f"mkdocs/{name}",
            f"properdocs/{name}",
            lineterm="",
            n=1,
        )
        return "\n".join(list(lines)[:24])
    except UnicodeDecodeError:
        return f"{name}: binary files differ ({len(a)} vs {len(b)} bytes)"


def compare_sites(mkdocs_dir: Path, properdocs_dir: Path) -> set[str]:
    """Assert the two builds hold the same files with the same bytes, apart from the listed
    allowed differences; returns the files in which the generator tag (the one allowed
    difference) was found."""
    ours, theirs = _files(mkdocs_dir), _files(properdocs_dir)
    missing, extra = sorted(ours.keys() - theirs.keys()), sorted(theirs.keys() - ours.keys())
    assert (missing, extra) == ([], []), (
        f"ProperDocs' build lacks {missing} and adds {extra} (a plugin not loaded, a page "
        "or an asset not generated?)"
    )
    generator_only: set[str] = set()
    differing: list[str] = []
    for name, path in ours.items():
        a, b = path.read_bytes(), theirs[name].read_bytes()
        if a == b:
            continue
        if (
            name.endswith(".html")
            and a.count(GENERATOR_MKDOCS) == 1
            and b.count(GENERATOR_PROPERDOCS) == 1
            and a.replace(GENERATOR_MKDOCS, GENERATOR_PROPERDOCS) == b
        ):
            generator_only.add(name)
            continue
        differing.append(name)
    assert differing == [], "\n\n".join(
        [f"{len(differing)} files differ between MkDocs and ProperDocs:"]
        + [_excerpt(n, ours[n].read_bytes(), theirs[n].read_bytes()) for n in differing[:5]]
    )
    return generator_only


# --- the test ---------------------------------------------------------------------------------


def test_properdocs_builds_the_real_site_byte_identical_to_mkdocs(
    real_site: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = properdocs_python()
    venv = python.parent.parent

    # The venv really is a ProperDocs-only one, running this checkout's plugin.
    probe = subprocess.run(
        [str(python), "-c", PROBE], capture_output=True, text=True, env=probe_env(), cwd=REPO
    )
    assert probe.returncode == 0, probe.stdout + probe.stderr
    facts = json.loads(probe.stdout)
    assert Path(facts["prefix"]) == venv
    assert facts["mkdocs_distribution"] is False, "the mkdocs package got into the ProperDocs venv"
    assert facts["mkdocs_importable_before_alias"] is False
    assert facts["mkdocs_is_properdocs"] is True
    assert facts["eduhub_plugin_is_a_properdocs_plugin"] is True
    assert Path(facts["eduhub_file"]).is_relative_to(REPO / "plugins" / "eduhub")
    assert Path(facts["material_file"]).is_relative_to(venv)
    versions: dict[str, str] = {canonicalize_name(k): v for k, v in facts["versions"].items()}
    assert versions.pop("properdocs") == PROPERDOCS_VERSION
    versions.pop("eduhub")
    here: dict[str, str] = {
        canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()
    }
    assert {n: v for n, v in versions.items() if n in here and here[n] != v} == {}, (
        "the ProperDocs venv has other library versions than .venv (MkDocs' build)"
    )

    # The same build as conftest's `real_site` (same arguments, environment and working
    # folder: run_mkdocs_build itself), with `python -m properdocs` in place of `python -m mkdocs`.
    monkeypatch.setattr(conftest, "MKDOCS", [str(python), "-m", "properdocs"])
    built = run_mkdocs_build(REPO / "mkdocs.yml", tmp_path / "site")
    assert built.ok, built.output

    generator_only = compare_sites(real_site.site_dir, built.site_dir)

    # The allowed difference still occurs (else delete it above), on exactly the pages that
    # carry Material's generator tag.
    tagged = {
        name
        for name, path in _files(real_site.site_dir).items()
        if GENERATOR_MKDOCS in path.read_bytes()
    }
    assert generator_only, (
        "no page carries ProperDocs' generator tag: the build was not ProperDocs', or ProperDocs "
        "now prints MkDocs' tag (then drop that allowance)"
    )
    assert generator_only == tagged
    # The plugin's own outputs are part of the comparison (not two equally empty builds).
    names = set(_files(built.site_dir))
    assert any(n.endswith(".ics") for n in names)
    assert {"feed.xml", "events.json"} <= names
