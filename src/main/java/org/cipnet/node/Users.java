package org.cipnet.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The publishers of a node: a users file with one {@code name:pbkdf2-sha256:iterations:salt:hash}
 * line per user (salt and hash in Base64; {@code #} starts a comment). Only hashes are stored; the
 * JDK's PBKDF2 makes guessing costly.
 */
public final class Users {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> entries;

    private Users(Map<String, String> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static Users none() {
        return new Users(Map.of());
    }

    public static Users load(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] parts = l.split(":");
            if (parts.length != 5 || !parts[1].equals(SCHEME))
                throw new IOException(file + ":" + n + ": expected name:" + SCHEME + ":iterations:salt:hash (make one with 'cipnet passwd')");
            m.put(parts[0], l);
        }
        return new Users(m);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The line to put in a users file for this name and password. */
    public static String entry(String name, char[] password) {
        if (name.isBlank() || name.contains(":")) throw new IllegalArgumentException("a user name is non-empty and has no ':'");
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = hash(password, salt, ITERATIONS);
        var b64 = Base64.getEncoder();
        return name + ":" + SCHEME + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    /** The user named in a valid HTTP Basic {@code Authorization} header, if the password matches. */
    public Optional<String> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return Optional.empty();
        String name = decoded.substring(0, colon);
        // An unknown name is checked against a dummy entry, as costly as a real one: the answer's
        // timing must not tell which user names exist.
        String entry = entries.getOrDefault(name, DUMMY);
        String[] p = entry.split(":");
        var b64 = Base64.getDecoder();
        byte[] expected = b64.decode(p[4]);
        byte[] actual = hash(decoded.substring(colon + 1).toCharArray(), b64.decode(p[3]), Integer.parseInt(p[2]));
        return MessageDigest.isEqual(expected, actual) && entry != DUMMY ? Optional.of(name) : Optional.empty();
    }

    private static final String DUMMY = entry("unknown", new char[0]);

    /** The user name an HTTP Basic header claims (whether or not it exists), or "" when there is none. */
    public static String claimedName(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) return "";
        try {
            String decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? "" : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static byte[] hash(char[] password, byte[] salt, int iterations) {
        try {
            KeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
