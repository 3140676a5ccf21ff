"""The portal's project package. The Celery app is loaded here so that ``@shared_task`` uses it."""

from humanrights_portal.celery import app as celery_app

__all__ = ("celery_app",)
