"""The back office's ingestion: upload a document, review each claim in context, see disagreements.

The views call the same services as `citypartners ingest` (`ingest.services`), so a document
uploaded here is stored and compared exactly as on the command line.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from reversion.admin import VersionAdmin

from citypartners.ingest.disagreements import find_disagreements
from citypartners.ingest.services import (
    INGEST_UPLOAD_TASK,
    accept_claim,
    queue_upload,
    reject_claim,
)
from citypartners.partnerships.models import Partnership
from citypartners.sources.enums import ReviewStatus
from citypartners.sources.models import Claim


class UploadForm(forms.Form):
    document = forms.FileField(label=_("Document (text, HTML or PDF)"))
    home = forms.CharField(
        label=_("Home city"),
        required=False,
        help_text=_("Only when the text does not make it clear."),
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


def evidence_in_context(claim: Claim, width: int = 300) -> str:
    """The evidence with up to `width` characters around it, the span itself marked."""
    text = claim.source.text
    if not text:
        return format_html("<mark>{}</mark>", claim.evidence_text)
    start, end = claim.evidence_start, claim.evidence_end
    return format_html(
        "…{}<mark>{}</mark>{}…",
        text[max(0, start - width) : start],
        text[start:end],
        text[end : end + width],
    )


class ClaimAdmin(VersionAdmin):
    list_display = ("subject", "property", "source", "comparison", "review_status", "review_link")
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

    @admin.display(description=_("Review"))
    def review_link(self, claim: Claim):
        if claim.review_status != ReviewStatus.PENDING:
            return claim.get_review_status_display()
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:sources_claim_review", args=[claim.pk]),
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
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            document = form.cleaned_data["document"]
            # Ingested by a worker, not in this request; the editor follows it on a status page.
            task_id = queue_upload(
                data=document.read(),
                name=document.name,
                home=form.cleaned_data["home"] or None,
                max_bytes=settings.CITYPARTNERS_INGEST_MAX_BYTES,
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
        outcome = result.return_value or {}
        context = {
            "status": result.status,
            "finished": result.status in {"SUCCESSFUL", "FAILED"},
            "outcome": outcome,
            "name": result.args_kwargs["kwargs"].get("name", ""),
        }
        if outcome.get("source"):
            url = reverse("admin:sources_claim_changelist")
            context["review_url"] = (
                f"{url}?source__id__exact={outcome['source']}&review_status__exact=pending"
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
        form = ReviewForm(request.POST or None)
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
                    _("Claim reviewed: %(status)s.")
                    % {"status": claim.get_review_status_display()},
                )
                return redirect(
                    f"{reverse('admin:sources_claim_changelist')}?review_status__exact=pending"
                )
        context = self._context(
            request,
            _("Review a claim"),
            claim=claim,
            form=form,
            evidence=evidence_in_context(claim),
        )
        return TemplateResponse(request, "backoffice/claim_review.html", context)

    def disagreements_view(self, request):
        if not request.user.has_perm("sources.view_claim"):
            raise PermissionDenied
        context = self._context(
            request, _("What the sources disagree on"), disagreements=find_disagreements()
        )
        return TemplateResponse(request, "backoffice/claim_disagreements.html", context)
