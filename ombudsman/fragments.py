"""Rendered HTML fragments kept in the worker's memory, for the parts of staff pages that rarely change.

The case list's filter form (a dozen fields, long option lists of handlers, rights and groups) costs
more to render than the rest of the page; its HTML depends only on the language, the role (whether the
handler filter is shown), the filters in the query string (the selected options) and reference data.
Likewise the blank action forms of the case page depend only on the language, the case's status, its
handler (the selected option of the handler list) and the recommendation they belong to. So each is
rendered once per such key and reused:

* in memory, per process (the default cache is the database: a query per hit would cost what the
  rendering saves);
* bounded (``MAX_ENTRIES``, least recently used out first) and short-lived (``TTL_SECONDS``), so a
  change made through another worker, or by a bulk update that sends no signal, shows within a minute;
* emptied at once in this process when a user, a role membership, a right or a group is saved or deleted
  (``ombudsman.apps``), which covers every change made through the portal's own forms and services.

The count of overdue cases shown above the case list is kept the same way for ``COUNT_TTL_SECONDS``
(``overdue_counts``; a COUNT over every open case on each page view otherwise), and forgotten in this
process whenever a case is saved here.

Only forms without errors are cached: invalid filters, or an action form that failed, are rendered
each time, with their errors and what was typed. No fragment holds a CSRF token or anything personal.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_ENTRIES = 256
TTL_SECONDS = 60.0
COUNT_TTL_SECONDS = 30.0


class FragmentCache:
    def __init__(self, *, max_entries: int = MAX_ENTRIES, ttl: float = TTL_SECONDS) -> None:
        self.max_entries = max_entries
        self.ttl = ttl
        self._entries: OrderedDict[Hashable, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0  # bumped by clear(): a rendering that started before is not stored

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] > now:
                self._entries.move_to_end(key)
                return entry[1]
            generation = self._generation
        html = render()
        with self._lock:
            if generation != self._generation:
                return html
            self._entries[key] = (now + self.ttl, html)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return html

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


#: The case list's filter fields (``ombudsman/partials/_case_filter_fields.html``).
case_filter_fields = FragmentCache()
#: The blank action forms of the case page (``ombudsman/partials/_case_action_fields.html``).
case_action_fields = FragmentCache()
#: The number of overdue cases, per day (``selectors.overdue_count``).
overdue_counts = FragmentCache(max_entries=4, ttl=COUNT_TTL_SECONDS)


def clear_all(**_kwargs) -> None:
    """Signal receiver: reference data or users changed."""
    case_filter_fields.clear()
    case_action_fields.clear()
    overdue_counts.clear()


def clear_counts(**_kwargs) -> None:
    """Signal receiver: a case was saved or deleted in this process."""
    overdue_counts.clear()


def clear_on_user_save(sender, instance=None, update_fields=None, **_kwargs) -> None:
    """A sign-in only stamps ``last_login``, which no fragment shows."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    clear_all()
