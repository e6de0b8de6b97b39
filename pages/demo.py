"""The demo's standing pages (About, Contact, Privacy policy); running it again changes nothing."""

from .models import Page


def _paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


# (slug, title, English title, footer position, is the privacy policy, body)
PAGES = [
    (
        "tentang-kami",
        "Tentang Kami",
        "About us",
        1,
        False,
        _paragraphs(
            "Newsroom adalah media berita daring yang menyajikan kabar nasional dan "
            "internasional secara cepat, akurat, dan berimbang.",
            "Redaksi kami bekerja berdasarkan Kode Etik Jurnalistik: memverifikasi setiap "
            "informasi, memisahkan fakta dari opini, dan memberi ruang hak jawab.",
        ),
    ),
    (
        "kontak",
        "Kontak",
        "Contact",
        2,
        False,
        _paragraphs(
            "Punya informasi, koreksi, atau pertanyaan untuk redaksi? Hubungi kami melalui surel "
            '<a href="mailto:redaksi@example.com">redaksi@example.com</a>.',
            "Untuk kerja sama dan iklan, tulis ke "
            '<a href="mailto:iklan@example.com">iklan@example.com</a>.',
        ),
    ),
    (
        "kebijakan-privasi",
        "Kebijakan Privasi",
        "Privacy policy",
        3,
        True,
        "<h2>Data yang kami kumpulkan</h2>"
        + _paragraphs(
            "Saat Anda mengirim komentar, kami menyimpan nama, alamat surel, situs web (bila "
            "diisi), isi komentar, alamat IP, dan agen pengguna peramban Anda.",
        )
        + "<h2>Untuk apa data itu dipakai</h2>"
        + _paragraphs(
            "Nama dan situs web ditampilkan bersama komentar Anda. Alamat surel tidak pernah "
            "ditampilkan atau dibagikan; alamat IP dan agen pengguna hanya dipakai untuk "
            "menangkal spam dan penyalahgunaan.",
        )
        + "<h2>Hak Anda</h2>"
        + _paragraphs(
            "Anda dapat meminta salinan atau penghapusan data komentar Anda dengan menulis ke "
            '<a href="mailto:redaksi@example.com">redaksi@example.com</a>.',
        ),
    ),
]


def seed():
    """Create the pages that are missing; return how many were new."""
    created = 0
    for slug, title, title_en, order, privacy, body in PAGES:
        _page, new = Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "title_en": title_en,
                "footer_order": order,
                "is_privacy_policy": privacy,
                "body": body,
                # The contact page takes comments, so the demo shows a page with its form.
                "comments_open": slug == "kontak",
            },
        )
        created += new
    return created
