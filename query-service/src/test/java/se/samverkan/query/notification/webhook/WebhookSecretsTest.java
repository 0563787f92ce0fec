package se.samverkan.query.notification.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecretIsThirtyTwoRandomBytesInBase64AfterWhsec() {
        WebhookSecrets secrets = new WebhookSecrets(new byte[32]);
        String secret = secrets.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSecrets.signingKey(secret)).hasSize(32);
        assertThat(secrets.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void storedSecretsAreEncryptedAndComeBackOnlyWithTheSameKey() {
        WebhookSecrets secrets = new WebhookSecrets(WebhookSecrets.keyBytes(null, dataDir));
        String secret = secrets.newSecret();
        byte[] stored = secrets.encrypt(secret);

        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6, 20));
        assertThat(secrets.encrypt(secret)).as("a fresh nonce every time").isNotEqualTo(stored);
        assertThat(secrets.decrypt(stored)).isEqualTo(secret);
        assertThat(new WebhookSecrets(WebhookSecrets.keyBytes(null, dataDir)).decrypt(stored))
                .as("the key file is read again after a restart").isEqualTo(secret);
        assertThatThrownBy(() -> new WebhookSecrets(new byte[32]).decrypt(stored)).isInstanceOf(IllegalStateException.class);
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> secrets.decrypt(stored)).as("tampered").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theGeneratedKeyFileIsReadableByItsOwnerOnly() throws Exception {
        byte[] key = WebhookSecrets.keyBytes("", dataDir);
        Path file = dataDir.resolve("webhook-key");
        assertThat(key).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).isEqualTo(key);
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void aConfiguredKeyWinsOverTheFileAndMustBeAnAesKey() {
        byte[] configured = new byte[16];
        configured[0] = 7;
        assertThat(WebhookSecrets.keyBytes(Base64.getEncoder().encodeToString(configured), dataDir)).isEqualTo(configured);
        assertThat(dataDir.resolve("webhook-key")).doesNotExist();
        assertThatThrownBy(() -> WebhookSecrets.keyBytes(Base64.getEncoder().encodeToString(new byte[10]), dataDir))
                .hasMessageContaining("16, 24 or 32 bytes");
    }
}
