"""Join secrets, tokens and match codes."""

import base64

from facilitator.seats.tokens import (
    is_secret_shaped,
    new_id,
    new_match_code,
    new_secret,
    new_token,
    same,
    spoken,
    typed_secret,
)


def test_a_secret_holds_at_least_128_bits_in_uppercase_base32_without_padding():
    secret = new_secret()
    assert len(base64.b32decode(secret)) * 8 >= 128
    assert secret.isupper() and "=" not in secret and is_secret_shaped(secret)
    assert new_secret() != secret


def test_a_secret_reads_aloud_in_groups_of_four_and_is_typed_back_loosely():
    secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    assert spoken(secret) == "ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567"
    assert typed_secret(" abcd efgh-ijkl\tmnop qrst uvwx yz23 4567 ") == secret
    assert typed_secret("0O1I8B") == "OOIIBB", "digits base32 lacks read as their look-alikes"
    assert not is_secret_shaped(secret[:-1]) and not is_secret_shaped(secret[:-1] + "1")


def fixed(size: int) -> bytes:
    return b"\x01" * size


def test_tokens_and_codes_come_from_the_entropy_given():
    assert new_token(fixed) == new_token(fixed) and len(new_token()) >= 32
    assert new_match_code(fixed) == new_match_code(fixed)
    assert new_match_code().isdigit() and len(new_match_code()) == 4
    assert len(new_id()) == 8


def test_same_compares_whole_strings():
    assert same("abc", "abc") and not same("abc", "abd") and not same("ab", "abc")
    assert not same("é", "e")


def test_a_token_of_invalid_utf8_compares_unequal_instead_of_raising():
    # aiohttp decodes header bytes with surrogateescape: b"\xff" arrives as "\udcff".
    assert not same(b"\xff".decode("utf-8", "surrogateescape"), new_token())
    assert same("abc", "abc")
