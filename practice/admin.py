from __future__ import annotations

from datetime import time

from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from practice.models import Article, Closure, OpeningHours, Practice, Testimonial, Weekday


class OpeningHoursFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """Refuses two intervals of one weekday that overlap: the hours would read "7 to 12, 8 to 5"."""

    def clean(self) -> None:
        super().clean()
        seen: dict[int, list[tuple[time, time]]] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not all(data.get(k) is not None for k in ("weekday", "opens", "closes")):
                continue
            day, opens, closes = data["weekday"], data["opens"], data["closes"]
            if any(opens < other_closes and other_opens < closes for other_opens, other_closes in seen.get(day, [])):
                form.add_error("opens", f"These hours overlap other hours on {Weekday(day).label}: make one interval.")
            seen.setdefault(day, []).append((opens, closes))


class OpeningHoursInline(admin.TabularInline[OpeningHours, Practice]):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 0


class ClosureInline(admin.TabularInline[Closure, Practice]):
    model = Closure
    extra = 0


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin[Practice]):
    list_display = ("name", "phone", "timezone")
    inlines = [OpeningHoursInline, ClosureInline]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = ("title", "published", "is_published")
    prepopulated_fields = {"slug": ("title",)}
    search_fields = ("title", "summary", "tags")


@admin.register(Testimonial)
class TestimonialAdmin(admin.ModelAdmin[Testimonial]):
    list_display = ("initials", "status", "submitted_at")
    list_filter = ("status",)


# Contact requests are handled by the front desk on /staff/requests/, not in the admin (minimum necessary).
