"""Bilingual fields of the newsletter: consent wording and the editions' texts."""

from modeltranslation.translator import TranslationOptions, register

from citypartners.newsletter.models import ConsentText, Edition, EditionSection


@register(ConsentText)
class ConsentTextTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("de", "en")


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("subject", "body")
    required_languages = {"de": ("subject",), "en": ("subject",)}


@register(EditionSection)
class EditionSectionTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("de", "en")
