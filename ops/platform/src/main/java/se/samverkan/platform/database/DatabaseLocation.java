package se.samverkan.platform.database;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the embedded PostgreSQL of a data folder listens. The command service writes it when it
 * starts the embedded server; the query service reads it to connect to the same database.
 */
public record DatabaseLocation(String jdbcUrl, String user, String password) {

    private static final String FILE = "database.properties";

    public static Path fileIn(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    public void writeTo(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty("url", jdbcUrl);
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        try {
            Files.createDirectories(dataDir);
            Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "Written by the Samverkan command service for its embedded PostgreSQL");
            }
            Files.move(temporary, fileIn(dataDir), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + fileIn(dataDir), e);
        }
    }

    public static Optional<DatabaseLocation> readFrom(Path dataDir) {
        Path file = fileIn(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new DatabaseLocation(properties.getProperty("url"), properties.getProperty("user"),
                properties.getProperty("password")));
    }
}
