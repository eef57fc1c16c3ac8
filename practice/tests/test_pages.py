from __future__ import annotations

import html
import re

import pytest

from practice.medicine_advice import NSAID_ADVICE
from practice.models import Article

pytestmark = pytest.mark.django_db


def text_of(response):
    markup = response.content.decode()
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))).lower()


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
    # injections and surgery: what the evidence says, with its sources
    "the evidence does not support corticosteroid injections for runner's knee",
    "arthroscopy added to exercise did no better than exercise alone", "after 5 years",
    "a surgeon may still discuss it for other findings", "kettunen 2007", "kettunen 2012", "heintjes 2004",
    # NSAID cautions, complete
    "ever had a reaction", "asthma", "stomach ulcer", "bleeding from the stomach", "crohn's disease",
    "ulcerative colitis", "inflammatory bowel disease", "kidney disease", "liver disease", "heart disease",
    "high blood pressure", "stroke", "blood thinner", "ssris", "ace inhibitors", "diuretics", "breastfeeding",
    "trying to get pregnant", "over 65", "under 18", "reye's syndrome", "before or during a long run or a race",
    "kidney injury", "lipman 2017", "we never suggest a dose",
]  # fmt: skip


def test_condition_page_carries_every_fact_of_the_brief(client, practice):
    response = client.get("/runners-knee/")
    assert response.status_code == 200
    page = text_of(response)
    missing = [fact for fact in CONDITION_FACTS if fact not in page]
    assert missing == []


def test_condition_page_says_plainly_what_the_evidence_says_of_injections_and_surgery(client, practice):
    page = text_of(client.get("/runners-knee/"))
    step_2 = page.split("step 2: if the pain persists")[1].split("step 3:")[0]
    step_3 = page.split("step 3: if it still does not ease")[1].split("the treatment with the best evidence")[0]
    # The practice's own ladder is still stated, each step next to what the research says of it.
    assert "corticosteroid injections" in step_2 and "the evidence does not support" in step_2
    assert "remove or replace damaged cartilage" in step_3 and "kneecap back into its correct position" in step_3
    assert "arthroscopy (keyhole surgery) to a home exercise program did no better" in step_3
    assert "kettunen 2007" in step_3 and "kettunen 2012" in step_3


def test_every_citation_on_the_condition_page_is_in_its_sources_list(client, practice):
    markup = client.get("/runners-knee/").content.decode()
    sources = markup.split('id="sources"')[1]
    cited = set(re.findall(r'href="#(ref-[a-z0-9-]+)"', markup))
    listed = set(re.findall(r'<li id="(ref-[a-z0-9-]+)"', sources))
    assert {"ref-kettunen-2007", "ref-kettunen-2012", "ref-heintjes-2004"} <= cited
    assert cited - listed == set()
    assert "BMC Med</cite>. 2007;5:38" in sources
    assert "Br J Sports Med</cite>. 2012;46(4):243-246" in sources


def test_the_new_statements_on_injections_and_surgery_are_marked_for_translation(
    client, practice, marked_for_translation
):
    opening, closing = marked_for_translation
    page = text_of(client.get("/runners-knee/"))
    marked = " | ".join(re.findall(re.escape(opening) + "(.*?)" + re.escape(closing), page))
    for statement in (
        "the evidence does not support corticosteroid injections for runner's knee itself",
        "surgery is not a shortcut for runner's knee itself",
        "medicines, injections and surgery",
        "arthroscopy added to exercise did no better than exercise alone",
        "a review of drug treatments found no trial good enough",
    ):
        assert statement in marked, statement
    # Text that was there before is not marked: the project marks its new strings only.
    assert "rest the knee" not in marked


def nsaid_callout(response):
    markup = response.content.decode()
    start = markup.index('<section class="callout warn" aria-labelledby="nsaids">')
    return markup[start : markup.index("</section>", start)]


def test_the_nsaid_callout_states_every_caution_once_and_never_a_dose(client, practice):
    callout = html.unescape(nsaid_callout(client.get("/runners-knee/")))
    advice = NSAID_ADVICE
    assert len(advice.do_not) == 3 and len(advice.ask_first) == 8
    for item in (*advice.do_not, *advice.ask_first):
        assert callout.count(f"<li>{item}</li>") == 1, item
    assert "Do not take:" in callout and "Ask a doctor or pharmacist first if:" in callout
    assert not re.search(r"\d\s*(mg|milligram)", callout, re.IGNORECASE)
    assert 'href="#ref-lipman-2017"' in callout and 'href="#ref-nhs-ibuprofen"' in callout


def test_the_research_section_gives_the_kidney_injury_trial_with_its_uncertainty(client, practice):
    page = text_of(client.get("/runners-knee/"))
    evidence = page.split("what the research says")[-1]
    assert "52% of those who took ibuprofen" in evidence and "34%" in evidence
    assert "could be due to chance" in evidence
    sources = client.get("/runners-knee/").content.decode().split('id="sources"')[1]
    assert "<cite>Emerg Med J</cite>. 2017;34(10):637-642" in sources


def test_the_nsaid_cautions_are_marked_for_translation(client, practice, marked_for_translation):
    opening, closing = marked_for_translation
    callout = html.unescape(nsaid_callout(client.get("/runners-knee/")))
    for item in (*NSAID_ADVICE.do_not, *NSAID_ADVICE.ask_first):
        text = str(item)
        assert text.startswith(opening) and text.endswith(closing)
        assert f"<li>{text}</li>" in callout
    assert f"{opening}Do not take:{closing}" in callout


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
    from assessments import questions

    sections = _help_sections(client.get("/runners-knee/").content.decode())
    anchor = {
        questions.Level.EMERGENCY: "help-emergency",
        questions.Level.URGENT: "help-urgent",
        questions.Level.SEE_CLINICIAN: "help-review",
    }
    missing = [code for code, level in questions.FLAG_LEVEL.items() if code not in sections[anchor[level]]]
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
