"""Passwords: validation, normalisation and the argon2id proof (R1.1).

The seat turns the password into a proof with argon2id and the salt the database hands
out; the database keeps only sha256(proof). So the slow hash never leaves the seat's
CPU budget, the database never sees a password, and a copy of the credentials table is
no better than a copy of argon2id hashes.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from console.core.errors import UserFacingError
from db.guard import Challenge, NewCredential


@dataclass(frozen=True)
class Argon2Parameters:
    time_cost: int
    memory_kib: int
    parallelism: int


# RFC 9106's low-memory profile: above OWASP's minimum (19 MiB, t=2). ~0.16 s here.
ARGON2 = Argon2Parameters(time_cost=3, memory_kib=65536, parallelism=4)
MIN_LENGTH = 8
MAX_LENGTH = 256


def normalize(password: str) -> str:
    """NFKC, as NIST SP 800-63B advises: a full-width IME and a half-width keyboard
    produce the same password."""
    return unicodedata.normalize("NFKC", password)


def validate_new(password: str) -> str:
    """The normalised password, or a clear refusal. Never silently truncated."""
    if any(unicodedata.category(ch) == "Cc" for ch in password):
        raise UserFacingError("password.control_chars")
    pw = normalize(password)
    if len(pw) < MIN_LENGTH:
        raise UserFacingError("password.too_short", min=MIN_LENGTH)
    if len(pw) > MAX_LENGTH:
        raise UserFacingError("password.too_long", max=MAX_LENGTH)
    if len(set(pw)) < 4:
        raise UserFacingError("password.too_simple")
    return pw


def proof(password: str, challenge: Challenge) -> bytes:
    return hash_secret_raw(
        normalize(password).encode("utf-8"),
        challenge.salt,
        time_cost=challenge.time_cost,
        memory_cost=challenge.memory_kib,
        parallelism=challenge.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def new_credential(password: str, params: Argon2Parameters = ARGON2) -> NewCredential:
    """Validate ``password`` and make a fresh salted verifier for it."""
    pw = validate_new(password)
    salt = secrets.token_bytes(16)
    challenge = Challenge(salt, params.time_cost, params.memory_kib, params.parallelism)
    verifier = hashlib.sha256(proof(pw, challenge)).digest()
    return NewCredential(salt, params.time_cost, params.memory_kib, params.parallelism, verifier)
