"""What caseload search matches: keyed hashes (never the words) of the parts of each word
of a young person's name (its start from two letters, any other part from three: "Jo",
"ord" and "dan" find Jordan), and of their case reference."""

from __future__ import annotations

import re

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .db import Base
from .encrypted import lookup_hash

LONGEST_START = 30


def parts(word: str) -> set[str]:
    """The parts of a word a search can match: its start from two letters, and any run of
    three letters or more (fewer from the middle would match nearly every name)."""
    word = word.casefold()[:LONGEST_START]
    starts = {word[:length] for length in range(min(2, len(word)), len(word) + 1)}
    middles = {
        word[first:last]
        for first in range(1, len(word))
        for last in range(first + 3, len(word) + 1)
    }
    return starts | middles


def case_reference_token(reference: str) -> str:
    """Case references match whatever their case, spaces, dashes or slashes."""
    return lookup_hash("case reference " + re.sub(r"[\s\-/]", "", reference.casefold()))


def search_tokens(name: str, case_reference: str | None) -> list[str]:
    tokens = {lookup_hash(part) for word in name.split() for part in parts(word)}
    if case_reference:
        tokens.add(case_reference_token(case_reference))
    return sorted(tokens)


def word_token(word: str) -> str:
    """The hash one searched-for word must match: a part of some word of the name."""
    return lookup_hash(word.casefold()[:LONGEST_START])


class NameToken(Base):
    """One hash search matches, for one young person: an indexed match instead of
    decrypting every record."""

    __tablename__ = "name_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    young_person_id: Mapped[str] = mapped_column(
        ForeignKey("young_person.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(64), index=True)
