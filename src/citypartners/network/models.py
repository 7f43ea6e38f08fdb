"""Organisation and ContactPerson: who carries the partnerships; and what the public sends them.

Organisations (the Senate Chancellery's international office, GIZ, ministries, orchestras,
universities) take roles in partnerships and activities. Contact people belong to an
organisation and are shown to the public only with their recorded consent. The public can
write to a listed contact without learning their address (`ContactMessage`, kept only until
the worker has delivered it) and propose a project or event (`Proposal`), which editors
review; an accepted proposal becomes an unpublished Activity to be edited and published.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citypartners.core.dates import DateRange, InvalidPartialDate
from citypartners.core.fields import PartialDateField
from citypartners.core.i18n import current_language
from citypartners.core.models import TimeStampedModel
from citypartners.messaging.models import RelayedMessage
from citypartners.network.enums import OrganisationKind, ProposalStatus


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
    topics = models.ManyToManyField(
        "partnerships.Topic",
        blank=True,
        related_name="organisations",
        verbose_name=_("topics it works on"),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def name_language(self) -> str:
        """The language of the name shown on a page in the current language, for `lang`.

        Organisations have a name per language but no language of their own. A name is taken
        as German on the English site when the English name is empty (the German one is shown)
        or the same as the German one: German is the registry's first language, and names an
        editor or the ingestion did not translate are kept as written (docs/accessibility.md).
        On the German site the name is German unless only an English one exists.
        """
        german, english = self.name_de or "", self.name_en or ""
        if current_language() == "en":
            return "de" if german and (not english or english == german) else "en"
        return "en" if english and not german else "de"


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


class ContactMessage(RelayedMessage):
    """A message from the public to a contact person, held until the worker has sent it."""

    contact = models.ForeignKey(ContactPerson, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("subject"), max_length=150)

    class Meta(RelayedMessage.Meta):
        verbose_name = _("message to a contact")
        verbose_name_plural = _("messages to contacts")

    def __str__(self) -> str:
        return self.subject


class ProposalQuerySet(models.QuerySet):
    def to_review(self):
        return self.filter(status=ProposalStatus.SUBMITTED)


class Proposal(TimeStampedModel):
    """A project or event a stakeholder proposes to take under a partnership's umbrella."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    starts = PartialDateField(_("date"))
    ends = PartialDateField(_("until"))
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("partnership"),
    )
    topics = models.ManyToManyField(
        "partnerships.Topic", blank=True, related_name="proposals", verbose_name=_("topics")
    )
    organisation_name = models.CharField(_("organisation"), max_length=300)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    decision_note = models.TextField(_("message to the proposer"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    activity = models.OneToOneField(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
        verbose_name=_("activity created"),
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["status", "created_at"], name="proposal_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.SUBMITTED) | Q(decided_at__isnull=False),
                name="proposal_decision_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        try:
            DateRange(self.starts, self.ends if self.ends.is_known else None)
        except InvalidPartialDate as error:
            raise ValidationError({"ends": str(error)}) from error
