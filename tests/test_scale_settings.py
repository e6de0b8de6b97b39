"""Past one machine, by environment only: a read replica, shared cache and sessions, media in an
S3-compatible bucket behind a CDN host. Settings are read in a fresh production process; the
image code runs against an in-process S3 (moto) through the storage API."""

import json
import subprocess
import sys

import boto3
import pytest
from moto import mock_aws
from storages.backends.s3 import S3Storage

from articles import images
from tests.factories import image_bytes, upload
from tests.test_settings import ROOT, production_environment

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "databases": sorted(s.DATABASES),
    "replica_host": s.DATABASES.get("replica", {}).get("HOST"),
    "replica_options": s.DATABASES.get("replica", {}).get("OPTIONS"),
    "read_from_replica": s.NEWSROOM_READ_FROM_REPLICA,
    "cache": s.CACHES["default"]["BACKEND"],
    "sessions": s.SESSION_ENGINE,
    "storage": s.STORAGES["default"],
    "media_url": s.MEDIA_URL,
}))
"""


def production_settings(**env):
    environment = production_environment(SECRET_KEY="s" * 50, **env)
    for name in ("DATABASE_REPLICA_URL", "CACHE_URL", "AWS_STORAGE_BUCKET_NAME", "MEDIA_URL"):
        if name not in env:
            environment.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_machine_needs_no_service():
    found = production_settings()
    assert found["databases"] == ["default"]
    assert not found["read_from_replica"]
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert found["storage"]["BACKEND"] == "newsroom.storage.WholeFileStorage"  # files on disk
    assert found["media_url"] == "/media/"


def test_the_scaled_environment_turns_every_shared_service_on():
    found = production_settings(
        DATABASE_URL="postgres://app@db-primary:5432/newsroom",
        DATABASE_REPLICA_URL="postgres://app@db-replica:5432/newsroom",
        CACHE_URL="redis://cache:6379/0",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        S3_ENDPOINT_URL="https://s3.example.net",
        MEDIA_URL="https://media.example.com/",
    )
    assert found["databases"] == ["default", "replica"]
    assert found["replica_host"] == "db-replica"
    assert found["replica_options"] == {"connect_timeout": 1}  # a dead replica costs 1 s at most
    assert found["read_from_replica"]
    assert found["cache"].endswith("RedisCache")
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"
    options = found["storage"]["OPTIONS"]
    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "newsroom-media"
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["custom_domain"] == "media.example.com"
    assert options["url_protocol"] == "https:"
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False


@pytest.fixture
def bucket(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="newsroom-media")
        yield S3Storage(
            bucket_name="newsroom-media",
            region_name="us-east-1",
            querystring_auth=False,
            file_overwrite=False,
            custom_domain="media.example.com",
            url_protocol="https:",
        )


def test_an_upload_and_its_renditions_live_in_the_bucket(bucket):
    """The image code uses the storage API only (no local paths): a bucket works as is."""
    name = bucket.save("featured/2026/11/foto.jpg", upload("foto.jpg", image_bytes("JPEG")))
    data = images.make_renditions(name, bucket)
    assert data["width"] == 1600
    stored = [source[key] for source in data["sources"] for key in ("src", "webp")]
    assert len(stored) == 10  # 320 to 1600 px, JPEG and WebP
    assert all(bucket.exists(rendition) for rendition in stored)
    assert bucket.url(name) == "https://media.example.com/featured/2026/11/foto.jpg"
    # Another upload under the same name keeps the first (a revision may still show it).
    again = bucket.save("featured/2026/11/foto.jpg", upload("foto.jpg", image_bytes("JPEG")))
    assert again != name
