"""The in-memory cache of rendered form fragments (``ombudsman.fragments``)."""

from unittest import mock

from ombudsman import fragments


def test_renders_once_per_key_until_the_entry_expires():
    cache = fragments.FragmentCache(ttl=60)
    calls = []

    def render():
        calls.append(1)
        return f"html {len(calls)}"

    assert cache.get_or_render("a", render) == "html 1"
    assert cache.get_or_render("a", render) == "html 1"
    assert cache.get_or_render("b", render) == "html 2"
    with mock.patch.object(fragments.time, "monotonic", return_value=fragments.time.monotonic() + 61):
        assert cache.get_or_render("a", render) == "html 3"


def test_keeps_at_most_max_entries_least_recently_used_out_first():
    cache = fragments.FragmentCache(max_entries=2)
    cache.get_or_render("a", lambda: "a")
    cache.get_or_render("b", lambda: "b")
    cache.get_or_render("a", lambda: "a again")  # a is now the most recent
    cache.get_or_render("c", lambda: "c")
    assert len(cache) == 2
    assert cache.get_or_render("a", lambda: "a new") == "a"
    assert cache.get_or_render("b", lambda: "b new") == "b new"


def test_a_rendering_that_started_before_a_clear_is_not_kept():
    cache = fragments.FragmentCache()

    def render_during_a_change():
        cache.clear()
        return "stale"

    assert cache.get_or_render("a", render_during_a_change) == "stale"
    assert cache.get_or_render("a", lambda: "fresh") == "fresh"


def test_sign_in_does_not_empty_the_cache(db):
    fragments.case_filter_fields.get_or_render("k", lambda: "kept")
    fragments.clear_on_user_save(sender=None, update_fields=frozenset({"last_login"}))
    assert fragments.case_filter_fields.get_or_render("k", lambda: "new") == "kept"
    fragments.clear_on_user_save(sender=None, update_fields=None)
    assert fragments.case_filter_fields.get_or_render("k", lambda: "new") == "new"
