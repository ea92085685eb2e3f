"""Our copies of Material templates differ from the installed Material only by the listed edits.

Material's base.html, nav-item.html and toc.html carry markup the Nu Html Checker rejects; the
plugin's theme folder holds copies with the smallest fix. When Material is upgraded and its
template changes, this test fails: copy the new file and re-apply the edit listed here.
base.html also wraps four blocks in the lines that render them once per folder outside the nav
(eduhub.cache.Fragments); the comparison drops those whole lines.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from conftest import REPO

MATERIAL = Path(material.__file__).parent / "templates"
OURS = REPO / "plugins" / "eduhub" / "templates"
HEAD = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

EDITS: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        (
            ' type="checkbox" id="__drawer" autocomplete="off">',
            ' type="checkbox" id="__drawer">',
        ),
        (
            ' type="checkbox" id="__search" autocomplete="off">',
            ' type="checkbox" id="__search">',
        ),
    ],
    "partials/nav-item.html": [
        ('tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}'),
    ],
    "partials/toc.html": [
        (
            '    <label class="md-nav__title" for="__toc">\n'
            '      <span class="md-nav__icon md-icon"></span>\n'
            "      {{ title }}\n"
            "    </label>",
            "    {% if nav_item is defined %}\n"
            '    <label class="md-nav__title" for="__toc">\n'
            '      <span class="md-nav__icon md-icon"></span>\n'
            "      {{ title }}\n"
            "    </label>\n"
            "    {% else %}\n"
            '    <div class="md-nav__title">\n'
            '      <span class="md-nav__icon md-icon"></span>\n'
            "      {{ title }}\n"
            "    </div>\n"
            "    {% endif %}",
        ),
    ],
}


FRAGMENT_LINES = (
    "{%- set fragment_key = eduhub_fragments.key(",
    "{%- if fragment_key and eduhub_fragments.get(fragment_key) is not none -%}",
    "{{ eduhub_fragments.get(fragment_key) }}",
    "{%- else -%}{%- set rendered -%}",
    "{%- endset -%}{{ eduhub_fragments.put(fragment_key, rendered) if fragment_key else rendered }}",
)


def _without_fragment_lines(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(line for line in lines if not line.strip().startswith(FRAGMENT_LINES))


def _strip_comment(text: str) -> str:
    """The template without its leading {#- ... -#} comment."""
    assert text.startswith("{#-"), "a copied template starts with a comment naming its edit"
    return text[text.index("-#}\n") + 4 :]


@pytest.mark.parametrize("name", sorted(EDITS))
def test_copy_is_material_plus_the_listed_edit(name: str) -> None:
    original = (MATERIAL / name).read_text(encoding="utf-8")
    assert original.startswith(HEAD)
    expected = original[len(HEAD) :]
    for old, new in EDITS[name]:
        assert old in expected, f"Material's {name} changed: {old!r} is gone"
        expected = expected.replace(old, new)
    ours = _strip_comment((OURS / name).read_text(encoding="utf-8"))
    assert _without_fragment_lines(ours) == expected


def test_base_html_renders_four_blocks_once_per_folder() -> None:
    ours = (OURS / "base.html").read_text(encoding="utf-8")
    for name in ("styles", "footer", "config", "scripts"):
        assert f'eduhub_fragments.key("{name}", page, nav)' in ours
    assert ours.count("{%- endset -%}{{ eduhub_fragments.put(") == 4
