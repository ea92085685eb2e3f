"""The adapter turns anything the core raises into a PluginError naming the file at hand."""

from __future__ import annotations

import pytest
from eduhub.plugin import _reported
from mkdocs.exceptions import PluginError


def test_an_unexpected_error_names_the_file_and_stays_on_one_line() -> None:
    with pytest.raises(PluginError) as caught, _reported("content/news/a.md"):
        raise ValueError("bad value\n::error file=x::forged")
    message = str(caught.value)
    assert message.startswith(
        "content/news/a.md: 처리하다가 예상하지 못한 오류가 났습니다 (ValueError:"
    )
    assert "\n" not in message and "\\n::error" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_plugin_errors_pass_through_unchanged() -> None:
    with pytest.raises(PluginError, match="^as it was$"), _reported("content/x.md"):
        raise PluginError("as it was")
