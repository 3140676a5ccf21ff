"""The portal's authentication backend: Django's ``ModelBackend`` with the user's roles in the same query,
and the signed-in user kept in the shared cache between requests.

``get_user`` runs on every request with a session. It reads the user and the names of their groups (their
roles, ``core.roles``) in one statement, so the permission checks of the request (``User.role_names``)
need no query. With ``PORTAL_USER_CACHE_SECONDS`` (on when the cache is Redis) that row is kept in the cache
and the next requests read it from there. Any change that matters deletes it at once (``forget_user``,
wired in ``core.signals``): the user saved (password, active flag, last login …) or deleted, their groups
changed from either side, a group renamed or deleted. The time limit only bounds the one race left: a
request that read the row just before a change committed and stores it just after.

Sessions remember the backend's path: ones opened under Django's own ``ModelBackend`` sign in again once.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef

USER_CACHE_KEY = "core.auth-user:{}"


def forget_user(*user_ids) -> None:
    """Drop cached users now and again once the current transaction commits (a request in between may
    have stored the old row)."""
    keys = [USER_CACHE_KEY.format(user_id) for user_id in user_ids if user_id is not None]
    if not keys or not settings.PORTAL_USER_CACHE_SECONDS:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


class PortalModelBackend(ModelBackend):
    """Passwords and permissions as Django's ``ModelBackend``; ``get_user`` as the module says."""

    def get_user(self, user_id):
        seconds = settings.PORTAL_USER_CACHE_SECONDS
        user = cache.get(USER_CACHE_KEY.format(user_id)) if seconds else None
        if user is None:
            user = self._load_user(user_id)
            if user is not None and seconds:
                cache.set(USER_CACHE_KEY.format(user_id), user, seconds)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user

    def _load_user(self, user_id):
        roles = ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name"))
        user = get_user_model()._default_manager.annotate(role_name_list=roles).filter(pk=user_id).first()
        if user is not None:
            user._role_names = frozenset(user.role_name_list)
        return user
