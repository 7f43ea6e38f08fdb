"""The back office's ingestion: upload a document, review each claim in context, see disagreements.

The views call the same services as `citypartners ingest` (`ingest.services`), so a document
uploaded here is stored and compared exactly as on the command line.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KT
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_tasks_db.models import DBTaskResult
from reversion.admin import VersionAdmin

from citypartners.backoffice.claims import claim_sentence, claim_views
from citypartners.backoffice.scoping import ScopedAdmin
from citypartners.core.i18n import current_language
from citypartners.editors.scope import claims_in, decidable_claims, home_filter, scope_of
from citypartners.homes.models import Home
from citypartners.ingest.disagreements import find_disagreements
from citypartners.ingest.services import (
    INGEST_UPLOAD_TASK,
    accept_claim,
    accept_confirming_claims,
    queue_upload,
    reject_claim,
)
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place
from citypartners.sources.enums import Comparison, ReviewStatus
from citypartners.sources.models import Claim, Source


class UploadForm(forms.Form):
    document = forms.FileField(label=_("Document (text, HTML or PDF)"))
    home = forms.CharField(
        label=_("Home city"),
        required=False,
        help_text=_("Only when the text does not make it clear."),
    )

    def __init__(self, *args, homes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if homes is not None:
            # An editor of some homes submits for one of them: its reviewers see who sent it.
            self.fields["home"] = forms.ModelChoiceField(
                queryset=homes,
                label=_("For the home"),
                help_text=_("The document is submitted for this home; a reviewer decides."),
            )

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > settings.CITYPARTNERS_INGEST_MAX_BYTES:
            limit = settings.CITYPARTNERS_INGEST_MAX_BYTES // (1024 * 1024)
            raise ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit})
        return document


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("reject", _("Reject"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason for rejecting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.select_related("home", "partner"),
        required=False,
        label=_("Partnership (for an event)"),
    )


class ClaimAdmin(ScopedAdmin, VersionAdmin):
    list_display = ("claim", "source", "comparison", "review_status", "review_link")
    list_filter = ("review_status", "comparison", "property", "source")
    search_fields = ("subject", "evidence_text", "source__title", "comparison_note")
    readonly_fields = (
        "source",
        "subject",
        "property",
        "value",
        "evidence_start",
        "evidence_end",
        "evidence_text",
        "comparison",
        "comparison_note",
        "review_status",
        "reviewed_by",
        "reviewed_at",
        "rejection_reason",
    )
    change_list_template = "backoffice/claim_changelist.html"

    def has_add_permission(self, request):
        return False

    def scope_rows(self, queryset, scope):
        return claims_in(scope, queryset)

    def get_queryset(self, request):
        home_name = Place.objects.filter(slug=OuterRef("home_slug")).values(
            f"name_{current_language()}"
        )[:1]
        return (
            super()
            .get_queryset(request)
            .select_related("source")
            .annotate(home_slug=KT("value__home"))
            .annotate(home_name=Subquery(home_name))
        )

    @admin.display(description=_("Claim"))
    def claim(self, claim: Claim) -> str:
        return claim_sentence(claim, getattr(claim, "home_name", "") or "")

    @admin.display(description=_("Review"))
    def review_link(self, claim: Claim):
        if claim.review_status != ReviewStatus.PENDING:
            return claim.get_review_status_display()
        return format_html(
            '<a href="{}#claim-{}">{}</a>',
            reverse("admin:sources_claim_review_source", args=[claim.source_id]),
            claim.pk,
            _("Review"),
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="sources_claim_upload"),
            path(
                "upload/<uuid:task_id>/",
                wrap(self.upload_status_view),
                name="sources_claim_upload_status",
            ),
            path(
                "disagreements/", wrap(self.disagreements_view), name="sources_claim_disagreements"
            ),
            path("<int:pk>/review/", wrap(self.review_view), name="sources_claim_review"),
            path(
                "source/<int:source_pk>/",
                wrap(self.review_source_view),
                name="sources_claim_review_source",
            ),
            path(
                "source/<int:source_pk>/accept-confirming/",
                wrap(require_POST(self.accept_confirming_view)),
                name="sources_claim_accept_confirming",
            ),
            *super().get_urls(),
        ]

    def _context(self, request, title: str, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    def upload_view(self, request):
        if not request.user.has_perm("sources.add_claim"):
            raise PermissionDenied
        scope = scope_of(request.user)
        homes = None
        if not scope.keeps_shared:  # the default home's office ingests as it always did
            homes = Home.objects.filter(pk__in=scope.home_ids).select_related("place")
        form = UploadForm(request.POST or None, request.FILES or None, homes=homes)
        if request.method == "POST" and form.is_valid():
            document = form.cleaned_data["document"]
            home = form.cleaned_data["home"]
            submitted_for = home.pk if isinstance(home, Home) else None
            # Ingested by a worker, not in this request; the editor follows it on a status page.
            task_id = queue_upload(
                data=document.read(),
                name=document.name,
                home=(home.place.name_en or home.slug) if submitted_for else home or None,
                max_bytes=settings.CITYPARTNERS_INGEST_MAX_BYTES,
                submitted_for=submitted_for,
                submitted_by=request.user.pk,
            )
            return redirect(reverse("admin:sources_claim_upload_status", args=[task_id]))
        return TemplateResponse(
            request,
            "backoffice/claim_upload.html",
            self._context(request, _("Ingest a document"), form=form),
        )

    def upload_status_view(self, request, task_id):
        """Where an uploaded document's ingestion is: queued, running, done (with the claims) or
        refused (with the reason); the page reloads itself until the worker is done."""
        if not request.user.has_perm("sources.add_claim"):
            raise PermissionDenied
        result = DBTaskResult.objects.filter(pk=task_id, task_path=INGEST_UPLOAD_TASK).first()
        if result is None:
            raise Http404
        submitter = result.args_kwargs["kwargs"].get("submitted_by")
        if not scope_of(request.user).keeps_shared and submitter != request.user.pk:
            raise PermissionDenied  # a home's editors follow their own uploads only
        outcome = result.return_value or {}
        context = {
            "status": result.status,
            "finished": result.status in {"SUCCESSFUL", "FAILED"},
            "outcome": outcome,
            "name": result.args_kwargs["kwargs"].get("name", ""),
        }
        if outcome.get("source"):
            # the document's claims read as sentences beside the registry, as after an upload
            context["review_url"] = reverse(
                "admin:sources_claim_review_source", args=[outcome["source"]]
            )
        return TemplateResponse(
            request,
            "backoffice/claim_upload_status.html",
            self._context(request, _("Ingesting a document"), **context),
        )

    def review_view(self, request, pk: int):
        if not request.user.has_perm("sources.change_claim"):
            raise PermissionDenied
        claim = get_object_or_404(Claim.objects.select_related("source"), pk=pk)
        if claim.pk not in decidable_claims(request.user, [claim]):
            raise PermissionDenied  # outside the reviewer's homes
        form = ReviewForm(request.POST or None)
        form.fields["partnership"].queryset = self._partnerships_for(request)
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["decision"] == "accept":
                    accept_claim(
                        claim=claim, user=request.user, partnership=form.cleaned_data["partnership"]
                    )
                else:
                    reject_claim(claim=claim, user=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("“%(claim)s”: %(status)s.")
                    % {"claim": claim_sentence(claim), "status": claim.get_review_status_display()},
                )
                next_url = request.POST.get("next", "")
                if url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                ):
                    return redirect(next_url)
                return redirect("admin:sources_claim_review_source", claim.source_id)
        (view,) = claim_views([claim])
        context = self._context(
            request,
            _("Review a claim"),
            item=view,
            form=form,
            partnerships=list(self._partnerships_for(request)),
            decidable={claim.pk},
        )
        return TemplateResponse(request, "backoffice/claim_review.html", context)

    @staticmethod
    def _partnerships_for(request):
        """The partnerships an event may be attached to: those of the reviewer's homes."""
        rows = Partnership.objects.select_related("home", "partner").order_by("slug")
        return rows.filter(home_filter(scope_of(request.user), "home"))

    def review_source_view(self, request, source_pk: int):
        """Every claim of one document, each as a sentence with one-click (or one-key) decisions."""
        if not request.user.has_perm("sources.view_claim"):
            raise PermissionDenied
        source = get_object_or_404(Source, pk=source_pk)
        claims = source.claims.select_related("source").order_by("evidence_start", "pk")
        scope = scope_of(request.user)
        if scope.is_scoped:
            claims = claims_in(scope, claims)
        claims = list(claims)
        if scope.is_scoped and not claims:
            raise PermissionDenied  # no claim of this document is the account's to see
        decidable = decidable_claims(request.user, claims)
        views = claim_views(claims)
        pending = [v for v in views if v.claim.review_status == ReviewStatus.PENDING]
        context = self._context(
            request,
            _("Claims of “%(title)s”") % {"title": source.title},
            source=source,
            pending=pending,
            decided=[v for v in views if v.claim.review_status != ReviewStatus.PENDING],
            confirming=sum(1 for v in pending if v.claim.comparison == Comparison.CONFIRMS),
            may_decide=bool(decidable),
            decidable=decidable,
            partnerships=list(self._partnerships_for(request))
            if any(v.needs_partnership for v in pending)
            else [],
        )
        return TemplateResponse(request, "backoffice/claim_review_source.html", context)

    def accept_confirming_view(self, request, source_pk: int):
        """Accept, in one step, every waiting claim of the document that confirms the registry."""
        if not request.user.has_perm("sources.change_claim"):
            raise PermissionDenied
        source = get_object_or_404(Source, pk=source_pk)
        decidable = decidable_claims(request.user, list(source.claims.all()))
        if not decidable:
            raise PermissionDenied
        accepted, left = accept_confirming_claims(source=source, user=request.user, only=decidable)
        messages.success(
            request,
            _("%(accepted)s claims that confirm the registry accepted; %(left)s need a decision.")
            % {"accepted": accepted, "left": left},
        )
        return redirect("admin:sources_claim_review_source", source.pk)

    def disagreements_view(self, request):
        if not request.user.has_perm("sources.view_claim"):
            raise PermissionDenied
        if not scope_of(request.user).keeps_shared:
            raise PermissionDenied  # it compares every document's claims, of every home
        context = self._context(
            request, _("What the sources disagree on"), disagreements=find_disagreements()
        )
        return TemplateResponse(request, "backoffice/claim_disagreements.html", context)
