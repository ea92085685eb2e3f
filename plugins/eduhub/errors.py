"""Problems found in content, each tied to a file and line so a person can fix it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in a source file; `path` is relative to the project (as staff see it)."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake: where, which field, what is wrong and how to fix it (Korean text)."""

    location: SourceLocation
    message: str
    field: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.location}: "
        what = f"{self.field}: {self.message}" if self.field else self.message
        return where + what + (f" ({self.hint})" if self.hint else "")


class ContentError(Exception):
    """Raised with every problem at once; str() lists them one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Problems:
    """Collects problems while loading; the caller reports them all at once."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self, location: SourceLocation, message: str, *, field: str = "", hint: str = ""
    ) -> None:
        self.items.append(Problem(location, message, field, hint))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)
