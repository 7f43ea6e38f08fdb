"""Telling a temporary mail failure (try again later) from a permanent one (give up).

SMTP replies 4xx are temporary, 5xx permanent (RFC 5321 § 4.2.1); a refused connection, a
timeout or a dropped connection is temporary too, because the server may be back in a minute.
"""

from __future__ import annotations

import smtplib
import socket

from django.core.mail import EmailMessage

from citypartners.jobs.registry import Retry


def is_temporary(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(
        error, smtplib.SMTPServerDisconnected | ConnectionError | socket.timeout | TimeoutError
    ) or (isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException))


def describe(error: BaseException) -> str:
    """A short, log-safe description of a mail failure."""
    if isinstance(error, smtplib.SMTPResponseException):
        detail = error.smtp_error
        text = detail.decode(errors="replace") if isinstance(detail, bytes) else str(detail)
        return f"{error.smtp_code} {text}"[:500]
    return f"{type(error).__name__}: {error}"[:500]


def send_or_retry(message: EmailMessage) -> None:
    """Send a mail from a task: a temporary failure raises `Retry` (the task tries again
    later), a permanent one re-raises as it is."""
    try:
        message.send()
    except Exception as error:
        if is_temporary(error):
            raise Retry(describe(error)) from error
        raise
