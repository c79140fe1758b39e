package dev.homeostat.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code metadata.generateName} as the API server reads it on {@code kubectl create}: when no {@code name} is given,
 * the prefix (cut to 58 characters) and 5 characters of Kubernetes' own alphabet for generated names (no vowels, no 0,
 * 1 or 3, so no word can be spelled). The API server draws them at random; here they come from the file and the
 * document, so the same manifest gets the same name in every run.
 */
final class GeneratedName {
    /** Kubernetes' alphabet for generated names (apimachinery's util/rand). */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int MAX_PREFIX = 58, RANDOM_LENGTH = 5;

    private GeneratedName() { }

    /** The name of the object, or null when it has a name or no generateName. */
    static String of(String source, YamlDocument doc, JsonNode metadata) {
        if (metadata.path("name").isTextual() && !metadata.path("name").asText().isBlank()) return null;
        JsonNode prefix = metadata.path("generateName");
        if (!prefix.isTextual() || prefix.asText().isBlank()) return null;
        String base = prefix.asText().length() > MAX_PREFIX ? prefix.asText().substring(0, MAX_PREFIX) : prefix.asText();
        // the file's name, not its path, so that a scenario run from another directory names it alike
        String file = source.substring(source.lastIndexOf('/') + 1);
        byte[] digest = sha256(file + "\n" + doc.index() + "\n" + base);
        var out = new StringBuilder(base);
        for (int i = 0; i < RANDOM_LENGTH; i++) out.append(ALPHABET.charAt(Math.floorMod(digest[i], ALPHABET.length())));
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
