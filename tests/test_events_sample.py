"""Sample event data shared by the events tests, and a check that the sample stays valid YAML.

Build date of every test build: 2026-11-22 09:00 Seoul (conftest.BUILD_EPOCH).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import SiteProject, base_config

XSS_TITLE = '<script>alert(1)</script> & "설명회"'
TRICKY_SUMMARY = "대입 설명회, 쉼표; 세미콜론 그리고 \\백슬래시"
TRICKY_DESCRIPTION = (
    "첫 줄, 쉼표; 세미콜론\n둘째 줄: 콜론\n\n**굵게** 셋째 단락 — 한글 " + "가나다라마바사" * 12
)

PROGRAM = """---
title: 상시상담
summary: 매주 화요일 상담
audience: [high, parents]
---
# 상시상담

매주 화요일 상담합니다.
"""

EVENTS = f"""
# 2026 행사 (tests)
- id: briefing-2027
  title: '{XSS_TITLE.replace("'", "''")}'
  summary: "{TRICKY_SUMMARY.replace(chr(92), chr(92) * 2)}"
  description: |
{chr(10).join("    " + line if line else "" for line in TRICKY_DESCRIPTION.split(chr(10)))}
  start: 2026-12-05 14:00
  end: 2026-12-05 16:00
  location: 금천구청 대강당
  audience: [high, parents]
  category: briefing
  registration:
    url: https://example.org/apply?a=1&b=2
    opens: 2026-11-20
    closes: 2026-12-03
    capacity: 200
- id: counseling-weekly
  title: 상시상담
  start: 2026-11-03 15:00
  end: 2026-11-03 17:00
  location: 센터 상담실
  audience: [high, parents]
  category: counseling
  program: always-counseling
  repeat:
    freq: weekly
    until: 2027-01-26
    except: [2026-12-29]
- id: fair-2026
  title: 수시 박람회
  start: 2026-09-12
  end: 2026-09-13
  audience: [high]
  category: fair
- id: camp-cancelled
  title: 겨울 캠프
  start: 2027-01-10
  end: 2027-01-12
  audience: [middle]
  category: camp
  status: cancelled
- id: lecture-soon
  title: 초등 진로 특강
  start: 2026-12-20
  audience: [elementary, teachers]
  category: lecture
  online: https://example.org/live
  registration:
    opens: 2026-12-01 10:00
    closes: 2026-12-15 18:00
- id: monthly-talk
  title: 월간 학부모 모임
  start: 2026-10-31 19:00
  audience: [parents]
  category: lecture
  repeat:
    freq: monthly
    until: 2027-03-31
"""

EXPECTED_WEEKLY = [  # counseling-weekly, 2026-12-29 left out
    "2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24", "2026-12-01", "2026-12-08",
    "2026-12-15", "2026-12-22", "2027-01-05", "2027-01-12", "2027-01-19", "2027-01-26",
]  # fmt: skip
# RFC 5545: a monthly rule on the 31st skips months without a 31st.
EXPECTED_MONTHLY = ["2026-10-31", "2026-12-31", "2027-01-31", "2027-03-31"]
AUDIENCE_EVENTS = {
    "elementary": {"lecture-soon"},
    "middle": {"camp-cancelled"},
    "high": {"briefing-2027", "counseling-weekly", "fair-2026"},
    "parents": {"briefing-2027", "counseling-weekly", "monthly-talk"},
    "teachers": {"lecture-soon"},
}
ALL_IDS = set().union(*AUDIENCE_EVENTS.values())


def events_config(nav: bool = True) -> dict:
    config = base_config()
    if nav:  # like the real mkdocs.yml: generated pages are never listed
        config["nav"] = [
            {"홈": "index.md"},
            {"행사·일정": [{"행사": "events/index.md"}, {"캘린더 구독": "calendar/index.md"}]},
            {"프로그램": "programs/always-counseling.md"},
        ]
    return config


def sample_project(root: Path, events: str = EVENTS) -> SiteProject:
    project = SiteProject(root, events_config())
    project.write("programs/always-counseling.md", PROGRAM)
    project.write("events/index.md", "---\ntitle: 행사·일정\n---\n\n# 행사·일정\n\n행사 안내.\n")
    project.write(
        "calendar/index.md", "---\ntitle: 일정 구독하기\n---\n\n# 일정 구독하기\n\n구독 안내.\n"
    )
    project.write("events/2026.yml", events)
    return project


def test_sample_is_a_yaml_list_of_events() -> None:
    data = yaml.safe_load(EVENTS)
    assert {item["id"] for item in data} == ALL_IDS
    assert data[0]["title"] == XSS_TITLE
    assert data[0]["summary"] == TRICKY_SUMMARY
    assert data[0]["description"].rstrip("\n") == TRICKY_DESCRIPTION
