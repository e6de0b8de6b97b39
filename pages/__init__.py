"""Standing pages (About, Contact, Privacy policy) at /<slug>/, outside the article flow."""
