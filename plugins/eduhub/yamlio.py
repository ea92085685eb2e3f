"""YAML reading that keeps line numbers and leaves dates as text.

Staff write dates like `2026-03-14` and `2026-03-14 14:00`; PyYAML would turn the first into a
`date`, crash on `2026-02-30`, and leave the second a string. We keep every scalar a string
(or int/bool/null) and parse dates ourselves, so each mistake gets a clear message and a line.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Problems, SourceLocation

MAX_BYTES = 1_000_000  # a content file larger than this is a mistake (a pasted PDF, a log)


class LineDict(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _Loader(yaml.SafeLoader):
    pass


# Drop the timestamp resolver: dates stay strings (see module docstring).
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            loader.duplicate_keys.append((key, key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: str, problems: Problems, *, line_offset: int = 0) -> Any:
    """Parse YAML text; on a syntax error add a problem and return None."""
    loader = _Loader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        problems.add(SourceLocation(path, line), _explain_yaml_error(exc, text, mark))
        return None
    except yaml.YAMLError as exc:
        problems.add(SourceLocation(path, 1 + line_offset), f"YAML 형식이 잘못되었습니다: {exc}")
        return None
    finally:
        loader.dispose()
    for key, line in loader.duplicate_keys:
        problems.add(
            SourceLocation(path, line + line_offset),
            "같은 항목이 두 번 적혀 있습니다",
            field=key,
            hint="하나만 남기세요",
        )
    if line_offset:
        _shift_lines(data, line_offset)
    return data


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, LineList):
        data.line += offset
        data.item_lines = [v + offset for v in data.item_lines]
        for value in data:
            _shift_lines(value, offset)


def _explain_yaml_error(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = exc.problem or ""
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            return "들여쓰기에 탭 문자가 있습니다 (YAML은 공백으로만 들여씁니다: 탭을 공백 두 칸으로 바꾸세요)"
    if "\t" in problem or "'\\t'" in problem:
        return "들여쓰기에 탭 문자가 있습니다 (탭을 공백 두 칸으로 바꾸세요)"
    return (
        f"YAML 형식이 잘못되었습니다: {problem or exc}"
        " (들여쓰기, 콜론 뒤 공백, 따옴표 짝을 확인하세요)"
    )


def read_text(raw: bytes, path: str, problems: Problems) -> str | None:
    """Decode a content file as UTF-8, naming the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        problems.add(
            SourceLocation(path, 1),
            f"파일이 너무 큽니다 ({len(raw):,}바이트, 최대 {MAX_BYTES:,}바이트)",
            hint="PDF나 이미지는 본문에 붙이지 말고 따로 올린 뒤 링크하세요",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(
            SourceLocation(path, line),
            "UTF-8 인코딩이 아닙니다",
            hint="편집기에서 'UTF-8'로 다시 저장하세요",
        )
        return None
    return text.removeprefix("\ufeff")
