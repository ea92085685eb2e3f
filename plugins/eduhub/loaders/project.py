"""Settings from mkdocs.yml without MkDocs, for the staff tools (`eduhub check`, `eduhub new`).

The build gets its Settings from the adapter (plugin.py); the staff tools read the same file
here, so both validate content with the same categories and folders.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..dates import build_datetime
from ..models import Category
from ..settings import Settings, make_categories

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


class ProjectError(Exception):
    """mkdocs.yml itself is unusable; `str()` is a Korean sentence naming the file."""


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


def load_settings(config_file: Path, *, environ: dict[str, str] | None = None) -> Settings:
    """The Settings the build would use (drafts excluded, build time from SOURCE_DATE_EPOCH)."""
    config_file = config_file.resolve()
    config = read_config(config_file)
    project_dir = config_file.parent
    eduhub = plugin_config(config)
    site_url = str(config.get("site_url") or DEFAULT_SITE_URL)
    return Settings(
        site_url=site_url.rstrip("/") + "/",
        site_name=str(config.get("site_name") or ""),
        site_description=str(config.get("site_description") or ""),
        docs_dir=(project_dir / str(config.get("docs_dir") or "docs")).resolve(),
        project_dir=project_dir,
        build_time=build_datetime(environ),
        newsletter_categories=_categories(eduhub, "newsletter_categories", config_file),
        event_categories=_categories(eduhub, "event_categories", config_file),
        feed_limit=int(eduhub.get("feed_limit", 50)),
        include_drafts=False,
    )


def _categories(eduhub: dict[str, Any], key: str, config_file: Path) -> tuple[Category, ...]:
    items = [item if isinstance(item, dict) else {} for item in eduhub.get(key) or []]
    try:
        return make_categories(((i.get("slug"), i.get("label")) for i in items), key)
    except ValueError as exc:
        raise ProjectError(f"{config_file.name}: {exc}") from None
