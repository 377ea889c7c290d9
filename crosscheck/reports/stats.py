"""Item statistics from SQL sums, as Moodle's quiz statistics define them. Pure: no database.

For an item with score x in each of N attempts (0 when unanswered) and attempt totals X:
facility = mean(x) / max points; discrimination = 100 * correlation(x, X - x), the item against the rest
of the test. Both come from the sums N, Sx, Sxx, SxX, SX, SXX, so the database never ships a row per answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Below this discrimination index an item does not separate students who know the skill from those who do
# not (Moodle's guidance reads under 20 as weak, under 0 as a likely fault in the item or its key).
LOW_DISCRIMINATION = 20.0
# Variances this small are rounding noise: everyone scored the same, and the correlation is undefined.
_ZERO = 1e-12


@dataclass(frozen=True)
class ItemFigures:
    """Facility and discrimination of one item, in percent; None where the data cannot define them."""

    facility: float | None
    discrimination: float | None
    mean_points: float | None

    @property
    def low_discrimination(self) -> bool:
        """Flag the item for review when its discrimination index is known and below the threshold."""
        return self.discrimination is not None and self.discrimination < LOW_DISCRIMINATION


def item_figures(
    n: int,
    total: float,
    total_squared: float,
    points: float,
    points_squared: float,
    points_times_total: float,
    max_points: float,
) -> ItemFigures:
    """Facility and discrimination from the sums over N attempts (x: item points, X: attempt total)."""
    if n == 0:
        return ItemFigures(None, None, None)
    mean_x = points / n
    facility = 100.0 * mean_x / max_points if max_points else None
    if n < 2:
        return ItemFigures(facility, None, mean_x)
    rest = total - points  # sum over attempts of R = X - x
    rest_squared = total_squared - 2.0 * points_times_total + points_squared  # sum of (X - x)^2
    points_times_rest = points_times_total - points_squared  # sum of x * (X - x)
    mean_rest = rest / n
    variance_x = points_squared / n - mean_x**2
    variance_rest = rest_squared / n - mean_rest**2
    covariance = points_times_rest / n - mean_x * mean_rest
    if variance_x <= _ZERO or variance_rest <= _ZERO:
        return ItemFigures(facility, None, mean_x)
    return ItemFigures(facility, 100.0 * covariance / math.sqrt(variance_x * variance_rest), mean_x)
