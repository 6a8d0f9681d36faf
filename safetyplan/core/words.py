"""Words kept outside the templates and forms (choices, notes, messages), in English, for
the page that shows them to put into its own language (web/i18n.translated).

`N_` marks fixed words and `Words` words built with values (a number, a name): the
catalogue extraction (`make translations`) finds both by their names."""

from __future__ import annotations

from collections.abc import Mapping


def N_(text: str) -> str:
    return text


class Words(str):
    """English words built from a `template` and its `values`, e.g.
    Words("Use %(limit)s characters or fewer.", limit=1000) reads "Use 1,000 characters or
    fewer." A page in another language looks the template up and fills in the values, with
    numbers in that language's style."""

    template: str
    values: Mapping[str, str | int]  # a value that is Words is translated too (a label)

    def __new__(cls, template: str, **values: str | int) -> Words:
        english = {
            name: f"{value:,}" if isinstance(value, int) else value
            for name, value in values.items()
        }
        words = super().__new__(cls, template % english if values else template)
        words.template = template
        words.values = values
        return words
