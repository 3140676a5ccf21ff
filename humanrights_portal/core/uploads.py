"""Checks on uploaded evidence and documents: count, size and type, the type read from the content, not the name."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

#: Detected type → (extension stored, label). Images, PDF, office documents (incl. Hangul HWP/HWPX).
ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/x-hwp": "hwp",
    "application/hwp+zip": "hwpx",
    "application/vnd.oasis.opendocument.text": "odt",
}
#: Legacy binary office formats share one container (OLE); the name says which it is.
OLE_EXTENSIONS = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}


def max_count() -> int:
    return settings.PORTAL_ATTACHMENT_MAX_COUNT


def max_bytes() -> int:
    return settings.PORTAL_ATTACHMENT_MAX_BYTES


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    content_type: str
    extension: str
    size: int
    sha256: str


def _head(upload: UploadedFile, length: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _zip_kind(upload: UploadedFile) -> str | None:
    """Office Open XML, HWPX and OpenDocument files are zip archives; look inside to tell which."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "ignore").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if "ppt/presentation.xml" in names:
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    if mimetype == "application/hwp+zip":
        return "application/hwp+zip"
    if mimetype == "application/vnd.oasis.opendocument.text":
        return mimetype
    return None


def detect_type(upload: UploadedFile) -> tuple[str, str] | None:
    """``(content type, extension)`` judged from the bytes, or ``None`` when not an allowed kind."""
    head = _head(upload)
    if head.startswith(OLE_SIGNATURE):
        name = (upload.name or "").lower()
        if name.endswith(".hwp"):
            return "application/x-hwp", "hwp"
        for extension, content_type in OLE_EXTENSIONS.items():
            if name.endswith("." + extension):
                return content_type, extension
        return None
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        return (kind, ALLOWED_TYPES[kind]) if kind else None
    guess = filetype.guess(head)
    if guess is None or guess.mime not in ALLOWED_TYPES:
        return None
    return guess.mime, ALLOWED_TYPES[guess.mime]


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_uploads(
    uploads: list[UploadedFile], *, already_attached: int = 0, field: str = "attachments"
) -> list[CheckedFile]:
    """Validate a batch of uploads; raise ``ValidationError`` naming each file that is refused."""
    uploads = [upload for upload in uploads if upload]
    errors = []
    if already_attached + len(uploads) > max_count():
        errors.append(_("You can attach at most %(count)d files.") % {"count": max_count()})
    checked = []
    for upload in uploads:
        if upload.size > max_bytes():
            errors.append(
                _("“%(name)s” is larger than %(limit)s.") % {"name": upload.name, "limit": filesizeformat(max_bytes())}
            )
            continue
        if upload.size == 0:
            errors.append(_("“%(name)s” is empty.") % {"name": upload.name})
            continue
        detected = detect_type(upload)
        if detected is None:
            errors.append(
                _("“%(name)s” is not an image, PDF or office document (HWP, Word, Excel, PowerPoint).")
                % {"name": upload.name}
            )
            continue
        content_type, extension = detected
        checked.append(
            CheckedFile(
                upload=upload, content_type=content_type, extension=extension, size=upload.size, sha256=_sha256(upload)
            )
        )
    if errors:
        raise ValidationError({field: errors})
    return checked
