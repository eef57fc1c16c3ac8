from __future__ import annotations

from django.contrib import admin

from practice.models import Article, Closure, ContactRequest, OpeningHours, Practice, Testimonial


class OpeningHoursInline(admin.TabularInline[OpeningHours, Practice]):
    model = OpeningHours
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


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin[ContactRequest]):
    list_display = ("reference", "name", "reason", "status", "created_at")
    list_filter = ("status", "reason")
    search_fields = ("reference", "name", "email", "phone")
