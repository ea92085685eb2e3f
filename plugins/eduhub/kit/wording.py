"""The promotion kit's wording: every sentence of the SMS and LMS texts, in one place.

Staff change the texts here (see docs/staff/kit.md). Placeholders in braces, such as
`{title}`, are filled in by the kit; a line of an LMS template whose placeholders are all
empty is left out, so optional lines (place, capacity, ...) disappear when there is nothing
to say. Keep the placeholders' names; the tests check that every template still fills in.
"""

from __future__ import annotations

# Every SMS and LMS starts with this (carriers show it before the text).
PREFIX = "[교육금천]"

# Name printed at the end of an LMS and on the poster.
CENTER_NAME = "금천진로진학지원센터"

# Shorter forms for places in the SMS (the LMS and the poster keep the full place).
PLACE_ABBREVIATIONS: dict[str, str] = {
    "금천진로진학지원센터": "센터",
}

# ---- SMS (단문, at most 90 bytes) ---------------------------------------------------------
# {when}: `12.12.(토) 14시`; {place}: the short place; {action}: ACTION_REGISTER or "".
SMS_EVENT = "{prefix} {title} {when} {place} {action} {link}"
SMS_EVENT_CANCELLED = "{prefix} 취소 안내: {title} {when} {link}"
SMS_EVENT_POSTPONED = "{prefix} 연기 안내: {title} {link}"
SMS_ISSUE = "{prefix} 소식지 제{number}호 {title} {link}"
ACTION_REGISTER = "신청"  # printed when the event takes registrations

# The SMS date: month.day.(weekday), hour as `14시` (or `14:30`), ranges with `~`.
SMS_WEEKLY = "매주 {weekday}"  # a weekly repeat: `매주 금 16시`
SMS_EVERY_N_WEEKS = "{n}주마다 {weekday}"
SMS_MONTHLY = "매월 {day}일"
SMS_EVERY_N_MONTHS = "{n}개월마다 {day}일"

# A shortened title ends with this.
ELLIPSIS = "…"
# A title is never shortened below this many characters (then the kit shows a note).
MIN_TITLE_CHARS = 6

# ---- LMS (장문, at most 2,000 bytes; subject at most 40 bytes) ----------------------------
LMS_SUBJECT_EVENT = "{prefix} {title}"
LMS_SUBJECT_CANCELLED = "{prefix} 취소 안내: {title}"
LMS_SUBJECT_POSTPONED = "{prefix} 연기 안내: {title}"
LMS_SUBJECT_ISSUE = "{prefix} 소식지 제{number}호"
LMS_SUBJECT_FOLLOW_UP = "{prefix} 만족도 조사: {title}"

LMS_EVENT = """\
{prefix} {title}

{summary}

■ 일시: {when}
  {repeat}
■ 장소: {place}
{map_links}
■ 온라인: {online}
■ 대상: {audience}
■ 신청: {registration}
  접수 기간: {registration_period}
  정원: {capacity}
  신청 방법: {how_to_apply}

자세히 보기: {page_url}

{center}"""

LMS_EVENT_CANCELLED = """\
{prefix} 취소 안내: {title}

{when}에 열 예정이던 「{title}」 행사가 취소되었습니다.
신청하신 분께는 센터에서 따로 알려 드립니다. 양해 부탁드립니다.

안내 페이지: {page_url}

{center}"""

LMS_EVENT_POSTPONED = """\
{prefix} 연기 안내: {title}

{when}에 열 예정이던 「{title}」 행사가 연기되었습니다.
새 일정이 정해지면 안내 페이지와 센터 공지로 알려 드립니다.

안내 페이지: {page_url}

{center}"""

# After the event, for participants: the survey link is printed as it is (never a /go/ link).
LMS_FOLLOW_UP = """\
{prefix} 만족도 조사 안내

「{title}」({when})에 참여해 주셔서 고맙습니다.
더 나은 프로그램을 위해 만족도 조사에 참여해 주세요.

만족도 조사 참여하기: {survey}

조사는 {center}에서 진행합니다.

{center}"""

LMS_ISSUE = """\
{prefix} 교육금천 소식지 제{number}호

「{title}」
{summary}

발행일: {date}
소식지 읽기: {page_url}

{center}"""

MAP_LINE = "  {label}: {href}"
REGISTRATION_STATES = {
    "upcoming": "접수 예정 ({opens}부터)",
    "open": "접수 중 ({closes}까지)",
    "closed": "접수 마감",
}
HOW_TO_APPLY_URL = "{url}"
HOW_TO_APPLY_PAGE = "안내 페이지와 센터 공지를 확인해 주세요"
CAPACITY = "{capacity}명"

# Fixed label of the survey link on the event page and in the LMS.
SURVEY_LABEL = "만족도 조사 참여하기"

# ---- A4 poster --------------------------------------------------------------------------
POSTER_PERIOD = "접수 기간: {opens} ~ {closes}"
POSTER_CLOSES = "접수 마감: {closes}"
POSTER_CAPACITY = "정원: {capacity}명"
POSTER_HOW = "신청: QR 코드나 아래 주소의 안내 페이지에서"
POSTER_QR_CAPTION = "QR 코드를 찍으면 안내 페이지가 열립니다"
