package seatablemigrate.core.registry;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import seatablemigrate.core.model.Secret;

/**
 * A user name and secret for one registry, from the user's Docker configuration. The secret is a password or an
 * access token; it leaves this record only as an {@code Authorization} header value.
 */
public record Credential(String user, Secret secret) {
    public Credential {
        requireNonNull(user, "user is null");
        requireNonNull(secret, "secret is null");
    }

    /** The value of a Basic {@code Authorization} header. */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret.reveal()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credential[user=" + user + ", secret=" + Secret.MASK + "]";
    }
}
