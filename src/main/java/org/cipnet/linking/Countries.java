package org.cipnet.linking;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Country values as records write them — ISO 3166-1 alpha-2 ({@code NO}) or alpha-3
 * ({@code NOR}), the EU country authority IRI, or the English name — to the alpha-3 code the EU
 * authority IRIs end with. The table is the JDK's ISO 3166 list.
 */
public final class Countries {
    private Countries() {}

    public static final String AUTHORITY = "http://publications.europa.eu/resource/authority/country/";

    private static final Map<String, String> CODES = new HashMap<>();
    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, String> ALPHA2 = new HashMap<>();
    static {
        for (String a2 : Locale.getISOCountries()) {
            Locale l = new Locale("", a2);
            String a3 = l.getISO3Country();
            CODES.put(a2, a3);
            CODES.put(a3, a3);
            CODES.put(l.getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), a3);
            NAMES.put(a3, l.getDisplayCountry(Locale.ENGLISH));
            ALPHA2.put(a3, a2);
        }
        // The names EU and UN tables use where the JDK's differ.
        CODES.put("czech republic", "CZE");
        CODES.put("russian federation", "RUS");
        CODES.put("uk", "GBR");
        CODES.put("united kingdom of great britain and northern ireland", "GBR");
    }

    /** The alpha-3 code for a country value, or null when it names no country. */
    public static String alpha3(String value) {
        if (value == null) return null;
        String v = value.strip();
        if (v.startsWith(AUTHORITY)) v = v.substring(AUTHORITY.length());
        if (v.isEmpty()) return null;
        String code = CODES.get(v.toUpperCase(Locale.ROOT));
        return code != null ? code : CODES.get(v.toLowerCase(Locale.ROOT));
    }

    /** The alpha-2 code of an alpha-3 code, or null. */
    public static String alpha2(String alpha3) {
        return ALPHA2.get(alpha3);
    }

    /** The English name of an alpha-3 code (the code itself if unknown). */
    public static String name(String alpha3) {
        return NAMES.getOrDefault(alpha3, alpha3);
    }
}
