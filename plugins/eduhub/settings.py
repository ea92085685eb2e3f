"""Build settings: the one place they are made, for the plugin and for the staff tools.

`make_settings` takes mkdocs.yml's values as plain data, so the MkDocs adapter (plugin.py) and
`eduhub check` (which reads mkdocs.yml itself, see `load_settings`) validate content with the
same categories, folders and defaults. No MkDocs imports.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .dates import build_datetime
from .models import Category

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
DEFAULT_FEED_LIMIT = 50
TEMPLATES_DIR = Path(__file__).parent / "templates"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ProjectError(Exception):
    """mkdocs.yml itself is unusable; `str()` is a Korean sentence naming the file."""


def make_categories(pairs: Iterable[tuple[object, object]], key: str) -> tuple[Category, ...]:
    """Categories from mkdocs.yml (slug, label) pairs; ValueError names the bad entry."""
    result = []
    for slug, label in pairs:
        if not isinstance(slug, str) or not _SLUG.match(slug) or not isinstance(label, str):
            raise ValueError(
                f"{key}: slug {slug!r}, label {label!r}: {{slug: 영문-소문자, label: 한글 이름}}"
                " 형태여야 합니다 (slug는 영문 소문자·숫자·하이픈만)"
            )
        result.append(Category(slug=slug, label=label))
    return tuple(result)


@dataclass(frozen=True)
class Settings:
    site_url: str  # absolute, ends with "/"
    site_name: str
    docs_dir: Path
    project_dir: Path  # where mkdocs.yml is; problem paths are shown relative to it
    build_time: datetime  # Seoul-aware (SOURCE_DATE_EPOCH when set)
    newsletter_categories: tuple[Category, ...] = ()
    event_categories: tuple[Category, ...] = ()
    feed_limit: int = DEFAULT_FEED_LIMIT
    include_drafts: bool = False  # True under `mkdocs serve`
    site_description: str = ""
    center_name: str = ""  # mkdocs.yml extra.center.name (share cards)
    # Template folders, first wins: the site's overrides/, then the plugin's own.
    template_dirs: tuple[Path, ...] = (TEMPLATES_DIR,)
    # mkdocs.yml's markdown_extensions as plain data (names, or {name: config}): `eduhub
    # check` renders Markdown bodies with them to judge the HTML the build will publish.
    markdown_extensions: tuple[Any, ...] = field(default=(), hash=False)

    @property
    def build_date(self) -> date:
        return self.build_time.date()

    def abs_url(self, path: str = "") -> str:
        """Absolute URL of a site-relative path ("newsletter/12/")."""
        return self.site_url + path.lstrip("/")

    def display_path(self, path: Path) -> str:
        return _display_path(os.fspath(path), os.fspath(self.project_dir))


@lru_cache(maxsize=65536)
def _display_path(path: str, project_dir: str) -> str:
    """`path` relative to the project as staff see it; resolving symlinks costs a system call
    per path component, and error-reporting paths are asked for once per page and problem:
    folders are resolved once each, a file that is no symlink is its folder's plus its name."""
    folder, name = os.path.split(os.path.abspath(path))
    exact = not name or ".." in Path(path).parts or os.path.islink(path)
    resolved = Path(path).resolve() if exact else _resolved(folder) / name
    try:
        return resolved.relative_to(_resolved(project_dir)).as_posix()
    except ValueError:
        return Path(path).as_posix()


@lru_cache(maxsize=4096)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


def make_settings(
    config: Mapping[str, Any],
    plugin: Mapping[str, Any],
    *,
    config_file: Path,
    include_drafts: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from mkdocs.yml's top-level values and the eduhub plugin's options.

    `config` needs site_url, site_name, site_description, docs_dir and (optionally)
    theme.custom_dir and markdown_extensions; `plugin` feed_limit and the two category lists, each item a mapping
    with slug and label. Raises ProjectError naming mkdocs.yml when something is unusable.
    """
    config_file = config_file.resolve()
    project_dir = config_file.parent
    site_url = str(config.get("site_url") or DEFAULT_SITE_URL)
    docs_dir = Path(str(config.get("docs_dir") or "docs"))
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    dirs = [(project_dir / str(custom_dir)).resolve()] if custom_dir else []
    feed_limit = plugin.get("feed_limit")
    return Settings(
        site_url=site_url.rstrip("/") + "/",
        site_name=str(config.get("site_name") or ""),
        site_description=str(config.get("site_description") or ""),
        center_name=_center_name(config.get("extra")),
        docs_dir=(project_dir / docs_dir).resolve(),
        project_dir=project_dir,
        build_time=build_datetime(dict(environ) if environ is not None else None),
        newsletter_categories=_categories(plugin, "newsletter_categories", config_file),
        event_categories=_categories(plugin, "event_categories", config_file),
        feed_limit=DEFAULT_FEED_LIMIT if feed_limit is None else int(feed_limit),
        include_drafts=include_drafts,
        template_dirs=(*dirs, TEMPLATES_DIR),
        markdown_extensions=tuple(config.get("markdown_extensions") or ()),
    )


def _center_name(extra: object) -> str:
    center = extra.get("center") if isinstance(extra, Mapping) else None
    name = center.get("name") if isinstance(center, Mapping) else None
    return name if isinstance(name, str) else ""


def _categories(plugin: Mapping[str, Any], key: str, config_file: Path) -> tuple[Category, ...]:
    items = [item if isinstance(item, Mapping) else {} for item in plugin.get(key) or []]
    try:
        return make_categories(((i.get("slug"), i.get("label")) for i in items), key)
    except ValueError as exc:
        raise ProjectError(f"{config_file.name}: {exc}") from None


def load_settings(config_file: Path, *, environ: Mapping[str, str] | None = None) -> Settings:
    """The Settings the build would use, read from mkdocs.yml without MkDocs (staff tools).

    Drafts are excluded and the build time comes from SOURCE_DATE_EPOCH, as in `mkdocs build`.
    """
    config = read_config(config_file)
    return make_settings(config, plugin_config(config), config_file=config_file, environ=environ)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV` like MkDocs does, other tags (`!!python/name:`) as None."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        names, default = items[:-1] or items, items[-1] if len(items) > 1 else None
    else:
        return None
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            return yaml.safe_load(value) if value else value
    return default


def _ignore(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _ignore)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except FileNotFoundError:
        raise ProjectError(
            f"{config_file}: 설정 파일이 없습니다 (-f로 mkdocs.yml 위치를 알려 주세요)"
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{config_file}: 설정 파일을 읽을 수 없습니다: {exc}") from None
    if not isinstance(data, dict):
        raise ProjectError(f"{config_file}: 설정 파일이 '항목: 값' 형태가 아닙니다")
    return data


def plugin_config(config: dict[str, Any], name: str = "eduhub") -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return {}
