"""The MkDocs side of the persistent build cache (`cache.BuildCache`): which pages can be
reused, skipping their rendering, and writing the generated files through the cache.

Every page outside the nav (issues, announcements, events, programs, kit and /go/ pages,
the event archive...) is cached: its HTML follows from the global key, its source, URL,
template context and link targets. Pages in the nav are always rendered, and what the nav
holds of them (their titles and front matter, `navpart.py`) is part of the global key.

The adapter's helper: plugin.py calls it from its event handlers and hands it MkDocs'
objects (config, files, pages: typed `Any` here, so this module imports no MkDocs).
`EDUHUB_CACHE=0` turns the cache off.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import logging
import os
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import fields, replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import precompile
from .background import Background
from .buildreport import REPORT_ENV, write_report
from .byobject import ByValue
from .cache import (
    DIGESTS,
    BuildCache,
    Unstable,
    digest,
    global_key,
    link_paths,
    link_targets,
    prints_build_time,
    quick_digest,
    read_bytes,
    recover,
    tree_digest,
)
from .feature import RenderedPage
from .memo import MEMO
from .navpart import nav_part, titled_in_nav
from .settings import Settings
from .spare import SPARE_ENV

if TYPE_CHECKING:  # a build that changes nothing loads no content and imports no feature
    from .build import SiteBuild

# MkDocs' objects, as far as this helper is concerned
MkDocsConfig = Any
Files = Any
Page = Any

LIBRARIES: tuple[str, ...] = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")
LIBRARIES += ("jinja2", "icalendar", "feedgen", "pyyaml", "jsonschema")
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")
log = logging.getLogger("mkdocs.plugins.eduhub.cache")


class _QuietReused(logging.Filter):
    """MkDocs says "Page skipped ... empty output" for each reused page, and that a link to a
    reused page leads to a page "excluded from the built site": not news here."""

    def __init__(self, adapter: PageCacheAdapter) -> None:
        super().__init__()
        self.adapter = adapter

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '"):
            return message.split("'")[1] not in self.adapter.cache.hits
        if message.endswith("which is excluded from the built site."):
            return message.split("'")[3] not in self.adapter.cache.hits
        return True


class PageCacheAdapter:
    def __init__(self, cache: BuildCache, config: MkDocsConfig, settings: Settings) -> None:
        self.cache = cache
        self.config = config
        self.settings = settings
        self.filter = _QuietReused(self)
        _BUILD_LOG.addFilter(self.filter)
        _PAGES_LOG.addFilter(self.filter)
        self.background: dict[str, Background] = {}
        self.keeping = False  # nothing changed since the last build: its output stays
        self.ended = False  # finished or abandoned
        self._docs_hash: str | None = None
        self.positions: dict[str, int] = {}  # src_uri -> place in MkDocs' page order
        self._build_date = ""  # MkDocs' build date (a reused page's update_date)
        self.sitemap: list[Any] = []  # reused pages' files

    @staticmethod
    def pin_serve_time(command: str) -> None:
        """Under `mkdocs serve` the build date is the server's start unless set: every
        rebuild of one preview session then agrees, and can reuse pages."""
        if command == "serve" and not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
            os.environ["SOURCE_DATE_EPOCH"] = str(int(time.time()))

    @classmethod
    def open(cls, config: MkDocsConfig, settings: Settings | None) -> PageCacheAdapter | None:
        """Before MkDocs cleans site_dir (and before content is loaded): load the previous
        state, move its output aside, and see whether any input changed at all."""
        if settings is None:
            return None
        if os.environ.get("EDUHUB_CACHE", "1").strip() == "0":
            recover(Path(config.site_dir))  # (what a killed cached build left: see `begin`)
            return None
        root = settings.project_dir / ".cache" / "eduhub"
        # What lives before the build starts (under `serve`: the memo, the last state, the
        # search counts; a few hundred thousand objects, millions of references) outlives
        # it: the collector skips it until `finish`/`abandon`. Each full collection walked
        # all of it, about 0.3 s, once or twice per serve rebuild; what a build leaves in
        # cycles is a few thousand objects, collected later.
        gc.freeze()
        cache: BuildCache | None = None
        try:
            site_dir = Path(config.site_dir)
            cache = BuildCache(
                root,
                site_dir,
                memory=settings.include_drafts,
                previous_site=_previous_site(site_dir, settings),
                spare_site=_spare_site(),
            )
            cache.begin()
            adapter = cls(cache, config, settings)
        except BaseException:
            # (MkDocs' error handler sees no adapter: the previous output goes back here)
            if cache is not None:
                cache.abandon()
            gc.unfreeze()
            raise
        try:
            try:
                whole = adapter.whole_key()
            except (Unstable, OSError):
                whole = ""
            cache.state.whole_key = whole
            adapter.keeping = cache.unchanged(whole)
        except BaseException:
            adapter.abandon()
            raise
        if not adapter.keeping and not settings.include_drafts:  # (serve: no fork)
            theme = config.theme
            language = theme["language"] if "language" in theme else "en"
            roots = ["main.html", *sorted(theme.static_templates)]
            roots += [f"partials/languages/{language}.html", "partials/languages/en.html"]
            precompile.start(theme.get_env, roots)
        return adapter

    @property
    def docs_hash(self) -> str:
        """Every file of docs_dir, path and bytes: read once per build (the whole key and the
        generated files' key both need it)."""
        if self._docs_hash is None:
            docs = self.settings.docs_dir  # (every file: MkDocs publishes any folder)
            self._docs_hash = tree_digest(docs, by_stat=self.cache.memory, skip=())
        return self._docs_hash

    def whole_key(self) -> str:
        """Every input of the build: what the global key covers (mkdocs.yml, templates, this
        package, library versions, build instant, mode) with every file of docs_dir, bytes
        and path, in place of the nav pages' sources, and the output folder."""
        config = self.config
        return global_key(
            config_text=_read(config.config_file_path),
            config_values=_config_values(config) | {"site_dir": str(self.cache.home)},
            template_dirs=[Path(d) for d in config.theme.dirs if not _is_theme_own(d)],
            versions=_versions(),
            build_time=self.settings.build_time,
            mode="serve" if self.settings.include_drafts else "build",
            shared_sources={"@docs_dir": self.docs_hash.encode()},
        )

    def keep_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Nothing changed: MkDocs gets no file and no nav to build (what it writes anyway,
        a 404 page and an empty sitemap, is thrown away with its folder in `finish`)."""
        config.nav = None
        return type(files)([])

    # -- on_files --------------------------------------------------------------------------

    def plan(
        self,
        files: Files,
        config: MkDocsConfig,
        site: SiteBuild,
        *,
        excluded: Any,
        page: Any,
        build_date: str,
    ) -> None:
        """The global key, then each cacheable page's key: which pages are reused.

        A reused page is taken out of MkDocs' page loop (`excluded`: MkDocs' EXCLUDED level,
        so it is neither read, rendered nor written, while links to it still resolve); it
        gets a `page` object (MkDocs' Page class) for the sitemap and anchor checks, and the
        features get what they saw of it in the build that rendered it."""
        shared: dict[str, bytes] = {}
        candidates = []
        self.positions = {
            f.src_uri: n for n, f in enumerate(files.documentation_pages(inclusion=_every))
        }
        titled = titled_in_nav(config.nav)
        for file in files.documentation_pages():
            source = _source(file)
            if file.inclusion.is_excluded():
                shared[file.src_uri] = source
            elif file.inclusion.is_in_nav():  # (rendered every build: only the nav's part)
                shared[file.src_uri] = nav_part(source, titled=file.src_uri in titled)
            else:
                candidates.append((file, source))
        templates = [Path(d) for d in config.theme.dirs if not _is_theme_own(d)]
        try:
            key = global_key(
                config_text=_read(config.config_file_path),
                config_values=_config_values(config),
                template_dirs=templates,
                versions=_versions(),
                # (a page reads the time only through its context, unless an override prints
                # MkDocs' own build date)
                build_time=self.settings.build_time if prints_build_time(templates) else None,
                mode="serve" if self.settings.include_drafts else "build",
                shared_sources=shared,
            )
        except Unstable:
            return
        self.cache.set_key(key)
        self._build_date = build_date
        # (a fresh start for the digests' memory: what this build's pages do not ask for goes)
        DIGESTS.end_build()
        for file, source in candidates:
            try:
                page_key = quick_digest(
                    key,
                    file.src_uri,
                    file.dest_uri,
                    file.url,
                    source,
                    DIGESTS.condensed(site.page_context(file.src_uri)),
                    _links(file.src_uri, source, files),
                )
            except Unstable:
                continue
            if self.cache.plan(file.src_uri, page_key, file.dest_uri):
                self._reuse(file, config, site, excluded, page)
        _TARGETS.rotate()
        _PAGES.rotate()
        gc.freeze()  # and the content loaded since (see `open`)
        # The calendars, events.json and the share cards need no rendered page: made on the
        # other core while MkDocs renders, unless the previous build's files can be reused
        # (the calendars) or are there at all (the cards: a warm build takes them from the
        # memo, which costs less than a process).
        if self.settings.include_drafts:
            return  # not under serve: a threaded server process should not fork
        from .kit.feature import KitFeature

        for feature in site.features:
            if isinstance(feature, KitFeature) and feature.qr_missing():
                MEMO.expect("qr", Background(feature.make_qr))  # the kit pages wait for it
            if feature.name == "events":
                events_key = self._events_key(site)
                output_key = None if events_key is None else digest(events_key, feature.name)
                if not self.cache.outputs_reusable(feature.name, output_key):
                    self.background[feature.name] = Background(feature.outputs)
            elif feature.name == "share" and not self.cache.has_outputs(feature.name):
                self.background[feature.name] = Background(feature.outputs)

    # -- pages -----------------------------------------------------------------------------

    def _reuse(
        self, file: Any, config: MkDocsConfig, site: SiteBuild, excluded: Any, page: Any
    ) -> None:
        saved = self.cache.rendered(file.src_uri)
        assert saved is not None
        file.inclusion = excluded
        reused = _new_page(page, file, config, self._build_date)  # sets file.page
        reused.meta = dict(saved["page"]["meta"])
        reused._title_from_render = saved["title_from_render"]
        reused.present_anchor_ids = set(saved["anchors"])
        self.sitemap.append(file)
        site.page_rendered(
            RenderedPage(**saved["page"] | {"position": self.positions[file.src_uri]})
        )

    def published(self, files: Files) -> list[Any]:
        """Every page file this build publishes, in MkDocs' order: the ones MkDocs builds
        (its `pages`) and the reused ones (the sitemap and the home tiles list them)."""
        reused = {f.src_uri for f in self.sitemap}
        return [
            f
            for f in files.documentation_pages(inclusion=_every)
            if f.src_uri in reused or f.inclusion.is_included()
        ]

    def rendered(self, page: Page, rendered: RenderedPage) -> RenderedPage:
        """What features see of a page: this build's, or the reused page's as it was."""
        src_uri = page.file.src_uri
        position = self.positions.get(src_uri, 0)
        saved = self.cache.rendered(src_uri)
        if saved is not None:
            return RenderedPage(**saved["page"] | {"position": position})
        rendered = replace(rendered, position=position)
        self.cache.remember(
            src_uri,
            {
                "page": _as_dict(rendered),
                "title_from_render": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()),
            },
        )
        return rendered

    # -- end -------------------------------------------------------------------------------

    def finish(self, site: SiteBuild | None) -> None:
        """Reused pages moved in, each feature's files written or reused, state saved; when
        nothing changed, the previous output and state put back as they were."""
        try:
            self._finish(site)
            self.ended = True
        finally:
            self._thaw()

    def _finish(self, site: SiteBuild | None) -> None:
        _BUILD_LOG.removeFilter(self.filter)
        _PAGES_LOG.removeFilter(self.filter)
        reporting = bool(os.environ.get(REPORT_ENV, "").strip())  # (`eduhub build`)
        if self.keeping:
            self.cache.keep(link=not reporting)  # (it keeps the live folder then)
            log.info("eduhub: 바뀐 입력이 없어 이전 빌드의 사이트를 그대로 둡니다")
            write_report(os.environ, self.cache.state.promised, unchanged=self.cache.readonly)
            return
        assert site is not None
        self.cache.state.promised = site.promised()
        self.cache.restore_pages()
        inputs = self._inputs_key(site)
        for feature in site.features:
            key = None if inputs is None else digest(inputs[feature.name == "events"], feature.name)
            own = feature.outputs_key()
            if own is not None and self.cache.key is not None:
                try:
                    key = quick_digest(self.cache.key, self.settings.build_time, feature.name, own)
                except Unstable:
                    key = None
            running = self.background.get(feature.name)
            make = running.result if running else feature.outputs
            if self.cache.memory or running:  # (serve keeps its own state in the process)
                self.cache.outputs(feature.name, key, make)
                continue
            self.cache.outputs(feature.name, key, make, feature.resume, feature.carry)
        self.cache.finish()
        write_report(os.environ, self.cache.state.promised, unchanged=False)
        log.debug(
            "cache: %d of %d pages reused, %d files moved (global key %s)",
            len(self.cache.hits),
            len(self.cache.state.pages),
            self.cache.reused,
            (self.cache.key or "none")[:12],
        )

    @staticmethod
    def stop(adapter: PageCacheAdapter | None) -> None:
        """The build failed, or stopped (Ctrl-C: MkDocs calls no error handler then, but its
        command still shuts the plugins down): unless it finished, the previous output goes
        back as it was."""
        if adapter is not None and not adapter.ended:
            adapter.abandon()

    def abandon(self) -> None:
        self.ended = True
        _BUILD_LOG.removeFilter(self.filter)
        _PAGES_LOG.removeFilter(self.filter)
        try:
            self.cache.abandon()
        finally:
            self._thaw()

    def _thaw(self) -> None:
        """What `open` and `plan` froze goes back to the collector. Under `serve` its first
        full collection (a third to half a second) is made to wait half a second: the server
        answers with the new pages first (it waits for the build, not for this), and the
        collection is over before a person saves the next edit."""
        gc.unfreeze()
        if self.settings.include_drafts:
            timer = threading.Timer(0.5, gc.collect)
            timer.daemon = True
            timer.start()

    def _events_key(self, site: SiteBuild) -> str | None:
        if self.cache.key is None:
            return None
        content_dir = self.settings.docs_dir
        return digest(
            self.cache.key,
            self.settings.build_time,  # (not in the pages' global key)
            [(f, _file_hash(content_dir / f)) for f in sorted(site.index.content.event_files)],
            # (events.json and the calendars print programs' titles and links)
            [(p.src_uri, _file_hash(content_dir / p.src_uri)) for p in site.index.content.programs],
        )

    def _inputs_key(self, site: SiteBuild) -> tuple[str, str] | None:
        """(every page and source, the event files and programs): what outputs depend on.
        The events feature's files (calendars, events.json) need only the second."""
        events = self._events_key(site)
        if events is None or self.cache.key is None:
            return None
        pages = digest(
            events,
            sorted((src, entry.key) for src, entry in self.cache.state.pages.items()),
            self.docs_hash,
        )
        return pages, events


def _as_dict(rendered: RenderedPage) -> dict[str, Any]:
    """`dataclasses.asdict` of a rendered page, without its deep copy of every field (a
    third of a millisecond a page): only `meta` holds mutable values."""
    values = {name: getattr(rendered, name) for name in _RENDERED_FIELDS}
    meta = {
        key: value if type(value) in _PLAIN else copy.deepcopy(value)
        for key, value in rendered.meta.items()
    }
    return values | {"meta": meta}


_RENDERED_FIELDS = tuple(f.name for f in fields(RenderedPage))
_PLAIN = frozenset({str, int, float, bool, type(None)})  # (most front-matter values)


def _previous_site(site_dir: Path, settings: Settings) -> Path | None:
    """The live output folder `eduhub build` will put this build's in place of
    (EDUHUB_PREVIOUS_SITE): the previous output to reuse from, read-only. Only for a build
    into a new, empty folder, not under serve."""
    live = os.environ.get("EDUHUB_PREVIOUS_SITE", "").strip()
    if not live or settings.include_drafts:
        return None
    previous = Path(live)  # (missing before the first build: the state is kept for it)
    try:
        if previous.exists() and not previous.is_dir():
            return None
        if previous.resolve() == site_dir.resolve():
            return None
        if site_dir.exists() and any(site_dir.iterdir()):
            return None
    except OSError:
        return None
    return previous


def _spare_site() -> Path | None:
    """The site before the live one, which `eduhub build` keeps (EDUHUB_SPARE_SITE) for
    this build to make into its output (spare.py); used only with EDUHUB_PREVIOUS_SITE."""
    path = os.environ.get(SPARE_ENV, "").strip()
    return Path(path) if path else None


def _every(_level: Any) -> bool:
    return True


def _source(file: Any) -> bytes:
    if file.generated_by:
        return file.content_bytes
    return _read(file.abs_src_path)


def _read(path: str | None) -> bytes:
    return read_bytes(Path(path)) if path else b""


def _file_hash(path: Path) -> str:
    return hashlib.sha256(_read(str(path))).hexdigest()


def _new_page(page: Any, file: Any, config: MkDocsConfig, build_date: str) -> Any:
    """`page(None, file, config)` (MkDocs' Page) for a reused page. The attributes MkDocs'
    constructor gave the page made from the same values are remembered; a later build makes
    the page from them, with this build's file and its own `toc` and `meta`. Under `mkdocs
    serve` that is 5,000 constructors fewer per rebuild at 10x (each joins URLs and reads the
    build date: about 0.3 s)."""
    key = (
        file.src_uri,
        file.url,
        file.edit_uri,
        config.site_url,
        config.repo_url,
        config.edit_uri,
        config.edit_uri_template,
        build_date,
    )
    known = _PAGES.peek(key)
    if known is None:
        made = page(None, file, config)  # sets file.page
        _PAGES.put(key, (type(made), dict(vars(made))))  # before anything changes it
        return made
    kind, values = known
    made = kind.__new__(kind)
    vars(made).update(values)
    made.file = file
    file.page = made
    made.toc = []
    made.meta = {}
    return made


# Pristine pages by what MkDocs makes them from, from one build to the next (`mkdocs serve`)
_PAGES: ByValue[tuple[Any, dict[str, Any]]] = ByValue()

# A page's link targets by its source, from one build to the next (`mkdocs serve`)
_TARGETS: ByValue[list[str]] = ByValue()


def _links(src_uri: str, source: bytes, files: Files) -> list[tuple[str, str | None]]:
    """Each relative link target of the page and where it resolves (None: not a file)."""
    resolved = []
    targets = _TARGETS.get(source, lambda: link_targets(source.decode("utf-8", "replace")))
    for target in targets:
        for path in link_paths(src_uri, target):
            found = files.get_file_from_path(path)
            resolved.append((target, found.dest_uri if found else None))
    return resolved


# What mkdocs.yml sets that is not an input of any page or file: where the site is written
# (`eduhub build` uses a new folder each time), `serve`'s address and `gh-deploy`'s remote.
_NOT_INPUTS = frozenset(
    {"site_dir", "config_file_path", "dev_addr", "watch", "remote_branch", "remote_name"}
)
# Extensions that read files outside docs_dir while a page renders: nothing is reused
_READS_FILES = frozenset({"pymdownx.snippets", "markdown_include.include"})


def _config_values(config: MkDocsConfig) -> dict[str, Any]:
    """Every value of the resolved configuration (an `!ENV` or an `INHERIT`ed file's are
    in no file the key reads), the plugins' options and the hooks' code among them. Raises
    Unstable where pages read files the keys do not cover."""
    values: dict[str, Any] = {}
    for name in sorted(config):
        if name not in _NOT_INPUTS and name not in ("plugins", "theme", "hooks"):
            values[name] = _plain(config.get(name))
    if _READS_FILES & set(config.markdown_extensions):
        raise Unstable("a Markdown extension reads files outside docs_dir")
    values["extra_css"] = [str(v) for v in config.extra_css]
    values["extra_javascript"] = [
        v if isinstance(v, str) else [str(v), v.type, v.defer, v.async_]
        for v in config.extra_javascript
    ]
    values["theme"] = _plain({k: config.theme[k] for k in sorted(config.theme)})
    values["theme_name"] = config.theme.name
    values["plugins"] = {name: _plugin(plugin) for name, plugin in sorted(config.plugins.items())}
    values["python"] = sys.version
    return values


def _plugin(plugin: Any) -> list[Any]:
    """A plugin's class and options; a hook (a module MkDocs loads as a plugin) by its code."""
    options = getattr(plugin, "config", None)
    source = getattr(plugin, "__file__", None)
    return [
        type(plugin).__module__,
        type(plugin).__qualname__,
        _plain(dict(options)) if isinstance(options, Mapping) else None,
        _file_hash(Path(source)) if isinstance(source, str) else None,
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


def _is_theme_own(folder: str) -> bool:
    """The theme's own templates: their package version stands for them."""
    return Path(folder).resolve().parent.name == "material"


def _versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return versions
