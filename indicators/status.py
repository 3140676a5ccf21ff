"""The one rule that turns an indicator's verified measurements into its status.

Only verified yearly totals count (a value for the whole year and the whole population; a
quarterly or monthly indicator uses its latest verified period of the latest year). Then:

1. No verified value → **no data**.
2. The latest value meets the target in the indicator's direction (≥ target when higher is
   better, ≤ target when lower is better) → **achieved**, even before the target year.
3. Otherwise the value is compared with the straight path from the baseline (baseline value in
   the baseline year) to the target (target value in the target year), read at the latest
   value's year; from the target year on, the path is the target itself. A value at least as
   good as the path → **on track**; worse → **off track**.
4. Without a baseline, the first verified value and its year serve as the baseline. Without a
   target, nothing can be achieved: the value is on track when it is at least as good as the
   baseline, off track when it is worse.

docs/adr/0010-indicator-status.md explains the choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from indicators.models import Direction, IndicatorStatus


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal


def _at_least_as_good(value: Decimal, reference: Decimal, direction: str) -> bool:
    return value <= reference if direction == Direction.LOWER else value >= reference


def expected_value(*, baseline: Point, target: Point, year: int) -> Decimal:
    """The value on the straight path from baseline to target in ``year`` (the target from its year on)."""
    if year >= target.year or target.year <= baseline.year:
        return target.value
    if year <= baseline.year:
        return baseline.value
    share = Decimal(year - baseline.year) / Decimal(target.year - baseline.year)
    return baseline.value + (target.value - baseline.value) * share


def derive_status(
    *,
    direction: str,
    series: list[Point],
    baseline: Point | None,
    target: Point | None,
) -> str:
    """The status of an indicator from its verified yearly series (oldest first)."""
    if not series:
        return IndicatorStatus.NO_DATA
    latest = series[-1]
    if target is not None and _at_least_as_good(latest.value, target.value, direction):
        return IndicatorStatus.ACHIEVED
    baseline = baseline or series[0]
    if target is None:
        good = _at_least_as_good(latest.value, baseline.value, direction)
        return IndicatorStatus.ON_TRACK if good else IndicatorStatus.OFF_TRACK
    path = expected_value(baseline=baseline, target=target, year=latest.year)
    return IndicatorStatus.ON_TRACK if _at_least_as_good(latest.value, path, direction) else IndicatorStatus.OFF_TRACK
