"""The field-by-field builder of content objects from parsed TOML, and the error it raises.

Every content file (chapters, feedback banks, capstone forms, rubrics, materials, the case
files) is built with :func:`_build` from the type hints of its frozen dataclasses, so a typo or
a missing translation gives one :class:`ContentError` that names the file, the entry and the
field. Nothing here knows which file holds what: that is :mod:`ckm_course.content.loader`
(chapters) and the module of each kind of file.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import tomllib
import types
import typing
from pathlib import Path
from typing import Any

from ckm_course.content.model import Text

CONTENT_DIR = Path(__file__).resolve().parent  # the data files sit beside these modules


class ContentError(ValueError):
    """A content file is broken or incomplete. The message names file, entry and field."""

    def __init__(self, file: str, entry: str, field: str, problem: str) -> None:
        self.file, self.entry, self.field, self.problem = file, entry, field, problem
        where = " > ".join(part for part in (entry, field) if part)
        super().__init__(f"{file}: {where}: {problem}" if where else f"{file}: {problem}")


@dataclasses.dataclass
class _Where:
    file: str
    entry: str = ""

    def fail(self, path: str, problem: str) -> typing.NoReturn:
        raise ContentError(self.file, self.entry, path, problem)


def _describe(value: object) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


@functools.cache  # resolving the string annotations was 40 % of start(), once per entry of every file
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)  # in the namespace of the class's own module


def _build(tp: Any, value: Any, path: str, where: _Where) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in args if a is not type(None)]
        if value is None and len(options) < len(args):
            return None
        if len(options) == 1:
            return _build(options[0], value, path, where)
        if float in options and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if str in options and isinstance(value, str):
            return value
        where.fail(path, f"expected one of {options}, got {_describe(value)}")
    if origin is tuple:
        item_type = args[0]
        if typing.get_origin(item_type) is tuple and isinstance(value, dict):
            # a TOML table {name = {...}} for tuple[tuple[str, X], ...]
            value_type = typing.get_args(item_type)[1]
            return tuple((str(k), _build(value_type, v, f"{path}.{k}", where)) for k, v in value.items())
        if not isinstance(value, list):
            where.fail(path, f"expected a list, got {_describe(value)}")
        return tuple(_build(item_type, v, f"{path}[{i}]", where) for i, v in enumerate(value))
    if dataclasses.is_dataclass(tp):
        return _build_dataclass(tp, value, path, where)
    if tp is str:
        if not isinstance(value, str) or not value.strip():
            where.fail(path, f"expected a non-empty string, got {_describe(value)}")
        return value.strip()
    if tp is bool:
        if not isinstance(value, bool):
            where.fail(path, f"expected true or false, got {_describe(value)}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            where.fail(path, f"expected a whole number, got {_describe(value)}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            where.fail(path, f"expected a number, got {_describe(value)}")
        return float(value)
    raise TypeError(f"content model has an unsupported field type {tp!r}")  # a bug in model.py


def _build_dataclass(cls: type, value: Any, path: str, where: _Where) -> Any:
    label = f"{path}" if path else cls.__name__
    if not isinstance(value, dict):
        if cls is Text:
            where.fail(path, f"expected a table with 'zh' and 'en', got {_describe(value)}")
        where.fail(path, f"expected a table, got {_describe(value)}")
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "file"}
    for key in value:
        if key not in fields:
            near = difflib.get_close_matches(key, list(fields), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            where.fail(f"{label}.{key}" if path else key, f"unknown field{hint}; allowed: {', '.join(fields)}")
    kwargs: dict[str, Any] = {}
    for name, fld in fields.items():
        sub = f"{path}.{name}" if path else name
        if name not in value:
            required = fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING
            if required:
                if cls is Text:
                    where.fail(sub, f"missing the {'Chinese' if name == 'zh' else 'English'} text")
                where.fail(sub, "missing required field")
            continue
        kwargs[name] = _build(hints[name], value[name], sub, where)
    return cls(**kwargs)


def read_toml(path: Path, where: _Where) -> dict[str, Any]:
    """The parsed TOML file at ``path``; unreadable or invalid TOML is a ContentError naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        where.fail("", f"not valid TOML: {exc}")
    except (OSError, UnicodeDecodeError) as exc:
        where.fail("", f"cannot be read: {exc}")


def read_sections(path: Path, where: _Where, allowed: typing.Sequence[str]) -> dict[str, Any]:
    """``read_toml``, then a ContentError for any top-level section not in ``allowed`` (named in that order)."""
    raw = read_toml(path, where)
    for key in raw:
        if key not in allowed:
            where.fail(key, f"unknown top-level section; allowed: {', '.join(allowed)}")
    return raw


def _entry_name(kind: str, raw: object, index: int) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"{kind} {ident!r}" if isinstance(ident, str) else f"{kind} #{index + 1}"


def _list(raw: dict, key: str, where: _Where) -> list:
    value = raw.get(key, [])
    if not isinstance(value, list):
        where.entry = ""
        where.fail(key, f"expected an array of tables ([[{key}]]), got {_describe(value)}")
    return value
