from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_favicon_ico_leads_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == static("img/favicon.ico")
    path = finders.find("img/favicon.ico")
    with open(path, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file, not a renamed picture


def test_every_page_links_the_icons(client, db):
    html = client.get("/").content.decode()
    assert f'<link rel="icon" href="{static("img/favicon.ico")}"' in html
    assert f'<link rel="icon" href="{static("img/favicon.svg")}" type="image/svg+xml">' in html
