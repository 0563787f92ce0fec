package se.samverkan.platform.security;

import se.samverkan.platform.eventstore.HashChain;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Access tokens: 32 random bytes, shown once; only their SHA-256 is stored. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "svk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        return HashChain.sha256(token);
    }

    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(), b.getBytes());
    }
}
