"""How long a signed-in session lasts, and ending a person's other sessions.

Each real request a signed-in person makes records its time in their session (``ACTIVITY_KEY``, seconds
since the epoch). A practice role's session (clinician, front desk, administrator) ends
``STAFF_IDLE_MINUTES`` after the last real request; a patient's ``PATIENT_SESSION_DAYS`` after it. The
next request after that signs the person out and sends them to sign in with a plain message.

Background polls do not count as activity and extend nothing, or an open page would keep a session
alive for ever. htmx marks every request it makes with ``HX-Request: true`` and names the element that
made it in ``HX-Trigger`` (the element's id). The elements that poll on a timer (``hx-trigger="every
..."``) are listed by id in ``POLL_TRIGGERS``; a test reads every template and fails when a polling
element has no id or an id missing here, so a new poll cannot quietly keep sessions alive. The
marker can only be abused to make a request *not* count: a forged header shortens a session, never
lengthens it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib import import_module
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

#: Seconds since the epoch of the session's last real request.
ACTIVITY_KEY = "kneecap_last_activity"
#: Ids of the elements that poll on a timer: the open/closed line and the import progress.
POLL_TRIGGERS = frozenset({"hours-status", "import-progress"})
#: A patient's session is counted in days: their activity is written to the session at most this often.
PATIENT_WRITE_EVERY = timedelta(hours=1)
#: A staff session's cookie and row outlive its idle limit by this much, only so that the next request
#: (an open page's poll, or the person coming back) reaches kneecap, which ends it and says why. From
#: the idle limit on, this middleware refuses the session.
STAFF_NOTICE = timedelta(hours=12)
#: The session engines whose sessions are rows of django_session, which end_other_sessions reads.
DATABASE_ENGINES = frozenset({"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"})


def is_background_poll(request: HttpRequest) -> bool:
    """Whether REQUEST is an htmx poll on a timer rather than something the person did."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Trigger") in POLL_TRIGGERS


def idle_limit(works_at_practice: bool) -> timedelta:
    """How long a session may go without a real request."""
    if works_at_practice:
        return timedelta(minutes=settings.STAFF_IDLE_MINUTES)
    return timedelta(days=settings.PATIENT_SESSION_DAYS)


class SessionActivityMiddleware:
    """Ends idle sessions and records real activity; needs AuthenticationMiddleware and MessageMiddleware first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        staff = bool(getattr(user, "works_at_practice", False))
        limit = idle_limit(staff)
        now = time.time()
        last = request.session.get(ACTIVITY_KEY)
        # A session without a record (just signed in, or signed in before this was deployed) starts now.
        if isinstance(last, int | float) and now - last > limit.total_seconds():
            return self._signed_out(request, staff, limit)
        write_every = timedelta(0) if staff else PATIENT_WRITE_EVERY
        if not is_background_poll(request) and (
            not isinstance(last, int | float) or now - last >= write_every.total_seconds()
        ):
            request.session[ACTIVITY_KEY] = now
            # An absolute time: a later save of the session (a poll that adds a message) cannot extend it.
            lifetime = limit + (STAFF_NOTICE if staff else timedelta(0))
            request.session.set_expiry(datetime.fromtimestamp(now, tz=UTC) + lifetime)
        return self.get_response(request)

    def _signed_out(self, request: HttpRequest, staff: bool, limit: timedelta) -> HttpResponse:
        back_to = self._page(request)
        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)  # answered as anonymous: the API's own 401, in JSON
        if staff:
            minutes = int(limit.total_seconds() // 60)
            text = ngettext(
                "You were signed out after %(count)d minute without activity. Please sign in again.",
                "You were signed out after %(count)d minutes without activity. Please sign in again.",
                minutes,
            ) % {"count": minutes}
        else:
            text = ngettext(
                "You were signed out after %(count)d day without activity. Please sign in again.",
                "You were signed out after %(count)d days without activity. Please sign in again.",
                limit.days,
            ) % {"count": limit.days}
        messages.info(request, text)
        sign_in = redirect_to_login(back_to) if back_to else redirect(settings.LOGIN_URL)
        if request.headers.get("HX-Request") == "true":
            # A poll or an in-page update: the whole page goes, so no patient data stays on screen.
            return HttpResponseClientRedirect(sign_in["Location"])
        return sign_in

    @staticmethod
    def _page(request: HttpRequest) -> str | None:
        """The page to return to after signing in again: the page on screen, or this GET request."""
        if request.headers.get("HX-Request") == "true":
            parts = urlsplit(request.headers.get("HX-Current-URL", ""))
            page = parts.path + (f"?{parts.query}" if parts.query else "")
            same_site = url_has_allowed_host_and_scheme(
                request.headers.get("HX-Current-URL", ""), {request.get_host()}, request.is_secure()
            )
            return page if page and same_site else None
        return request.get_full_path() if request.method == "GET" else None


def end_other_sessions(request: HttpRequest) -> int:
    """End every session of the signed-in person except this request's; return how many ended.

    A Django session names its user only inside its signed data, so this reads the live rows of
    django_session and decodes each: complete (it also finds sessions signed in before this release,
    or through the admin) at the cost of reading every live session, once, when someone asks.
    """
    if settings.SESSION_ENGINE not in DATABASE_ENGINES:
        raise ImproperlyConfigured("Ending other sessions needs sessions in the database (SESSION_ENGINE)")
    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(request.user.pk)
    live = (
        Session.objects.filter(expire_date__gt=timezone.now())
        .exclude(session_key=request.session.session_key)
        .only("session_key", "session_data")
    )
    ended = 0
    for row in live.iterator(chunk_size=1000):
        if row.get_decoded().get(SESSION_KEY) == user_id:
            store(row.session_key).delete()  # through the engine, so cached_db forgets it too
            ended += 1
    return ended
