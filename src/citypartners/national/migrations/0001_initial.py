"""The national tally, the view of each place's German state and the triggers that keep the
tally (SQL in `national.tally`; decision record 0031)."""

from django.db import migrations, models


def install(apps, schema_editor) -> None:
    from citypartners.national import tally

    tally.install(schema_editor)


def uninstall(apps, schema_editor) -> None:
    from citypartners.national import tally

    tally.uninstall(schema_editor)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("homes", "0001_initial"),
        ("partnerships", "0005_history_in_date_order"),
        ("places", "0002_place_country_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="NationalTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("state_id", models.BigIntegerField()),
                ("country_code", models.CharField(max_length=2)),
                ("kind", models.CharField(max_length=24)),
                ("decade", models.CharField(max_length=3)),
                ("status", models.CharField(max_length=10)),
                ("count", models.IntegerField()),
                ("located", models.IntegerField()),
                ("latitude_sum", models.DecimalField(decimal_places=5, max_digits=14)),
                ("longitude_sum", models.DecimalField(decimal_places=5, max_digits=14)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("state_id", "country_code", "kind", "decade", "status"),
                        name="national_tally_cell",
                    )
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
