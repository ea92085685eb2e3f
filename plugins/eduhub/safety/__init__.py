"""Rules that keep untrusted content from hurting the site, its readers or the build machine.

Pure functions over plain values (no MkDocs): `text` for single-line fields and text outputs,
`html` for rendered Markdown bodies, `sanitize` for feed and e-mail HTML, `paths` for
symlinks in docs_dir, `values` for dates and numbers, `output` for what `eduhub check` prints,
`budget` for the time limit on rendering a Markdown body.
"""
