import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from articles import images
from tests.factories import image_bytes, upload


def open_content(content_file):
    content_file.seek(0)
    return Image.open(io.BytesIO(content_file.read()))


def test_jpeg_is_turned_upright_and_loses_its_exif():
    """A photo taken sideways is stored upright, and its camera metadata is gone."""
    data = image_bytes("JPEG", size=(400, 200), exif_orientation=6)  # 6: rotate 90° clockwise
    cleaned = images.clean_upload(upload("Foto Lapangan.JPG", data))
    image = open_content(cleaned)
    assert image.format == "JPEG"
    assert image.size == (200, 400)
    assert not image.getexif()
    assert b"Kamera Rahasia" not in cleaned.read()
    assert cleaned.name == "foto-lapangan.jpg"


def test_png_named_jpg_is_judged_by_its_content_and_renamed():
    """The file's content decides: a PNG called .jpg is stored as a .png."""
    cleaned = images.clean_upload(upload("photo.jpg", image_bytes("PNG", size=(50, 40))))
    assert cleaned.name == "photo.png"
    assert open_content(cleaned).format == "PNG"


def test_gif_keeps_its_first_frame_as_png():
    """A GIF becomes a still PNG (renditions of animations are not worth their weight)."""
    cleaned = images.clean_upload(upload("anim.gif", image_bytes("GIF", size=(60, 30))))
    assert cleaned.name == "anim.png"
    assert open_content(cleaned).size == (60, 30)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.png", b"just some text, not an image at all"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
        ("scan.tiff", image_bytes("TIFF", size=(20, 20))),
    ],
)
def test_files_that_are_not_allowed_images_are_refused(name, content):
    """Text, SVG (it can carry scripts) and other formats are refused whatever their name."""
    with pytest.raises(ValidationError) as caught:
        images.clean_upload(upload(name, content))
    assert caught.value.code == "invalid_image"
    assert "JPEG, PNG, WebP" in caught.value.messages[0]


def test_truncated_image_is_refused_as_damaged():
    """Half a JPEG gets a message saying the file is damaged, not a server error."""
    data = image_bytes("JPEG", size=(800, 600), color=(1, 2, 3))
    with pytest.raises(ValidationError) as caught:
        images.clean_upload(upload("half.jpg", data[: len(data) // 2]))
    assert caught.value.code in {"corrupt", "invalid_image"}


def test_image_over_the_byte_limit_is_refused(monkeypatch):
    """Too many bytes: refused before Pillow reads it, with the limit in the message."""
    monkeypatch.setattr(images, "MAX_BYTES", 1000)
    with pytest.raises(ValidationError) as caught:
        images.clean_upload(upload("big.png", image_bytes("PNG") + b"\0" * 2000))
    assert caught.value.code == "too_large"
    assert "1000" in caught.value.messages[0]


def test_image_over_the_pixel_limit_is_refused(monkeypatch):
    """Too many pixels: refused from the header, before decoding."""
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)
    with pytest.raises(ValidationError) as caught:
        images.clean_upload(upload("wide.png", image_bytes("PNG", size=(200, 100))))
    assert caught.value.code == "too_many_pixels"


def test_decompression_bomb_is_refused_with_a_message(monkeypatch):
    """Pillow's decompression-bomb guard becomes a form message, never a crash."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50 * 50)
    with pytest.raises(ValidationError) as caught:
        images.clean_upload(upload("bomb.png", image_bytes("PNG", size=(120, 120))))
    assert caught.value.code == "bomb"


def test_renditions_cover_several_widths_in_webp_too_and_never_upscale():
    """A 1500 px image gets 320/640/960/1280 and its own width, each as JPEG and WebP."""
    name = default_storage.save("articles/t/photo.jpg", upload("p.jpg", image_bytes("JPEG")))
    data = images.make_renditions(name)
    assert (data["width"], data["height"]) == (1600, 900)
    assert [s["width"] for s in data["sources"]] == [320, 640, 960, 1280, 1600]
    for source in data["sources"]:
        with default_storage.open(source["src"]) as f, Image.open(f) as image:
            assert image.format == "JPEG"
            assert image.size == (source["width"], source["height"])
        with default_storage.open(source["webp"]) as f, Image.open(f) as image:
            assert image.format == "WEBP"
    icon = upload("i.png", image_bytes("PNG", (200, 100)))
    small = default_storage.save("articles/t/icon.png", icon)
    assert [s["width"] for s in images.make_renditions(small)["sources"]] == [200]


def test_transparent_png_keeps_transparency_in_its_renditions():
    """A logo with transparency gets PNG renditions, not JPEG on black."""
    data = image_bytes("PNG", size=(400, 200), color=(0, 0, 0, 0))
    name = default_storage.save("articles/t/logo.png", upload("logo.png", data))
    source = images.make_renditions(name)["sources"][0]
    assert source["src"].endswith(".png")


def test_renditions_are_made_once(monkeypatch):
    """Asking again reuses what the storage holds: nothing is encoded or saved twice."""
    name = default_storage.save("articles/t/once.jpg", upload("o.jpg", image_bytes("JPEG")))
    first = images.make_renditions(name)
    saved = []
    monkeypatch.setattr(default_storage, "save", lambda *a, **k: saved.append(a) or a[0])
    assert images.make_renditions(name) == first
    assert saved == []


def test_rendition_url_picks_the_smallest_wide_enough():
    """og:image at 1200 px gets the 1280 rendition; a huge request gets the largest."""
    name = default_storage.save("articles/t/og.jpg", upload("og.jpg", image_bytes("JPEG")))
    data = images.make_renditions(name)
    assert images.rendition_url(data, 1200).endswith("og-1280w.jpg")
    assert images.rendition_url(data, 5000).endswith("og-1600w.jpg")
    assert images.rendition_url({}, 1200) == ""


@pytest.mark.django_db
def test_make_renditions_command_fills_in_imported_images():
    """An image stored without the admin (an import) gets its renditions from the command."""
    import io as _io

    from django.core.management import call_command

    from tests.factories import make_article

    name = default_storage.save("articles/t/impor.jpg", upload("impor.jpg", image_bytes("JPEG")))
    article = make_article(featured_image=name, featured_image_alt="Impor", renditions=False)
    assert article.featured_image_renditions == {}
    out = _io.StringIO()
    call_command("make_renditions", stdout=out)
    article.refresh_from_db()
    assert article.featured_image_renditions["sources"][0]["src"].endswith("impor-320w.jpg")
    assert "1 articles" in out.getvalue()
    call_command("make_renditions", stdout=out)
    assert "for 0 articles" in out.getvalue()


def jpeg_segments(data):
    """The markers of a JPEG's segments before the image data (APPn, COM, DQT...)."""
    markers, at = [], 2
    while at < len(data) and data[at] == 0xFF and data[at + 1] != 0xDA:
        markers.append(data[at + 1])
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return markers


METADATA = {0xFE, *range(0xE1, 0xF0)}  # COM, and APP1-APP15 (EXIF, XMP, IPTC, ...); APP2: ICC


def photo_with_every_kind_of_metadata(size=(400, 200)):
    """A JPEG carrying a comment, EXIF, XMP and an ICC profile, as cameras and editors write."""
    from PIL import ImageCms

    image = Image.new("RGB", size, (120, 80, 40))
    exif = Image.Exif()
    exif[0x0110] = "Kamera Rahasia"  # Model
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"Lokasi: rumah narasumber",
               xmp=b"<x:xmpmeta>Penulis Rahasia</x:xmpmeta>", icc_profile=icc)  # fmt: skip
    return buffer.getvalue(), icc


@pytest.mark.parametrize("kind", ["JPEG", "WEBP"])
def test_every_metadata_segment_is_stripped_and_colours_kept(kind):
    """Comment, EXIF and XMP are gone from the upload and its renditions; the ICC profile stays."""
    data, icc = photo_with_every_kind_of_metadata()
    if kind == "WEBP":
        with Image.open(io.BytesIO(data)) as jpeg:
            buffer = io.BytesIO()
            jpeg.save(buffer, "WEBP", exif=jpeg.info["exif"], xmp=jpeg.info["xmp"],
                      icc_profile=icc)  # fmt: skip
            data = buffer.getvalue()
    cleaned = images.clean_upload(upload("foto.jpg", data))
    name = default_storage.save(f"articles/t/{cleaned.name}", cleaned)
    files = [name]
    for source in images.make_renditions(name)["sources"]:
        files += [source["src"], source["webp"]]
    for stored in files:
        with default_storage.open(stored) as f:
            content = f.read()
        for secret in (b"Lokasi", b"Kamera Rahasia", b"Penulis Rahasia"):
            assert secret not in content, (stored, secret)
        with Image.open(io.BytesIO(content)) as image:
            assert not image.getexif(), stored
            assert image.info.get("icc_profile") == icc, stored
            assert "comment" not in image.info, stored
            assert "xmp" not in image.info, stored
        if stored.endswith(".jpg"):
            assert not set(jpeg_segments(content)) & (METADATA - {0xE2}), stored


def test_an_original_imported_with_metadata_gets_clean_renditions():
    """Renditions of an image stored as it came (a WordPress import) carry no metadata."""
    data, _icc = photo_with_every_kind_of_metadata()
    name = default_storage.save("articles/t/import.jpg", io.BytesIO(data))
    for source in images.make_renditions(name)["sources"]:
        with default_storage.open(source["src"]) as f:
            content = f.read()
        assert b"Lokasi" not in content
        assert b"Kamera Rahasia" not in content
        assert not set(jpeg_segments(content)) & (METADATA - {0xE2})


@pytest.mark.parametrize("width", [1920, 2400, 4000])
def test_an_image_wider_than_the_largest_rendition_gets_each_width_once(width):
    """One 1920 w rendition, no second file with a random suffix, no duplicate srcset width."""
    data = image_bytes("JPEG", size=(width, 600))
    name = default_storage.save("articles/t/lebar.jpg", upload("l.jpg", data))
    sources = images.make_renditions(name)["sources"]
    assert [s["width"] for s in sources] == [320, 640, 960, 1280, 1920]
    assert sources[-1]["src"] == "articles/t/renditions/lebar-1920w.jpg"
    _dirs, made = default_storage.listdir("articles/t/renditions")
    assert sorted(made) == sorted(
        f"lebar-{w}w.{ext}" for w in (320, 640, 960, 1280, 1920) for ext in ("jpg", "webp")
    )
