"""Follow a company board by pasting its careers URL, preview it, then Refresh now (against a local stub board)."""

import pytest

from jobs.models import IngestionRun, Job, SourceSubscription
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_user
from tests.jobs.sources.helpers import serve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_follow_a_board_by_url_preview_and_refresh(page, boards, settings):
    settings.JOB_SOURCE_TIMEOUT = 10  # a loaded CI machine must not turn this flow into a timeout test
    serve(boards, "greenhouse")
    user = make_user("nina")  # an empty profile keeps every posting
    log_in(page, "nina", PASSWORD)
    page.goto("/settings/sources/")
    page.fill("input[name=board-url]", "https://boards.greenhouse.io/nimbus-labs")
    page.click("text=Preview >> nth=0")
    page.wait_for_selector("#preview >> text=Fetched")
    assert not Job.objects.filter(user=user).exists()  # a preview saves nothing

    page.click("text=Follow this board")
    page.wait_for_selector("text=nimbus-labs")
    subscription = SourceSubscription.objects.get(user=user)
    assert (subscription.kind, subscription.params) == ("greenhouse", {"board": "nimbus-labs"})

    page.locator("button", has_text="Refresh now").first.click()
    # The status fragment shows the queued run, then polls until the worker has finished it.
    page.wait_for_selector(f"#run-status-{subscription.pk} .badge.ok", timeout=20_000)
    assert "See them" in page.inner_text(f"#run-status-{subscription.pk}")
    run = IngestionRun.objects.get(subscription=subscription)
    assert run.status == IngestionRun.Status.SUCCEEDED
    assert Job.objects.filter(user=user, source="greenhouse").count() == run.added > 0
    assert not page.console_errors, page.console_errors
