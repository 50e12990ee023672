package org.cipnet.node;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.cipnet.testing.Http;
import org.junit.jupiter.api.Test;

/** Password checks: a wrong password and an unknown user name cost the same, so timing tells no names. */
class UsersTest {

    @Test
    void anUnknownUserCostsAsMuchAsAWrongPassword() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("users", ".txt");
        java.nio.file.Files.writeString(file, Users.entry("agency", "correct horse battery".toCharArray()) + "\n");
        Users users = Users.load(file);
        assertTrue(users.authenticate(Http.basic("agency", "correct horse battery")).isPresent());
        List<Long> known = new ArrayList<>(), unknown = new ArrayList<>();
        for (int i = 0; i < 7; i++) { // interleaved, so that load on the machine falls on both alike
            known.add(nanos(users, Http.basic("agency", "wrong " + i)));
            unknown.add(nanos(users, Http.basic("nobody-" + i, "wrong " + i)));
        }
        Collections.sort(known);
        Collections.sort(unknown);
        long k = known.get(3), u = unknown.get(3);
        // Checking a password runs PBKDF2 (tens of ms); skipping it for unknown names answered 10x faster.
        assertTrue(u * 3 > k, "median " + u / 1_000_000.0 + " ms for an unknown user vs " + k / 1_000_000.0 + " ms for a wrong password");
        assertEquals("nobody", Users.claimedName(Http.basic("nobody", "x")));
        java.nio.file.Files.delete(file);
    }

    private static long nanos(Users users, String header) {
        long t0 = System.nanoTime();
        assertTrue(users.authenticate(header).isEmpty());
        return System.nanoTime() - t0;
    }
}
