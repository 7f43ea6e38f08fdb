"""Bilingual fields of activities."""

from modeltranslation.translator import TranslationOptions, register

from citypartners.activities.models import Activity


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")
