package se.samverkan.command.platform;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids the server chooses (aggregates created without a client-chosen id, correlation ids): random
 * version-4 UUIDs as {@link UUID#randomUUID()} makes them, but from a strong generator per thread,
 * because that one shares a single {@code SecureRandom} whose lock the request threads queued on.
 */
public final class ServerIds {

    // SHA1PRNG: each instance has its own state (the default NativePRNG instances all share one lock) and is
    // as fast as UUID.randomUUID; a DRBG per thread measured half as fast
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(ServerIds::newGenerator);

    private ServerIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA1PRNG", e);
        }
    }
}
