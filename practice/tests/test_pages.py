from __future__ import annotations

import re

import pytest

from practice.models import Article

pytestmark = pytest.mark.django_db


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).lower()


def test_every_page_has_the_practice_header(client, practice):
    html = client.get("/").content.decode()
    assert "Los Angeles Orthopedic Group" in html
    assert 'href="tel:+18882617506"' in html
    assert 'id="hours-status"' in html
    assert re.search(r"(Open now until 5:00 PM|Closed[^<]*opens [^<]* at 8:00 AM)", html)


def test_home_shows_what_the_practice_does_testimonials_articles_and_a_call_to_action(client, practice):
    response = client.get("/")
    page = text_of(response)
    assert "runner's knee in short" in page or "runner&#x27;s knee in short" in page
    assert len(response.context["testimonials"]) == 3
    assert len(response.context["articles"]) >= 3
    assert "ask for an appointment" in page
    assert "/contact/" in response.content.decode()


CONDITION_FACTS = [
    # definition
    "patellofemoral", "kneecap", "thighbone",
    # causes
    "jump", "plyometric", "lunges", "fall", "blow", "misalign", "thigh muscles", "hamstrings", "cartilage",
    "flat feet", "arches", "pronation",
    # symptoms
    "stand up", "stairs", "hills", "give", "tender",
    # diagnosis
    "physical exam", "imaging", "x-ray", "arthroscopy", "camera",
    # treatment ladder
    "rest", "15", "20 minutes", "3", "4 days", "elastic", "elevat", "arch supports", "stretch",
    "aspirin", "ibuprofen", "naproxen", "corticosteroid", "inject", "surgery", "cartilage", "position",
    # prevention
    "quadriceps", "calves", "gradual", "shoes", "smooth", "even surfaces", "break", "doctor",
    # evidence and safety
    "squat", "hip", "exercise", "load", "orthoses", "taping", "cadence", "ottawa", "911",
    "locks", "pharmacist", "pregnan", "65", "children", "sources", "willy", "crossley",
]  # fmt: skip


def test_condition_page_carries_every_fact_of_the_brief(client, practice):
    response = client.get("/runners-knee/")
    assert response.status_code == 200
    page = text_of(response)
    missing = [fact for fact in CONDITION_FACTS if fact not in page]
    assert missing == []


def test_condition_page_lists_related_articles(client, practice):
    response = client.get("/runners-knee/")
    for article in Article.objects.all()[:3]:
        assert f"/articles/{article.slug}/" in response.content.decode()


def test_articles_list_and_detail(client, practice):
    assert Article.objects.count() >= 4
    listing = client.get("/articles/")
    assert listing.status_code == 200
    for article in Article.objects.all():
        assert article.title in listing.content.decode()
        detail = client.get(f"/articles/{article.slug}/")
        assert detail.status_code == 200
        assert "sources" in text_of(detail)


def test_article_markdown_is_rendered_and_sanitised(client, practice):
    Article.objects.create(
        title="Unsafe",
        slug="unsafe",
        summary="s",
        body="## Heading\n\n<script>alert(1)</script> **bold** [x](javascript:alert(1))",
    )
    html = client.get("/articles/unsafe/").content.decode()
    assert "<h2" in html and "<strong>bold</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:" not in html


def test_articles_filter_by_tag(client, practice):
    Article.objects.create(title="Tagged", slug="tagged", summary="s", body="b", tags="zebra")
    response = client.get("/articles/", {"tag": "zebra"})
    assert [a.slug for a in response.context["articles"]] == ["tagged"]


def test_unknown_slug_is_a_styled_404(client, practice):
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_unpublished_articles_are_hidden(client, practice):
    Article.objects.create(title="Draft", slug="draft", summary="s", body="b", is_published=False)
    assert client.get("/articles/draft/").status_code == 404


def test_security_headers_on_every_response(client, practice):
    for url in ("/", "/contact/", "/articles/", "/no-such-page/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'"
        assert "unsafe-inline" not in directives["style-src"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts_or_handlers(client, practice):
    for url in ("/", "/runners-knee/", "/contact/", "/testimonials/new/", "/articles/"):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son(click|load|submit|change)=", html), url
        assert "style=" not in html, url


def test_accessible_landmarks_and_skip_link(client, practice):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html and '<main id="main"' in html
    assert '<nav class="wrap site-nav" aria-label="Main">' in html
    assert '<html lang="en">' in html


def test_hours_status_fragment_for_htmx_polling(client, practice):
    response = client.get("/hours/status/")
    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<span id="hours-status"')


def test_production_mode_sets_hsts_and_secure_cookies():
    import os
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "x.example",
           "DJANGO_SETTINGS_MODULE": "kneecap.settings"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["31536000", "True", "True"]


def _help_sections(html):
    """The list items of each 'when to get help' callout, by the id of its heading."""
    sections = {}
    for anchor in ("help-emergency", "help-urgent", "help-review"):
        start = html.index(f'id="{anchor}"')
        end = html.index("</div>", start)
        sections[anchor] = set(" ".join(re.findall(r'data-flag="([^"]+)"', html[start:end])).split())
    return sections


def test_every_red_flag_of_the_self_check_is_explained_at_its_level_on_the_condition_page(client, practice):
    from assessments import triage

    sections = _help_sections(client.get("/runners-knee/").content.decode())
    anchor = {
        triage.Level.EMERGENCY: "help-emergency",
        triage.Level.URGENT: "help-urgent",
        triage.Level.SEE_CLINICIAN: "help-review",
    }
    missing = [code for code, level in triage.FLAG_LEVEL.items() if code not in sections[anchor[level]]]
    assert missing == []
    # The combinations and age rules that raise a flag above its own level are explained there too.
    assert "recent_knee_surgery_or_injection" in sections["help-emergency"]
    assert "hip_groin_thigh_pain" in sections["help-urgent"]
    assert "cannot_bear_weight" in sections["help-emergency"]


def test_the_condition_page_gives_the_time_frame_of_each_level(client, practice):
    page = text_of(client.get("/runners-knee/"))
    assert "emergency: now, call 911 or go to an emergency room" in page
    assert "urgent: today or tomorrow, call us now, or go to an urgent care center when we are closed" in page
    assert "book a visit in the next 1 to 2 weeks" in page
    assert "within a few days" not in page
