vcl 4.1;
# Varnish in front of Newsroom: keeps anonymous reader pages and drops them the moment the site
# says what changed (BAN by surrogate key, see pagecache/backends.py and docs/design.md).
#
#   varnishd -a 127.0.0.1:6081 -f /path/to/deploy/varnish.vcl -n /var/lib/varnish/newsroom
#
# The backend address below is a default; tools that start Varnish for tests and benchmarks
# write their own copy with the site's address (tests/pagecache/test_varnish.py).
# Set PAGE_CACHE_PURGE_URL=http://127.0.0.1:6081/ in the site's environment.

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may send BAN: the site's own servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Ban-Surrogate-Key) {
            return (synth(400, "X-Ban-Surrogate-Key missing"));
        }
        # A regex over the stored page's Surrogate-Key header; the ban lurker clears them.
        ban("obj.http.Surrogate-Key ~ " + req.http.X-Ban-Surrogate-Key);
        return (synth(200, "Banned"));
    }
    # A signed-in editor's session goes to the site; anonymous readers' other cookies do not
    # change the page (the site sets none on reader pages).
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.url ~ "[?&]unapproved=") {
        return (pass);
    }
    unset req.http.Cookie;
}

sub vcl_backend_response {
    # The site marks what may be shared: public with s-maxage, Surrogate-Key naming its keys.
    if (!beresp.http.Surrogate-Key) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
