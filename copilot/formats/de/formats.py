from django.conf.locale.de.formats import *  # type: ignore[import-untyped]  # noqa: F403 (Django's, a few changed below)

DATE_FORMAT = "j. M Y"  # 3. Dez 2026
DATETIME_FORMAT = "j. M Y, H:i"  # 3. Dez 2026, 14:05
SHORT_DATETIME_FORMAT = "D, j. M, H:i"  # Do, 3. Dez, 14:05
MONTH_DAY_FORMAT = "j. M"  # 3. Dez
TIME_FORMAT = "H:i"
