"""`eduhub new issue` and `eduhub new event`: skeletons with every field explained.

Neither ever overwrites: a new issue file is created exclusively, and an event is appended to
the end of an events file, leaving the existing bytes as they were.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from .dates import DateFormatError, parse_date_or_datetime
from .settings import Settings
from .urls import EVENT_ID_LINE

_ISSUE_LINE = re.compile(r"^issue:\s*[\"']?(\d+)", re.M)
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.ya?ml$")


class ScaffoldError(Exception):
    """A Korean sentence saying why nothing was written."""


def issue_numbers(settings: Settings) -> dict[int, Path]:
    """Numbers already used by any file under content/newsletter/ (even files with mistakes)."""
    numbers: dict[int, Path] = {}
    folder = settings.docs_dir / "newsletter"
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        text = path.read_bytes().decode("utf-8", errors="replace")
        head = text.split("\n---", 1)[0] if text.startswith("---") else ""
        match = _ISSUE_LINE.search(head)
        if match:
            numbers[int(match.group(1))] = path
    return numbers


def new_issue(settings: Settings, *, number: int | None = None) -> Path:
    """Create content/newsletter/issues/NNN.md for the next free number, dated today (Seoul)."""
    used = issue_numbers(settings)
    if number is None:
        number = max(used, default=0) + 1
    elif number in used:
        raise ScaffoldError(
            f"제{number}호는 이미 있습니다: {settings.display_path(used[number])} (아무것도 바꾸지 않았습니다)"
        )
    if number < 1:
        raise ScaffoldError("호수는 1 이상이어야 합니다")
    path = settings.docs_dir / "newsletter" / "issues" / f"{number:03d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    slugs = ", ".join(c.slug for c in settings.newsletter_categories) or "(mkdocs.yml에 없음)"
    labels = ", ".join(f"{c.slug}={c.label}" for c in settings.newsletter_categories)
    text = ISSUE_TEMPLATE.format(
        number=number, date=settings.build_date.isoformat(), slugs=slugs, labels=labels
    )
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{settings.display_path(path)} 파일이 이미 있습니다 (아무것도 바꾸지 않았습니다)"
        ) from None
    return path


ISSUE_TEMPLATE = """\
---
# 교육금천 소식지 제{number}호. '#' 뒤는 설명(주석)이라 사이트에 나오지 않습니다.
# 다 쓰면 `eduhub check`로 검사하세요. 안내: docs/staff/publishing.md
title: "교육금천 소식지 제{number}호"  # 제목 (필수)
issue: {number}  # 호수 (필수, 숫자만, 다른 호와 겹치면 안 됨): 주소가 /newsletter/{number}/ 이 됩니다
date: {date}  # 발행일 (필수, YYYY-MM-DD, 서울 날짜): 미래 날짜면 그날 아침 자동 빌드 때 공개됩니다
summary: "이번 호에서 다루는 내용을 한두 문장으로 적으세요."  # 요약 (필수): 목록, 피드, 검색에 나옵니다
categories: []  # 분류 (선택, 여러 개): {slugs}  예: [admissions, credit-system]
# 분류 뜻: {labels}
# pdf: {number:03d}.pdf  # 인쇄본 PDF (선택): 이 파일과 같은 폴더에 올린 PDF 이름. 쓰려면 맨 앞 '# '를 지우세요
draft: true  # 초안: true인 동안은 공개되지 않습니다. 다 쓰면 이 줄을 지우세요
---

여기에 이번 호의 첫 문단을 적습니다.

## 첫 번째 소식

본문은 마크다운으로 씁니다. 다른 글로 연결할 때는 [공지 모음](../../news/index.md)처럼
이 파일 기준 상대 경로로 .md 파일을 적습니다.
"""


def term_file(day: date) -> str:
    """Events of a school term share a file: Mar-Aug → YYYY-spring.yml, Sep-Feb → YYYY-fall.yml."""
    if 3 <= day.month <= 8:
        return f"{day.year}-spring.yml"
    return f"{day.year if day.month >= 9 else day.year - 1}-fall.yml"


def event_ids(settings: Settings) -> set[str]:
    folder = settings.docs_dir / "events"
    ids: set[str] = set()
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        ids |= set(EVENT_ID_LINE.findall(path.read_bytes().decode("utf-8", errors="replace")))
    return ids


def new_event(
    settings: Settings,
    *,
    start: str | None = None,
    category: str | None = None,
    title: str | None = None,
    file: str | None = None,
) -> tuple[Path, str, int]:
    """Append an event skeleton; returns (file, new id, line of the new `- id:`)."""
    when: date | datetime | None = None
    if start:
        try:
            when = parse_date_or_datetime(start)
        except DateFormatError as exc:
            raise ScaffoldError(f"--start: {exc}") from None
    slugs = [c.slug for c in settings.event_categories]
    if category and category not in slugs:
        raise ScaffoldError(
            f"--category: 없는 행사 분류입니다: {category} (쓸 수 있는 값: {', '.join(slugs)})"
        )
    day = when.date() if isinstance(when, datetime) else when or settings.build_date
    name = file or term_file(day)
    if not _SAFE_NAME.match(name):
        raise ScaffoldError(
            f"--file: {name!r}: content/events/ 안의 파일 이름만 적으세요 (예: 2026-fall.yml)"
        )
    path = settings.docs_dir / "events" / name

    taken = event_ids(settings)
    base = f"{category or 'event'}-{day:%Y-%m-%d}"
    event_id, n = base, 2
    while event_id in taken:
        event_id, n = f"{base}-{n}", n + 1

    skeleton = EVENT_TEMPLATE.format(
        id=event_id,
        title=_quote(title or ""),
        start=_quote(start or ""),
        category=category or "",
        categories=", ".join(slugs),
    )
    if path.exists():
        existing = path.read_bytes()
        _refuse_unless_list(existing, settings.display_path(path))
        prefix = (
            b""
            if not existing or existing.endswith(b"\n\n")
            else b"\n"
            if existing.endswith(b"\n")
            else b"\n\n"
        )
        data = prefix + skeleton.encode("utf-8")
        line = existing.count(b"\n") + prefix.count(b"\n") + 1
        with path.open("ab") as handle:
            handle.write(data)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"# {name[:-4] if name.endswith('.yml') else name}: 행사 목록. 각 행사는 '- id:'로 시작합니다.\n\n"
        line = header.count("\n") + 1
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(header + skeleton)
        except FileExistsError:
            raise ScaffoldError(
                f"{settings.display_path(path)} 파일이 방금 생겼습니다. 다시 실행하세요"
            ) from None
    return path, event_id, line


def _refuse_unless_list(existing: bytes, shown: str) -> None:
    """Appending `- id:` only makes sense after a block list (or nothing but comments)."""
    for raw in existing.decode("utf-8", errors="replace").splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if raw.startswith("- ") or raw == "-":
            return
        raise ScaffoldError(
            f"{shown}: '- id:'로 시작하는 행사 목록이 아니라서 덧붙이지 않았습니다 (파일은 그대로입니다)"
        )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


EVENT_TEMPLATE = """\
- id: {id}  # 고유 ID (자동으로 정함): 공개한 뒤에는 바꾸지 마세요 (주소와 캘린더 구독에 쓰입니다)
  title: {title}  # 행사 이름 (필수)
  summary: ""  # 한두 문장 요약 (선택, 목록과 캘린더에 나옵니다)
  start: {start}  # 시작 (필수): 종일이면 "2026-12-05", 시각이 있으면 "2026-12-05 14:00" (서울 시각)
  # end: ""  # 끝 (선택): start와 같은 형식. 종일 행사는 마지막 날
  # location: ""  # 장소 (선택)
  # online: "https://..."  # 온라인 참여 주소 (선택)
  audience: []  # 대상 (필수, 하나 이상): elementary, middle, high, parents, teachers  예: [high, parents]
  category: "{category}"  # 분류 (필수): {categories}
  # program: ""  # 프로그램 (선택): content/programs/<이름>.md의 <이름>
  # registration:  # 신청 안내 (선택)
  #   url: "https://..."
  #   opens: "2026-11-01"
  #   closes: "2026-11-20"
  #   capacity: 30
  # status: cancelled  # 취소하면 지우지 말고 이 줄을 넣으세요 (postponed = 연기)
  description: ""  # 자세한 설명 (선택, 마크다운). 여러 줄이면 'description: |' 다음 줄부터 네 칸 들여 씁니다
"""
