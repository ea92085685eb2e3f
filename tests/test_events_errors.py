"""Every mistake in content/events/*.yml fails the build with `path:line: field: message`, all at once."""

from __future__ import annotations

import re

from test_events_sample import sample_project

BAD = """\
- id: ok-event
  title: 괜찮은 행사
  start: 2026-12-01
  audience: [high]
  category: briefing
- id: typo-field
  title: 오타
  start: 2026-12-02
  audiance: [high]
  category: briefing
- id: no-title
  start: 2026-12-03
  audience: [high]
  category: briefing
- id: impossible-date
  title: 없는 날
  start: 2026-02-30
  audience: [high]
  category: briefing
- id: end-before-start
  title: 거꾸로
  start: 2026-12-05 14:00
  end: 2026-12-05 12:00
  audience: [high]
  category: briefing
- id: mixed-kinds
  title: 섞임
  start: 2026-12-06
  end: 2026-12-06 18:00
  audience: [high]
  category: briefing
- id: ok-event
  title: 같은 id
  start: 2026-12-07
  audience: [high]
  category: briefing
- id: unknown-things
  title: 모르는 값
  start: 2026-12-08
  audience: [grandparents]
  category: party
  program: no-such-program
- id: bad-url
  title: 주소
  start: 2026-12-09
  audience: [high]
  category: briefing
  online: www.example.org/live
  registration:
    url: "example org"
- id: endless
  title: 끝없는 반복
  start: 2026-12-10 10:00
  audience: [high]
  category: counseling
  repeat:
    freq: weekly
- id: high
  title: 예약된 id
  start: 2026-12-11
  audience: [high]
  category: briefing
- id: wrong-except
  title: 쉬는 날 오타
  start: 2026-12-01 10:00
  audience: [high]
  category: counseling
  repeat:
    freq: weekly
    until: 2026-12-31
    except: [2026-12-16]
"""

EXPECTED = [  # (line, field, words in the message)
    (9, "audiance", "알 수 없는 항목"),
    (6, "audience", "꼭 필요한 항목"),
    (11, "title", "꼭 필요한 항목"),
    (17, "start", "달력에 없는 날짜"),
    (23, "end", "보다 빠릅니다"),
    (29, "end", "형식이 다릅니다"),
    (1, "id", "같은 id가 여러 곳"),
    (32, "id", "같은 id가 여러 곳"),
    (40, "audience[0]", "허용되지 않는 값"),
    (41, "category", "없는 행사 분류"),
    (42, "program", "없는 프로그램"),
    (48, "online", "형식이 맞지 않습니다"),
    (50, "registration.url", "형식이 맞지 않습니다"),
    (56, "repeat.until", "꼭 필요한 항목"),
    (58, "id", "다른 주소와 겹쳐"),
    (71, "repeat.except", "반복 날짜가 아닙니다"),
]


def test_every_mistake_is_reported_at_once_with_path_line_and_field(tmp_path) -> None:
    project = sample_project(tmp_path / "project")
    project.write("events/bad.yml", BAD, dedent=False)
    result = project.build()
    assert not result.ok
    lines = [
        line.strip() for line in result.output.splitlines() if "content/events/bad.yml:" in line
    ]
    for line_no, field, words in EXPECTED:
        prefix = f"content/events/bad.yml:{line_no}: {field}: "
        assert any(line.startswith(prefix) and words in line for line in lines), (
            prefix,
            words,
            lines,
        )
    assert len(lines) == len(EXPECTED), "\n".join(lines)
    duplicate = next(line for line in lines if line.startswith("content/events/bad.yml:1: id"))
    assert "bad.yml:1" in duplicate and "bad.yml:32" in duplicate  # names both places
    assert "'audience'의 오타" in next(line for line in lines if ": audiance:" in line)
    assert not (project.root / "site" / "events.ics").exists()


def test_invalid_yaml_names_the_line(tmp_path) -> None:
    project = sample_project(tmp_path / "project")
    project.write(
        "events/broken.yml", "- id: a\n  title: [닫히지 않은\n  start: 2026-12-01\n", dedent=False
    )
    result = project.build()
    assert not result.ok
    assert re.search(r"content/events/broken\.yml:2: .*YAML", result.output)


def test_duplicate_ids_across_files_name_both_files(tmp_path) -> None:
    project = sample_project(tmp_path / "project")
    project.write(
        "events/other.yml",
        "- id: fair-2026\n  title: 또\n  start: 2026-12-01\n  audience: [high]\n  category: fair\n",
    )
    result = project.build()
    assert not result.ok
    assert re.search(
        r"content/events/2026\.yml:\d+: id: 같은 id가 여러 곳에 있습니다: .*2026\.yml:\d+.*other\.yml:1",
        result.output,
    )
