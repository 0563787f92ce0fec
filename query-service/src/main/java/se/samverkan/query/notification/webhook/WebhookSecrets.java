package se.samverkan.query.notification.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import se.samverkan.platform.settings.SamverkanSettings;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook signing secrets: generated as {@code whsec_<base64 of 32 random bytes>} and stored encrypted
 * with AES-256-GCM. They cannot be stored as hashes: signing a delivery (HMAC-SHA256) needs the key
 * itself. The encryption key comes from SAMVERKAN_WEBHOOK_KEY (base64, 16/24/32 bytes) or else from the
 * file {@code webhook-key} in the data folder, generated on first use with mode 600; a database dump
 * alone thus does not reveal the secrets.
 */
@Component
public class WebhookSecrets {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);
    static final String PREFIX = "whsec_";
    static final String KEY_FILE = "webhook-key";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    @Autowired
    public WebhookSecrets(WebhookSettings settings, SamverkanSettings querySettings) {
        this(keyBytes(settings.key(), querySettings.dataDir()));
    }

    WebhookSecrets(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A new secret as given to the subscriber once. */
    String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The HMAC key of a secret: its base64-decoded part after {@code whsec_}. */
    static byte[] signingKey(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    byte[] encrypt(String secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    String decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a webhook secret: is SAMVERKAN_WEBHOOK_KEY (or the webhook-key"
                    + " file) the one it was stored with?", e);
        }
    }

    static byte[] keyBytes(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = Base64.getDecoder().decode(configured.trim());
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalStateException("SAMVERKAN_WEBHOOK_KEY must be 16, 24 or 32 bytes in base64, not " + key.length);
            }
            return key;
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                // written aside and linked into place, so no instance ever reads a half-written file
                Path written = Files.createTempFile(dataDir, KEY_FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(written, Base64.getEncoder().encodeToString(key));
                    Files.createLink(file, written);
                    log.info("Generated the webhook secret key in {}", file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // another instance on the same data folder was first: use its key
                } finally {
                    Files.deleteIfExists(written);
                }
            }
            String stored = Files.readString(file).trim();
            if (stored.isEmpty()) {
                throw new IllegalStateException("the webhook key file " + file + " is empty");
            }
            return keyBytes(stored, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the webhook key file " + file, e);
        }
    }
}
