package org.cipnet.federation.members;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.cipnet.rdf.RdfInputException;
import org.junit.jupiter.api.Test;

/** A federation that would read one member's data twice is refused, naming both members. */
class RequireDistinctTest {
    private static Member owner(String id, String port, String space) {
        return new Member(id, "http://127.0.0.1:" + port + "/" + id + "/sparql", space, null, Member.DEFAULT_TIMEOUT, Member.DEFAULT_CONCURRENCY);
    }

    @Test
    void membersOwningNestedUriSpacesAreRefused() {
        var e = assertThrows(RdfInputException.class, () -> MemberDiscovery.requireDistinct(List.of(
                owner("se", "1", "https://w3id.org/cipnet/se/"), owner("se2", "2", "https://w3id.org/cipnet/se/cluster-organisation/"))));
        assertTrue(e.getMessage().contains("members se and se2 both own URI space"), e.getMessage());
    }

    @Test
    void theSameIdTwiceIsRefused() {
        var e = assertThrows(RdfInputException.class, () -> MemberDiscovery.requireDistinct(List.of(
                Member.plain("x", "http://127.0.0.1:1/a/sparql"), Member.plain("x", "http://127.0.0.1:2/b/sparql"))));
        assertTrue(e.getMessage().contains("two members are named 'x'"), e.getMessage());
    }

    @Test
    void distinctMembersPass() throws Exception {
        MemberDiscovery.requireDistinct(List.of(owner("se", "1", "https://w3id.org/cipnet/se/"), owner("no", "2", "https://w3id.org/cipnet/no/"),
                Member.plain("other", "http://127.0.0.1:3/ds/sparql")));
    }
}
