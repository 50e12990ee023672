package org.cipnet.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class NormaliserTest {
    private final Normaliser n = Normaliser.standard();

    @Test
    void foldsCaseAccentsAndNordicLetters() {
        assertEquals("riga", n.fold("Rīga"));
        assertEquals("orsted as", n.fold("Ørsted A/S"));
        assertEquals("laeknisfraedi thorshofn", n.fold("Læknisfræði Þórshöfn"));
        assertEquals("lodz spolka", n.fold("Łódź  spółka!"));
        assertEquals("peterhofs", n.fold("Peterhof's"));
        assertEquals("nce subsea", n.fold("N.C.E.  Subsea"));
    }

    @Test
    void transliteratesRussianTheBgnWay() {
        assertEquals("pushchino", n.fold("Пущино"));
        assertEquals("kamskiy", n.fold("Камский"));
        assertEquals(n.fold("Kamskiy innovatsionnyy klaster"), n.fold("Камский инновационный кластер"));
    }

    @Test
    void stripsLegalFormsAtTheEdgesOnly() {
        assertEquals(List.of("innovasjon", "norge"), n.tokens("Innovasjon Norge AS"));
        assertEquals(List.of("lodz", "tech"), n.tokens("Lodz Tech sp. z o.o."));
        assertEquals(List.of("latvian", "it", "cluster"), n.tokens("SIA Latvian IT Cluster"));
        assertEquals(List.of("mechatronics", "cluster"), n.tokens("Mechatronics Cluster Aktiebolag"));
        assertEquals(List.of("life", "science", "cluster"), n.tokens("Life Science Cluster ApS"));
        assertEquals(List.of("tsifrovoy", "klaster"), n.tokens("ООО «Цифровой кластер»"));
        assertEquals(List.of("group", "nordic"), n.tokens("AS Group Nordic AS"));
        // a legal form inside the name stays, and a name is never stripped to nothing
        assertEquals(List.of("nordic", "as", "group"), n.tokens("Nordic AS Group"));
        assertEquals(List.of("as"), n.tokens("AS"));
    }

    @Test
    void genericWordsAreDownWeightedNotDropped() {
        assertTrue(n.isGeneric("cluster"));
        assertTrue(n.isGeneric("klynge"));
        assertTrue(n.isGeneric(n.fold("кластер")));
        assertTrue(n.isGeneric("forening"), "one-word ELF names count as generic");
        assertFalse(n.isGeneric("subsea"));
        assertTrue(n.weight("cluster") > 0 && n.weight("cluster") < n.weight("subsea"));
        assertEquals(List.of("oslo", "cancer", "cluster"), n.tokens("Oslo Cancer Cluster"));
    }
}
