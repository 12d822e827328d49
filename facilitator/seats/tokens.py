"""Secrets and tokens for party seats: join secrets, device credentials, anti-forgery tokens and
match codes. Every random byte comes from an `Entropy` (the OS's, unless a test injects one),
and every comparison of a secret takes the same time whatever it is compared with.
"""

from __future__ import annotations

import base64
import hmac
import os
from collections.abc import Callable

Entropy = Callable[[int], bytes]
"""Returns that many random bytes, like `os.urandom`."""

SECRET_BYTES = 20
"""160 bits, at least the 128 asked for; 20 bytes are exactly 32 base32 characters, no padding."""
TOKEN_BYTES = 24
"""192 bits for a device's cookie and its anti-forgery token."""
MATCH_DIGITS = 4
"""A match code only has to tell apart the few devices waiting at once, read off two screens."""

_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def new_secret(entropy: Entropy = os.urandom) -> str:
    """A join secret: uppercase base32 (letters and 2-7), which keeps the QR code small and
    reads aloud without telling 0 from O or 1 from I."""
    return base64.b32encode(entropy(SECRET_BYTES)).decode("ascii")


def spoken(secret: str) -> str:
    """The secret in groups of four, for reading aloud: `ABCD EFGH …`."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def typed_secret(text: str) -> str:
    """What someone typed as a secret, as the secret is written: spaces and dashes dropped,
    upper case, the look-alikes 0, 1 and 8 read as O, I and B (base32 has none of them)."""
    kept = "".join(text.split()).replace("-", "").upper()
    return kept.translate(str.maketrans("018", "OIB"))


def new_token(entropy: Entropy = os.urandom) -> str:
    """A device credential or anti-forgery token: URL-safe base64, no padding."""
    return base64.urlsafe_b64encode(entropy(TOKEN_BYTES)).decode("ascii").rstrip("=")


def new_id(entropy: Entropy = os.urandom) -> str:
    """A short device id, shown in the join panel and recorded as an answer's source: 40 bits
    in base32 (8 characters). Ids are not secrets; only their credentials are."""
    return base64.b32encode(entropy(5)).decode("ascii")


def new_match_code(entropy: Entropy = os.urandom) -> str:
    """A short numeric code a waiting device shows and the join panel repeats."""
    return str(int.from_bytes(entropy(4), "big") % 10**MATCH_DIGITS).zfill(MATCH_DIGITS)


def same(given: str, expected: str) -> bool:
    """Whether two secrets are equal, in time that does not depend on where they differ."""
    # Headers arrive decoded with surrogateescape: a cookie of invalid UTF-8 must compare as
    # unequal, not raise.
    return hmac.compare_digest(
        given.encode("utf-8", "surrogateescape"), expected.encode("utf-8", "surrogateescape")
    )


def is_secret_shaped(text: str) -> bool:
    """Whether `text` could be a join secret at all (32 base32 characters)."""
    return len(text) == SECRET_BYTES * 8 // 5 and all(char in _BASE32 for char in text)
