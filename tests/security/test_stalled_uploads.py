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
    # The reader's GET, sent while both uploads are still open, is answered (a reader that got
    # nothing within stalled_uploads.PATIENCE has status None).
    status, _ = results["nginx"]
    assert status == 200
    assert results["media"] == 200
    assert results["static"] == 200
