"""Bilingual fields of partnerships, topics, milestones and the programme."""

from modeltranslation.translator import TranslationOptions, register

from citypartners.partnerships.models import (
    Milestone,
    Partnership,
    PartnershipOrganisation,
    Programme,
    StatusChange,
    Topic,
)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("name", "summary", "description")


@register(StatusChange)
class StatusChangeTranslation(TranslationOptions):
    fields = ("note",)


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title", "description")


@register(PartnershipOrganisation)
class PartnershipOrganisationTranslation(TranslationOptions):
    fields = ("role",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "boroughs_note")
