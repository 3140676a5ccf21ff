"""Menu entries contributed by the apps.

An app registers its entries in ``AppConfig.ready()``; the context processor shows
each entry to the users its predicate admits, so the menu never links to a page
the visitor may not open.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible_to: Callable[[object], bool]
    audience: str  # "public" or "staff"
    description: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _items):
        _items.append(item)


def items_for(user, audience: str) -> list[NavItem]:
    return [item for item in _items if item.audience == audience and item.visible_to(user)]
