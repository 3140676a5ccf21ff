"""Remove the personal data of finished cases whose retention period has passed (PIPA).

Run it daily (cron or a systemd timer). ``PORTAL_COMPLAINT_RETENTION_DAYS`` sets the period,
counted from the day a case was closed, dismissed, withdrawn or referred. Each case is
anonymised by ``services.complaint_anonymise`` in its own transaction, so a failure on one case
leaves the others done; running the command again only picks up what is still due.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from ombudsman import selectors, services


class Command(BaseCommand):
    help = "Anonymise closed complaints older than the retention period (PORTAL_COMPLAINT_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list the cases that would be anonymised and change nothing"
        )

    def handle(self, *args, dry_run: bool = False, **options):
        days = settings.PORTAL_COMPLAINT_RETENTION_DAYS
        due = selectors.complaints_due_for_anonymisation()
        if dry_run:
            codes = list(due.values_list("receipt_code", flat=True))
            self.stdout.write(f"{len(codes)} closed complaint(s) older than {days} days would be anonymised.")
            for code in codes:
                self.stdout.write(f"  {code}")
            return
        done = failed = 0
        for complaint in list(due.only("pk", "receipt_code")):
            try:
                services.complaint_anonymise(complaint=complaint)
            except ValidationError as error:  # e.g. reopened in the meantime; the next run looks again
                failed += 1
                self.stderr.write(f"  {complaint.receipt_code}: {' '.join(error.messages)}")
                continue
            done += 1
        self.stdout.write(self.style.SUCCESS(f"Anonymised {done} closed complaint(s) older than {days} days."))
        if failed:
            self.stdout.write(self.style.WARNING(f"{failed} complaint(s) could not be anonymised."))
