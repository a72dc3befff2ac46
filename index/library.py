"""The library catalogue: one SQLite file holding every document (indexed or skipped, with why),
its extracted text and metadata, and every sentence record with its structure.

It is the source of truth for what is visible. A document's sentences carry the key of the
version they were split from; only sentences of a document's *current* version are served,
so a version becomes visible all at once when `publish` flips the key in one transaction.
Versions still being written are listed in `pending`, so a build killed halfway leaves
the previous version served and the next build removes the partial one.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .records import DocMeta, SentenceRow

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '', digest TEXT NOT NULL DEFAULT '', version TEXT NOT NULL DEFAULT '',
  pipeline TEXT NOT NULL DEFAULT '', format TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
  short_title TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '', issuer TEXT NOT NULL DEFAULT '',
  doc_number TEXT NOT NULL DEFAULT '', adopted TEXT NOT NULL DEFAULT '', amended TEXT NOT NULL DEFAULT '',
  effective TEXT NOT NULL DEFAULT '', version_date TEXT NOT NULL DEFAULT '', latest INTEGER NOT NULL DEFAULT 1,
  pages INTEGER NOT NULL DEFAULT 0, sentences INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0,
  chars INTEGER NOT NULL DEFAULT 0, text TEXT NOT NULL DEFAULT '', page_starts TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS sentences (
  row INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, doc INTEGER NOT NULL, version TEXT NOT NULL,
  n INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, paragraph INTEGER NOT NULL, text TEXT NOT NULL,
  heading INTEGER NOT NULL, section TEXT NOT NULL, chapter TEXT NOT NULL, article TEXT NOT NULL,
  article_no INTEGER NOT NULL, item TEXT NOT NULL, list_head TEXT NOT NULL, page INTEGER NOT NULL,
  ehash TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sentences_version ON sentences(version, n);
CREATE INDEX IF NOT EXISTS sentences_article ON sentences(doc, article_no);
CREATE TABLE IF NOT EXISTS pending (version TEXT PRIMARY KEY, doc INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
DOC_FIELDS = tuple(DocMeta.__dataclass_fields__)
ROW_FIELDS = tuple(SentenceRow.__dataclass_fields__)
_VISIBLE = "JOIN documents d ON d.id = s.doc AND d.version = s.version AND d.status = 'indexed'"


class Library:
    """The catalogue. Writers use one connection; readers get one connection per thread."""

    def __init__(self, path: Path, *, readonly: bool = False):
        self.path, self.readonly = path, readonly
        self._local = threading.local()
        if not readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.executescript(SCHEMA)

    # --- connections ---------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            try:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:  # a read-only folder cannot hold WAL side files: read the file as it is
                con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        else:
            con = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            try:
                con.execute("PRAGMA journal_mode=WAL")  # persistent: set once, by whoever opens first
            except sqlite3.OperationalError:
                pass
            con.execute("PRAGMA synchronous=NORMAL")
        con.row_factory = sqlite3.Row
        return con

    @property
    def con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._connect()
        return con

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (end of a build): readers that cannot use
        the log, such as a read-only copy of the data folder, then see everything."""
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def check(self) -> None:
        """Raise sqlite3.DatabaseError when the file is not a readable catalogue."""
        self.con.execute("SELECT count(*) FROM documents").fetchone()
        self.con.execute("SELECT count(*) FROM sentences").fetchone()

    # --- meta ----------------------------------------------------------------------
    def get_meta(self, key: str, default: str = "") -> str:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # --- documents -----------------------------------------------------------------
    def documents(self, where: str = "1", params: Sequence = (), *, order: str = "path", limit: int = -1,
                  offset: int = 0) -> list[DocMeta]:
        """Documents matching an SQL condition over the documents table (without their text)."""
        cols = ", ".join(f for f in DOC_FIELDS if f != "text")
        rows = self.con.execute(f"SELECT {cols} FROM documents WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                                [*params, limit, offset]).fetchall()
        return [DocMeta(**dict(r)) for r in rows]

    def texts_containing(self, word: str) -> dict[int, str]:
        """{id: extracted text} of the indexed documents whose text holds `word`."""
        rows = self.con.execute("SELECT id, text FROM documents WHERE status = 'indexed' AND instr(text, ?) > 0",
                                (word,)).fetchall()
        return {r[0]: r[1] for r in rows}

    def document(self, doc_id: int, *, with_text: bool = False) -> DocMeta | None:
        cols = ", ".join(f for f in DOC_FIELDS if with_text or f != "text")
        row = self.con.execute(f"SELECT {cols} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return DocMeta(**dict(row)) if row else None

    def by_path(self, path: str) -> DocMeta | None:
        row = self.con.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        return self.document(row[0]) if row else None

    def save_document(self, meta: DocMeta) -> int:
        """Insert or update a document's row by path (its id is kept); returns the id."""
        fields = [f for f in DOC_FIELDS if f != "id"]
        values = [getattr(meta, f) for f in fields]
        sets = ", ".join(f"{f} = excluded.{f}" for f in fields if f != "path")
        self.con.execute(
            f"INSERT INTO documents({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))}) "
            f"ON CONFLICT(path) DO UPDATE SET {sets}", values)
        return self.con.execute("SELECT id FROM documents WHERE path = ?", (meta.path,)).fetchone()[0]

    def ensure_document(self, path: str) -> int:
        """The id of the document at `path`, creating an invisible placeholder row for a new one."""
        self.con.execute("INSERT OR IGNORE INTO documents(path, status) VALUES (?, 'pending')", (path,))
        return self.con.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()[0]

    def existing_rows(self) -> list[int]:
        """Every sentence row the catalogue holds (visible or being written): what the index keeps live."""
        return [r[0] for r in self.con.execute("SELECT row FROM sentences").fetchall()]

    def set_latest(self, latest_ids: Iterable[int]) -> None:
        ids = list(latest_ids)
        with self.transaction() as con:
            con.execute("UPDATE documents SET latest = 0")
            con.executemany("UPDATE documents SET latest = 1 WHERE id = ?", [(i,) for i in ids])

    # --- sentences -----------------------------------------------------------------
    def stage(self, doc_id: int, version: str, rows: Sequence[SentenceRow]) -> list[int]:
        """Write a version's sentences (not yet visible) and list it as pending; returns their row ids."""
        cols = [f for f in ROW_FIELDS if f != "row"]
        with self.transaction() as con:
            con.execute("INSERT OR REPLACE INTO pending(version, doc) VALUES (?, ?)", (version, doc_id))
            con.execute("DELETE FROM sentences WHERE version = ?", (version,))  # a partial earlier attempt
            con.executemany(
                f"INSERT INTO sentences({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [tuple(getattr(r, c) for c in cols) for r in rows])
            got = con.execute("SELECT row FROM sentences WHERE version = ? ORDER BY n", (version,)).fetchall()
        return [r[0] for r in got]

    def publish(self, meta: DocMeta) -> str:
        """Make `meta.version` the document's visible version in one transaction; returns the old version."""
        with self.transaction() as con:
            old = con.execute("SELECT version FROM documents WHERE id = ?", (meta.id,)).fetchone()
            old_version = old[0] if old else ""
            self.save_document(meta)
            con.execute("DELETE FROM pending WHERE version = ?", (meta.version,))
            if old_version and old_version != meta.version:
                con.execute("DELETE FROM sentences WHERE version = ?", (old_version,))
                con.execute("INSERT OR REPLACE INTO pending(version, doc) VALUES (?, ?)", (old_version, meta.id))
        return old_version

    def pending(self) -> list[tuple[str, int]]:
        """Versions whose records may be partial or stale in the vector store."""
        return [(r[0], r[1]) for r in self.con.execute("SELECT version, doc FROM pending").fetchall()]

    def forget_pending(self, version: str) -> None:
        with self.transaction() as con:
            con.execute("DELETE FROM sentences WHERE version = ? AND version NOT IN "
                        "(SELECT version FROM documents)", (version,))
            con.execute("DELETE FROM pending WHERE version = ?", (version,))

    def remove_document(self, doc_id: int) -> str:
        """Drop a document and its sentences; returns the version whose vectors must go."""
        with self.transaction() as con:
            row = con.execute("SELECT version FROM documents WHERE id = ?", (doc_id,)).fetchone()
            version = row[0] if row else ""
            con.execute("DELETE FROM sentences WHERE doc = ?", (doc_id,))
            con.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            if version:
                con.execute("INSERT OR REPLACE INTO pending(version, doc) VALUES (?, ?)", (version, doc_id))
        return version

    def _rows(self, condition: str, params: Sequence) -> list[SentenceRow]:
        cols = ", ".join(f"s.{c}" for c in ROW_FIELDS)
        sql = f"SELECT {cols} FROM sentences s {_VISIBLE} WHERE {condition}"
        return [SentenceRow(**dict(r)) for r in self.con.execute(sql, params).fetchall()]

    def rows_by_id(self, ids: Sequence[str]) -> dict[str, SentenceRow]:
        """Visible sentences among `ids` (stale or unknown ids are left out)."""
        found: dict[str, SentenceRow] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            found |= {r.id: r for r in self._rows(f"s.id IN ({', '.join('?' * len(part))})", part)}
        return found

    def rows_of_ids(self, ids: Sequence[str]) -> dict[str, int]:
        """Row number of each visible sentence among `ids`."""
        found: dict[str, int] = {}
        for i in range(0, len(ids), 500):
            part = list(ids[i:i + 500])
            sql = f"SELECT s.id, s.row FROM sentences s {_VISIBLE} WHERE s.id IN ({', '.join('?' * len(part))})"
            found |= {sid: int(row) for sid, row in self.con.execute(sql, part).fetchall()}
        return found

    def rows_by_row(self, rows: Sequence[int]) -> dict[int, SentenceRow]:
        found: dict[int, SentenceRow] = {}
        for i in range(0, len(rows), 500):
            part = [int(r) for r in rows[i:i + 500]]
            found |= {r.row: r for r in self._rows(f"s.row IN ({', '.join('?' * len(part))})", part)}
        return found

    def span(self, doc_id: int, first: int, last: int) -> list[SentenceRow]:
        """Visible sentences number `first`..`last` of a document, in order."""
        return sorted(self._rows("s.doc = ? AND s.n BETWEEN ? AND ?", (doc_id, first, last)), key=lambda r: r.n)

    def mentioning(self, doc_id: int, phrase: str) -> list[SentenceRow]:
        """Visible sentences of a document whose text holds `phrase` ("第十三条"), in order."""
        escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return sorted(self._rows("s.doc = ? AND s.text LIKE ? ESCAPE '\\'", (doc_id, f"%{escaped}%")),
                      key=lambda r: r.n)

    def headings(self, doc_id: int) -> list[SentenceRow]:
        """Visible heading lines of a document (its title, parts, chapters, sections), in order."""
        return sorted(self._rows("s.doc = ? AND s.heading = 1", (doc_id,)), key=lambda r: r.n)

    def article(self, doc_id: int, article_no: int) -> list[SentenceRow]:
        return sorted(self._rows("s.doc = ? AND s.article_no = ?", (doc_id, article_no)), key=lambda r: r.n)

    def version_rows(self, version: str) -> list[SentenceRow]:
        """All sentences written for a version, visible or not."""
        cols = ", ".join(ROW_FIELDS)
        got = self.con.execute(f"SELECT {cols} FROM sentences WHERE version = ? ORDER BY n", (version,))
        return [SentenceRow(**dict(r)) for r in got.fetchall()]

    def counts(self) -> tuple[int, int]:
        """(indexed documents, visible sentences)."""
        docs, sents = self.con.execute(
            "SELECT count(*), coalesce(sum(sentences), 0) FROM documents WHERE status = 'indexed'").fetchone()
        return int(docs), int(sents)
