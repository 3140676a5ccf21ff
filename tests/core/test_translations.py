"""The Korean catalogue covers every string the code marks for translation."""

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
SOURCE_DIRS = ["locale", "templates", "humanrights_portal", "plans", "ombudsman", "impact", "indicators"]


def untranslated(po_path: Path) -> list[str]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def test_committed_korean_catalogue_is_complete():
    assert untranslated(LOCALE / "ko" / "LC_MESSAGES" / "django.po") == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_every_marked_string_has_a_korean_translation(tmp_path, settings, monkeypatch):
    # makemessages writes next to the sources it scans, so scan a copy of them.
    project = tmp_path / "project"
    base = Path(settings.BASE_DIR)
    for name in SOURCE_DIRS:
        if (base / name).is_dir():
            shutil.copytree(base / name, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    settings.LOCALE_PATHS = [project / "locale"]
    monkeypatch.chdir(project)
    call_command("makemessages", locale=["ko"], no_obsolete=True, verbosity=0)
    assert untranslated(project / "locale" / "ko" / "LC_MESSAGES" / "django.po") == []
