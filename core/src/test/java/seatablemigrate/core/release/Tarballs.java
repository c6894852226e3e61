package seatablemigrate.core.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Tarballs written for tests, byte by byte as GNU tar or ustar writes them, hostile ones included. */
final class Tarballs {
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();
    private final boolean gnu;

    private Tarballs(boolean gnu) {
        this.gnu = gnu;
    }

    /** As {@code tar -czf x.tar.gz -C compose/ .} on Ubuntu writes it (GNU format). */
    static Tarballs gnu() {
        return new Tarballs(true);
    }

    static Tarballs ustar() {
        return new Tarballs(false);
    }

    /** A release export: {@code ./}, a compose file naming {@code version}'s image, .env-release, and a config folder. */
    static byte[] release(String version) {
        return gnu().dir("./").file("./seatable-server.yml", serverYml(version)).file("./.env-release", "TIME_ZONE='Europe/Berlin'\n")
                .dir("./config/").file("./config/seatable-nginx.conf", "server {}\n").gz();
    }

    static String serverYml(String version) {
        return "services:\n  seatable-server:\n    image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:" + version + "}\n";
    }

    Tarballs file(String name, String text) {
        return entry(name, '0', text.getBytes(StandardCharsets.UTF_8), false);
    }

    Tarballs dir(String name) {
        return entry(name, '5', new byte[0], false);
    }

    /** A GNU long name ({@code ././@LongLink}, type L) followed by the file it names. */
    Tarballs longFile(String name, String text) {
        entry("././@LongLink", 'L', (name + "\0").getBytes(StandardCharsets.UTF_8), false);
        return entry(name.substring(0, 10), '0', text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** An entry of any type; {@code badChecksum} stores a checksum one off. */
    Tarballs entry(String name, char type, byte[] content, boolean badChecksum) {
        byte[] h = new byte[512];
        put(h, 0, name.getBytes(StandardCharsets.UTF_8), 100);
        put(h, 100, "0000644\0".getBytes(StandardCharsets.US_ASCII), 8);
        put(h, 108, "0001750\0".getBytes(StandardCharsets.US_ASCII), 8);
        put(h, 116, "0001750\0".getBytes(StandardCharsets.US_ASCII), 8);
        put(h, 124, String.format("%011o\0", content.length).getBytes(StandardCharsets.US_ASCII), 12);
        put(h, 136, "14712345670\0".getBytes(StandardCharsets.US_ASCII), 12);
        h[156] = (byte) type;
        if (type == '2') {
            put(h, 157, "/etc/passwd".getBytes(StandardCharsets.US_ASCII), 100);
        }
        put(h, 257, (gnu ? "ustar  \0" : "ustar\00000").getBytes(StandardCharsets.US_ASCII), 8);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum + (badChecksum ? 1 : 0)).getBytes(StandardCharsets.US_ASCII), 8);
        tar.writeBytes(h);
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    /** The tar stream with its end marker, uncompressed. */
    byte[] tar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tar.toByteArray());
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    byte[] gz() {
        return gzip(tar());
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void put(byte[] h, int offset, byte[] value, int max) {
        System.arraycopy(value, 0, h, offset, Math.min(value.length, max));
    }
}
