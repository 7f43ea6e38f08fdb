"""Writing to people safely: e-mail rendered per language, rate limits and spam traps.

Shared by the newsletter and the stakeholder network: every public form that makes the site
send a mail goes through the same limits, and every mail is built from one template per
message and language holding its subject, text and HTML.
"""
