"""Where tests find their files: this project's own fixtures, and the optional shared samples.

The shared samples (real exports and pages we may not copy into the project) are looked for in
``../shared`` next to the project root. Where that folder is absent the tests that need it skip,
saying so, and everything else still runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SHARED_FIXTURES = PROJECT_ROOT.parent / "shared" / "fixtures"


def shared_sample(relative: str) -> Path:
    """The shared sample at ``../shared/fixtures/<relative>``; skips the test when it is absent."""
    path = SHARED_FIXTURES / relative
    if not path.exists():
        pytest.skip(f"shared sample {relative!r} not found: the shared samples are looked for in {SHARED_FIXTURES} "
                    "(../shared next to the project root)")
    return path
