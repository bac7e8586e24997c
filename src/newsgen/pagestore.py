"""Keyed rows of the last full build's plan, in one SQLite file of the cache folder.

`pages.single.plan_tables` makes the rows; the quick build path reads the few one article page
needs, in milliseconds, instead of rebuilding the site index. A file is written whole (to a
temporary name, then renamed) and carries a token the build state names, so rows and state
always come from the same build; anything unreadable reads as "no rows".
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

BATCH = 5000


def write_rows(path: Path, token: str, rows: Iterable[tuple[str, str, Any]]) -> None:
    """Replace `path` with `rows` (table, key, picklable value) and `token`."""
    pending = path.with_name(f"{path.name}.{os.getpid()}.part")
    pending.unlink(missing_ok=True)
    connection = sqlite3.connect(pending)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("CREATE TABLE rows (t TEXT, k TEXT, v BLOB, PRIMARY KEY (t, k)) WITHOUT ROWID")
        encoded = ((t, k, pickle.dumps(v, pickle.HIGHEST_PROTOCOL)) for t, k, v in rows)
        while batch := list(islice(encoded, BATCH)):
            connection.executemany("INSERT OR REPLACE INTO rows VALUES (?, ?, ?)", batch)
        connection.execute("INSERT INTO rows VALUES ('', 'token', ?)", (token.encode(),))
        connection.commit()
    except BaseException:
        connection.close()
        pending.unlink(missing_ok=True)  # no half-written file left in the cache
        raise
    connection.close()
    os.replace(pending, path)


class RowReader:
    """Reads rows from a file written by `write_rows` with the expected token."""

    def __init__(self, path: Path, token: str) -> None:
        self.connection: sqlite3.Connection | None = None
        if not token or not path.is_file():
            return
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            found = connection.execute("SELECT v FROM rows WHERE t = '' AND k = 'token'").fetchone()
        except sqlite3.Error:
            return
        if found is not None and found[0] == token.encode():
            self.connection = connection
        else:
            connection.close()

    @property
    def usable(self) -> bool:
        return self.connection is not None

    def fetch(self, table: str, keys: list[str]) -> Mapping[str, Any]:
        """The rows of `table` with these keys (missing ones are absent)."""
        if self.connection is None or not keys:
            return {}
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            query = f"SELECT k, v FROM rows WHERE t = ? AND k IN ({marks})"
            for key, value in self.connection.execute(query, (table, *part)):
                found[key] = pickle.loads(value)
        return found

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
