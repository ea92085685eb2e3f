"""The theme's templates compiled on the other core while the content loads. No MkDocs imports.

A build without a memo compiles some 76 templates (Material's and ours) when it writes its
first page: about 0.7 s, a quarter of the real site's cold build. `start` forks a child
(`Background`) that compiles them into the memo's "jinja" table, from the theme's root
templates along every literal `include`, `import`, `from` and `extends`; the parent takes the
table in, and its Jinja finds each template in `TemplateBytecode` (same name, file, source
and environment signature) instead of compiling it. What the child cannot foresee (a dynamic
include, such as Material's icons) the parent compiles as before, and a template it asks for
before the child is done waits for the child (`Memo.expect`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from jinja2 import meta

from .background import Background
from .memo import MEMO, TemplateBytecode

OWN = Path(__file__).resolve().parent / "templates"  # the plugin's templates (eduhub/...)


def start(make_env: Callable[[], jinja2.Environment], roots: Iterable[str]) -> None:
    """Compile on the other core unless the memo already holds compiled templates (a build
    with `.cache/` kept) or is off (`EDUHUB_CACHE=0`)."""
    if not MEMO.enabled or MEMO.peek("jinja", ["compiled", *roots]) is not None:
        return  # (its key holds this package's fingerprint: any code change compiles anew)
    MEMO.put("jinja", ["compiled", *roots], True)
    names = [*roots, *sorted(p.relative_to(OWN).as_posix() for p in OWN.rglob("*.html"))]
    MEMO.expect("jinja", Background(lambda: compile_templates(make_env(), names)))


def compile_templates(env: jinja2.Environment, roots: Iterable[str]) -> int:
    """Compile `roots` and every template they name into the memo; returns how many were
    found and compiled (or found in the memo)."""
    cache = TemplateBytecode()
    seen: set[str] = set()
    compiled = 0  # (found and compiled, or found compiled)
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            assert env.loader is not None
            source, filename, _ = env.loader.get_source(env, name)
            tree = env.parse(source, name, filename)
            todo.extend(n for n in meta.find_referenced_templates(tree) if n)
            bucket = cache.get_bucket(env, name, filename, source)
            if bucket.code is None:
                bucket.code = env.compile(tree, name, filename)
                cache.set_bucket(bucket)
        except Exception:  # noqa: BLE001 - missing or broken: the parent meets it as before
            continue
        compiled += 1
    return compiled
