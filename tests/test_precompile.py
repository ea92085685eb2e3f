"""Templates compiled on the other core (eduhub.precompile) are the ones the build then loads:
same keys in another environment of the same theme, none compiled twice; an environment the
compiled code does not fit (another filter) compiles anew."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jinja2
import pytest
from conftest import REPO
from eduhub import precompile
from eduhub.config import register_theme_files
from eduhub.memo import MEMO, TemplateBytecode
from mkdocs.config import load_config

ROOTS = ["main.html", "404.html", "sitemap.xml", "partials/languages/ko.html"]


@pytest.fixture
def make_env() -> Iterator[Any]:
    config = load_config(str(REPO / "mkdocs.yml"))
    register_theme_files(config)  # (the plugin's on_config: our templates after overrides/)
    MEMO.open(None)
    MEMO.tables.pop("jinja", None)  # (what earlier tests compiled in this process)
    yield config.theme.get_env
    MEMO.end_build(save=False)
    MEMO.tables.pop("jinja", None)


class Counting:
    """An environment's compiler, counted."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.names: list[str] = []
        self.compile = env.compile
        env.compile = self  # type: ignore[method-assign]

    def __call__(self, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        self.names.append(str(name))
        return self.compile(source, name, *args, **kwargs)


def _load_all(env: jinja2.Environment) -> None:
    """Load every template the roots reach, as a render would (include, import, extends)."""
    todo, seen = list(ROOTS), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        env.get_template(name)
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        todo += [n for n in jinja2.meta.find_referenced_templates(env.parse(source)) if n]


def test_a_precompiled_theme_is_loaded_without_compiling(make_env: Any) -> None:
    count = precompile.compile_templates(make_env(), ROOTS)
    assert count > 40  # Material's base, partials and ours
    env = make_env()
    env.bytecode_cache = TemplateBytecode()
    compiled = Counting(env)
    _load_all(env)
    assert compiled.names == []
    assert len(env.cache or {}) > 40  # (they were loaded: from the memo)


def test_another_filter_set_compiles_anew(make_env: Any) -> None:
    precompile.compile_templates(make_env(), ROOTS)
    env = make_env()
    env.filters["eduhub_test_only"] = lambda value: value  # a plugin's filter, say
    env.bytecode_cache = TemplateBytecode()
    compiled = Counting(env)
    env.get_template("main.html")
    assert compiled.names == ["main.html"]


def test_start_compiles_in_a_child_and_the_parent_waits_for_it(
    make_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []  # by this process (a forked child counts in its own copy)
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: Any = None, *a: Any) -> Any:
        compiled.append(str(name))
        return real(self, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    precompile.start(make_env, ROOTS)
    assert "jinja" in MEMO.pending  # a child works on it
    env = make_env()
    env.bytecode_cache = TemplateBytecode()
    env.get_template("404.html")  # the first load waits for the child, then finds it
    assert "jinja" not in MEMO.pending
    assert compiled == []  # neither the load nor a fallback compiled here
    assert MEMO.size("jinja") > 40
    precompile.start(make_env, ROOTS)  # a memo that has them: no child
    assert "jinja" not in MEMO.pending


def test_a_template_that_cannot_be_read_is_left_to_the_parent() -> None:
    """Any failure of one template (unreadable, undecodable, broken) skips it: the build
    meets it, and reports it, as without the child."""

    def load(name: str) -> str:
        if name == "bad.html":
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
        if name == "broken.html":
            return "{% if %}"
        return '{% if false %}{% include "bad.html" %}{% include "broken.html" %}{% endif %}'

    MEMO.open(None)
    env = jinja2.Environment(loader=jinja2.FunctionLoader(load))
    assert precompile.compile_templates(env, ["main.html"]) == 1
    MEMO.end_build(save=False)
