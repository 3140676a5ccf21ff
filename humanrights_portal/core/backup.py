"""Backups of the portal: the database (``pg_dump --format=custom``) and the private file store in one archive.

An archive is a tar file (optionally gzip, bzip2 or xz compressed) holding

* ``database.dump`` — ``pg_dump --format=custom`` of the portal database, taken in an exported snapshot so that
  the row counts in the manifest are those of the dump even while the portal keeps writing;
* ``files/<path>`` — every file under ``PRIVATE_MEDIA_ROOT`` (complaint evidence, plan documents, …), relative
  paths kept;
* ``manifest.json`` — written last: format version, creation time, Django and portal versions, the database's
  name and server version, the row count of every table of the portal's models, and the size and SHA-256 of the
  dump and of every file.

``backup_create`` writes the archive under a temporary name and renames it when complete, so a failed or
interrupted backup never leaves a half archive under the final name. ``backup_restore`` first extracts every
member to a staging folder and checks it against the manifest (a corrupt, truncated or tampered archive, or one
with a member escaping the file store, is refused before anything is touched), then runs ``pg_restore`` into
the target database, puts the files back and compares the row counts with the manifest.

``pg_dump``/``pg_restore`` must match the server: the embedded server's own binaries come with the ``pgserver``
package; otherwise ``PORTAL_PG_BINDIR``, ``pg_config --bindir``, the ``PATH`` and Debian's
``/usr/lib/postgresql/<major>/bin`` are searched for one of the server's major version (or newer).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
import tomllib
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO
from urllib.parse import unquote

import django
from django.apps import apps
from django.conf import settings

FORMAT_NAME = "humanrights-portal-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DUMP_NAME = "database.dump"
FILES_PREFIX = "files/"
ARCHIVE_SUFFIXES = {".tar": "", ".tar.gz": "gz", ".tgz": "gz", ".tar.bz2": "bz2", ".tar.xz": "xz"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why (shown to the operator as is)."""


# ---------------------------------------------------------------- database connection


@dataclass(frozen=True)
class DatabaseTarget:
    """Connection parameters of one PostgreSQL database, for psycopg2 and for the libpq command-line tools."""

    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings_dict: dict[str, Any]) -> DatabaseTarget:
        return cls(
            name=settings_dict["NAME"],
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
            options=dict(settings_dict.get("OPTIONS") or {}),
        )

    @classmethod
    def from_url(cls, url: str) -> DatabaseTarget:
        """``postgres://user:password@host:port/name?sslmode=…``; a Unix socket folder as ``%2Fpath%2Fto%2Fdir``."""
        import environ

        config = environ.Env.db_url_config(url)
        if "postgresql" not in config.get("ENGINE", ""):
            raise BackupError(f"Not a PostgreSQL URL: {url.split('@')[-1]}")
        if not config.get("NAME"):
            raise BackupError("The database URL names no database.")
        config["HOST"] = unquote(config.get("HOST") or "")
        return cls.from_settings(config)

    @property
    def label(self) -> str:
        where = self.host or "the default socket"
        return f'"{self.name}" on {where}{":" + self.port if self.port else ""}'

    def connect(self):
        import psycopg2

        parameters = {"dbname": self.name, "user": self.user or None, "password": self.password or None}
        parameters.update(host=self.host or None, port=self.port or None)
        parameters.update({key: value for key, value in self.options.items() if isinstance(value, str | int)})
        try:
            return psycopg2.connect(**{key: value for key, value in parameters.items() if value is not None})
        except psycopg2.Error as error:
            raise BackupError(f"Cannot connect to the database {self.label}: {error}".strip()) from error

    def tool_arguments(self) -> list[str]:
        arguments = ["--no-password", f"--dbname={self.name}"]
        if self.host:
            arguments.append(f"--host={self.host}")
        if self.port:
            arguments.append(f"--port={self.port}")
        if self.user:
            arguments.append(f"--username={self.user}")
        return arguments

    def tool_environment(self) -> dict[str, str]:
        environment = dict(os.environ)
        if self.password:
            environment["PGPASSWORD"] = self.password
        for option, variable in [
            ("sslmode", "PGSSLMODE"),
            ("sslrootcert", "PGSSLROOTCERT"),
            ("sslcert", "PGSSLCERT"),
            ("sslkey", "PGSSLKEY"),
            ("options", "PGOPTIONS"),
        ]:
            if option in self.options:
                environment[variable] = str(self.options[option])
        return environment


def portal_tables() -> list[str]:
    """Tables of every concrete, managed model of the portal (many-to-many tables included), sorted."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables)


def table_row_counts(cursor, tables: list[str]) -> dict[str, int | None]:
    """Rows of each of ``tables`` in one round trip; ``None`` for a table the database does not have."""
    from psycopg2 import sql

    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND c.relname = ANY(%s)",
        [tables],
    )
    present = {row[0] for row in cursor.fetchall()}
    counts: dict[str, int | None] = dict.fromkeys(tables)
    existing = [table for table in tables if table in present]
    if existing:
        query = sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT {}, count(*) FROM {}").format(sql.Literal(table), sql.Identifier(table))
            for table in existing
        )
        cursor.execute(query)
        counts.update(dict(cursor.fetchall()))
    return counts


def database_is_empty(target: DatabaseTarget) -> tuple[bool, int]:
    """Whether the database has no relation outside the system schemas, and how many it has."""
    connection = target.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%%'"
            )
            relations = cursor.fetchone()[0]
    finally:
        connection.close()
    return relations == 0, relations


# ---------------------------------------------------------------- pg_dump / pg_restore of the right version


def _tool_major(executable: Path) -> int | None:
    try:
        output = subprocess.run(  # noqa: S603 - a PostgreSQL tool found on disk, no shell
            [str(executable), "--version"], capture_output=True, text=True, timeout=15, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s+(\d+)", output) or re.search(r"(\d+)\.\d+", output)
    return int(match.group(1)) if match else None


def _candidate_bindirs(tool: str) -> list[Path]:
    folders: list[Path] = []
    if settings.PORTAL_PG_BINDIR:
        folders.append(Path(settings.PORTAL_PG_BINDIR))
    spec = importlib.util.find_spec("pgserver")
    if spec is not None and spec.origin:  # the embedded server's own binaries
        folders.append(Path(spec.origin).parent / "pginstall" / "bin")
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            bindir = subprocess.run(  # noqa: S603
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=15, check=True
            ).stdout.strip()
            folders.append(Path(bindir))
        except (OSError, subprocess.SubprocessError):
            pass
    on_path = shutil.which(tool)
    if on_path:
        folders.append(Path(on_path).parent)
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name, reverse=True)
    folders.extend(debian)
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def find_pg_tool(tool: str, *, server_major: int, minimum_major: int | None = None) -> Path:
    """``pg_dump`` or ``pg_restore`` of the server's major version, or else the oldest newer one."""
    minimum = max(server_major, minimum_major or 0)
    found: list[tuple[int, Path]] = []
    for folder in _candidate_bindirs(tool):
        executable = folder / tool
        if executable.is_file() and os.access(executable, os.X_OK):
            major = _tool_major(executable)
            if major is not None:
                found.append((major, executable))
    for major, executable in found:
        if major == server_major and major >= minimum:
            return executable
    newer = sorted((item for item in found if item[0] >= minimum), key=lambda item: item[0])
    if newer:
        return newer[0][1]
    seen = ", ".join(f"{path} ({major})" for major, path in found) or "none"
    raise BackupError(
        f"No {tool} of PostgreSQL {minimum} or newer found (found: {seen}). "
        f"Install the PostgreSQL {server_major} client tools or set PORTAL_PG_BINDIR to their folder."
    )


def _run_tool(arguments: list[str], *, environment: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(arguments, capture_output=True, text=True, env=environment, check=False)  # noqa: S603
    except OSError as error:
        raise BackupError(f"{what} could not be started: {error}") from error
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(f"{what} failed (exit code {result.returncode}): {detail}")


# ---------------------------------------------------------------- hashing while copying


class _HashingReader:
    """Wraps a binary file: everything read through it is hashed and counted."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- backup


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    skipped: list[str]

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def archive_compression(path: Path) -> str:
    """The tarfile compression ("", "gz", "bz2", "xz") an archive name asks for."""
    name = path.name.lower()
    for suffix, compression in sorted(ARCHIVE_SUFFIXES.items(), key=lambda item: -len(item[0])):
        if name.endswith(suffix):
            return compression
    raise BackupError(f"The archive name must end with one of {', '.join(ARCHIVE_SUFFIXES)}: {path.name}")


def default_archive_name(database_name: str, now: datetime.datetime | None = None) -> str:
    now = now or datetime.datetime.now(datetime.UTC)
    return f"portal-{database_name}-{now:%Y%m%dT%H%M%SZ}.tar"


def portal_version() -> dict[str, str]:
    """Django's version, the portal's version (pyproject) and ``git describe`` when the code is a checkout."""
    versions = {"django": django.get_version(), "portal": "", "git": ""}
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    if pyproject.exists():
        versions["portal"] = tomllib.loads(pyproject.read_text()).get("project", {}).get("version", "")
    if shutil.which("git"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            versions["git"] = subprocess.run(
                ["git", "describe", "--always", "--dirty", "--tags"],  # noqa: S607
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            ).stdout.strip()
    return versions


def _is_within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _media_files(root: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """Regular files under ``root`` as (relative POSIX path, path), sorted; symlinks and specials are skipped."""
    files: list[tuple[str, Path]] = []
    skipped: list[str] = []
    if not root.is_dir():
        return files, skipped
    for folder, directories, names in os.walk(root):
        directories.sort()
        for name in sorted(names):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                skipped.append(relative)
            else:
                files.append((relative, path))
    return files, skipped


def backup_create(
    *,
    output: Path | None = None,
    database_settings: dict[str, Any],
    media_root: Path,
    log: Callable[[str], None] = lambda message: None,
) -> BackupResult:
    """Write one archive of the database and the private file store; return where, and its manifest."""
    target = DatabaseTarget.from_settings(database_settings)
    media_root = Path(media_root).resolve()
    if output is None:
        output = Path(settings.PORTAL_BACKUP_DIR) / default_archive_name(target.name)
    output = Path(output).absolute()
    if output.is_dir():
        output = output / default_archive_name(target.name)
    compression = archive_compression(output)
    if _is_within(output.resolve(), media_root):
        raise BackupError(f"The archive must not be written inside the private file store ({media_root}).")
    if output.exists():
        raise BackupError(f"{output} already exists; choose another --output.")
    output.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        dump_path = Path(work) / DUMP_NAME
        database = _dump_database(target, dump_path, log)
        log(f"Database dumped: {dump_path.stat().st_size} bytes, {len(database['tables'])} tables.")
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed or removed below
            dir=output.parent, prefix=f".{output.name}.", suffix=".partial", delete=False
        )
        partial = Path(handle.name)
        try:
            with handle, tarfile.open(fileobj=handle, mode=f"w:{compression}", format=tarfile.PAX_FORMAT) as tar:
                database["dump"] = _add_file(tar, DUMP_NAME, dump_path)
                files, skipped = _media_files(media_root)
                entries = []
                for relative, path in files:
                    entry = _add_file(tar, FILES_PREFIX + relative, path)
                    entries.append({"path": relative, **entry})
                manifest = {
                    "format": FORMAT_NAME,
                    "format_version": FORMAT_VERSION,
                    "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                    "versions": portal_version(),
                    "database": database,
                    "files": entries,
                    "private_media_root": str(media_root),
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST_NAME)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
                tar.addfile(info, io.BytesIO(data))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, output)
        except BaseException as error:
            partial.unlink(missing_ok=True)
            if isinstance(error, OSError | tarfile.TarError):
                raise BackupError(f"Writing the archive failed: {error}") from error
            raise
    _fsync_folder(output.parent)
    return BackupResult(path=output, manifest=manifest, skipped=skipped)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    """Add ``path`` as ``name``; return the size and SHA-256 of exactly the bytes archived."""
    with path.open("rb") as raw:
        stat = os.fstat(raw.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
        reader = _HashingReader(raw)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return {"size": reader.size, "sha256": reader.sha256.hexdigest()}


def _dump_database(target: DatabaseTarget, dump_path: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """``pg_dump`` in a snapshot exported by a transaction that also counts the rows of every portal table."""
    import psycopg2.extensions

    connection = target.connect()
    try:
        connection.set_session(isolation_level=psycopg2.extensions.ISOLATION_LEVEL_REPEATABLE_READ, readonly=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = table_row_counts(cursor, portal_tables())
        server_version = connection.server_version
        server_major = server_version // 10000
        pg_dump = find_pg_tool("pg_dump", server_major=server_major)
        log(f"Dumping {target.label} (PostgreSQL {server_major}) with {pg_dump}.")
        _run_tool(
            [
                str(pg_dump),
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={dump_path}",
                *target.tool_arguments(),
            ],
            environment=target.tool_environment(),
            what="pg_dump",
        )
        pg_dump_major = _tool_major(pg_dump)
    finally:
        connection.rollback()
        connection.close()
    return {
        "name": target.name,
        "server_version": server_version,
        "pg_dump_major": pg_dump_major,
        "tables": {table: count for table, count in counts.items() if count is not None},
    }


# ---------------------------------------------------------------- verify and restore


@dataclass(frozen=True)
class VerifiedArchive:
    """An archive whose members were extracted to ``staging`` and match its manifest."""

    manifest: dict[str, Any]
    staging: Path
    members: dict[str, Path]  # archive member name → staged copy

    @property
    def dump(self) -> Path:
        return self.members[DUMP_NAME]


def _check_member_name(member: tarfile.TarInfo) -> None:
    name = member.name
    if not (member.isfile() or member.isdir()):
        kind = "link" if member.issym() or member.islnk() else "special file"
        raise BackupError(f"Refused: the archive member {name!r} is a {kind}; an archive holds only regular files.")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise BackupError(f"Refused: the archive member {name!r} has an absolute path.")
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if ".." in parts or "\x00" in name:
        raise BackupError(f"Refused: the archive member {name!r} escapes the file store ('..').")
    if member.isfile() and name not in (MANIFEST_NAME, DUMP_NAME) and not name.startswith(FILES_PREFIX):
        raise BackupError(f"Refused: unexpected archive member {name!r}.")


def backup_verify(archive: Path, staging: Path) -> VerifiedArchive:
    """Extract every member of ``archive`` to ``staging`` and check all of them against the manifest.

    Raises :class:`BackupError` for an unreadable, truncated or tampered archive, a member that is a link or
    escapes the file store, or a manifest of another format. Nothing outside ``staging`` is written.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No archive at {archive}.")
    members: dict[str, Path] = {}
    hashes: dict[str, tuple[int, str]] = {}
    try:
        with tarfile.open(archive, mode="r:*") as tar:
            for index, member in enumerate(tar):
                _check_member_name(member)
                if member.isdir():
                    continue
                if member.name in members:
                    raise BackupError(f"Refused: the archive holds {member.name!r} twice.")
                extracted = tar.extractfile(member)
                if extracted is None:  # pragma: no cover - regular files always have content
                    raise BackupError(f"Refused: cannot read {member.name!r}.")
                staged = staging / f"{index:08d}"
                reader = _HashingReader(extracted)
                with staged.open("wb") as out:
                    while chunk := reader.read(CHUNK):
                        out.write(chunk)
                if reader.size != member.size:
                    raise BackupError(f"Refused: {member.name!r} is truncated.")
                members[member.name] = staged
                hashes[member.name] = (reader.size, reader.sha256.hexdigest())
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        if isinstance(error, BackupError):  # pragma: no cover - BackupError is not an OSError
            raise
        raise BackupError(f"Refused: the archive is corrupt or truncated ({error}).") from error

    if MANIFEST_NAME not in members:
        raise BackupError("Refused: the archive has no manifest.json (truncated, or not a portal backup).")
    try:
        manifest = json.loads(members[MANIFEST_NAME].read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"Refused: manifest.json is not valid JSON ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise BackupError("Refused: not a portal backup (unknown manifest format).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"Refused: backup format version {manifest.get('format_version')} is not supported.")

    expected = {DUMP_NAME: manifest.get("database", {}).get("dump") or {}}
    for entry in manifest.get("files", []):
        relative = str(entry.get("path", ""))
        expected[FILES_PREFIX + relative] = entry
    present = set(members) - {MANIFEST_NAME}
    missing = sorted(set(expected) - present)
    extra = sorted(present - set(expected))
    if missing:
        raise BackupError(f"Refused: {len(missing)} member(s) listed in the manifest are missing, e.g. {missing[0]}.")
    if extra:
        raise BackupError(f"Refused: {len(extra)} member(s) are not in the manifest, e.g. {extra[0]}.")
    for name, entry in expected.items():
        size, sha256 = hashes[name]
        if entry.get("sha256") != sha256 or entry.get("size") != size:
            raise BackupError(f"Refused: checksum mismatch for {name!r}; the archive is damaged or was altered.")
    return VerifiedArchive(manifest=manifest, staging=staging, members=members)


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    target: DatabaseTarget
    files_restored: int = 0
    tables_checked: int = 0
    rows_checked: int = 0
    mismatches: list[tuple[str, int, int | None]] = field(default_factory=list)


def _safe_destination(root: Path, relative: str) -> Path:
    """Where ``relative`` goes under ``root``; refuses anything that would land outside it."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Refused: {relative!r} escapes the file store.")
    destination = root.joinpath(*path.parts)
    if not _is_within(Path(os.path.realpath(destination.parent)), root) or destination.is_symlink():
        raise BackupError(f"Refused: {relative!r} would be written outside the file store (symlink).")
    return destination


def backup_restore(
    *,
    archive: Path,
    target: DatabaseTarget,
    media_root: Path,
    force: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> RestoreResult:
    """Verify ``archive``, restore its database into ``target`` and its files into ``media_root``, then check."""
    media_root = Path(media_root).resolve()
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        verified = backup_verify(Path(archive), Path(work))
        manifest = verified.manifest
        log(
            f"Archive verified: {len(manifest['files'])} file(s), database {manifest['database']['name']!r} "
            f"of {manifest['created_at']}."
        )
        destinations = [(_safe_destination(media_root, entry["path"]), entry) for entry in manifest["files"]]

        empty, relations = database_is_empty(target)
        if not empty and not force:
            raise BackupError(
                f"The database {target.label} is not empty ({relations} tables, sequences or views); "
                "restore into an empty database, or pass --force to replace what the backup holds."
            )
        connection = target.connect()
        try:
            server_major = connection.server_version // 10000
        finally:
            connection.close()
        pg_restore = find_pg_tool(
            "pg_restore", server_major=server_major, minimum_major=manifest["database"].get("pg_dump_major")
        )
        log(f"Restoring into {target.label} with {pg_restore}.")
        _run_tool(
            [
                str(pg_restore),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *target.tool_arguments(),
                str(verified.dump),
            ],
            environment=target.tool_environment(),
            what="pg_restore",
        )

        mode = settings.FILE_UPLOAD_PERMISSIONS or 0o644
        for destination, entry in destinations:
            staged = verified.members[FILES_PREFIX + entry["path"]]
            destination.parent.mkdir(parents=True, exist_ok=True)
            temporary = destination.with_name(f".{destination.name}.restoring")
            shutil.copyfile(staged, temporary)
            os.chmod(temporary, mode)
            os.replace(temporary, destination)
        result = RestoreResult(manifest=manifest, target=target, files_restored=len(destinations))

    expected_counts: dict[str, int] = manifest["database"]["tables"]
    connection = target.connect()
    try:
        with connection.cursor() as cursor:
            actual = table_row_counts(cursor, sorted(expected_counts))
    finally:
        connection.close()
    for table, expected_rows in sorted(expected_counts.items()):
        if actual.get(table) != expected_rows:
            result.mismatches.append((table, expected_rows, actual.get(table)))
    result.tables_checked = len(expected_counts)
    result.rows_checked = sum(expected_counts.values())
    return result
