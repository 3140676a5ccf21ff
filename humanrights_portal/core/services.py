"""Writes of the shared kernel: audit records, the personal-data access log, accounts.

Every write service of every app calls :func:`audit_record` inside its own
transaction (docs/adr/0003-audit-trail.md).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import HttpRequest

from humanrights_portal.core.http import client_ip
from humanrights_portal.core.models import AuditEvent, Department, PersonalDataAccess, User
from humanrights_portal.core.roles import Role


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(item) for item in value]
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_event(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """The audit row of one write, not saved yet: :func:`audit_record` saves it, and a service that writes its
    rows in one batch (``core.inserts.insert_rows``) passes it with them. ``target`` must have its key."""
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent(
        actor=actor,
        actor_label=(actor.get_username() if actor else "anonymous")[:150],
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        changes=_json_safe(changes or {}),
        reason=reason,
        ip_address=client_ip(request),
    )


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Record one write. Call it inside the transaction of the change it describes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")
    event = audit_event(actor=actor, action=action, target=target, changes=changes, reason=reason, request=request)
    event.save(force_insert=True)
    return event


def model_changes(instance: models.Model, data: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields of ``data`` whose values differ from ``instance``."""
    changes = {}
    for field, new in data.items():
        old = getattr(instance, field)
        if old != new:
            changes[field] = [_json_safe(old), _json_safe(new)]
    return changes


def personal_data_access_record(
    *,
    actor: User,
    subject: models.Model,
    fields: list[str],
    purpose: str = "",
    request: HttpRequest | None = None,
) -> PersonalDataAccess:
    """Log that ``actor`` saw ``fields`` of someone's personal data in ``subject``.

    One INSERT, atomic on its own or part of the caller's transaction: no ``atomic`` block of its own, which
    would add BEGIN and COMMIT (or a savepoint) around it on every page that shows personal data.
    """
    access = PersonalDataAccess(
        actor=actor,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        subject_repr=str(subject)[:200],
        fields=sorted(fields),
        purpose=purpose[:200],
        ip_address=client_ip(request),
    )
    # Every value comes from the server's own objects, so no full_clean(): it would cost two
    # foreign-key look-ups on each page that shows personal data.
    access.save()
    return access


@transaction.atomic
def user_change_password(*, user: User, new_password: str, request: HttpRequest | None = None) -> User:
    """Set a new password (already validated by the form) and audit it without the secret."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action="user.change_password", target=user, request=request)
    return user


@transaction.atomic
def department_upsert(
    *,
    code: str,
    name_ko: str,
    name_en: str = "",
    kind: str = Department.Kind.BUREAU,
    is_human_rights_office: bool = False,
    sort_order: int = 0,
    actor: User | None = None,
) -> Department:
    """Create or update a department by its code (used by seeding and administration)."""
    data = {
        "name_ko": name_ko,
        "name_en": name_en,
        "kind": kind,
        "is_human_rights_office": is_human_rights_office,
        "sort_order": sort_order,
    }
    department = Department.objects.filter(code=code).first()
    if department is None:
        department = Department(code=code, **data)
        department.full_clean()
        department.save()
        audit_record(actor=actor, action="department.create", target=department, changes=data)
        return department
    changes = model_changes(department, data)
    if changes:
        for field, value in data.items():
            setattr(department, field, value)
        department.full_clean()
        department.save()
        audit_record(actor=actor, action="department.update", target=department, changes=changes)
    return department


@transaction.atomic
def staff_user_upsert(
    *,
    username: str,
    password: str,
    roles: list[Role],
    display_name: str = "",
    email: str = "",
    department: Department | None = None,
    is_superuser: bool = False,
    actor: User | None = None,
) -> User:
    """Create a staff account, or bring an existing one to exactly these roles, department and password."""
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username)
    wanted = {
        "display_name": display_name,
        "email": email,
        "department": department,
        "is_superuser": is_superuser,
        "is_staff": is_superuser,
        "is_active": True,
    }
    changes = {} if created else model_changes(user, wanted)
    role_names = sorted(role.value for role in roles)
    if created or sorted(user.groups.values_list("name", flat=True)) != role_names:
        changes["roles"] = role_names
    password_changed = created or not user.check_password(password)
    if not created and not changes and not password_changed:
        return user
    for field, value in wanted.items():
        setattr(user, field, value)
    if password_changed:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(Group.objects.filter(name__in=role_names))
    if password_changed and not created:
        changes["password"] = "reset"  # noqa: S105 - a marker, not a secret
    audit_record(
        actor=actor,
        action="user.create" if created else "user.update",
        target=user,
        changes=changes if not created else {**wanted, "roles": role_names},
    )
    return user
