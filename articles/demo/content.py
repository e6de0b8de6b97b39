"""Demo content: the seed article from the WordPress site we replace, and a dozen more."""

from pathlib import Path

SEED_ARTICLE = {
    "title": "Rusia dan Iran Perkuat Aliansi Hadapi Tekanan AS",
    "slug": "rusia-dan-iran-perkuat-aliansi-hadapi-tekanan-as",
    "published": "2026-11-23 09:00",
    "category": "berita-internasional",
    "author": "editor",
    "tags": ["Rusia", "Iran", "Amerika Serikat", "Geopolitik", "Timur Tengah"],
    "excerpt": (
        "Rusia dan Iran secara resmi menyatakan kesepakatan strategis untuk bersama-sama "
        "menghadapi tekanan politik dan ekonomi yang diberlakukan oleh Amerika Serikat."
    ),
    "body": (Path(__file__).parent / "seed_article.html").read_text(encoding="utf-8"),
}
# Its address on the site (the date is WIB's, as in its URL): tests, bench and Lighthouse use it.
SEED_PATH = f"/{SEED_ARTICLE['published'][:10].replace('-', '/')}/{SEED_ARTICLE['slug']}/"

# (slug, name, parent slug, description)
CATEGORIES = [
    ("berita-internasional", "Berita Internasional", None, "Kabar dari seluruh dunia."),
    ("nasional", "Nasional", None, "Peristiwa dan kebijakan di Indonesia."),
    ("ekonomi", "Ekonomi", None, "Pasar, bisnis, dan keuangan."),
    ("olahraga", "Olahraga", None, "Hasil pertandingan dan cerita dari lapangan."),
    ("sepak-bola", "Sepak Bola", "olahraga", "Liga dalam dan luar negeri."),
    ("teknologi", "Teknologi", None, "Gawai, internet, dan sains terapan."),
]

# (username, first name, last name)
AUTHORS = [
    ("editor", "Dewi", "Lestari"),
    ("rina", "Rina", "Kusuma"),
    ("budi", "Budi", "Santoso"),
]


def _paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


ARTICLES = [
    SEED_ARTICLE,
    {
        "title": "Harga Minyak Dunia Naik Setelah Pertemuan OPEC+",
        "slug": "harga-minyak-dunia-naik-setelah-pertemuan-opec",
        "published": "2026-11-24 14:30",
        "category": "ekonomi",
        "author": "budi",
        "tags": ["Energi", "Minyak", "Timur Tengah"],
        "body": _paragraphs(
            "Harga minyak mentah dunia naik hampir tiga persen setelah negara-negara OPEC+ "
            "sepakat mempertahankan pemangkasan produksi hingga pertengahan tahun depan.",
            "Analis memperkirakan kenaikan ini akan terasa pada harga bahan bakar nonsubsidi "
            "di dalam negeri dalam beberapa pekan ke depan.",
        ),
    },
    {
        "title": "Timnas Indonesia Menang Tipis atas Vietnam",
        "slug": "timnas-indonesia-menang-tipis-atas-vietnam",
        "published": "2026-11-22 21:15",
        "category": "sepak-bola",
        "author": "rina",
        "tags": ["Timnas", "Piala AFF"],
        "body": _paragraphs(
            "Gol tunggal di menit ke-78 memastikan kemenangan Timnas Indonesia atas Vietnam "
            "di hadapan lebih dari enam puluh ribu penonton di Stadion Utama Gelora Bung Karno.",
            "Pelatih memuji disiplin lini belakang yang menjaga gawang tetap bersih "
            "sepanjang laga.",
        ),
    },
    {
        "title": "Pemerintah Umumkan Jadwal Libur Nasional 2027",
        "slug": "pemerintah-umumkan-jadwal-libur-nasional-2027",
        "published": "2026-11-21 10:00",
        "category": "nasional",
        "author": "editor",
        "tags": ["Kebijakan", "Libur Nasional"],
        "sticky": True,
        "body": _paragraphs(
            "Surat keputusan bersama tiga menteri menetapkan enam belas hari libur nasional dan "
            "delapan hari cuti bersama untuk tahun 2027.",
            "Masyarakat diimbau merencanakan perjalanan lebih awal untuk menghindari kepadatan "
            "pada masa libur panjang.",
        ),
    },
    {
        "title": "Startup Lokal Raih Pendanaan Seri B",
        "slug": "startup-lokal-raih-pendanaan-seri-b",
        "published": "2026-11-20 08:45",
        "category": "teknologi",
        "author": "budi",
        "tags": ["Startup", "Investasi"],
        "body": _paragraphs(
            "Perusahaan rintisan logistik asal Bandung mengumumkan pendanaan Seri B senilai "
            "tiga puluh juta dolar AS yang dipimpin investor regional.",
            "Dana segar akan dipakai untuk memperluas jaringan gudang ke kota-kota di luar Jawa.",
        ),
    },
    {
        "title": "Uni Eropa Sepakati Paket Sanksi Baru",
        "slug": "uni-eropa-sepakati-paket-sanksi-baru",
        "published": "2026-11-19 16:20",
        "category": "berita-internasional",
        "author": "rina",
        "tags": ["Eropa", "Geopolitik", "Rusia"],
        "body": _paragraphs(
            "Para menteri luar negeri Uni Eropa menyepakati paket sanksi baru yang menyasar "
            "sektor perbankan dan perdagangan teknologi.",
            "Paket ini masih memerlukan persetujuan akhir dari seluruh negara anggota.",
        ),
    },
    {
        "title": "Inflasi Oktober Tercatat 2,4 Persen",
        "slug": "inflasi-oktober-tercatat-24-persen",
        "published": "2026-11-03 11:00",
        "category": "ekonomi",
        "author": "budi",
        "tags": ["Inflasi", "Kebijakan"],
        "body": _paragraphs(
            "Badan Pusat Statistik mencatat inflasi tahunan Oktober sebesar 2,4 persen, masih "
            "dalam kisaran sasaran bank sentral.",
            "Kenaikan harga terbesar datang dari kelompok makanan, minuman, dan tembakau.",
        ),
    },
    {
        "title": "Persib Kokoh di Puncak Klasemen Liga 1",
        "slug": "persib-kokoh-di-puncak-klasemen-liga-1",
        "published": "2026-11-02 19:30",
        "category": "sepak-bola",
        "author": "rina",
        "tags": ["Liga 1"],
        "body": _paragraphs(
            "Kemenangan dua gol tanpa balas di kandang membuat Persib unggul lima poin dari "
            "pesaing terdekatnya.",
            "Laga berikutnya akan mempertemukan mereka dengan juara musim lalu.",
        ),
    },
    {
        "title": "Bulu Tangkis: Ganda Putra Melaju ke Final",
        "slug": "bulu-tangkis-ganda-putra-melaju-ke-final",
        "published": "2026-10-28 20:00",
        "category": "olahraga",
        "author": "rina",
        "tags": ["Bulu Tangkis"],
        "body": _paragraphs(
            "Pasangan ganda putra Indonesia menang rubber game dan memastikan tempat di final "
            "turnamen seri Super 750.",
            "Di final mereka akan menghadapi unggulan pertama dari Tiongkok.",
        ),
    },
    {
        "title": "Peluncuran Satelit Komunikasi Berjalan Lancar",
        "slug": "peluncuran-satelit-komunikasi-berjalan-lancar",
        "published": "2026-10-25 06:10",
        "category": "teknologi",
        "author": "budi",
        "tags": ["Antariksa", "Internet"],
        "body": _paragraphs(
            "Satelit komunikasi baru untuk memperluas akses internet di daerah terpencil "
            "berhasil mencapai orbitnya.",
            "Layanan diperkirakan mulai dapat dinikmati masyarakat pada kuartal kedua.",
        ),
    },
    {
        "title": "Banjir Rob Genangi Pesisir Utara Jakarta",
        "slug": "banjir-rob-genangi-pesisir-utara-jakarta",
        "published": "2026-10-20 07:30",
        "category": "nasional",
        "author": "editor",
        "tags": ["Cuaca", "Jakarta"],
        "body": _paragraphs(
            "Air laut pasang menggenangi sejumlah permukiman di pesisir utara Jakarta setinggi "
            "tiga puluh hingga lima puluh sentimeter.",
            "Petugas menyiagakan pompa air dan perahu karet di titik-titik rawan.",
        ),
    },
    {
        "title": "KTT ASEAN Bahas Ketahanan Pangan Kawasan",
        "slug": "ktt-asean-bahas-ketahanan-pangan-kawasan",
        "published": "2026-10-14 13:00",
        "category": "berita-internasional",
        "author": "editor",
        "tags": ["ASEAN", "Pangan"],
        "body": _paragraphs(
            "Para pemimpin ASEAN sepakat memperkuat cadangan beras darurat kawasan dan "
            "mempercepat perdagangan pangan antarnegara anggota.",
            "Indonesia mendorong skema pembiayaan bersama untuk petani kecil.",
        ),
    },
    {
        "title": "Rupiah Menguat di Akhir Pekan",
        "slug": "rupiah-menguat-di-akhir-pekan",
        "published": "2026-09-30 17:00",
        "category": "ekonomi",
        "author": "budi",
        "tags": ["Rupiah", "Pasar"],
        "body": _paragraphs(
            "Nilai tukar rupiah ditutup menguat terhadap dolar AS seiring masuknya kembali "
            "aliran modal asing ke pasar obligasi.",
            "Pelaku pasar menanti data neraca perdagangan yang dirilis pekan depan.",
        ),
    },
    {
        "title": "Aplikasi Layanan Publik Baru Diluncurkan",
        "slug": "aplikasi-layanan-publik-baru-diluncurkan",
        "published": "2026-09-18 09:30",
        "category": "teknologi",
        "author": "editor",
        "tags": ["Layanan Publik", "Internet"],
        "body": _paragraphs(
            "Pemerintah meluncurkan aplikasi yang menyatukan puluhan layanan administrasi "
            "kependudukan dalam satu akun.",
            "Warga dapat mengurus dokumen tanpa datang ke kantor pelayanan.",
        ),
    },
]

# Each demo article's picture, drawn by articles.demo.photos (no download, no licence):
# slug -> (scene, alternative text, caption). The credit says it is an illustration.
PHOTO_CREDIT = "Ilustrasi Newsroom"
PHOTOS = {
    SEED_ARTICLE["slug"]: (
        "city",
        "Gedung-gedung tinggi sebuah ibu kota pada senja hari, jendela-jendelanya menyala.",
        "Suasana ibu kota pada malam menjelang pertemuan tingkat tinggi.",
    ),
    "harga-minyak-dunia-naik-setelah-pertemuan-opec": (
        "coast",
        "Laut tenang memantulkan langit sore.",
        "Jalur pelayaran kapal tanker di perairan Teluk.",
    ),
    "timnas-indonesia-menang-tipis-atas-vietnam": (
        "fields",
        "Hamparan rumput hijau di bawah langit biru.",
        "Lapangan latihan tim nasional.",
    ),
    "pemerintah-umumkan-jadwal-libur-nasional-2027": (
        "mountains",
        "Deretan pegunungan berlapis kabut pagi.",
        "Kawasan wisata pegunungan yang ramai saat libur panjang.",
    ),
    "startup-lokal-raih-pendanaan-seri-b": (
        "city",
        "Gedung perkantoran dengan lampu menyala pada malam hari.",
        "Kawasan perkantoran di pusat kota.",
    ),
    "uni-eropa-sepakati-paket-sanksi-baru": (
        "city",
        "Siluet gedung-gedung kota di bawah langit mendung.",
        "Kota tempat para menteri luar negeri bertemu.",
    ),
    "inflasi-oktober-tercatat-24-persen": (
        "fields",
        "Sawah dan ladang hijau membentang ke arah perbukitan.",
        "Lahan pertanian pangan di Jawa Barat.",
    ),
    "persib-kokoh-di-puncak-klasemen-liga-1": (
        "fields",
        "Lapangan rumput luas dengan perbukitan di kejauhan.",
        "Lapangan latihan klub di Bandung.",
    ),
    "bulu-tangkis-ganda-putra-melaju-ke-final": (
        "city",
        "Gedung-gedung kota pada malam hari.",
        "Kota tuan rumah turnamen.",
    ),
    "peluncuran-satelit-komunikasi-berjalan-lancar": (
        "mountains",
        "Pegunungan di bawah langit fajar.",
        "Langit cerah di atas lokasi stasiun bumi.",
    ),
    "banjir-rob-genangi-pesisir-utara-jakarta": (
        "coast",
        "Permukaan laut yang berkilau memantulkan langit.",
        "Perairan pesisir utara Jakarta saat air pasang.",
    ),
    "ktt-asean-bahas-ketahanan-pangan-kawasan": (
        "fields",
        "Hamparan sawah hijau di kaki bukit.",
        "Sawah di Karawang, salah satu lumbung padi nasional.",
    ),
    "rupiah-menguat-di-akhir-pekan": (
        "city",
        "Gedung-gedung tinggi kawasan bisnis di senja hari.",
        "Kawasan bisnis Sudirman, Jakarta.",
    ),
    "aplikasi-layanan-publik-baru-diluncurkan": (
        "mountains",
        "Lapisan pegunungan biru di kejauhan.",
        "Daerah terpencil yang kini terjangkau layanan daring.",
    ),
}

# The home page: the lead story, and its sections in order (category slug, position).
LEAD_SLUG = SEED_ARTICLE["slug"]
FRONT_PAGE_SECTIONS = [
    ("nasional", 1),
    ("berita-internasional", 2),
    ("ekonomi", 3),
    ("olahraga", 4),
    ("teknologi", 5),
]

# Reads for "Most read": (slug, reads an hour over the last day), as if counted by the beacon.
READS_PER_HOUR = [
    (SEED_ARTICLE["slug"], 42),
    ("timnas-indonesia-menang-tipis-atas-vietnam", 35),
    ("harga-minyak-dunia-naik-setelah-pertemuan-opec", 21),
    ("pemerintah-umumkan-jadwal-libur-nasional-2027", 17),
    ("banjir-rob-genangi-pesisir-utara-jakarta", 9),
    ("startup-lokal-raih-pendanaan-seri-b", 6),
]

# Demo roles: (username, group). The editor also stays a superuser to manage accounts.
ROLES = [("editor", "Editor"), ("rina", "Author"), ("budi", "Contributor")]
