"""/go/ short codes: alphabet, length, stability, collisions, explicit `short:`."""

from __future__ import annotations

import re

from eduhub.kit.shortcode import ALPHABET, LENGTH, Claim, assign, claim, code_for, valid_short


def test_alphabet_has_no_look_alikes() -> None:
    assert not set("0o1li") & set(ALPHABET)
    assert ALPHABET == "".join(sorted(set(ALPHABET)))
    assert all(c.islower() or c.isdigit() for c in ALPHABET)


def test_code_shape() -> None:
    code = code_for("event", "jeongsi-briefing-2026-12")
    assert 5 <= len(code) == LENGTH <= 6
    assert re.fullmatch(f"[{ALPHABET}]+", code)


def test_codes_are_fixed_values() -> None:
    """The hash, the alphabet and the length are a contract: these never change."""
    assert code_for("event", "jeongsi-briefing-2026-12") == "af79e"
    assert code_for("event", "always-counseling-weekly") == "waenu"
    assert code_for("issue", 5) == code_for("issue", "5")


def test_kind_is_part_of_the_hash() -> None:
    assert code_for("event", "5") != code_for("issue", "5")


def test_codes_are_stable_when_other_items_are_added() -> None:
    ids = [f"event-{n}" for n in range(50)]
    before, _ = assign(claim("event", i, i, f"a.yml:{n}") for n, i in enumerate(ids))
    more = ids[:25] + [f"new-{n}" for n in range(200)] + ids[25:]
    after, _ = assign(claim("event", i, i, "x") for i in more)
    for code, item in before.items():
        assert after[code].item == item.item


def test_collision_names_both_places() -> None:
    first = Claim("abcde", "one", "content/events/a.yml:3")
    second = Claim("abcde", "two", "content/events/b.yml:10")
    codes, collisions = assign([first, second])
    assert codes["abcde"].item == "one"
    assert len(collisions) == 1
    message = collisions[0].message()
    assert "content/events/a.yml:3" in message and "content/events/b.yml:10" in message
    assert "short:" in message


def test_explicit_short_overrides_the_hash() -> None:
    c = claim("event", "x", "x", "a.yml:1", short="jeongsi")
    assert c.code == "jeongsi" and c.explicit
    # an explicit code can collide with another item's hashed code too
    hashed = claim("event", "y", "y", "b.yml:1")
    _, collisions = assign([hashed, Claim(hashed.code, "z", "c.yml:1", explicit=True)])
    assert collisions


def test_valid_short() -> None:
    assert valid_short("jeong6") is False  # o
    assert valid_short("jeasy26")
    assert not valid_short("abc")  # too short
    assert not valid_short("ABCDE")
    assert not valid_short("ab-cd")
    assert not valid_short("x" * 13)
    assert not valid_short("../x")
