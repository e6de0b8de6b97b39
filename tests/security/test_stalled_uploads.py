"""With deploy/nginx.conf in front, two stalled uploads do not take the site offline."""

import pytest

from scripts import stalled_uploads

pytestmark = pytest.mark.nginx


def test_two_stalled_uploads_leave_the_site_answering_through_nginx():
    """gunicorn's two sync workers stay free: nginx holds the bodies that never come.

    nginx also serves /media/ and /static/ (production Django serves neither itself).
    The baseline (gunicorn alone: no answer) is in `make stalled-uploads`; it takes 30 s.
    """
    results = stalled_uploads.measure(baseline=False)
    status, seconds = results["nginx"]
    assert status == 200
    assert seconds < stalled_uploads.PATIENCE
    assert results["media"] == 200
    assert results["static"] == 200
