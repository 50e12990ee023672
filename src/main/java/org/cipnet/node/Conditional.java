package org.cipnet.node;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Conditional GETs of what changes only with a publication (the dumps, the VoID description): the
 * answer names its version by {@code ETag} and {@code Last-Modified}, and a client that sends either
 * back while that version is still the current one gets a 304 without a body.
 */
final class Conditional {
    private Conditional() {}

    /** HTTP's IMF-fixdate (RFC 9110 §5.6.7): a two-digit day, which Java's RFC_1123 formatter does not write. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    static String httpDate(Instant time) {
        return HTTP_DATE.format(time);
    }

    /** Names the version published at {@code time} in the answer, for the client's next conditional GET. */
    static void validators(HttpServletResponse res, String etag, Instant time) {
        res.setHeader("ETag", etag);
        res.setHeader("Last-Modified", httpDate(time));
        res.setHeader("Cache-Control", "no-cache"); // cached copies are checked against the version every time
    }

    /**
     * Sets the validators of the version published at {@code time}; true when the request shows the
     * client has it already (the caller then answers 304). {@code If-None-Match} decides when sent.
     */
    static boolean notModified(HttpServletRequest req, HttpServletResponse res, String etag, Instant time) {
        validators(res, etag, time);
        String inm = req.getHeader("If-None-Match");
        if (inm != null) return org.cipnet.http.EntityTags.noneMatchHits(inm, etag);
        String ims = req.getHeader("If-Modified-Since");
        if (ims == null) return false;
        try {
            var since = java.time.ZonedDateTime.parse(ims, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !time.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
