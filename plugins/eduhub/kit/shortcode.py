"""Short codes for /go/<code>/ links in SMS and on posters.

A code is 5 characters of a SHA-256 hash of the item's kind and id, written in lower-case
letters and digits without look-alikes (no 0/o, 1/l/i). It depends on nothing else, so the
same item gets the same code in every build, whatever else is added, with no stored state.
Two items with the same code are a content error naming both places; staff then give the
newer item an explicit `short:` (4-12 characters of the same alphabet). Once published a
code never changes (docs/developer/contracts.md).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # 31 characters: no 0 o 1 l i
LENGTH = 5
SHORT_PATTERN = re.compile(r"^[2-9a-hjkmnp-z]{4,12}$")  # what an explicit `short:` may be
SHORT_HINT = "영문 소문자와 숫자 4~12자 (헷갈리는 0, o, 1, l, i는 쓸 수 없습니다)"

T = TypeVar("T")


def code_for(kind: str, item_id: str | int, length: int = LENGTH) -> str:
    """The hashed code of an item: `code_for("event", "jeongsi-briefing-2026-12")`."""
    digest = hashlib.sha256(f"{kind}:{item_id}".encode()).digest()
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(length):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def valid_short(value: str) -> bool:
    return bool(SHORT_PATTERN.match(value))


@dataclass(frozen=True)
class Claim(Generic[T]):
    """An item asking for a code: `where` names its place for messages (path:line)."""

    code: str
    item: T
    where: str
    explicit: bool = False


@dataclass(frozen=True)
class Collision(Generic[T]):
    code: str
    first: Claim[T]
    second: Claim[T]

    def message(self) -> str:
        return (
            f"짧은 주소 코드 '{self.code}'가 두 곳에서 겹칩니다: {self.first.where},"
            f" {self.second.where}. 나중에 만든 항목에 short:로 다른 코드를 적어 주세요"
            f" ({SHORT_HINT}). 이미 알린 코드는 바꾸지 않습니다"
        )


def assign(claims: Iterable[Claim[T]]) -> tuple[dict[str, Claim[T]], list[Collision[T]]]:
    """Codes to claims, and every collision (the first claim of a code keeps it)."""
    codes: dict[str, Claim[T]] = {}
    collisions: list[Collision[T]] = []
    for claim in claims:
        if claim.code in codes:
            collisions.append(Collision(claim.code, codes[claim.code], claim))
        else:
            codes[claim.code] = claim
    return codes, collisions


def claim(kind: str, item_id: str | int, item: T, where: str, short: str | None = None) -> Claim[T]:
    """The claim of an item: its explicit `short:` if it has one, else its hashed code."""
    if short:
        return Claim(short, item, where, explicit=True)
    return Claim(code_for(kind, item_id), item, where)
