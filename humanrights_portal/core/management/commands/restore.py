"""Restore a backup written by ``manage.py backup``: verify it, pg_restore the database, put the files back.

Every member is checked against the manifest's SHA-256 sums before anything is touched; a database that is not
empty is refused unless ``--force``; the files go back under ``PRIVATE_MEDIA_ROOT`` (members that are links or
would land outside it are refused). Afterwards the row count of every table is compared with the manifest and
any difference makes the command fail. See the README ("Backups").
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from humanrights_portal.core.backup import BackupError, DatabaseTarget, backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive into an (empty) database and the private file store, then check row counts."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="archive written by `manage.py backup`")
        parser.add_argument(
            "--database-url",
            help="restore into this database (postgres://user:pass@host:port/name) instead of the portal's own",
        )
        parser.add_argument(
            "--force", action="store_true", help="restore even if the target database is not empty (replaces it)"
        )

    def handle(self, *args, archive: Path, database_url: str | None = None, force: bool = False, **options):
        try:
            if database_url:
                target = DatabaseTarget.from_url(database_url)
            else:
                target = DatabaseTarget.from_settings(connections[DEFAULT_DB_ALIAS].settings_dict)
            result = backup_restore(
                archive=archive,
                target=target,
                media_root=Path(settings.PRIVATE_MEDIA_ROOT),
                force=force,
                log=lambda message: self.stdout.write(message),
            )
        except BackupError as error:
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(
            f"Restored into {result.target.label}: {result.tables_checked} tables, "
            f"{result.rows_checked:,} rows expected; {result.files_restored} file(s) into "
            f"{settings.PRIVATE_MEDIA_ROOT}."
        )
        if result.mismatches:
            for table, expected, actual in result.mismatches:
                found = "missing" if actual is None else f"{actual:,}"
                self.stderr.write(f"  {table}: backup {expected:,} rows, restored {found}")
            raise CommandError(f"Restore incomplete: {len(result.mismatches)} table(s) differ from the manifest.")
        self.stdout.write(self.style.SUCCESS("Row counts of every table match the manifest."))
