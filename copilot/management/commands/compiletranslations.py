from django.core.management.base import BaseCommand

from copilot.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Compile the translation catalogues (locale/*/LC_MESSAGES/*.po) into .mo files, with Babel."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Rewrite every .mo, even an up-to-date one.")

    def handle(self, *args, force: bool = False, **options) -> None:
        written = compile_catalogues(force=force)
        self.stdout.write(f"Compiled {len(written)} catalogue(s)." if written else "Catalogues up to date.")
