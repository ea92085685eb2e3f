"""The MkDocs adapter: wires MkDocs events to the pure core in `build.py`. Keep it thin."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date
from mkdocs.utils.templates import TemplateContext

from . import urls
from .cache import Fragments, changed
from .config import EduhubConfig, register_theme_files
from .errors import ContentError
from .feature import RenderedPage
from .memo import MEMO, TemplateBytecode, open_for
from .pagecache import PageCacheAdapter
from .safety.output import safe_line
from .settings import ProjectError, Settings, make_settings
from .sharedmarkdown import SharedMarkdown
from .watching import use_native_observer

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

    from .build import SiteBuild

log = get_plugin_logger(__name__)


class EduhubPlugin(BasePlugin[EduhubConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.settings: Settings | None = None
        self.site: SiteBuild | None = None
        self.cache: PageCacheAdapter | None = None
        self.markdown: SharedMarkdown | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether we serve (drafts shown) or build (drafts never published)."""
        self.command = command
        PageCacheAdapter.pin_serve_time(command)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Reset per-build state, hand plain settings to the core, register our theme files."""
        self.site = None
        values = {
            "site_url": config.site_url,
            "site_name": config.site_name,
            "site_description": config.site_description,
            "extra": dict(config.extra),
            "docs_dir": config.docs_dir,
            "theme": {"custom_dir": config.theme.custom_dir},
            # The content rules render Markdown bodies exactly as this build does.
            "markdown_extensions": [
                {name: config.mdx_configs[name]} if name in config.mdx_configs else name
                for name in config.markdown_extensions
                if isinstance(name, str)
            ],
        }
        try:
            self.settings = make_settings(
                values,
                self.config,
                config_file=Path(config.config_file_path or "mkdocs.yml"),
                include_drafts=self.command == "serve",
            )
        except ProjectError as exc:
            raise PluginError(str(exc)) from None
        register_theme_files(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and validate all content before MkDocs touches site_dir."""
        assert self.settings is not None
        memo = open_for(self.settings.project_dir)  # QR codes, cards, checks: kept on disk
        self.cache = PageCacheAdapter.open(config, self.settings)
        if self.cache and self.cache.keeping:
            return  # no input changed since the last build: its output stays as it is
        from .build import SiteBuild  # (here: a build that changes nothing never needs it)

        with _reported("content/"):
            site = SiteBuild(self.settings)
        if site.problems:
            error = ContentError(site.problems.items)
            # Escaped like `eduhub check`: CI reads build output too, staff text stays on its line.
            lines = "\n".join(safe_line(str(problem)) for problem in error.problems)
            memo.end_build(save=False)
            raise PluginError(
                f"내용에 고칠 곳이 {len(error.problems)}개 있습니다 (사이트는 바뀌지 않았습니다):\n{lines}"
            )
        self.site = site
        shared = SharedMarkdown.enabled(mkdocs_pages)
        self.markdown = SharedMarkdown(config, mkdocs_pages, get_toc) if shared else None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Drop unpublished sources and event data, move issues, add generated pages."""
        if self.cache and self.cache.keeping:
            return self.cache.keep_files(files, config)
        index = self._site().index
        for file in list(files):
            if index.is_excluded(file.src_uri):
                files.remove(file)
                continue
            destination = index.destination(file.src_uri)
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
            if index.kind(file.src_uri) != "page":
                # Issues, announcements and programs are reached from their index pages; a
                # nav listing every one of them makes each build quadratic.
                file.inclusion = InclusionLevel.NOT_IN_NAV
        with _reported("content/"):
            pages = self._site().virtual_pages()
        for src_uri, markdown in pages.items():
            generated = File.generated(config, src_uri, content=markdown)
            generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        if self.cache:
            self.cache.plan(
                files,
                config,
                self._site(),
                excluded=InclusionLevel.EXCLUDED,
                page=Page,
                build_date=get_build_date(),
            )
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.markdown:  # (pages reused from the last build never get here)
            self.markdown.attach(page)  # one Markdown instance for all pages
        return page

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Routes every template may print (feed links in the head of every page, 404 too)."""
        assert self.settings is not None
        env.globals["eduhub_feeds"] = urls.feed_links(self.settings.abs_url)
        env.globals["eduhub_fragments"] = Fragments.for_site(env, config.theme.custom_dir)
        env.bytecode_cache = TemplateBytecode()  # compiled templates, kept in the memo
        env.globals["eduhub_pages"] = self.cache.published(files) if self.cache else None
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Pick the feature's template (MkDocs chooses it before on_page_context).

        A front-matter title or description is staff text, but MkDocs' Jinja environment does
        not autoescape and Material prints `page.title` as HTML (nav, heading, footer links) and
        the description into a <meta> attribute: escape them once here so `<script>` shows as
        text everywhere.
        """
        with _reported(lambda: self._where(page.file.src_uri)):
            template = self._site().template(page.file.src_uri)
        if template and "template" not in page.meta:
            page.meta["template"] = template
        for key in ("title", "description"):  # Material prints both unescaped
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key], quote=key == "description")
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        site = self._site()
        with _reported(lambda: self._where(page.file.src_uri)):
            info = site.index.page(page.file.src_uri)
            rendered = RenderedPage(
                src_uri=page.file.src_uri,
                url=page.url,
                title=unescape(page.title or ""),
                html=html,
                kind=info.kind,
                date=info.date,
                meta=dict(page.meta),
            )
            if self.cache:
                rendered = self.cache.rendered(page, rendered)
            site.page_rendered(rendered)
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Feature data as `eduhub.<feature>` (extra keys of the closed TypedDict)."""
        with _reported(lambda: self._where(page.file.src_uri)):
            eduhub = self._site().page_context(page.file.src_uri)
        context["eduhub"] = eduhub  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write feeds, calendars, JSON and the search index."""
        if self.cache:
            with _reported("피드·달력·검색 색인"):
                self.cache.finish(self.site)
            if self.cache.keeping:
                return
        else:
            with _reported("피드·달력·검색 색인"):
                self._site().write_outputs(Path(config.site_dir))
        MEMO.end_build(later=self.command == "serve")  # serve: written in on_shutdown

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> Any:
        watched = [config.docs_dir, config.config_file_path, *config.theme.dirs]
        use_native_observer(server, watched, changed)  # (changed: the cache reads those again)
        return server

    def on_shutdown(self) -> None:
        PageCacheAdapter.stop(self.cache)  # a build stopped midway (Ctrl-C)
        MEMO.flush()

    def on_build_error(self, *, error: Exception) -> None:
        PageCacheAdapter.stop(self.cache)
        MEMO.end_build(save=False)

    def _where(self, src_uri: str) -> str:
        """The page's file as staff see it (`content/news/a.md`) for error messages."""
        settings = self.settings
        return settings.display_path(settings.docs_dir / src_uri) if settings else src_uri

    def _site(self) -> SiteBuild:
        if self.site is None:
            raise PluginError("eduhub: content was not loaded (on_pre_build did not run)")
        return self.site


@contextmanager
def _reported(where: str | Callable[[], str]) -> Iterator[None]:
    """Anything the core raises becomes a PluginError naming the file (or step) at hand."""
    try:
        yield
    except PluginError:
        raise
    except Exception as exc:  # noqa: BLE001 - the adapter is the last place to catch it
        detail = safe_line(f"{type(exc).__name__}: {exc}")[:300]
        place = where() if callable(where) else where
        raise PluginError(
            f"{place}: 처리하다가 예상하지 못한 오류가 났습니다 ({detail}). 이 파일의 내용을"
            " 확인하고, `eduhub check`가 통과하는데도 계속되면 개발자에게 알려 주세요"
        ) from None
