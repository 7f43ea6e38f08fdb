"""The consent log refuses updates in the database itself, and the first consent text.

Services only ever insert consent records; the trigger makes that true for any other code or
a hand-typed SQL statement too, so the log can serve as proof. (Rows are deleted only with
their subscriber, on an erasure request or when an unconfirmed sign-up is purged.)
"""

from django.db import migrations

GUARD = {
    "postgresql": (
        [
            """
            CREATE FUNCTION newsletter_consent_log_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'the consent log is append-only: records cannot be changed';
            END;
            $$ LANGUAGE plpgsql;
            """,
            """
            CREATE TRIGGER newsletter_consentrecord_no_update
            BEFORE UPDATE ON newsletter_consentrecord
            FOR EACH ROW EXECUTE FUNCTION newsletter_consent_log_append_only();
            """,
        ],
        [
            "DROP TRIGGER IF EXISTS newsletter_consentrecord_no_update ON newsletter_consentrecord;",
            "DROP FUNCTION IF EXISTS newsletter_consent_log_append_only();",
        ],
    ),
    "sqlite": (
        [
            """
            CREATE TRIGGER newsletter_consentrecord_no_update
            BEFORE UPDATE ON newsletter_consentrecord
            BEGIN
                SELECT RAISE(ABORT, 'the consent log is append-only: records cannot be changed');
            END;
            """
        ],
        ["DROP TRIGGER IF EXISTS newsletter_consentrecord_no_update;"],
    ),
}

FIRST_TEXT_DE = (
    "Ja, ich möchte den Newsletter zu den internationalen Städtepartnerschaften per E-Mail "
    "erhalten, zu den Partnerschaften und Themen, die ich ausgewählt habe. Meine E-Mail-Adresse "
    "wird nur dafür verwendet und nicht weitergegeben. Ich kann mich jederzeit über den Link in "
    "jeder Ausgabe abmelden. Einzelheiten stehen in der Datenschutzerklärung."
)
FIRST_TEXT_EN = (
    "Yes, I would like to receive the newsletter on the international city partnerships by "
    "e-mail, about the partnerships and topics I have chosen. My e-mail address is used for "
    "nothing else and is not passed on. I can unsubscribe at any time with the link in every "
    "edition. The privacy notice gives the details."
)


def add_guard(apps, schema_editor):
    for statement in GUARD.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(statement)


def remove_guard(apps, schema_editor):
    for statement in GUARD.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(statement)


def first_text(apps, schema_editor):
    ConsentText = apps.get_model("newsletter", "ConsentText")
    if not ConsentText.objects.exists():
        ConsentText.objects.create(
            version=1, text=FIRST_TEXT_DE, text_de=FIRST_TEXT_DE, text_en=FIRST_TEXT_EN
        )


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0001_initial")]

    operations = [
        migrations.RunPython(add_guard, remove_guard),
        migrations.RunPython(first_text, migrations.RunPython.noop),
    ]
