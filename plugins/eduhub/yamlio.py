"""YAML reading that keeps line numbers and leaves dates as text.

Staff write dates like `2026-03-14` and `2026-03-14 14:00`; PyYAML would turn the first into a
`date`, crash on `2026-02-30`, and leave the second a string. We keep every scalar a string
(or int/bool/null) and parse dates ourselves, so each mistake gets a clear message and a line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems, SourceLocation

# A content file larger than this is a mistake (a pasted PDF, a log). The bench corpora's
# largest file (a month of 3,000 synthetic events) is about a tenth of it.
MAX_BYTES = 1_000_000
# Staff YAML is at most four levels deep (events > event > registration > value); anything
# much deeper is a mistake or an attack on the recursive code that walks it.
MAX_DEPTH = 20
# A plain number longer than this is a typo (and Python refuses ints over 4,300 digits).
MAX_NUMBER_CHARS = 30
_NUMBER = re.compile(r"[-+]?[0-9_.,:eE]+\Z")


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
    """Parse YAML text; on a syntax error add a problem and return None.

    Anchors, aliases, explicit tags, deep nesting and giant numbers are refused *before*
    anything is built from the text (see `_refuse_unsafe`), so an alias bomb costs one pass
    over the event stream, not gigabytes.
    """
    if _refuse_unsafe(text, path, problems, line_offset):
        return None
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
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
        # A value PyYAML cannot turn into Python; the scan above should have caught it.
        problems.add(
            SourceLocation(path, 1 + line_offset),
            f"YAML 값을 읽을 수 없습니다 ({type(exc).__name__})",
            hint="이상한 값(아주 긴 숫자, 깊은 괄호)이 없는지 확인하세요",
        )
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


def _refuse_unsafe(text: str, path: str, problems: Problems, line_offset: int) -> bool:
    """Add a problem for the first unsafe construct in the YAML event stream; True if any.

    Walks parser events only (no nodes, no Python objects), keeping the path of mapping keys
    so the message names the field. A syntax error ends the walk quietly: the real parse
    reports it with a better message.
    """
    loader = _Loader(text)
    stack: list[list[Any]] = []  # [is_mapping, expecting_key, last_key] per open collection

    def refuse(event: Any, message: str, hint: str) -> bool:
        # When the event *is* a key, its own mapping's last key is stale: name the parent.
        frames = stack[:-1] if stack and stack[-1][0] and stack[-1][1] else stack
        keys = [str(frame[2]) for frame in frames if frame[0] and frame[2] is not None]
        problems.add(
            SourceLocation(path, event.start_mark.line + 1 + line_offset),
            message,
            field=".".join(keys),
            hint=hint,
        )
        return True

    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                return refuse(
                    event,
                    f"YAML 별칭(*{_short(event.anchor or '')})은 쓸 수 없습니다",
                    "&이름으로 표시한 내용을 *이름으로 다시 쓰는 기능은 막혀 있습니다."
                    " 같은 내용이 필요하면 그대로 한 번 더 적으세요",
                )
            if not isinstance(event, yaml.NodeEvent):
                if isinstance(event, yaml.CollectionEndEvent) and stack:
                    stack.pop()
                    _after_value(stack)
                continue
            if event.anchor is not None:
                return refuse(
                    event,
                    f"YAML 앵커(&{_short(event.anchor)})는 쓸 수 없습니다",
                    "&이름과 *이름으로 내용을 되풀이하는 기능은 막혀 있습니다."
                    " 값에 &가 필요하면 값 전체를 따옴표로 감싸세요",
                )
            tag = getattr(event, "tag", None)
            if tag is not None:
                shown_tag = tag.replace("tag:yaml.org,2002:", "!!")
                return refuse(
                    event,
                    f"YAML 태그({_short(shown_tag)})는 쓸 수 없습니다",
                    '값이 !로 시작하면 값 전체를 따옴표로 감싸세요. 예: title: "!중요 안내"',
                )
            if isinstance(event, yaml.ScalarEvent):
                value = event.value  # style: "" (C parser) or None (Python) when plain
                if not event.style and len(value) > MAX_NUMBER_CHARS and _NUMBER.match(value):
                    return refuse(
                        event,
                        f"숫자가 너무 깁니다 ({len(value)}자리)",
                        "숫자를 확인하세요. 글자로 쓰려면 따옴표로 감싸세요",
                    )
                if stack and stack[-1][0] and stack[-1][1]:
                    stack[-1][2] = value
                    stack[-1][1] = False
                else:
                    _after_value(stack)
                continue
            # a collection starts
            if len(stack) >= MAX_DEPTH:
                return refuse(
                    event,
                    f"너무 깊게 겹쳐 있습니다 ({MAX_DEPTH}단계 넘게)",
                    "들여쓰기와 괄호 [ ] { }의 짝을 확인하세요",
                )
            if stack and stack[-1][0] and stack[-1][1]:
                stack[-1][2] = None  # a collection used as a key
                stack[-1][1] = False
            stack.append([isinstance(event, yaml.MappingStartEvent), True, None])
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()
    return False


def _after_value(stack: list[list[Any]]) -> None:
    """A value (scalar or whole collection) ended: the enclosing mapping expects a key."""
    if stack and stack[-1][0]:
        stack[-1][1] = True


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


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


_BANG_VALUE = re.compile(r"(?:^\s*|:\s+|-\s+)!")
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
    if 0 <= at < len(lines) and _BANG_VALUE.search(lines[at]):
        return (
            at + 1,
            "값이 !로 시작합니다 (YAML에서 !는 태그 표시입니다)",
            '값 전체를 따옴표로 감싸세요. 예: title: "!중요 설명회"',
        )
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


def too_big(path: Path) -> bool:
    """True when the file is over the size limit: nobody may read it (check it first)."""
    try:
        return path.stat().st_size > MAX_BYTES
    except OSError:
        return False


def read_file(path: Path, shown: str, problems: Problems) -> str | None:
    """The text of a content file, or None with a problem (too big, not UTF-8, unreadable).

    The size is checked before reading, so an oversized file is never loaded; every later
    step (the link scan included) must skip a file for which this returned None.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            _too_big(size, shown, problems)
            return None
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        problems.add(
            SourceLocation(shown, 1),
            f"파일을 읽을 수 없습니다 ({exc.strerror or type(exc).__name__})",
            hint="파일이 있는지, 읽을 권한이 있는지 확인하세요",
        )
        return None
    return read_text(raw, shown, problems)


def _too_big(size: int, path: str, problems: Problems) -> None:
    problems.add(
        SourceLocation(path, 1),
        f"파일이 너무 큽니다 ({size:,}바이트, 최대 {MAX_BYTES:,}바이트)",
        hint="PDF나 이미지는 본문에 붙이지 말고 따로 올린 뒤 링크하세요",
    )


def read_text(raw: bytes, path: str, problems: Problems) -> str | None:
    """Decode a content file as UTF-8, naming the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        _too_big(len(raw), path, problems)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message, hint = _not_utf8(raw, line)
        problems.add(SourceLocation(path, line), message, hint=hint)
        return None
    return text.removeprefix("\ufeff")


def _not_utf8(raw: bytes, line: int) -> tuple[str, str]:
    """(message, hint) for a file that is not UTF-8, guessing the encoding staff used."""
    how = (
        "UTF-8로 다시 저장하세요. 메모장: '다른 이름으로 저장'에서 인코딩을 'UTF-8'로."
        " VS Code: 아래 상태 표시줄의 인코딩을 눌러 '인코딩하여 저장' → 'UTF-8'."
        " 한글(HWP)이나 워드에서 복사했다면 메모장에 붙여 UTF-8로 저장하세요"
    )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16으로 저장된 파일입니다 (UTF-8이어야 합니다)", how
    try:
        raw.decode("cp949")
    except UnicodeDecodeError:
        return f"UTF-8 인코딩이 아닙니다 ({line}번째 줄에 읽을 수 없는 바이트가 있습니다)", how
    return (
        f"UTF-8이 아니라 CP949(EUC-KR, 한국어 Windows의 옛 인코딩)로 저장된 파일입니다"
        f" ({line}번째 줄부터 읽을 수 없습니다)",
        how,
    )
