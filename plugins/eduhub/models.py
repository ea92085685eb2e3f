"""Shared vocabulary of every capability: categories and audiences. No MkDocs here."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import SEOUL

__all__ = ["AUDIENCES", "SEOUL", "Category"]

AUDIENCES: dict[str, str] = {
    "elementary": "초등학생",
    "middle": "중학생",
    "high": "고등학생",
    "parents": "학부모",
    "teachers": "교사",
}


@dataclass(frozen=True)
class Category:
    slug: str
    label: str
