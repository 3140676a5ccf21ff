"""The portal's authentication backend: Django's ``ModelBackend`` with the user's roles in the same query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef


class PortalModelBackend(ModelBackend):
    """Passwords and permissions as Django's ``ModelBackend``. ``get_user``, which runs on every request
    with a session, also reads the names of the user's groups (their roles, ``core.roles``) in a subquery
    of the same statement, so the permission checks of the request (``User.role_names``) need no query.
    Sessions remember the backend's path: ones opened under Django's own ``ModelBackend`` sign in again once."""

    def get_user(self, user_id):
        user_model = get_user_model()
        roles = ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name"))
        user = user_model._default_manager.annotate(role_name_list=roles).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user._role_names = frozenset(user.role_name_list)
        return user
