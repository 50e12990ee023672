package org.cipnet.linking;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * External identifiers in one comparable form, so that an identifier decides a link whatever way a
 * record writes it: Wikidata ids as {@code wikidata:Q…} (from {@code Q123}, or an entity or wiki
 * URL), other URLs (ECCP profiles, registry pages) without scheme, {@code www.} and trailing
 * slash, and register numbers without spaces, dots and dashes, upper-cased.
 */
public final class Identifiers {
    private Identifiers() {}

    private static final Pattern WIKIDATA = Pattern.compile("(?i)^(?:https?://(?:www\\.)?wikidata\\.org/(?:entity|wiki)/)?(Q[1-9][0-9]*)$");

    /** The comparable form of an identifier, or null for a blank one. */
    public static String normalise(String id) {
        if (id == null) return null;
        String s = id.strip();
        if (s.isEmpty()) return null;
        Matcher w = WIKIDATA.matcher(s);
        if (w.matches()) return "wikidata:" + w.group(1).toUpperCase(Locale.ROOT);
        if (s.matches("(?i)^https?://.*")) return url(s);
        return s.replaceAll("[\\s.\\-/]", "").toUpperCase(Locale.ROOT);
    }

    /** A URL without scheme, {@code www.}, query-less trailing slash; host lower-cased. */
    static String url(String s) {
        String rest = s.replaceFirst("(?i)^https?://", "");
        int slash = rest.indexOf('/');
        String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        String path = slash < 0 ? "" : rest.substring(slash);
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return host + path;
    }

    /** The host of a URL or bare domain, lower-cased, without {@code www.}; null if there is none. */
    public static String domain(String urlOrDomain) {
        if (urlOrDomain == null || urlOrDomain.isBlank()) return null;
        String u = url(urlOrDomain.strip());
        int slash = u.indexOf('/');
        String host = slash < 0 ? u : u.substring(0, slash);
        int colon = host.indexOf(':');
        if (colon >= 0) host = host.substring(0, colon);
        return host.isEmpty() ? null : host;
    }
}
