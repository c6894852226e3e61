package seatablemigrate.core.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The few fields {@link RegistryClient} reads from a registry's JSON answers, read as a token stream: everything else
 * is skipped without being built, so an answer of many MiB costs no more memory than its bytes, and Jackson's
 * nesting and string limits hold for what is skipped too. Every failure is a {@link RegistryException} naming who
 * answered.
 */
final class RegistryJson {
    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final JsonFactory JSON = new JsonFactory();

    private RegistryJson() {}

    /**
     * The string entries of a tag list's {@code tags} array (other entries are skipped; {@code null} or no array is
     * none), at most {@code room} of them.
     */
    static List<String> tags(Endpoint who, byte[] body, int room, int maxTags, String repository) throws RegistryException {
        List<String> tags = new ArrayList<>();
        read(who, body, (p, field) -> {
            if (!field.equals("tags") || p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new IOException("the document ends inside the tag list");
                }
                if (t == JsonToken.VALUE_STRING) {
                    if (tags.size() >= room) {
                        throw new RegistryException(RegistryException.Kind.FAILED, who.describe() + " lists more than " + maxTags + " tags for "
                                + repository + "; the tool reads at most " + maxTags);
                    }
                    tags.add(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        });
        return tags;
    }

    /**
     * An image index's platforms ({@code linux/arm64}, with {@code /variant} when given) and each one's manifest
     * digest, first entry winning. Attestation manifests (os {@code unknown}) and malformed digests are left out.
     */
    static Map<String, String> platforms(Endpoint who, byte[] body, int maxEntries, String image) throws RegistryException {
        Map<String, String> found = new LinkedHashMap<>();
        int[] entries = {0};
        read(who, body, (p, field) -> {
            if (!field.equals("manifests") || p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new IOException("the document ends inside the index");
                }
                if (++entries[0] > maxEntries) {
                    throw new RegistryException(RegistryException.Kind.FAILED, who.describe() + " answered an index of more than " + maxEntries
                            + " manifests for " + image);
                }
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                Map<String, String> entry = strings(p, "digest", "platform");
                String os = entry.getOrDefault("os", "");
                String digest = entry.getOrDefault("digest", "");
                if (!os.isEmpty() && !os.equals("unknown") && DIGEST.matcher(digest).matches()) {
                    String variant = entry.getOrDefault("variant", "");
                    found.putIfAbsent(os + "/" + entry.getOrDefault("architecture", "") + (variant.isEmpty() ? "" : "/" + variant), digest);
                }
            }
        });
        return found;
    }

    /** The largest size one blob may claim (1 TiB): a larger one is no image a host pulls, and sums stay far from overflow. */
    static final long MAX_BLOB_BYTES = 1L << 40;

    /**
     * The sum of a single-platform manifest's {@code config.size} and each {@code layers[].size}; empty when it has no
     * {@code layers} array (an index, an old schema). A size that is not a whole number from 0 to {@link #MAX_BLOB_BYTES},
     * or more than {@code maxLayers} layers, is a failure: a size that cannot be trusted is none.
     */
    static OptionalLong layerBytes(Endpoint who, byte[] body, int maxLayers, String image) throws RegistryException {
        long[] sum = {0};
        boolean[] layers = {false};
        read(who, body, (p, field) -> {
            if (field.equals("config") && p.currentToken() == JsonToken.START_OBJECT) {
                sum[0] += blobSize(who, p, image);
            } else if (field.equals("layers") && p.currentToken() == JsonToken.START_ARRAY) {
                layers[0] = true;
                int n = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t != JsonToken.START_OBJECT || ++n > maxLayers) {
                        throw new RegistryException(RegistryException.Kind.FAILED, who.describe() + " answered a manifest for " + image
                                + " whose layers are " + (t == null ? "cut short" : t != JsonToken.START_OBJECT ? "not objects" : "more than " + maxLayers));
                    }
                    sum[0] += blobSize(who, p, image);
                }
            } else {
                p.skipChildren();
            }
        });
        return layers[0] ? OptionalLong.of(sum[0]) : OptionalLong.empty();
    }

    /** One descriptor's {@code size}; the parser stands on the object's start and ends on its end. */
    private static long blobSize(Endpoint who, JsonParser p, String image) throws IOException, RegistryException {
        long size = -1;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("size") && value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                size = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("the document ends inside a descriptor");
        }
        if (size < 0 || size > MAX_BLOB_BYTES) {
            throw new RegistryException(RegistryException.Kind.FAILED, who.describe() + " answered a manifest for " + image
                    + " with a blob of no believable size");
        }
        return size;
    }

    /** A token service's {@code token}, else its {@code access_token} (OAuth's name); empty when neither is a string. */
    static Optional<String> token(Endpoint who, byte[] body) throws RegistryException {
        Map<String, String> fields = new LinkedHashMap<>();
        read(who, body, (p, field) -> {
            if ((field.equals("token") || field.equals("access_token")) && p.currentToken() == JsonToken.VALUE_STRING) {
                fields.putIfAbsent(field, p.getText());
            } else {
                p.skipChildren();
            }
        });
        return Optional.ofNullable(fields.getOrDefault("token", fields.get("access_token"))).filter(t -> !t.isEmpty());
    }

    /**
     * One index entry's string fields: {@code digest} at its top, {@code os}, {@code architecture}, {@code variant}
     * inside {@code platform}; other values skipped. The parser stands on the entry's start and ends on its end.
     */
    private static Map<String, String> strings(JsonParser p, String digestField, String platformField) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals(digestField) && value == JsonToken.VALUE_STRING) {
                out.putIfAbsent("digest", p.getText());
            } else if (name.equals(platformField) && value == JsonToken.START_OBJECT) {
                for (JsonToken u = p.nextToken(); u == JsonToken.FIELD_NAME; u = p.nextToken()) {
                    String key = p.currentName();
                    if (p.nextToken() == JsonToken.VALUE_STRING && (key.equals("os") || key.equals("architecture") || key.equals("variant"))) {
                        out.putIfAbsent(key, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface FieldReader {
        /** Called with the parser on a top-level field's value; leaves it on that value's last token. */
        void read(JsonParser p, String field) throws IOException, RegistryException;
    }

    /** Walks the top-level object's fields; a document that is no object has none, one that is no JSON is a failure. */
    private static void read(Endpoint who, byte[] body, FieldReader reader) throws RegistryException {
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    p.skipChildren();
                }
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new IOException("the document ends early");
                }
                String field = p.currentName();
                p.nextToken();
                reader.read(p, field);
            }
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.FAILED, who.describe() + " answered something that is not JSON");
        }
    }
}
