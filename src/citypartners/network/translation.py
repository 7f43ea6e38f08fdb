"""Bilingual fields of organisations and contacts."""

from modeltranslation.translator import TranslationOptions, register

from citypartners.network.models import ContactPerson, Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "unit", "description")


@register(ContactPerson)
class ContactPersonTranslation(TranslationOptions):
    fields = ("role",)
