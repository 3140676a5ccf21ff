from django.conf import settings
from django.utils.translation import get_language

from humanrights_portal.core import navigation, permissions


def portal(request):
    """Site identity and the navigation the current user may see."""
    english = (get_language() or "ko").startswith("en")
    user = getattr(request, "user", None)
    nav_is_staff = permissions.is_staff_member(user) if user is not None else False
    nav_is_administrator = permissions.is_administrator(user) if user is not None else False
    nav_public = navigation.items_for(user, "public")
    nav_staff = navigation.items_for(user, "staff")
    return {
        "portal_organisation": settings.PORTAL_ORGANISATION_EN if english else settings.PORTAL_ORGANISATION_KO,
        "portal_office_address": settings.PORTAL_OFFICE_ADDRESS,
        "portal_office_phone": settings.PORTAL_OFFICE_PHONE,
        "nav_is_staff": nav_is_staff,
        "nav_is_administrator": nav_is_administrator,
        "nav_public": nav_public,
        "nav_staff": nav_staff,
        # What the menu depends on: the layout renders it once per value ({% memo %}).
        "nav_key": (
            nav_is_staff,
            nav_is_administrator,
            tuple(item.url_name for item in nav_public),
            tuple(item.url_name for item in nav_staff),
        ),
    }
