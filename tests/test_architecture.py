"""The package's shape: no import cycle anywhere, and only the adapter imports MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "eduhub"
ADAPTER = {"eduhub.plugin", "eduhub.config"}


def _module_name(path: Path) -> str:
    parts = ["eduhub", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Modules of the package that `name` imports, TYPE_CHECKING imports included."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return {m for m in found if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_in_the_package() -> None:
    graph = _graph()
    assert len(graph) > 30  # the scan really sees the package
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_only_the_adapter_imports_mkdocs() -> None:
    offenders = []
    for name, path in _modules().items():
        if name in ADAPTER:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module or ""]
            if any(m == "mkdocs" or m.startswith("mkdocs.") for m in modules):
                offenders.append(name)
    assert offenders == []


def test_every_capability_is_a_package() -> None:
    for capability in ("newsletter", "events", "search", "site"):
        assert (PACKAGE / capability / "feature.py").is_file(), capability
    # The issue asks for about 200 lines; error wrapping (issue 11) and the cache (issue 15) made
    # it 253. Keep it from growing further: move logic into the core instead.
    assert len((PACKAGE / "plugin.py").read_text(encoding="utf-8").splitlines()) <= 260


def test_loading_the_plugin_imports_no_feature() -> None:
    """MkDocs imports the plugin for every build; a build that changes nothing (the cache
    keeps the last output) loads no content. The features and their libraries (jsonschema,
    icalendar, Pillow, feedgen...) are imported when content is loaded, not with the plugin:
    about 0.3 s of every such build."""
    import subprocess
    import sys

    code = (
        "import sys, eduhub.plugin\n"
        "heavy = ['eduhub.build', 'eduhub.content', 'jsonschema', 'icalendar', 'PIL', 'feedgen']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", done.stdout
