# Varnish in front of Filmculture's app servers (docs/caching.md).
#
# Anonymous GETs are cached for as long as the site's Cache-Control allows shared caches
# (s-maxage; stale-while-revalidate becomes grace). Editors, who carry a session cookie,
# the admin and previews go straight to the app. The app bans pages by surrogate key when
# content changes (articles/purging.py: BAN with X-Ban-Surrogate, from the purgers below).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may ban: the app servers. Add their addresses when they run on other machines.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to ban"));
        }
        if (!req.http.X-Ban-Surrogate) {
            return (synth(400, "X-Ban-Surrogate is required"));
        }
        # Only obj.* in the expression: the ban lurker can clear matching pages in the
        # background instead of each being checked when next requested.
        ban("obj.http.Surrogate-Key ~ " + req.http.X-Ban-Surrogate);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/" || req.url ~ "^/preview/" || req.url ~ "/preview/(\?.*)?$") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Readers' other cookies (the CSRF token, analytics) change nothing on a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for caches; readers need not see them.
    unset resp.http.Surrogate-Key;
}
