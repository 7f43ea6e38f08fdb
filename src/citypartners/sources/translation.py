"""Bilingual fields of sources: our note on a source is written in both languages."""

from modeltranslation.translator import TranslationOptions, register

from citypartners.sources.models import Source


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("note",)
