"""Static files and media: files under MEDIA_ROOT on one machine; past one machine, an
S3-compatible bucket (AWS_STORAGE_BUCKET_NAME, S3_ENDPOINT_URL for a store other than AWS;
credentials from boto3's usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). MEDIA_URL (e.g.
https://media.example.com/, a CDN in front of the bucket) is where readers fetch media from."""

from pathlib import Path

from .environment import BASE_DIR, env

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Django serves MEDIA_ROOT itself when DEBUG is on or SERVE_MEDIA=1 (the demo server, tests).
NEWSROOM_SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
STORAGES = {
    # Django's, but a disk that fills up mid-upload leaves no truncated file (newsroom/storage.py).
    "default": {"BACKEND": "newsroom.storage.WholeFileStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
NEWSROOM_MEDIA_IN_BUCKET = bool(env.str("AWS_STORAGE_BUCKET_NAME", default=""))
if NEWSROOM_MEDIA_IN_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            # Public media at stable addresses (no signed, expiring query strings), and a new
            # upload never replaces an older file of the same name (revisions keep theirs).
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if MEDIA_URL.startswith(("http://", "https://")):
        scheme, _sep, rest = MEDIA_URL.partition("//")
        STORAGES["default"]["OPTIONS"].update(custom_domain=rest.rstrip("/"), url_protocol=scheme)
