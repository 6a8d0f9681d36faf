"""A marker for English words kept outside the templates and forms (choices, notes, messages):
the catalogue extraction (`make translations`) finds them by this name, and the page that
shows them looks them up in the page's language (web/i18n.translated)."""


def N_(text: str) -> str:
    return text
