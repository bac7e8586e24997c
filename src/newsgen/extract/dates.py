"""Finding an article's date: in front matter values, file paths, wire datelines and prose.

Dateline rule: a wire dateline (`MOSCOW, April 16 (Reuters) -`) usually has a month and day
but no year. Unless it writes one, it is used only when a year is known from elsewhere: the
path's year (`2025/...` or a `2025-...` file name), else the year of the first full date in the
caption or first three paragraphs. Dates that do not exist (February 30) are never returned.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Each alternative is a flat sequence: no nested quantifiers, so matching stays linear.
_TEXT_DATES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
# The place is in capitals (`MOSCOW`, `WASHINGTON, D.C.`), as wire services write it.
_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'-]{{0,40}}(?:,\s*[A-Za-z .'-]{{1,40}})?,\s+(?i:{_MONTH})\s+{_DAY}\b"
    rf"(?:,?\s+{_YEAR})?(?:\s*\([^()]{{1,40}}\))?\s*[-–—]"
)
# Any wire dateline, dated or not (`MOSCOW (Reuters) -`, `VARNO, Kestland, Oct. 18 -`).
_ANY_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{1,40}(?:,[^()\n–—]{1,60}?)?(?:\s*\([^()\n]{1,40}\))?\s*[-–—]\s+"
)
_PATH_DAY = (
    re.compile(r"(?:^|/)(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?=[-_./]|$)"),
    re.compile(r"(?:^|/)(?P<year>\d{4})/(?P<month>\d\d)/(?P<day>\d\d)(?=[-_./]|$)"),
)
_ISO_VALUE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]{1,15}(?:Z|[+-][0-9:]{2,5})?)?"
)
_PATH_YEAR = re.compile(r"(?:^|/)(?P<year>(?:19|20)\d\d)(?=[-_/])")


def make_date(year: int | str, month: int | str, day: int | str) -> dt.date | None:
    """The date, or None when it does not exist."""
    try:
        return dt.date(int(year), _month_number(month), int(day))
    except (ValueError, KeyError):
        return None


def _month_number(month: int | str) -> int:
    if isinstance(month, int) or month.isdigit():
        return int(month)
    return _MONTHS[month.lower().rstrip(".")]


def parse_date_value(value: object) -> dt.date | None:
    """A front matter date: a date, a datetime, or an ISO-like or written-out date string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = _ISO_VALUE.fullmatch(text)
    if iso:
        return make_date(*iso.groups())
    return date_in_text(text) if len(text) <= 60 else None


def date_from_path(rel_path: str) -> dt.date | None:
    """`2025-04-16-slug.txt` or `2025/04/16/slug.txt`; a year and month alone are not a date."""
    for pattern in _PATH_DAY:
        for match in pattern.finditer(rel_path):
            found = make_date(match["year"], match["month"], match["day"])
            if found:
                return found
    return None


def year_from_path(rel_path: str) -> int | None:
    match = _PATH_YEAR.search(rel_path)
    return int(match["year"]) if match else None


def date_in_text(text: str) -> dt.date | None:
    """The first existing full date written in `text` (`April 16, 2025`, `16 April 2025`, ISO)."""
    best: tuple[int, dt.date] | None = None
    for pattern in _TEXT_DATES:
        for match in pattern.finditer(text):
            found = make_date(match["year"], match["month"], match["day"])
            if found:
                if best is None or match.start() < best[0]:
                    best = (match.start(), found)
                break
    return best[1] if best else None


def first_date_in(texts: Iterable[str]) -> dt.date | None:
    for text in texts:
        found = date_in_text(text)
        if found:
            return found
    return None


def dateline_date(paragraph: str, year: int | None) -> dt.date | None:
    """The date of a wire dateline at the start of `paragraph`; `year` when it has none."""
    match = _DATELINE.match(paragraph[:160])
    if not match or (year is None and match["year"] is None):
        return None
    return make_date(match["year"] or year or 0, match["month"], match["day"])


def strip_dateline(paragraph: str) -> str:
    """`paragraph` without a leading wire dateline, for summaries; unchanged when it has none."""
    match = _ANY_DATELINE.match(paragraph[:160])
    if not match or not (match.group().count(",") or "(" in match.group()):
        return paragraph
    rest = paragraph[match.end() :]
    return rest[:1].upper() + rest[1:] if rest else paragraph
