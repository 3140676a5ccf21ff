"""Back up the portal: its database (pg_dump) and its private file store, in one archive with a manifest.

``manage.py backup`` writes ``portal-<database>-<UTC time>.tar`` under ``PORTAL_BACKUP_DIR``;
``--output PATH`` chooses the file (``.tar``, ``.tar.gz``/``.tgz``, ``.tar.bz2`` or ``.tar.xz``) or the folder.
The archive is written under a temporary name and renamed when complete. See ``humanrights_portal.core.backup``
and the README ("Backups").
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from humanrights_portal.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the private file store into one archive with a manifest and checksums."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="archive file (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz) or folder; default: PORTAL_BACKUP_DIR",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias (default: %(default)s)")

    def handle(self, *args, output: Path | None = None, database: str = DEFAULT_DB_ALIAS, **options):
        verbose = options.get("verbosity", 1) > 1
        if getattr(settings, "PORTAL_PRIVATE_STORAGE", None):
            self.stderr.write(
                self.style.WARNING(
                    "The private files are in object storage (PORTAL_S3_BUCKET): only the local folder "
                    f"{settings.PRIVATE_MEDIA_ROOT} goes into the archive; back the bucket up separately."
                )
            )
        try:
            result = backup_create(
                output=output,
                database_settings=connections[database].settings_dict,
                media_root=Path(settings.PRIVATE_MEDIA_ROOT),
                log=(lambda message: self.stdout.write(message)) if verbose else (lambda message: None),
            )
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from error
        manifest = result.manifest
        tables = manifest["database"]["tables"]
        for skipped in result.skipped:
            self.stderr.write(self.style.WARNING(f"Skipped (not a regular file): {skipped}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {result.path} ({result.size:,} bytes): database {manifest['database']['name']!r} "
                f"({len(tables)} tables, {sum(tables.values()):,} rows), {len(manifest['files'])} file(s)."
            )
        )
