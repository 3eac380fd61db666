package dev.roster.compat.flatfile;

/** Flatfile's envelope of every answer: {@code {"data": ...}}. */
record FlatfileData<T>(T data) {

    /** Flatfile's answer to a request that returns nothing else: {@code {"data": {"success": true}}}. */
    static FlatfileData<Success> success() {
        return new FlatfileData<>(new Success(true));
    }

    record Success(boolean success) {}
}
