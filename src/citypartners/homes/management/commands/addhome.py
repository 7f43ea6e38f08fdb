"""`citypartners addhome`: make a place a home, or add a borough to a State's home."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from citypartners.homes import services
from citypartners.homes.enums import HomeKind, HomeLanguage
from citypartners.homes.models import Home
from citypartners.network.models import Organisation
from citypartners.places.models import Place
from citypartners.sources.models import Source


class Command(BaseCommand):
    help = (
        "Make a place a home with a section of its own (by place slug), or with --borough-of "
        "add a borough of a State by its name. Every home cites at least one source (--source)."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="A place slug, or with --borough-of the borough's name.")
        parser.add_argument("--kind", choices=HomeKind.values, default=HomeKind.MUNICIPALITY)
        parser.add_argument("--slug", default="", help="The section's slug (default: the place's).")
        parser.add_argument("--borough-of", default="", help="The State home's slug.")
        parser.add_argument("--name-en", default="", help="The borough's English name.")
        parser.add_argument("--parent", default="", help="The slug of the home above this one.")
        parser.add_argument("--office", default="", help="The office's organisation slug.")
        parser.add_argument("--position", type=int, default=0)
        parser.add_argument(
            "--language",
            choices=HomeLanguage.values,
            default="",
            help="The language of mails to the home's office and editors (default: German).",
        )
        parser.add_argument("--source", action="append", default=[], required=True)

    def handle(self, *args, **options):
        sources = list(Source.objects.filter(key__in=options["source"]))
        missing = set(options["source"]) - {source.key for source in sources}
        if missing:
            raise CommandError(f"No source with the key(s) {', '.join(sorted(missing))}.")
        if options["borough_of"]:
            state = Home.objects.filter(slug=options["borough_of"]).first()
            if state is None:
                raise CommandError(f"No home with the slug {options['borough_of']!r}.")
            home = services.register_borough(
                state=state,
                name=options["name"],
                name_en=options["name_en"],
                position=options["position"],
                sources=sources,
            )
        else:
            place = Place.objects.filter(slug=options["name"]).first()
            if place is None:
                raise CommandError(f"No place with the slug {options['name']!r}.")
            parent = Home.objects.filter(slug=options["parent"] or None).first()
            office = (
                Organisation.objects.filter(slug=options["office"]).first()
                if options["office"]
                else None
            )
            home = services.register_home(
                place=place,
                kind=options["kind"],
                slug=options["slug"],
                parent=parent,
                office=office,
                position=options["position"],
                sources=sources,
                language=options["language"],
            )
        self.stdout.write(f"{home.slug}: {home.kind} ({home.place.slug})")
