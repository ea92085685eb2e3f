"""YAML reading that keeps line numbers and leaves dates as text.

Staff write dates like `2026-03-14` and `2026-03-14 14:00`; PyYAML would turn the first into a
`date`, crash on `2026-02-30`, and leave the second a string. We keep every scalar a string
(or int/bool/null) and parse dates ourselves, so each mistake gets a clear message and a line.
"""

from __future__ import annotations

import re
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


# libyaml (C) is some 20 times faster than the pure-Python parser and gives the same marks.
_BaseLoader = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[valid-type, misc]
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
        line, message, hint = _explain_yaml_error(exc, text)
        problems.add(SourceLocation(path, line + line_offset), message, hint=hint)
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


_QUOTED = re.compile(r"""(?:^|[:\-\[,{]\s*)(["'])""")


def _explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """(1-based line, Korean message, hint) for a PyYAML error, pointing at the likely cause.

    PyYAML notices a mistake where it gets stuck, often a line after the cause (an unclosed
    quote is only noticed at the next line): we look back for the usual suspects.
    """
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    at = mark.line if mark is not None else 0
    first = exc.context_mark.line if exc.context_mark is not None else max(at - 1, 0)
    detail = f" (YAML: {exc.problem})" if exc.problem else ""
    suspects = range(at, max(min(first, at - 1), 0) - 1, -1)  # the error line, then upwards
    for index in suspects:
        if (
            index < len(lines)
            and "\t" in lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        ):
            return (
                index + 1,
                "들여쓰기에 탭 문자가 있습니다",
                "YAML은 공백으로만 들여씁니다: 탭을 공백 두 칸으로 바꾸세요",
            )
    for index in range(min(first, at), at + 1):
        if 0 <= index < len(lines) and _unclosed_quote(lines[index]):
            return (
                index + 1,
                "따옴표가 닫히지 않았습니다",
                "값을 연 따옴표와 같은 따옴표로 그 줄 끝에서 닫으세요",
            )
    problem = exc.problem or ""
    if "tab" in problem:
        return (
            at + 1,
            "탭 문자가 있습니다",
            "YAML은 공백으로만 들여씁니다: 탭을 공백 두 칸으로 바꾸세요",
        )
    if "mapping values are not allowed" in problem:
        return (
            at + 1,
            "값 안에 ': '(콜론과 공백)이 있습니다" + detail,
            '값 전체를 따옴표로 감싸세요. 예: title: "설명회: 안내"',
        )
    context = exc.context or ""
    if "flow sequence" in context or "flow mapping" in context:
        opened = exc.context_mark.line + 1 if exc.context_mark is not None else at + 1
        return (
            opened,
            "괄호 [ ] 또는 { }가 닫히지 않았습니다" + detail,
            "예: audience: [high, parents]",
        )
    indentation = ("expected <block end>", "did not find expected key", "expected '-' indicator")
    if any(text in problem for text in indentation) or "block" in context:
        return (
            at + 1,
            "들여쓰기가 맞지 않습니다" + detail,
            "같은 묶음의 항목은 같은 칸에서 시작해야 합니다 (공백 수를 맞추세요)",
        )
    if "could not find expected ':'" in problem:
        return (
            at + 1,
            "'항목: 값' 형태가 아닙니다" + detail,
            "항목 이름 뒤에 콜론과 공백(': ')을 넣으세요",
        )
    return (
        at + 1,
        "YAML 형식이 잘못되었습니다" + detail,
        "들여쓰기, 콜론 뒤 공백, 따옴표 짝을 확인하세요",
    )


def _unclosed_quote(line: str) -> bool:
    """A value that opens a quote it never closes on the same line (`title: "abc`)."""
    stripped = line.split(" #", 1)[0] if '"' not in line and "'" not in line else line
    match = _QUOTED.search(stripped)
    if not match:
        return False
    quote = match.group(1)
    rest = stripped[match.end() :]
    if quote == "'":
        return rest.replace("''", "").count("'") == 0
    return rest.replace("\\\\", "").replace('\\"', "").count('"') == 0


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
