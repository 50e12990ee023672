package org.cipnet.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class UiTest {
    static Properties strings(String lang) throws Exception {
        Properties p = new Properties();
        try (var in = Ui.class.getResourceAsStream("i18n/messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyLanguageHasEveryInterfaceStringWithTheSameArguments() throws Exception {
        Properties en = strings("en");
        for (String l : Ui.LANGUAGES) {
            Properties p = strings(l);
            assertEquals(en.keySet(), p.keySet(), l + " has exactly the English keys");
            for (Object k : en.keySet()) {
                String e = en.getProperty((String) k), t = p.getProperty((String) k);
                for (int i = 0; i < 3; i++)
                    assertEquals(e.contains("{" + i + "}"), t.contains("{" + i + "}"), l + " " + k + " uses argument " + i + " as English does");
                if (!l.equals("en") && !List.of("nav.sparql", "profile.type", "col.kind", "network.status", "nav.menu", "profile.region",
                        "profile.project", "profile.score", "col.score", "network.triples").contains(k) && e.length() > 12)
                    assertNotEquals(e, t, l + " " + k + " is translated");
            }
        }
    }

    @Test
    void onlyHttpHttpsAndMailtoBecomeLinks() {
        assertEquals("https://example.org/a", Ui.safeHref("https://example.org/a"));
        assertEquals("mailto:x@example.org", Ui.safeHref("mailto:x@example.org"));
        for (String bad : List.of("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x", "vbscript:x", "//evil", "relative"))
            assertNull(Ui.safeHref(bad), bad);
    }

    @Test
    void norwegianFallsBackToBokmal() {
        assertEquals(List.of("no", "nb", "en-gb", "en"), Ui.accepted("no, en-GB;q=0.8, en;q=0.5"));
    }
}
