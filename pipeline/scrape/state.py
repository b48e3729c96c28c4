"""SQLite state store in the output root: what has been seen, fetched and extracted.

Keys: committees and meetings on (council, ModernGov id); documents on (council, doc_key)
where doc_key is the attachment id (or g{MId}-T{n} for a meeting pack); blobs on sha256.
Every write commits at once, so an interrupted run leaves a consistent store that the next
run resumes from. A store that cannot be used (damaged, or locked by another process) raises
a StateStoreError saying what to do; `set_aside_damaged(out)` is the `--rebuild-state` recovery.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.scrape.errors import RemoteOutputError, StateDamagedError, StateLockedError

log = logging.getLogger(__name__)

STATE_FILE = "scrape_state.sqlite"
RAW_DIR = "raw"  # downloads, under the output root: raw/ab/abcd....pdf (named by sha256)
SIDE_FILES = ("-wal", "-shm")  # SQLite's write-ahead log and its index, beside the store
# SQLite messages that mean the file is not (or no longer) a usable state store
DAMAGE_SIGNS = ("not a database", "malformed", "unable to open", "disk i/o error", "no such table")

# document.status: pending -> downloaded | duplicate | failed | skipped; stale = listing changed
PENDING, DOWNLOADED, DUPLICATE, FAILED, SKIPPED, STALE = (
    "pending",
    "downloaded",
    "duplicate",
    "failed",
    "skipped",
    "stale",
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS committees (
  council TEXT, committee_id INTEGER, title TEXT, deleted INTEGER, expired INTEGER, category TEXT,
  first_seen TEXT, last_seen TEXT, PRIMARY KEY (council, committee_id));
CREATE TABLE IF NOT EXISTS committee_titles (
  council TEXT, committee_id INTEGER, title TEXT, first_seen TEXT, last_seen TEXT,
  PRIMARY KEY (council, committee_id, title));
CREATE TABLE IF NOT EXISTS meetings (
  council TEXT, meeting_id INTEGER, committee_id INTEGER, committee_title TEXT, meeting_date TEXT,
  meeting_time TEXT, status TEXT, cancelled INTEGER DEFAULT 0, raw_sha256 TEXT,
  first_seen TEXT, last_seen TEXT, PRIMARY KEY (council, meeting_id));
CREATE TABLE IF NOT EXISTS documents (
  council TEXT, doc_key TEXT, meeting_id INTEGER, url TEXT, committee_title TEXT, meeting_date TEXT,
  agenda_item TEXT, document_title TEXT, published_date TEXT, status TEXT, reason TEXT,
  permanent INTEGER DEFAULT 0, etag TEXT, last_modified TEXT, sha256 TEXT, path TEXT, size INTEGER,
  duplicate_of TEXT, first_seen TEXT, fetched_at TEXT, extract_status TEXT, extract_message TEXT,
  extracted_at TEXT, extract_attempts INTEGER DEFAULT 0, extracted_url TEXT, extracted_doc_id TEXT,
  PRIMARY KEY (council, doc_key));
CREATE TABLE IF NOT EXISTS blobs (
  sha256 TEXT PRIMARY KEY, path TEXT, size INTEGER, council TEXT, doc_key TEXT, created_at TEXT);
"""
# columns added since the first release: (table, column, declaration), added to older stores on open
MIGRATIONS = (
    ("documents", "extract_attempts", "INTEGER DEFAULT 0"),
    ("documents", "extracted_url", "TEXT"),  # the URL its rows in the dataset were written under
    ("documents", "extracted_doc_id", "TEXT"),  # and their doc_id (the version in the dataset)
)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class DocumentRow:
    council: str
    doc_key: str
    meeting_id: int | None
    url: str
    committee_title: str | None
    meeting_date: dt.date | None
    agenda_item: str | None
    document_title: str | None
    published_date: dt.date | None
    status: str
    reason: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    path: str | None
    extract_status: str | None
    extract_attempts: int = 0  # hand-offs to extraction that have not (yet) recorded an outcome
    extracted_url: str | None = None  # the URL (source identity) of its rows in the dataset
    extracted_doc_id: str | None = None  # the doc_id of that version (sha256 of its bytes)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> DocumentRow:
        return cls(
            council=row["council"],
            doc_key=row["doc_key"],
            meeting_id=row["meeting_id"],
            url=row["url"],
            committee_title=row["committee_title"],
            meeting_date=_date(row["meeting_date"]),
            agenda_item=row["agenda_item"],
            document_title=row["document_title"],
            published_date=_date(row["published_date"]),
            status=row["status"],
            reason=row["reason"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            sha256=row["sha256"],
            path=row["path"],
            extract_status=row["extract_status"],
            extract_attempts=row["extract_attempts"] or 0,
            extracted_url=row["extracted_url"],
            extracted_doc_id=row["extracted_doc_id"],
        )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class StateStore:
    """One SQLite file per output root, one connection per store object (thread-safe via a lock;
    several processes or stores may share the file: WAL mode plus a busy timeout)."""

    busy_timeout_s: float = 60.0  # how long a write waits for another process's transaction

    def __init__(self, out: str | Path):
        if "://" in str(out):
            raise RemoteOutputError(str(out))
        self.path = Path(out) / STATE_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        if self.path.exists() and not self.path.is_file():
            raise StateDamagedError(self.path, "a directory or other non-file is in its place")
        try:
            self._db = sqlite3.connect(self.path, timeout=self.busy_timeout_s, check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc
        self._db.row_factory = sqlite3.Row
        try:
            self._open()
        except BaseException:
            self._db.close()
            raise

    def _open(self) -> None:
        with self._errors():
            self._db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a crash can lose the last commits but never corrupts the store, and a
            # lost commit only means a document is fetched again; FULL fsyncs cost ~10 ms per write.
            self._db.execute("PRAGMA synchronous=NORMAL")
            # A store cut short or overwritten fails here, at once, rather than halfway through a run
            # (quick_check reads every page: milliseconds for a store of thousands of documents).
            problems = [r[0] for r in self._db.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise StateDamagedError(self.path, "; ".join(problems[:3]))
            # take and release the write lock: a store held by another process fails here, at once
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("COMMIT")
            self._db.executescript(SCHEMA)
            self._migrate()

    def _migrate(self) -> None:
        with self._connect() as db:
            for table, column, declaration in MIGRATIONS:
                have = {r["name"] for r in db.execute(f"PRAGMA table_info({table})")}
                if column not in have:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    def _translate(self, exc: sqlite3.Error) -> Exception:
        """SQLite's terse errors as ones that say what to do."""
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            return StateLockedError(self.path)
        if any(sign in message for sign in DAMAGE_SIGNS):
            return StateDamagedError(self.path, str(exc))
        return exc

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """The connection inside a transaction: committed on exit, rolled back on error."""
        with self._lock, self._errors(), self._db:
            yield self._db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- committees and meetings

    def save_committee(
        self,
        council: str,
        cid: int,
        title: str,
        deleted: bool = False,
        expired: bool = False,
        category: str | None = None,
    ) -> None:
        stamp = now()
        with self._connect() as db:
            db.execute(
                """INSERT INTO committees VALUES (?,?,?,?,?,?,?,?)
                   ON CONFLICT (council, committee_id) DO UPDATE SET title=excluded.title,
                   deleted=excluded.deleted, expired=excluded.expired, category=excluded.category,
                   last_seen=excluded.last_seen""",
                (council, cid, title, int(deleted), int(expired), category, stamp, stamp),
            )
            db.execute(
                """INSERT INTO committee_titles VALUES (?,?,?,?,?)
                   ON CONFLICT DO UPDATE SET last_seen=excluded.last_seen""",
                (council, cid, title, stamp, stamp),
            )

    def committee_titles(self, council: str, cid: int) -> list[str]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT title FROM committee_titles WHERE council=? AND committee_id=? ORDER BY first_seen",
                (council, cid),
            ).fetchall()
        return [r["title"] for r in rows]

    def save_meeting(
        self,
        council: str,
        meeting_id: int,
        *,
        committee_id: int | None,
        committee_title: str | None,
        date: dt.date | None,
        time: str | None,
        status: str | None,
        cancelled: bool,
        raw_sha256: str | None = None,
    ) -> None:
        stamp = now()
        with self._connect() as db:
            db.execute(
                """INSERT INTO meetings VALUES (?,?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT (council, meeting_id) DO UPDATE SET
                   committee_id=coalesce(excluded.committee_id, committee_id),
                   committee_title=coalesce(excluded.committee_title, committee_title),
                   meeting_date=coalesce(excluded.meeting_date, meeting_date),
                   meeting_time=coalesce(excluded.meeting_time, meeting_time),
                   status=coalesce(excluded.status, status), cancelled=excluded.cancelled,
                   raw_sha256=coalesce(excluded.raw_sha256, raw_sha256), last_seen=excluded.last_seen""",
                (
                    council,
                    meeting_id,
                    committee_id,
                    committee_title,
                    _iso(date),
                    time,
                    status,
                    int(cancelled),
                    raw_sha256,
                    stamp,
                    stamp,
                ),
            )

    def meeting(self, council: str, meeting_id: int) -> sqlite3.Row | None:
        with self._connect() as db:
            return db.execute(
                "SELECT * FROM meetings WHERE council=? AND meeting_id=?", (council, meeting_id)
            ).fetchone()

    def mark_vanished(
        self, council: str, committee_id: int, start: dt.date, end: dt.date, listed: set[int]
    ) -> list[int]:
        """Meetings once listed in [start, end] that the listing no longer shows: marked
        cancelled (kept, with their documents), never deleted."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT meeting_id FROM meetings WHERE council=? AND committee_id=? AND cancelled=0 "
                "AND meeting_date BETWEEN ? AND ?",
                (council, committee_id, _iso(start), _iso(end)),
            ).fetchall()
            gone = [r["meeting_id"] for r in rows if r["meeting_id"] not in listed]
            db.executemany(
                "UPDATE meetings SET cancelled=1, status='Vanished from listing' "
                "WHERE council=? AND meeting_id=?",
                [(council, m) for m in gone],
            )
        return gone

    # -------------------------------------------------------------- documents

    def document(self, council: str, doc_key: str) -> DocumentRow | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT * FROM documents WHERE council=? AND doc_key=?", (council, doc_key)
            ).fetchone()
        return DocumentRow.from_row(row) if row else None

    def note_document(
        self,
        council: str,
        doc_key: str,
        *,
        meeting_id: int | None,
        url: str,
        committee_title: str | None,
        meeting_date: dt.date | None,
        agenda_item: str | None,
        document_title: str | None,
        published_date: dt.date | None,
        status: str = PENDING,
        reason: str | None = None,
    ) -> str:
        """Record a listed document; returns its status after the listing is taken into account:
        new -> pending; listing (URL or publication date) changed -> stale; else unchanged."""
        existing = self.document(council, doc_key)
        values = {
            "meeting_id": meeting_id,
            "url": url,
            "committee_title": committee_title,
            "meeting_date": _iso(meeting_date),
            "agenda_item": agenda_item,
            "document_title": document_title,
            "published_date": _iso(published_date),
        }
        with self._connect() as db:
            if existing is None:
                db.execute(
                    "INSERT INTO documents (council, doc_key, meeting_id, url, committee_title, meeting_date, "
                    "agenda_item, document_title, published_date, status, reason, first_seen) "
                    "VALUES (:council,:doc_key,:meeting_id,:url,:committee_title,:meeting_date,:agenda_item,"
                    ":document_title,:published_date,:status,:reason,:first_seen)",
                    dict(
                        values,
                        council=council,
                        doc_key=doc_key,
                        status=status,
                        reason=reason,
                        first_seen=now(),
                    ),
                )
                return status
            changed = existing.url != url or (
                published_date is not None and existing.published_date not in (None, published_date)
            )
            new_status = existing.status
            if changed and existing.status in (DOWNLOADED, DUPLICATE, FAILED):
                new_status = STALE
            elif existing.status == SKIPPED and status == PENDING:  # e.g. no longer restricted
                new_status = PENDING
            db.execute(
                "UPDATE documents SET meeting_id=:meeting_id, url=:url, committee_title=:committee_title, "
                "meeting_date=:meeting_date, agenda_item=:agenda_item, document_title=:document_title, "
                "published_date=coalesce(:published_date, published_date), status=:status "
                "WHERE council=:council AND doc_key=:doc_key",
                dict(values, council=council, doc_key=doc_key, status=new_status),
            )
            return new_status

    def documents_to_fetch(
        self, council: str, *, retry_failed: bool = False, revalidate_keys: AbstractSet[str] = frozenset()
    ) -> list[DocumentRow]:
        """Pending and stale documents (from this run or an interrupted one), transient failures,
        and (with `retry_failed`) permanent failures; plus `revalidate_keys` for conditional GETs."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM documents WHERE council=? AND (status IN (?, ?) OR (status=? AND "
                "(permanent=0 OR ?))) ORDER BY first_seen, doc_key",
                (council, PENDING, STALE, FAILED, int(retry_failed)),
            ).fetchall()
            extra = [
                db.execute(
                    "SELECT * FROM documents WHERE council=? AND doc_key=? AND status IN (?, ?)",
                    (council, k, DOWNLOADED, DUPLICATE),
                ).fetchone()
                for k in sorted(revalidate_keys)
            ]
        return [DocumentRow.from_row(r) for r in [*rows, *(e for e in extra if e is not None)]]

    def mark_failed(self, council: str, doc_key: str, reason: str, *, permanent: bool) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE documents SET status=?, reason=?, permanent=?, fetched_at=? "
                "WHERE council=? AND doc_key=?",
                (FAILED, reason, int(permanent), now(), council, doc_key),
            )

    def mark_skipped(self, council: str, doc_key: str, reason: str) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE documents SET status=?, reason=? WHERE council=? AND doc_key=?",
                (SKIPPED, reason, council, doc_key),
            )

    def mark_unchanged(self, council: str, doc_key: str) -> None:
        """A 304 (or same bytes): the document keeps its blob and extraction state."""
        with self._connect() as db:
            db.execute(
                "UPDATE documents SET status=CASE WHEN duplicate_of IS NULL THEN ? ELSE ? END, "
                "reason=NULL, fetched_at=? WHERE council=? AND doc_key=?",
                (DOWNLOADED, DUPLICATE, now(), council, doc_key),
            )

    def blob(self, sha256: str) -> sqlite3.Row | None:
        with self._connect() as db:
            return db.execute("SELECT * FROM blobs WHERE sha256=?", (sha256,)).fetchone()

    def mark_downloaded(
        self,
        council: str,
        doc_key: str,
        *,
        sha256: str,
        path: str,
        size: int,
        etag: str | None,
        last_modified: str | None,
    ) -> str:
        """Record fetched bytes; returns DOWNLOADED for new content, DUPLICATE when the same bytes
        are already held under another document (a pack repeating a report, a re-used appendix)."""
        stamp = now()
        with self._connect() as db:
            owner = db.execute("SELECT council, doc_key FROM blobs WHERE sha256=?", (sha256,)).fetchone()
            if owner is None:
                db.execute(
                    "INSERT INTO blobs VALUES (?,?,?,?,?,?)", (sha256, path, size, council, doc_key, stamp)
                )
            is_own = owner is None or (owner["council"], owner["doc_key"]) == (council, doc_key)
            status = DOWNLOADED if is_own else DUPLICATE
            previous = db.execute(
                "SELECT sha256, extract_status FROM documents WHERE council=? AND doc_key=?",
                (council, doc_key),
            ).fetchone()
            same = previous is not None and previous["sha256"] == sha256
            if previous is not None and previous["sha256"] and not same:
                _pass_on_blob(db, council, doc_key, previous["sha256"])
            db.execute(
                "UPDATE documents SET status=?, reason=NULL, permanent=0, sha256=?, path=?, size=?, etag=?, "
                "last_modified=?, fetched_at=?, duplicate_of=?, extract_status=?, extract_message=CASE "
                "WHEN ? THEN extract_message END, extract_attempts=CASE WHEN ? THEN extract_attempts "
                "ELSE 0 END WHERE council=? AND doc_key=?",
                (
                    status,
                    sha256,
                    path,
                    size,
                    etag,
                    last_modified,
                    stamp,
                    None if is_own else f"{owner['council']}:{owner['doc_key']}",
                    previous["extract_status"] if same else None,
                    int(same),
                    int(same),
                    council,
                    doc_key,
                ),
            )
        return status

    def to_extract(self, councils: list[str] | None = None) -> list[DocumentRow]:
        """Downloaded documents not yet handed to extraction (including ones an interrupted run left)."""
        sql = "SELECT * FROM documents WHERE status=? AND extract_status IS NULL"
        params: list[object] = [DOWNLOADED]
        if councils:
            sql += f" AND council IN ({','.join('?' * len(councils))})"
            params += councils
        with self._connect() as db:
            rows = db.execute(sql + " ORDER BY council, meeting_date, doc_key", params).fetchall()
        return [DocumentRow.from_row(r) for r in rows]

    def retry_failed_extractions(self, councils: list[str] | None = None) -> int:
        """Forget failed extraction outcomes (`--retry-failed`, e.g. after an upgrade), so those
        documents are extracted again; returns how many."""
        sql = "UPDATE documents SET extract_status=NULL, extract_message=NULL, extract_attempts=0 "
        sql += "WHERE extract_status='failed'"
        params: list[object] = []
        if councils:
            sql += f" AND council IN ({','.join('?' * len(councils))})"
            params += councils
        with self._connect() as db:
            return db.execute(sql, params).rowcount

    def count_extract_attempt(self, council: str, doc_key: str, change: int = 1) -> None:
        """Count a hand-off to extraction before it starts (+1), or take it back when the user
        interrupted it (-1): a document whose hand-offs keep ending without an outcome killed
        the process that extracted it, and is given up on (see handoff.MAX_ATTEMPTS)."""
        with self._connect() as db:
            db.execute(
                "UPDATE documents SET extract_attempts=max(0, coalesce(extract_attempts, 0) + ?) "
                "WHERE council=? AND doc_key=?",
                (change, council, doc_key),
            )

    def mark_extracted(
        self,
        council: str,
        doc_key: str,
        status: str,
        message: str | None,
        *,
        url: str | None = None,
        doc_id: str | None = None,
    ) -> None:
        """Record an extraction outcome; `url` and `doc_id` say which rows it wrote to the dataset."""
        with self._connect() as db:
            db.execute(
                "UPDATE documents SET extract_status=?, extract_message=?, extracted_at=?, "
                "extracted_url=coalesce(?, extracted_url), extracted_doc_id=coalesce(?, extracted_doc_id) "
                "WHERE council=? AND doc_key=?",
                (status, message, now(), url, doc_id, council, doc_key),
            )

    def counts(self, council: str | None = None) -> dict[str, int]:
        sql = "SELECT status, count(*) AS n FROM documents"
        params: tuple = ()
        if council:
            sql, params = sql + " WHERE council=?", (council,)
        with self._connect() as db:
            return {r["status"]: r["n"] for r in db.execute(sql + " GROUP BY status", params)}


def _pass_on_blob(db: sqlite3.Connection, council: str, doc_key: str, old_sha: str) -> None:
    """A document now holds new bytes: the bytes it held go to a document that still holds them
    (one that was a duplicate of it), to be extracted under that document's address, so what
    is still published is still in the dataset; with no such document, the bytes are unowned."""
    owner = db.execute("SELECT council, doc_key FROM blobs WHERE sha256=?", (old_sha,)).fetchone()
    if owner is None or (owner["council"], owner["doc_key"]) != (council, doc_key):
        return
    heir = db.execute(
        "SELECT council, doc_key FROM documents WHERE sha256=? AND duplicate_of=? ORDER BY first_seen, doc_key",
        (old_sha, f"{council}:{doc_key}"),
    ).fetchone()
    if heir is None:
        db.execute("DELETE FROM blobs WHERE sha256=?", (old_sha,))
        return
    db.execute(
        "UPDATE blobs SET council=?, doc_key=? WHERE sha256=?", (heir["council"], heir["doc_key"], old_sha)
    )
    db.execute(
        "UPDATE documents SET duplicate_of=? WHERE duplicate_of=? AND sha256=?",
        (f"{heir['council']}:{heir['doc_key']}", f"{council}:{doc_key}", old_sha),
    )
    db.execute(
        "UPDATE documents SET duplicate_of=NULL, status=CASE WHEN status=? THEN ? ELSE status END, "
        "extract_status=NULL, extract_message=NULL, extract_attempts=0 WHERE council=? AND doc_key=?",
        (DUPLICATE, DOWNLOADED, heir["council"], heir["doc_key"]),
    )


def set_aside_damaged(out: str | Path) -> Path | None:
    """The `--rebuild-state` recovery: move a damaged store (and its WAL files) aside as
    `scrape_state.sqlite.damaged-<time>` so the next run starts a new one; returns where it went.

    A healthy store is kept (None), and a locked one raises StateLockedError: a store another
    scrape is using is never moved."""
    try:
        StateStore(out).close()
        return None
    except StateDamagedError as exc:
        problem = str(exc)
    path = Path(out) / STATE_FILE
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{STATE_FILE}.damaged-{stamp}")
    for suffix in ("", *SIDE_FILES):
        side = Path(f"{path}{suffix}")
        if side.exists() or side.is_symlink():
            side.rename(f"{aside}{suffix}")
    log.warning("moved the damaged state store aside to %s (%s)", aside, problem)
    return aside
