"""The MkDocs adapter: wires MkDocs events to the pure core in `hub.py`. Keep it thin."""

from __future__ import annotations

from datetime import date
from html import escape, unescape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .config import EduhubConfig
from .dates import build_datetime, parse_date
from .errors import ContentError
from .features.base import RenderedPage
from .hub import Hub
from .models import Category
from .settings import Settings, make_categories

log = get_plugin_logger(__name__)

TEMPLATES_DIR = Path(__file__).parent / "templates"


class EduhubPlugin(BasePlugin[EduhubConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.settings: Settings | None = None
        self.hub: Hub | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether we serve (drafts shown) or build (drafts never published)."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Reset per-build state and hand plain settings to the core."""
        self.hub = None
        self.settings = Settings(
            site_url=(config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/",
            site_name=config.site_name,
            site_description=config.site_description or "",
            docs_dir=Path(config.docs_dir),
            project_dir=Path(config.config_file_path or ".").resolve().parent,
            build_time=build_datetime(),
            newsletter_categories=_categories(
                self.config.newsletter_categories, "newsletter_categories"
            ),
            event_categories=_categories(self.config.event_categories, "event_categories"),
            feed_limit=self.config.feed_limit,
            include_drafts=self.command == "serve",
        )
        if str(TEMPLATES_DIR) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES_DIR))  # overrides/ still wins
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and validate all content before MkDocs touches site_dir."""
        assert self.settings is not None
        hub = Hub(self.settings)
        if hub.problems:
            error = ContentError(hub.problems.items)
            raise PluginError(
                f"내용에 고칠 곳이 {len(error.problems)}개 있습니다 (사이트는 바뀌지 않았습니다):\n{error}"
            )
        self.hub = hub
        log.debug(
            "loaded %d issues, %d announcements, %d events",
            len(hub.content.issues),
            len(hub.content.announcements),
            len(hub.content.events),
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Drop unpublished sources and event data, move issues, add generated pages."""
        hub = self._hub()
        for file in list(files):
            if hub.is_excluded(file.src_uri):
                files.remove(file)
                continue
            destination = hub.destination(file.src_uri)
            if destination:
                files.remove(file)
                file = File(
                    file.src_uri,
                    file.src_dir,
                    file.dest_dir,
                    file.use_directory_urls,
                    dest_uri=destination,
                )
                files.append(file)
            if hub.describe(file.src_uri)[0] != "page":
                # Issues, announcements and programs are reached from their index pages; a
                # nav listing every one of them makes each build quadratic.
                file.inclusion = InclusionLevel.NOT_IN_NAV
        for src_uri, markdown in hub.virtual_pages().items():
            generated = File.generated(config, src_uri, content=markdown)
            generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Pick the feature's template (MkDocs chooses it before on_page_context).

        A front-matter title or description is staff text, but MkDocs' Jinja environment does
        not autoescape and Material prints `page.title` as HTML (nav, heading, footer links) and
        the description into a <meta> attribute: escape them once here so `<script>` shows as
        text everywhere.
        """
        template = self._hub().template(page.file.src_uri)
        if template and "template" not in page.meta:
            page.meta["template"] = template
        for key in ("title", "description"):  # Material prints both unescaped
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key], quote=key == "description")
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        hub = self._hub()
        kind, model = hub.describe(page.file.src_uri)
        kind = page.meta.get("eduhub_kind", kind)
        hub.page_rendered(
            RenderedPage(
                src_uri=page.file.src_uri,
                url=page.url,
                title=unescape(page.title or ""),
                html=html,
                kind=kind,
                date=getattr(model, "date", None) or _as_date(page.meta.get("eduhub_date")),
                meta=dict(page.meta),
            )
        )
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Feature data for templates as `eduhub.<feature>` (TemplateContext is a closed
        TypedDict; templates read extra keys all the same)."""
        eduhub = self._hub().page_context(page.file.src_uri)
        context["eduhub"] = eduhub  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write feeds, calendars, JSON and the search index."""
        site_dir = Path(config.site_dir)
        for relative, data in sorted(self._hub().outputs().items()):
            target = site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def _hub(self) -> Hub:
        if self.hub is None:
            raise PluginError("eduhub: content was not loaded (on_pre_build did not run)")
        return self.hub


def _as_date(value: Any) -> date | None:
    """`eduhub_date` of a generated page: a date, or a YYYY-MM-DD string."""
    if value is None or isinstance(value, date):
        return value
    return parse_date(value)


def _categories(items: list[Any], key: str) -> tuple[Category, ...]:
    try:
        return make_categories(((item.slug, item.label) for item in items), key)
    except ValueError as exc:
        raise PluginError(f"mkdocs.yml: {exc}") from None
