-- Token buckets shared by every node when roster.ratelimit.store=postgres (Bucket4j's layout).
CREATE TABLE rate_limit_buckets (
    id    text PRIMARY KEY,
    state bytea
);
