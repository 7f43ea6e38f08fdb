"""Organisation and ContactPerson: who carries the partnerships.

Organisations (the Senate Chancellery's international office, GIZ, ministries, orchestras,
universities) take roles in partnerships and activities. Contact people belong to an
organisation and are shown to the public only with their recorded consent.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from citypartners.core.fields import PartialDateField
from citypartners.core.models import TimeStampedModel
from citypartners.network.enums import OrganisationKind


class Organisation(TimeStampedModel):
    """An institution active in one or more partnerships."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    founded_on = PartialDateField(_("founded"))
    description = models.TextField(_("description"), blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="organisations")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class ContactPersonQuerySet(models.QuerySet):
    def public(self):
        """Only people who agreed to be shown."""
        return self.filter(has_consent=True)


class ContactPerson(TimeStampedModel):
    """A named person to contact; public only with consent."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    partnerships = models.ManyToManyField(
        "partnerships.Partnership", blank=True, related_name="contacts"
    )
    topics = models.ManyToManyField("partnerships.Topic", blank=True, related_name="contacts")
    has_consent = models.BooleanField(_("agreed to be shown publicly"), default=False)
    consent_recorded_at = models.DateTimeField(_("consent recorded"), null=True, blank=True)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(has_consent=False) | models.Q(consent_recorded_at__isnull=False),
                name="contact_consent_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.name
