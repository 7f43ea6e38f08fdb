"""Membership, Invitation and Submission: which editor works for which home.

An editor belongs to one or more homes (`Membership`): an editor of Reinickendorf edits
Reinickendorf's partnerships; an editor of the State of Berlin also those of every home below
it (its boroughs, through `Home.parent`). Accounts in the national group, administrators and
superusers are not members of anything: they edit everything (`editors.scope`).

A national reviewer invites a new home's first editor by e-mail (`Invitation`): the link holds
a random secret whose SHA-256 alone is stored (`messaging.link_secrets`, as the newsletter's
confirmation links); it is single-use and expires. What a home's
editors hand in (a source through the registration form, or an uploaded document) is recorded
as a `Submission`, so that they see the claims of their own documents, reviewers see who
submitted them, and the home hears of every decision by mail.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citypartners.editors.enums import MembershipRole, SubmissionChannel
from citypartners.messaging.link_secrets import LinkSecretQuerySet


class Membership(models.Model):
    """An account's role for a home (and the homes below it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="home_memberships",
        verbose_name=_("account"),
    )
    home = models.ForeignKey(
        "homes.Home", on_delete=models.CASCADE, related_name="memberships", verbose_name=_("home")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.EDITOR
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["home", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "home"], name="membership_unique_home"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.home} ({self.get_role_display()})"


class InvitationQuerySet(LinkSecretQuerySet):
    def accepted(self):
        return self.filter(accepted_at__isnull=False)


class Invitation(models.Model):
    """An e-mail invitation for a home's first editor: single use, expiring."""

    home = models.ForeignKey(
        "homes.Home", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("home")
    )
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("account created"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(sent_at__isnull=False),
                name="invitation_accepted_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.home}: {self.email}"


class Submission(models.Model):
    """A source a home's editor handed in (registration form or upload), for its review."""

    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("source"),
    )
    home = models.ForeignKey(
        "homes.Home", on_delete=models.CASCADE, related_name="submissions", verbose_name=_("home")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    channel = models.CharField(_("how"), max_length=10, choices=SubmissionChannel.choices)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    # The review's decisions up to this moment have been mailed to the home (one mail per
    # batch of decisions, `services.send_review_decisions`).
    decisions_mailed_at = models.DateTimeField(_("decisions mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["source", "home"], name="submission_unique_home"),
        ]

    def __str__(self) -> str:
        return f"{self.home}: {self.source}"
