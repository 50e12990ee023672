package org.cipnet.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.javalin.http.Context;

/**
 * What every page needs to speak to one visitor: the interface language (negotiated once, here),
 * its strings, the order in which labels from the data are picked, and the one rule for links that
 * come from member data (only http, https and mailto are ever rendered as links).
 */
public final class Ui {
    /** The interface languages: English and the network's languages. */
    public static final List<String> LANGUAGES = List.of("en", "nb", "sv", "da", "fi", "is", "et", "lv", "lt", "pl", "ru", "cs");
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");
    private static final Map<String, Map<String, String>> MESSAGES = new LinkedHashMap<>();
    static {
        for (String l : LANGUAGES) MESSAGES.put(l, load(l));
    }

    private final String lang;
    private final List<String> labelLangs;
    private final String path;

    private Ui(String lang, List<String> labelLangs, String path) {
        this.lang = lang;
        this.labelLangs = labelLangs;
        this.path = path;
    }

    /** English, for code paths without a visitor (tests, the RDF of a page). */
    static Ui english() {
        return new Ui("en", List.of("en"), "/");
    }

    /**
     * The visitor's language: {@code ?lang=} (remembered in a cookie), else the cookie, else the
     * first {@code Accept-Language} tag we have strings for; {@code no} and {@code nn} read as
     * {@code nb}. Labels from the data follow the visitor's whole {@code Accept-Language} list, then
     * English.
     */
    static Ui of(Context ctx) {
        List<String> accepted = accepted(ctx.header("Accept-Language"));
        String chosen = supported(ctx.queryParam("lang"));
        if (chosen != null) ctx.cookie("lang", chosen, 365 * 24 * 3600);
        else chosen = supported(ctx.cookie("lang"));
        if (chosen == null) chosen = accepted.stream().map(Ui::supported).filter(x -> x != null).findFirst().orElse("en");
        List<String> labels = new ArrayList<>();
        labels.add(chosen);
        for (String a : accepted) if (!labels.contains(a)) labels.add(a);
        if (!labels.contains("en")) labels.add("en");
        return new Ui(chosen, List.copyOf(labels), ctx.path());
    }

    static List<String> accepted(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) return out;
        for (String part : header.split(",")) {
            String tag = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (tag.isEmpty() || tag.equals("*")) continue;
            String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
            if (primary.equals("no") || primary.equals("nn")) primary = "nb";
            if (!out.contains(tag)) out.add(tag);
            if (!out.contains(primary)) out.add(primary);
        }
        return out;
    }

    private static String supported(String tag) {
        if (tag == null) return null;
        String t = tag.toLowerCase(Locale.ROOT);
        if (t.contains("-")) t = t.substring(0, t.indexOf('-'));
        if (t.equals("no") || t.equals("nn")) t = "nb";
        return LANGUAGES.contains(t) ? t : null;
    }

    public String lang() { return lang; }

    public List<String> labelLangs() { return labelLangs; }

    /** The interface string {@code key} in the visitor's language (English where a translation is missing). */
    public String t(String key, Object... args) {
        String s = MESSAGES.get(lang).get(key);
        if (s == null) s = MESSAGES.get("en").get(key);
        if (s == null) throw new IllegalArgumentException("no interface string " + key);
        return args.length == 0 ? s : new MessageFormat(s, Locale.forLanguageTag(lang)).format(args);
    }

    /** A language's own name, for the switcher. */
    public String languageName(String l) {
        return MESSAGES.get(l).get("language.self");
    }

    /** This page in language {@code l}: the switcher's links. */
    public String switchTo(String l, String queryString) {
        StringBuilder q = new StringBuilder(path).append("?");
        if (queryString != null)
            for (String kv : queryString.split("&")) if (!kv.isEmpty() && !kv.startsWith("lang=")) q.append(kv).append('&');
        return q.append("lang=").append(l).toString();
    }

    /** The label of something from the data, in the visitor's order of languages, else any. */
    public String pick(Map<String, String> byLang, String fallback) {
        if (byLang == null || byLang.isEmpty()) return fallback;
        for (String l : labelLangs) if (byLang.containsKey(l)) return byLang.get(l);
        for (var e : byLang.entrySet()) for (String l : labelLangs) if (e.getKey().startsWith(l + "-")) return e.getValue();
        return byLang.containsKey("") ? byLang.get("") : byLang.values().iterator().next();
    }

    /** Whether {@code byLang} has text in the visitor's own language (else a page says which language it shows). */
    public String langOf(Map<String, String> byLang) {
        if (byLang == null) return "";
        for (String l : labelLangs) if (byLang.containsKey(l)) return l;
        return byLang.keySet().stream().findFirst().orElse("");
    }

    /**
     * The link target for a URL that came from member data, or null when it must not be a link:
     * only absolute http, https and mailto URLs pass (no {@code javascript:}, {@code data:}, …).
     */
    public static String safeHref(String url) {
        if (url == null) return null;
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme();
            return scheme != null && SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) ? u.toASCIIString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String clusterHref(String iri) {
        return "/cluster?id=" + enc(iri);
    }

    private static Map<String, String> load(String l) {
        try (InputStream in = Ui.class.getResourceAsStream("i18n/messages_" + l + ".properties")) {
            if (in == null) throw new IllegalStateException("missing interface strings for " + l);
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> m = new LinkedHashMap<>();
            p.forEach((k, v) -> m.put((String) k, (String) v));
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
