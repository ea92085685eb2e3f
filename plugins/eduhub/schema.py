"""JSON Schema validation (the schemas in eduhub/schemas/) with Korean, line-numbered messages."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .errors import Problems, SourceLocation
from .yamlio import LineDict, LineList

_TYPE_NAMES = {
    "string": "글자(문자열)",
    "integer": "정수",
    "number": "숫자",
    "boolean": "true 또는 false",
    "array": "목록(- 로 시작하는 줄들)",
    "object": "항목: 값 형태의 묶음",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("eduhub").joinpath("schemas", name).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> Draft202012Validator:
    # (The schemas are this package's own files: tests/test_core_units.py checks each against
    # the metaschema once, not every build; that check took 0.1 s of each.)
    schema = load_schema(name)
    return Draft202012Validator(_inline_refs(schema, schema))


@cache
def _def_validator(schema_name: str, definition: str) -> Draft202012Validator:
    root = load_schema(schema_name)
    return Draft202012Validator(_inline_refs(root["$defs"][definition], root))


def _inline_refs(node: Any, root: dict[str, Any]) -> Any:
    """The schema with each local `{"$ref": "#/$defs/x"}` replaced by the definition itself.

    Same meaning (our schemas are not recursive), but jsonschema no longer resolves a reference
    for every field of every event: three times faster on a few thousand events.
    """
    if isinstance(node, list):
        return [_inline_refs(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    result = {k: _inline_refs(v, root) for k, v in node.items() if k != "$defs"}
    ref = result.pop("$ref", None)
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline_refs(root["$defs"][ref.removeprefix("#/$defs/")], root)
        return {**target, **result}  # siblings of $ref (a description) win
    if ref is not None:
        result["$ref"] = ref
    return result


def is_valid_def(data: Any, schema_name: str, definition: str) -> bool:
    """Whether `data` matches one definition (e.g. a single event) of a schema."""
    return _def_validator(schema_name, definition).is_valid(data)


def validate(data: Any, schema_name: str, path: str, problems: Problems) -> bool:
    """Add one problem per schema violation; True when the data is valid."""
    errors = sorted(_validator(schema_name).iter_errors(data), key=lambda e: list(e.absolute_path))
    root = load_schema(schema_name)
    for error in errors:
        _report(error, data, path, problems, root)
    return not errors


def _locate(data: Any, where: list[Any]) -> tuple[int, str]:
    """Line and dotted field name for a path inside the YAML data."""
    node, line, names = data, getattr(data, "line", 1), []
    for step in where:
        if isinstance(node, LineDict) and isinstance(step, str):
            line = node.line_of(step)
            names.append(step)
        elif isinstance(node, LineList) and isinstance(step, int):
            line = node.line_of(step)
            if names:
                names[-1] += f"[{step}]"
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line, ".".join(names)


def _report(
    error: ValidationError, data: Any, path: str, problems: Problems, root: dict[str, Any]
) -> None:
    where = list(error.absolute_path)
    line, field = _locate(data, where)
    schema = error.schema if isinstance(error.schema, dict) else {}
    described = schema.get("description", "")
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.message)
        field = f"{field}.{missing}" if field else missing
        problems.add(
            SourceLocation(path, line),
            "꼭 필요한 항목이 없습니다",
            field=field,
            hint=_describe(root, schema, missing),
        )
    elif kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        node = error.instance if isinstance(error.instance, dict) else {}
        for key in sorted(k for k in node if k not in allowed):
            key_line = node.line_of(key) if isinstance(node, LineDict) else line
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (
                f"'{close[0]}'의 오타인가요?" if close else "쓸 수 있는 항목: " + ", ".join(allowed)
            )
            problems.add(
                SourceLocation(path, key_line),
                "알 수 없는 항목입니다",
                field=f"{field}.{key}" if field else key,
                hint=hint,
            )
    elif kind == "type":
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        wanted = " 또는 ".join(_TYPE_NAMES.get(str(n), str(n)) for n in names)
        problems.add(
            SourceLocation(path, line),
            f"값의 형식이 틀렸습니다: {error.instance!r} (필요한 형식: {wanted})",
            field=field,
            hint=described,
        )
    elif kind == "enum":
        problems.add(
            SourceLocation(path, line),
            f"허용되지 않는 값입니다: {error.instance!r}",
            field=field,
            hint="쓸 수 있는 값: " + ", ".join(map(str, error.validator_value)),
        )
    elif kind in ("minItems", "minLength"):
        problems.add(SourceLocation(path, line), "비어 있습니다", field=field, hint=described)
    elif kind == "uniqueItems":
        problems.add(SourceLocation(path, line), "같은 값이 두 번 있습니다", field=field)
    elif kind == "pattern":
        problems.add(
            SourceLocation(path, line),
            f"형식이 맞지 않습니다: {error.instance!r}",
            field=field,
            hint=described,
        )
    elif kind == "minimum":
        problems.add(
            SourceLocation(path, line),
            f"{error.validator_value} 이상이어야 합니다: {error.instance!r}",
            field=field,
        )
    else:
        problems.add(SourceLocation(path, line), error.message, field=field, hint=described)


def _describe(root: dict[str, Any], schema: dict[str, Any], key: str) -> str:
    """The schema's own description of a property (following one $ref)."""
    sub = schema.get("properties", {}).get(key, {})
    if "description" not in sub and "$ref" in sub:
        name = sub["$ref"].rsplit("/", 1)[-1]
        sub = root.get("$defs", {}).get(name, {})
    return sub.get("description", "")
