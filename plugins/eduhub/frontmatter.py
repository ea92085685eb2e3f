"""Split a Markdown file into its YAML front matter (with line offset) and body."""

from __future__ import annotations

import re
from typing import Any

from .errors import Problems, SourceLocation
from .yamlio import LineDict, parse_yaml

_FENCE = re.compile(r"^---[ \t]*$")


def read_front_matter(text: str, path: str, problems: Problems) -> tuple[LineDict | None, str]:
    """Return (front matter, body). Lines in the front matter are lines of the .md file."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        problems.add(
            SourceLocation(path, 1),
            "머리말(front matter)이 없습니다",
            hint="파일 첫 줄을 ---로 시작하고, 항목을 적은 뒤 ---로 닫으세요",
        )
        return None, text
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            data: Any = parse_yaml(yaml_text, path, problems, line_offset=1)
            if data is None and not yaml_text.strip():
                data = LineDict()
                data.line, data.key_lines = 1, {}
            if data is not None and not isinstance(data, LineDict):
                problems.add(SourceLocation(path, 2), "머리말은 '항목: 값' 형태여야 합니다")
                return None, body
            return data, body
    problems.add(
        SourceLocation(path, 1),
        "머리말이 ---로 닫히지 않았습니다",
        hint="머리말 끝에 --- 한 줄을 넣으세요",
    )
    return None, text
