"""Lists a page at a time, counted and cut in SQL, so a page costs the same with 10 or
10,000 rows (given an index in the page's order)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm.interfaces import ORMOption

from .db import db

Item = TypeVar("Item")


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: list[Item]
    number: int  # 1-based, always within 1..pages
    pages: int
    total: int


def page_of(
    query: Select[Any],
    number: int,
    per_page: int,
    order_by: Sequence[Any],
    options: Sequence[ORMOption] = (),
) -> Page[Any]:
    """Page `number` of `query` in `order_by` order; a number past the end shows the last
    page, and one below 1 the first."""
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // per_page))
    number = min(max(number, 1), pages)
    items = db.session.scalars(
        query.options(*options).order_by(*order_by).limit(per_page).offset((number - 1) * per_page)
    )
    return Page(list(items), number, pages, total)
