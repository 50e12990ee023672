package org.cipnet.http;

/** {@code If-None-Match} as RFC 9110 §13.1.2 reads it: a list of tags, compared weakly, or {@code *}. */
public final class EntityTags {
    private EntityTags() {}

    /** Whether the header (null when absent) names {@code etag}: {@code W/"x"} matches {@code "x"}, and {@code *} matches any. */
    public static boolean noneMatchHits(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String t : ifNoneMatch.split(",")) {
            t = t.strip();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) return true;
        }
        return false;
    }
}
