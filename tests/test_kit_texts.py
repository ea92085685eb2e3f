"""Kit SMS/LMS texts: CP949 byte limits, the drop order, hostile titles, notices."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from eduhub.kit import wording
from eduhub.kit.encoding import byte_len, clean, cut_to_bytes
from eduhub.kit.facts import EventFacts, IssueFacts, RegistrationFacts
from eduhub.kit.fill import placeholders
from eduhub.kit.lms import LMS_LIMIT, SUBJECT_LIMIT, event_lms, follow_up_lms, issue_lms
from eduhub.kit.sms import SMS_LIMIT, event_sms, issue_sms, sms_when
from eduhub.models import SEOUL

SHORT_HOST = "https://eduhub.test/"
LONG_HOST = "https://career-admissions-support-center.geumcheon.kr/"  # a 45-character host
MEDIUM_HOST = "https://geumcheon.github.io/eduhub/"


def seoul(*args: int) -> datetime:
    return datetime(*args, tzinfo=SEOUL)


def facts(site: str = SHORT_HOST, **changes: object) -> EventFacts:
    values: dict[str, object] = {
        "id": "jeongsi-briefing-2026-12",
        "title": "정시 설명회",
        "start": seoul(2026, 12, 12, 14, 0),
        "end": seoul(2026, 12, 12, 16, 0),
        "page_url": site + "events/jeongsi-briefing-2026-12/",
        "short_url": site + "go/af79e/",
        "place": "금천진로진학지원센터",
        "audience": ("고등학생", "학부모"),
        "summary": "정시 지원 전략을 세우는 방법을 안내합니다.",
        "registration": RegistrationFacts(
            state="open",
            opens=seoul(2026, 11, 23, 0, 0),
            closes=seoul(2026, 12, 10, 23, 59),
            capacity=50,
        ),
        "map_links": (
            ("네이버 지도", "https://map.naver.com/p/search/%EA%B8%88"),
            ("카카오맵", "https://map.kakao.com/?q=%EA%B8%88"),
        ),
    }
    values.update(changes)
    return EventFacts(**values)  # type: ignore[arg-type]


def cp949(text: str) -> int:
    return len(text.encode("cp949"))


def test_the_issue_example_fits_whole() -> None:
    sms = event_sms(facts())
    assert (
        sms.text == "[교육금천] 정시 설명회 12.12.(토) 14시 센터 신청 https://eduhub.test/go/af79e/"
    )
    assert sms.size == cp949(sms.text) <= SMS_LIMIT
    assert sms.dropped == () and sms.notes == ()


def test_bytes_are_counted_in_cp949_not_characters() -> None:
    assert byte_len("교육금천") == 8
    assert byte_len("abc") == 3
    assert byte_len("똠방각하") == 8  # UHC syllables outside EUC-KR's 2,350 are 2 bytes too


def test_parts_are_dropped_in_the_stated_order() -> None:
    long_title = "2027학년도 정시 대비 대입 설명회와 학부모 상담"
    item = facts(MEDIUM_HOST, title=long_title, short_url=MEDIUM_HOST + "go/af79e/")
    sms = event_sms(item)
    assert sms.size <= SMS_LIMIT
    assert sms.dropped == ("place", "weekday", "action", "title")
    assert "센터" not in sms.text and "(토)" not in sms.text and "신청" not in sms.text
    assert "12.12. 14시" in sms.text and sms.text.endswith(MEDIUM_HOST + "go/af79e/")
    assert sms.text.startswith("[교육금천] 2027학년도 정시")


def test_place_goes_first_and_only_as_much_as_needed() -> None:
    title = "2027학년도 정시 대비 대입 설명회"
    sms = event_sms(facts(title=title))
    assert sms.size <= SMS_LIMIT
    assert sms.dropped and sms.dropped[0] == "place"
    assert "(토)" in sms.text or "weekday" in sms.dropped


def test_title_is_shortened_last_with_an_ellipsis() -> None:
    title = "아주 긴 제목이 들어간 진로진학 프로그램 안내와 학부모 설명회 그리고 상담"
    sms = event_sms(facts(MEDIUM_HOST, title=title, short_url=MEDIUM_HOST + "go/af79e/"))
    assert sms.dropped[-1] == "title"
    assert wording.ELLIPSIS in sms.text
    assert sms.size <= SMS_LIMIT
    assert sms.text.startswith("[교육금천] 아주 긴")


def test_a_note_not_an_error_when_title_date_and_link_cannot_fit() -> None:
    host = "https://" + "a" * 70 + ".example/"
    sms = event_sms(facts(host, short_url=host + "go/af79e/"))
    assert not sms.fits
    assert sms.notes and "90바이트" in sms.notes[0]
    assert sms.text.endswith("go/af79e/")


def test_45_character_host_drops_the_scheme_last() -> None:
    assert len(LONG_HOST.split("/")[2]) == 45
    sms = event_sms(facts(LONG_HOST, short_url=LONG_HOST + "go/af79e/"))
    assert sms.fits, sms
    assert sms.text == (
        "[교육금천] 정시 설명회 12.12. 14시 career-admissions-support-center.geumcheon.kr/go/af79e/"
    )
    assert sms.size == cp949(sms.text) == 90
    assert sms.dropped == ("place", "weekday", "action", "scheme")


def test_45_character_host_with_a_long_title_is_a_note() -> None:
    sms = event_sms(
        facts(LONG_HOST, short_url=LONG_HOST + "go/af79e/", title="학부모아카데미: 자녀와 함께")
    )
    assert not sms.fits and sms.notes
    assert sms.size == cp949(sms.text) > SMS_LIMIT


HOSTILE = [
    '<script>alert("x")</script> 설명회',
    "\"따옴표\" 'quote' 설명회 & <b>",
    "🎓 입시 설명회 🎉👨‍👩‍👧",
    "정시 – 설명회 — café\u00a0안내\u200b",
    "줄\n바꿈\t탭 설명회",
    "ᄀ\u1161ᆨ 분해된 한글 설명회",  # decomposed Hangul (NFD) becomes 각
]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_never_crash_and_encode(title: str) -> None:
    item = facts(title=title, summary=title, place=title)
    for text in (event_sms(item).text, event_lms(item).text, event_lms(item).subject):
        text.encode("cp949")  # never raises
    sms = event_sms(item)
    assert sms.size <= SMS_LIMIT
    assert "\n" not in sms.text and "\t" not in sms.text
    lms = event_lms(item)
    assert lms.size <= LMS_LIMIT and lms.subject_size <= SUBJECT_LIMIT


def test_characters_cp949_cannot_encode_are_named_in_a_note() -> None:
    sms = event_sms(facts(title="🎓 입시 설명회"))
    assert "🎓" not in sms.text and "입시 설명회" in sms.text
    assert any("🎓" in note for note in sms.notes)


def test_replacement_rule() -> None:
    assert clean("정시 – 설명회 — café").text == "정시 - 설명회 - cafe"
    assert clean("가\u00a0나").text == "가 나"
    assert clean("ᄀ\u1161ᆨ").text == "각"
    assert clean("a🎓b").removed == ("🎓",)
    assert clean("👍\ufe0f").removed == ("👍",)  # the variation selector goes silently
    assert clean("<script>").text == "<script>"  # text, not HTML: escaping is the page's job


def test_cut_to_bytes_keeps_characters_whole() -> None:
    cut = cut_to_bytes("가나다라마바사", 9)
    assert cut == "가나다…" and cp949(cut) <= 9


def test_sms_dates() -> None:
    assert sms_when(facts()) == "12.12.(토) 14시"
    assert sms_when(facts(start=seoul(2026, 12, 12, 14, 30))) == "12.12.(토) 14:30"
    ranged = facts(start=date(2026, 8, 17), end=date(2026, 8, 28))
    assert sms_when(ranged) == "8.17.(월)~8.28.(금)"
    assert sms_when(ranged, weekday=False) == "8.17.~8.28."
    weekly = facts(
        start=seoul(2026, 12, 4, 16, 0),
        first_start=seoul(2026, 3, 6, 16, 0),
        repeat_freq="weekly",
    )
    assert sms_when(weekly) == "매주 금 16시"
    monthly = facts(start=date(2026, 5, 14), repeat_freq="monthly", repeat_interval=2)
    assert sms_when(monthly) == "2개월마다 14일"


def test_cancelled_and_postponed_events_get_notices() -> None:
    sms = event_sms(facts(status="cancelled"))
    assert sms.text.startswith("[교육금천] 취소 안내: 정시 설명회 12.12.(토) 14시")
    lms = event_lms(facts(status="cancelled"))
    assert lms.subject == "[교육금천] 취소 안내: 정시 설명회"
    assert "취소되었습니다" in lms.text and "접수" not in lms.text
    assert event_sms(facts(status="postponed")).text.startswith("[교육금천] 연기 안내: 정시 설명회")
    assert follow_up_lms(facts(status="cancelled", survey="https://forms.example/x")) is None


def test_lms_has_the_full_details() -> None:
    lms = event_lms(
        facts(
            registration=RegistrationFacts(
                state="open",
                opens=seoul(2026, 11, 23, 0, 0),
                closes=seoul(2026, 12, 10, 18, 0),
                capacity=50,
                url="https://forms.example/apply",
            ),
            online="https://meet.example/room",
        )
    )
    text = lms.text
    assert lms.subject == "[교육금천] 정시 설명회"
    for part in (
        "■ 일시: 2026년 12월 12일 (토) 14:00~16:00",
        "■ 장소: 금천진로진학지원센터",
        "  네이버 지도: https://map.naver.com/p/search/%EA%B8%88",
        "  카카오맵: https://map.kakao.com/?q=%EA%B8%88",
        "■ 온라인: https://meet.example/room",
        "■ 대상: 고등학생, 학부모",
        "■ 신청: 접수 중 (12월 10일 (목) 18:00까지)",
        "  접수 기간: 11월 23일 (월) ~ 12월 10일 (목) 18:00",
        "  정원: 50명",
        "  신청 방법: https://forms.example/apply",
        "자세히 보기: https://eduhub.test/events/jeongsi-briefing-2026-12/",
        wording.CENTER_NAME,
    ):
        assert part in text, part
    assert lms.size == cp949(text) <= LMS_LIMIT


def test_lms_leaves_out_lines_it_has_nothing_for() -> None:
    text = event_lms(facts(place="", map_links=(), registration=None, summary="")).text
    assert "장소" not in text and "신청" not in text and "지도" not in text
    assert "\n\n\n" not in text


def test_lms_drops_map_links_then_summary_when_too_long() -> None:
    huge = "가" * 1200  # 2,400 bytes
    lms = event_lms(facts(summary=huge))
    assert lms.size <= LMS_LIMIT
    assert "네이버 지도" not in lms.text
    assert "가" * 200 + "…" in lms.text


def test_subject_is_cut_to_40_bytes() -> None:
    lms = event_lms(facts(title="아주 긴 제목이 들어간 진로진학 프로그램 안내와 학부모 설명회"))
    assert lms.subject_size <= SUBJECT_LIMIT and lms.subject.endswith("…")


def test_follow_up_carries_the_survey_link_as_it_is() -> None:
    survey = "https://forms.example/s/abc?x=1&y=2"
    follow = follow_up_lms(facts(survey=survey))
    assert follow is not None
    assert f"{wording.SURVEY_LABEL}: {survey}" in follow.text
    assert "/go/" not in follow.text
    assert "센터에서 진행합니다" in follow.text
    assert follow.size <= LMS_LIMIT and follow.subject_size <= SUBJECT_LIMIT
    assert follow_up_lms(facts()) is None
    assert survey not in event_sms(facts(survey=survey)).text


def test_issue_texts() -> None:
    issue = IssueFacts(
        number=5,
        title="수능 이후와 겨울방학, 센터와 함께 준비해요",
        date=date(2026, 11, 20),
        page_url=MEDIUM_HOST + "newsletter/5/",
        short_url=MEDIUM_HOST + "go/abcde/",
        summary="수능을 마친 고3의 다음 일정",
    )
    sms = issue_sms(issue)
    assert sms.text.startswith("[교육금천] 소식지 제5호 수능")
    assert sms.size <= SMS_LIMIT and sms.text.endswith("go/abcde/")
    lms = issue_lms(issue)
    assert lms.subject == "[교육금천] 소식지 제5호"
    assert "2026년 11월 20일 (금)" in lms.text and issue.page_url in lms.text


def test_every_template_fills_with_known_names() -> None:
    known = {
        "prefix", "title", "when", "place", "action", "link", "number", "summary", "repeat",
        "map_links", "online", "audience", "registration", "registration_period", "capacity",
        "how_to_apply", "page_url", "center", "survey", "date", "weekday", "n", "day",
        "label", "href", "url", "opens", "closes",
    }  # fmt: skip
    for name in dir(wording):
        value = getattr(wording, name)
        texts = value.values() if isinstance(value, dict) else [value]
        for text in texts:
            if isinstance(text, str):
                assert placeholders(text) <= known, (name, placeholders(text) - known)
