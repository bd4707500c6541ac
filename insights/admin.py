from insights.digest_admin import *  # noqa
