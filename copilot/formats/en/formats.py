from django.conf.locale.en.formats import *  # type: ignore[import-untyped]  # noqa: F403 (Django's, a few changed below)

DATE_FORMAT = "j M Y"  # 3 Dec 2026
DATETIME_FORMAT = "j M Y, H:i"  # 3 Dec 2026, 14:05
SHORT_DATETIME_FORMAT = "D j M, H:i"  # Thu 3 Dec, 14:05
MONTH_DAY_FORMAT = "j M"  # 3 Dec
TIME_FORMAT = "H:i"
