"""Static files storage of production: whitenoise's compressed, hashed manifest storage."""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hash and compress every file; rewrite references in CSS only.

    Django also rewrites ``//# sourceMappingURL`` comments in JavaScript, and stops
    ``collectstatic`` when the map is missing — as it is for the Redoc bundle of
    drf-spectacular-sidecar. Source maps only matter to developer tools, so JavaScript files are
    hashed but left as they are.
    """

    patterns = tuple(pattern for pattern in HashedFilesMixin.patterns if pattern[0] != "*.js")
