from tests.security.helpers import objects  # noqa: F401  (fixture)
