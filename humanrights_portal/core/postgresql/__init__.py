"""The portal's PostgreSQL backend (``DATABASES["default"]["ENGINE"]`` in production): see ``base``."""
