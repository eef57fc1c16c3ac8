"""A function a lower app needs from an app above it, supplied by that app at start-up.

The layers (docs/architecture.md) let an app import only the apps below it. Twice a page of a lower app
shows a fact a higher app owns: the /runs/ chart draws the diary pain (care), and the self-check result
says whether the patient already follows a care plan (care). The lower app declares what it needs as a
``Provided``; the higher app's ``AppConfig.ready`` supplies it. The dependency stays named, typed and
greppable, and a missing supplier is a start-up error, never a silent gap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

from django.core.exceptions import ImproperlyConfigured

P = ParamSpec("P")
R = TypeVar("R")


class Provided(Generic[P, R]):
    def __init__(self, what: str) -> None:
        self.what = what
        self._supplier: Callable[P, R] | None = None

    def provide(self, supplier: Callable[P, R]) -> None:
        self._supplier = supplier

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._supplier is None:
            raise ImproperlyConfigured(f"Nothing provides {self.what}: is the app that owns it in INSTALLED_APPS?")
        return self._supplier(*args, **kwargs)
