"""Find the activity files in what a person hands the import: files, folders, zips, .gz, exports.

Zips are read entry by entry from disk (never whole in memory); a zip inside a zip is copied to a temporary
file first. Strava's bulk export (``activities.csv`` beside ``activities/``) and Garmin Connect's export (FIT
files in zips inside the zip) need nothing more than this walk, plus the CSV join for Strava.

Limits: each file at most ``max_file_bytes`` once decompressed; all files together at most
``max_total_bytes``; a zip entry that decompresses over 100 times its size (past 1 MB) is refused as a zip
bomb; zips nested more than 3 deep, entries named with ``..`` or an absolute path, and empty files are
reported and never read.

The total counts the bytes actually produced, as they stream: what each zip entry inflates to (a zip
inside a zip included, as it is copied out), what each .gz decompresses to, and each plain file as it is
read. The sizes a zip writes in its headers only decide, up front, which entries cannot fit; they are never
trusted to be true. Once the bytes produced pass the total, the file being read fails and the walk stops
with an ImporterError, so the import ends there (the files before it are kept, each in its own transaction).
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from django.utils.translation import gettext

from training.importers.base import ImporterError, ImportItem
from training.importers.sniff import gunzip
from training.importers.strava import StravaRow, read_activities_csv

MAX_DEPTH = 3
MAX_RATIO = 100
READ_PIECE = 1024 * 1024
#: A .gz inside a .gz is decompressed too; deeper than this is refused (a gzip file can contain itself).
MAX_GZ_LAYERS = 2
RATIO_FLOOR = 1024 * 1024
ACTIVITY_EXTENSIONS = (".fit", ".gpx", ".tcx")
GZIP_MAGIC = b"\x1f\x8b"
JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class _Entry:
    path: str  # relative, with "/" separators
    size: int  # uncompressed bytes
    stored: int  # bytes on disk or in the zip
    open: Callable[[], IO[bytes]]
    unsafe: bool = False


class BudgetExceeded(ImporterError):
    """The import produced more bytes than its total allows while reading one file; nothing more is read."""


class _Budget:
    """What is left of the import's total, in bytes.

    An entry's size from its header is set aside when the walk reaches it (so entries that cannot fit are
    refused before anything is read); reading it then spends what it really produces, and any bytes past
    what was set aside come out of the rest. Bytes set aside but never produced are given back.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit
        self.overrun = False

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            self.overrun = True
            raise BudgetExceeded(
                gettext(
                    "This file took the import past its limit of %(limit)s unpacked, so it was stopped here; "
                    "it may be a compressed bomb."
                )
                % {"limit": _size(self.limit)}
            )

    def stop_if_overrun(self) -> None:
        if self.overrun:
            raise ImporterError(
                gettext(
                    "The import stopped because its files unpacked to more than %(limit)s, the most one import "
                    "may. The files listed before the one that passed the limit were imported; import the rest "
                    "separately."
                )
                % {"limit": _size(self.limit)}
            )


class _Allowance:
    """The bytes one entry may produce: first what the walk set aside for it, then the import's budget."""

    def __init__(self, budget: _Budget, set_aside: int) -> None:
        self.budget = budget
        self.set_aside = set_aside

    def spend(self, size: int) -> None:
        covered = min(size, self.set_aside)
        self.set_aside -= covered
        if size > covered:
            self.budget.spend(size - covered)

    def give_back(self) -> None:
        self.budget.left += self.set_aside
        self.set_aside = 0


def kind_of_name(name: str) -> str:
    """ "activity", "zip", "csv", "junk" or "other", from a file name."""
    lowered = name.lower()
    base = lowered.rsplit("/", 1)[-1]
    if base in JUNK_NAMES or base.startswith("._") or lowered.startswith("__macosx/") or "/__macosx/" in lowered:
        return "junk"
    if base == "activities.csv":
        return "csv"
    if lowered.endswith(".zip"):
        return "zip"
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    if lowered.endswith(ACTIVITY_EXTENSIONS):
        return "activity"
    return "other"


def iter_import_items(paths: Sequence[Path], *, max_file_bytes: int, max_total_bytes: int) -> Iterator[ImportItem]:
    """Yield one ImportItem per activity file, Strava manual entry or rejected entry found in ``paths``.

    ``read()`` of an item returns the file's bytes, decompressed when it is a .gz; it raises ImporterError
    when the file turns out larger than ``max_file_bytes`` or its .gz is damaged. Archives stay open as long
    as the items that read from them exist.
    """
    budget = _Budget(max_total_bytes)
    for item in _walk(paths, budget, max_file_bytes):
        # The item before was read (the import reads each item before it asks for the next): past the
        # total, the import ends here rather than reading on.
        budget.stop_if_overrun()
        yield item
    budget.stop_if_overrun()


def _walk(paths: Sequence[Path], budget: _Budget, max_file_bytes: int) -> Iterator[ImportItem]:
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _container(_folder_entries(path), path.name, 0, budget, max_file_bytes)
        elif path.is_file():
            yield from _top_file(path, budget, max_file_bytes)
        else:
            yield ImportItem(name=path.name or str(path), error="There is no such file or folder.")


def _top_file(path: Path, budget: _Budget, max_file_bytes: int) -> Iterator[ImportItem]:
    with path.open("rb") as handle:
        head = handle.read(16)
    kind = kind_of_name(path.name)
    if head[:4] == b"PK\x03\x04" or kind == "zip":
        yield from _zip(path, path.name, 1, budget, max_file_bytes)
        return
    size = path.stat().st_size
    entry = _Entry(path.name, size, size, lambda: path.open("rb"))
    if kind == "other" and (head[8:12] == b".FIT" or head[:2] == b"\x1f\x8b" or head.lstrip().startswith(b"<")):
        kind = "activity"  # a name without a known extension, but the bytes of one
    if kind == "other":
        yield ImportItem(name=path.name, error="This is not a file the import reads (FIT, GPX, TCX, .gz or .zip).")
        return
    yield from _container([entry], "", 0, budget, max_file_bytes)


def _folder_entries(root: Path) -> list[_Entry]:
    entries = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            entries.append(_Entry(path.relative_to(root).as_posix(), size, size, _opener(path)))
    return entries


def _opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


def _zip(source: Path | _Entry, name: str, depth: int, budget: _Budget, max_file_bytes: int) -> Iterator[ImportItem]:
    """Yield the items of a zip on disk (a Path) or inside another zip (its entry)."""
    if depth > MAX_DEPTH:
        yield ImportItem(name=name, error=f"Zips nested more than {MAX_DEPTH} deep are refused.")
        return
    try:
        if isinstance(source, Path):
            archive = zipfile.ZipFile(source)
        else:
            # A zip inside a zip is copied to a temporary file (on disk) so it can be read entry by entry;
            # the copy is bytes the outer zip produces, so it is spent from the budget as it is written.
            spool = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the items that read from it
            allowance = _Allowance(budget, source.size)
            try:
                with source.open() as inner:
                    while piece := inner.read(READ_PIECE):
                        allowance.spend(len(piece))
                        spool.write(piece)
            finally:
                allowance.give_back()
            spool.seek(0)
            archive = zipfile.ZipFile(spool)
    except BudgetExceeded as exc:
        yield ImportItem(name=name, error=exc.reason)
        return
    except Exception as exc:  # damaged or encrypted zips fail in many ways (zlib, CRC, headers)
        yield ImportItem(name=name, error=f"This zip file is damaged and cannot be opened ({exc}).")
        return
    entries = [_zip_entry(archive, info) for info in archive.infolist() if not info.is_dir()]
    yield from _container(entries, name, depth, budget, max_file_bytes)


def _zip_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> _Entry:
    raw = info.filename.replace("\\", "/")
    parts = PurePosixPath(raw).parts
    unsafe = raw.startswith("/") or (len(raw) > 1 and raw[1] == ":") or ".." in parts
    return _Entry(raw if unsafe else _norm(raw), info.file_size, info.compress_size, _member(archive, info), unsafe)


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def _container(
    entries: list[_Entry], prefix: str, depth: int, budget: _Budget, max_file_bytes: int
) -> Iterator[ImportItem]:
    """Yield the items of one folder or zip (``depth`` is how many zips deep it is)."""

    def display(path: str) -> str:
        return f"{prefix}/{path}" if prefix else path

    strava_rows, csv_dir, csv_item = _strava_rows(entries, display, max_file_bytes, budget)
    if csv_item is not None:
        yield csv_item
    by_file = {csv_dir + _norm(row.filename): row for row in strava_rows if row.filename}
    present = {entry.path for entry in entries}
    others: list[str] = []
    for entry in entries:
        kind = kind_of_name(entry.path)
        if kind == "other":
            others.append(entry.path.rsplit("/", 1)[-1])
        if kind in ("junk", "csv", "other"):
            continue
        name = display(entry.path)
        if entry.unsafe:
            yield ImportItem(name=name, error="This zip entry's path leaves the archive (.. or absolute); refused.")
            continue
        if entry.size == 0:
            yield ImportItem(name=name, error="The file is empty.")
            continue
        if entry.size > RATIO_FLOOR and entry.size > MAX_RATIO * max(entry.stored, 1):
            yield ImportItem(name=name, error="This zip entry expands over 100 times its size: refused as a zip bomb.")
            continue
        if kind == "zip":
            if entry.size > budget.left:
                yield ImportItem(name=name, error="The import is over its total size limit; this zip was not read.")
                continue
            budget.left -= entry.size  # set aside; the copy spends it (see _zip)
            yield from _zip(entry, name, depth + 1, budget, max_file_bytes)
            continue
        if entry.size > max_file_bytes:
            yield ImportItem(name=name, error=f"The file is larger than the {_megabytes(max_file_bytes)} limit.")
            continue
        if entry.size > budget.left:
            yield ImportItem(name=name, error="The import is over its total size limit; this file was not read.")
            continue
        budget.left -= entry.size  # set aside; reading the file spends what it really produces
        row = by_file.get(entry.path)
        overrides = row.overrides if row is not None else {}
        yield ImportItem(name=name, read=_reader(entry, max_file_bytes, budget, entry.size), overrides=overrides)
    if others:
        # Listed once per folder or zip: an export can hold hundreds of photos and other tables.
        shown = ", ".join(sorted(others)[:3]) + (", ..." if len(others) > 3 else "")
        yield ImportItem(
            name=display(f"{len(others)} other file{'s' if len(others) > 1 else ''}"),
            skipped=f"Not activity files (FIT, GPX or TCX): {shown}",
        )
    for row in strava_rows:
        label = display(f"{csv_dir}activities.csv row {row.number}")
        if row.filename:
            if csv_dir + _norm(row.filename) not in present:
                missing = display(csv_dir + _norm(row.filename))
                yield ImportItem(name=missing, error="Listed in activities.csv but missing.")
        else:
            title = f"{label} ({row.overrides.get('name', 'manual entry')})"
            if row.activity is not None:
                yield ImportItem(name=title, activities=(row.activity,), overrides=row.overrides)
            else:
                yield ImportItem(name=title, error=row.error)


def _strava_rows(
    entries: list[_Entry], display: Callable[[str], str], max_file_bytes: int, budget: _Budget
) -> tuple[list[StravaRow], str, ImportItem | None]:
    """Read the container's activities.csv (at its root or one folder down); return its rows and folder."""
    candidates = [e for e in entries if kind_of_name(e.path) == "csv" and e.path.count("/") <= 1 and not e.unsafe]
    if not candidates:
        return [], "", None
    entry = min(candidates, key=lambda e: e.path.count("/"))
    folder = entry.path.rsplit("/", 1)[0] + "/" if "/" in entry.path else ""
    try:
        return read_activities_csv(_reader(entry, max_file_bytes, budget, 0)()), folder, None
    except ImporterError as exc:
        return [], folder, ImportItem(name=display(entry.path), error=exc.reason)


def _reader(entry: _Entry, limit: int, budget: _Budget, set_aside: int) -> Callable[[], bytes]:
    """Read the entry (decompressing .gz) within ``limit`` bytes; SET_ASIDE is what the walk reserved for it."""
    allowance = _Allowance(budget, set_aside)

    def read() -> bytes:
        try:
            with entry.open() as handle:
                data = _read_counted(handle, limit, allowance)
            for _ in range(MAX_GZ_LAYERS):
                if data[:2] != GZIP_MAGIC:
                    break
                data = gunzip(data, limit, charge=allowance.spend)
        except ImporterError:
            raise
        except Exception as exc:  # damaged, encrypted or unsupported entries fail in many ways (zlib, CRC...)
            raise ImporterError(f"The file cannot be read ({exc}).") from exc
        finally:
            allowance.give_back()
        if data[:2] == GZIP_MAGIC:
            raise ImporterError(
                gettext("This file is compressed more than %(layers)d times over; unpack it first.")
                % {"layers": MAX_GZ_LAYERS}
            )
        return data

    return read


def _read_counted(handle: IO[bytes], limit: int, allowance: _Allowance) -> bytes:
    """Read HANDLE a piece at a time, spending each piece before the next; refuse past ``limit`` bytes."""
    data = bytearray()
    while piece := handle.read(READ_PIECE):
        allowance.spend(len(piece))
        data += piece
        if len(data) > limit:
            raise ImporterError(f"The file is larger than the {_megabytes(limit)} limit.")
    return bytes(data)


def _norm(path: str) -> str:
    """A relative path without leading "./" or "/" (Strava writes "activities/1.fit.gz")."""
    path = path.strip().replace("\\", "/")
    while path.startswith(("./", "/")):
        path = path[1:] if path.startswith("/") else path[2:]
    return path


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _size(size: int) -> str:
    """Bytes as a person reads them: "10 GB", "500 MB", "2.5 MB" (binary units, as the settings are)."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
