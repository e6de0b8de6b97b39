"""The media library: uploads from the body editor, the library page, srcset on readers' pages."""

import datetime

import pytest
from django.utils import timezone

from articles.media_library import with_srcset
from articles.models import MediaImage
from tests.factories import image_bytes, make_article, make_member, make_page, upload

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/articles/mediaimage/upload/"


def post_image(client, **data):
    fields = {"file": upload("pasar.png", image_bytes(size=(1600, 900)), "image/png"),
              "alt": "Pedagang di pasar", "caption": "Pasar pagi"}  # fmt: skip
    fields.update(data)
    return client.post(UPLOAD, fields)


@pytest.mark.parametrize("role", ["Editor", "Author", "Contributor"])
def test_every_writer_uploads_an_image_for_the_body(client, role):
    client.force_login(make_member(role))
    answer = post_image(client).json()
    image = MediaImage.objects.get()
    assert answer["src"].startswith("/media/library/")
    assert answer["src"].endswith("-960w.jpg")
    assert (answer["width"], answer["height"]) == (960, 540)
    assert answer["alt"] == "Pedagang di pasar"
    assert image.rendition_prefix.endswith("/renditions/pasar-")
    assert [s["width"] for s in image.renditions["sources"]] == [320, 640, 960, 1280, 1600]


def test_a_bad_upload_is_refused_with_a_message(client):
    client.force_login(make_member("Editor"))
    response = post_image(client, file=upload("x.png", b"not an image", "image/png"))
    assert response.status_code == 400
    assert "bukan gambar" in response.json()["error"]
    response = post_image(client, alt="  ")
    assert response.status_code == 400
    assert not MediaImage.objects.exists()
    assert client.post(UPLOAD, {"alt": "x"}).json()["error"] == "Pilih berkas gambar."


def test_readers_and_signed_out_people_cannot_upload(client):
    assert post_image(client).status_code == 302  # to the login page
    assert not MediaImage.objects.exists()


def test_body_images_get_srcset_on_the_article_page(client):
    client.force_login(make_member("Editor"))
    src = post_image(client).json()["src"]
    client.logout()
    article = make_article("Berita Bergambar", body=f'<p>Teks</p><img src="{src}" alt="Pasar">')
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'srcset="/media/library/' in html
    assert "-320w.jpg 320w" in html
    assert "-1600w.jpg 1600w" in html
    assert 'sizes="(min-width: 48rem) 46rem, 100vw"' in html


def test_other_images_are_left_as_they_are_without_a_query(django_assert_num_queries):
    html = '<p><img src="https://example.com/a.jpg" alt="a"></p>'
    with django_assert_num_queries(0):
        assert with_srcset(html) == html


def test_library_page_lists_thumbnails_and_shows_where_an_image_is_used(client):
    client.force_login(make_member("Editor"))
    src = post_image(client).json()["src"]
    image = MediaImage.objects.get()
    article = make_article("Memakai Gambar", body=f'<img src="{src}" alt="x">')
    page = make_page("Halaman Bergambar", body=f'<img src="{src}" alt="x">')
    make_article("Tanpa Gambar")
    listing = client.get("/admin/articles/mediaimage/?q=pedagang").content.decode()
    assert 'class="library-thumb"' in listing
    assert "-320w.jpg" in listing
    change = client.get(f"/admin/articles/mediaimage/{image.pk}/change/").content.decode()
    assert f'href="/admin/articles/article/{article.pk}/change/"' in change
    assert f'href="/admin/pages/page/{page.pk}/change/"' in change
    assert "Tanpa Gambar" not in change


def test_the_article_form_offers_the_upload_box(client):
    client.force_login(make_member("Contributor"))
    html = client.get("/admin/articles/article/add/").content.decode()
    assert f'data-media-upload-url="{UPLOAD}"' in html


def test_earlier_images_are_listed_newest_first_and_searchable(client):
    client.force_login(make_member("Contributor"))
    post_image(client, alt="Pasar pagi")
    post_image(client, alt="Sungai Musi", caption="Jembatan Ampera")
    images = client.get("/admin/articles/mediaimage/recent/").json()["images"]
    assert [i["alt"] for i in images] == ["Sungai Musi", "Pasar pagi"]
    found = client.get("/admin/articles/mediaimage/recent/", {"q": "ampera"}).json()["images"]
    assert [i["alt"] for i in found] == ["Sungai Musi"]
    client.logout()
    assert client.get("/admin/articles/mediaimage/recent/").status_code == 302


def test_where_used_names_only_what_the_reader_of_the_page_may_open(client):
    """A contributor sees their own draft, not the title of another author's scheduled article."""
    contributor = make_member("Contributor")
    client.force_login(contributor)
    src = post_image(client).json()["src"]
    image = MediaImage.objects.get()
    later = timezone.now() + datetime.timedelta(days=1)
    secret = make_article(
        "Rahasia Redaksi", body=f'<img src="{src}" alt="x">', status="scheduled", published_at=later
    )
    own = make_article("Draf Saya", author=contributor, status="draft", published_at=None,
                       body=f'<img src="{src}" alt="x">')  # fmt: skip
    change = client.get(f"/admin/articles/mediaimage/{image.pk}/change/")
    assert change.status_code == 200
    html = change.content.decode()
    assert "Draf Saya" in html
    assert f"/admin/articles/article/{own.pk}/change/" in html
    assert "Rahasia Redaksi" not in html
    assert f"/admin/articles/article/{secret.pk}/change/" not in html
    assert "1 artikel atau halaman lain" in html
