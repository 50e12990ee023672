package org.cipnet.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.javalin.http.Context;

/** The languages a request asks names in: {@code lang=} if given, else {@code Accept-Language} (by weight); English last. */
final class WebLangs {
    private WebLangs() {}

    static List<String> of(Context ctx) {
        String h = ctx.queryParam("lang") != null ? ctx.queryParam("lang") : ctx.header("Accept-Language");
        List<String> out = new ArrayList<>();
        try {
            if (h != null && !h.isBlank())
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(h)) {
                    String tag = r.getRange();
                    if (tag.equals("*")) continue;
                    out.add(tag);
                    String primary = tag.split("-")[0];
                    out.add(primary.equals("no") ? "nb" : primary); // Norwegian names are tagged nb
                }
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "cannot read the language list '" + h + "'").at("parameter", ctx.queryParam("lang") != null ? "lang" : "Accept-Language");
        }
        out.add("en");
        return out;
    }
}
