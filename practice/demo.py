"""The demo practice: a Los Angeles orthopedic group, its hours, articles and testimonials."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from practice.models import (
    Article,
    Closure,
    ModerationStatus,
    OpeningHours,
    Practice,
    Testimonial,
)

ARTICLES_DIR = Path(__file__).parent / "content" / "articles"

ABOUT = (
    "We are an orthopedic group in Los Angeles that sees runners, walkers and everyone else whose "
    "knees hurt. For runner's knee we start with what works best: a clear diagnosis, a plan for "
    "your training load and a guided exercise program, and we step up to injections, imaging or "
    "surgery only when they are needed."
)

TESTIMONIALS = [
    (
        "J. R.",
        "I could not run a mile without my kneecap aching. Eight weeks of the exercise plan "
        "and a slower build-up of my long runs, and I finished my first half marathon pain free.",
    ),
    (
        "A. M.",
        "The front desk called me back the same morning, and the doctor explained exactly "
        "why my knee hurt on the stairs. Clear advice, no pressure.",
    ),
    (
        "T. W.",
        "Seeing my pain diary next to my running log made it obvious what was flaring it up. "
        "Small changes, big difference.",
    ),
]

CLOSURES = [
    (date(2026, 11, 26), date(2026, 11, 27), "Thanksgiving"),
    (date(2026, 12, 24), date(2026, 12, 25), "Christmas"),
    (date(2027, 1, 1), date(2027, 1, 1), "New Year's Day"),
]


def parse_article(path: Path) -> dict[str, str]:
    """An article file: 'key: value' lines between '---' lines, then the Markdown body."""
    text = path.read_text(encoding="utf-8")
    _, header, body = text.split("---\n", 2)
    fields = dict(line.split(": ", 1) for line in header.strip().splitlines())
    fields["body"] = body.strip() + "\n"
    return fields


def load() -> Practice:
    practice, _ = Practice.objects.update_or_create(
        pk=Practice.objects.order_by("pk").values_list("pk", flat=True).first(),
        defaults={
            "name": "Los Angeles Orthopedic Group",
            "tagline": "Knee pain care that gets you moving again",
            "phone": "(888) 261-7506",
            "email": "frontdesk@example.com",
            "address": "Los Angeles, CA",
            "city": "Los Angeles",
            "timezone": "America/Los_Angeles",
            "about": ABOUT,
        },
    )
    practice.hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(practice=practice, weekday=day, opens=time(8), closes=time(17)) for day in range(5)
    )
    for start, end, reason in CLOSURES:
        Closure.objects.get_or_create(practice=practice, start=start, end=end, defaults={"reason": reason})
    for path in sorted(ARTICLES_DIR.glob("*.md")):
        fields = parse_article(path)
        Article.objects.update_or_create(
            slug=fields["slug"],
            defaults={
                "title": fields["title"],
                "summary": fields["summary"],
                "published": date.fromisoformat(fields["published"]),
                "tags": fields.get("tags", ""),
                "body": fields["body"],
                "is_published": True,
            },
        )
    for initials, text in TESTIMONIALS:
        Testimonial.objects.get_or_create(
            initials=initials, text=text, defaults={"consent": True, "status": ModerationStatus.APPROVED}
        )
    return practice
