"""Bilingual fields of places."""

from modeltranslation.translator import TranslationOptions, register

from citypartners.places.models import Place


@register(Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name",)
