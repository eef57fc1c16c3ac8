"""Display helpers for running numbers: metres as km, seconds as h:mm:ss, shares as percent."""

from __future__ import annotations

from django import template

register = template.Library()
EMPTY = "\u2013"  # an en dash for "no value"


@register.filter
def km(metres: float | None, digits: int = 1) -> str:
    if metres is None:
        return EMPTY
    return f"{metres / 1000:,.{digits}f}"


@register.filter
def duration(seconds: float | None) -> str:
    if seconds is None:
        return EMPTY
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def pace(seconds_per_km: float | None) -> str:
    if not seconds_per_km:
        return EMPTY
    minutes, secs = divmod(round(seconds_per_km), 60)
    return f"{minutes}:{secs:02d} /km"


@register.filter
def percent(share: float | None) -> str:
    if share is None:
        return EMPTY
    return f"{share * 100:.0f}%"


@register.filter
def signed(value: float | None) -> str:
    if value is None:
        return EMPTY
    return f"{value:+.0f}%"
