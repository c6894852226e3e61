package seatablemigrate.core.release;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import seatablemigrate.core.spi.Shell;

/**
 * The entries of a release's {@code seatable-compose.tar.gz}, read by this reader and nothing else: gzip, then tar in the
 * ustar or GNU format (GNU long names included), each header's checksum checked. Everything in it is untrusted: only
 * regular files and folders are taken, their names plain relative paths (no {@code ..}, no absolute part, only letters,
 * digits and {@code ._+-} in each part); links, devices and every other entry refuse the tarball, and so do more than
 * {@link #MAX_ENTRIES} entries or more than {@link #MAX_UNPACKED_BYTES} unpacked.
 */
public final class ReleaseTarball {
    /** The most bytes a downloaded tarball may have (SeaTable's are about 20 KiB). */
    public static final int MAX_TARBALL_BYTES = 4 << 20;
    /** The most bytes the tar stream may unpack to, headers included. */
    static final long MAX_UNPACKED_BYTES = 32 << 20;
    static final int MAX_ENTRIES = 1000;
    private static final int BLOCK = 512;
    private static final int MAX_NAME_BYTES = 1024;
    private static final int MAX_DEPTH = 16;
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._+-]{1,128}");

    private ReleaseTarball() {}

    /**
     * One entry: a folder, or a regular file and its bytes.
     *
     * @param path its normalised relative path ({@code compose/x.yml}: {@code ./} and a folder's trailing {@code /} removed)
     */
    public record Entry(String path, boolean directory, byte[] bytes) {
        public Entry {
            requireNonNull(path, "path is null");
            requireNonNull(bytes, "bytes is null");
        }
    }

    /** The tarball is refused; the message says which entry and why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** The entries of the gzip-compressed tarball {@code gz}, in their order; the archive's own root ({@code ./}) is left out. */
    public static List<Entry> read(byte[] gz) throws Refused {
        try (InputStream in = new Capped(new GZIPInputStream(new ByteArrayInputStream(gz)))) {
            return entries(in);
        } catch (TooLarge e) {
            throw new Refused(e.getMessage());
        } catch (IOException e) {
            throw new Refused("it is no gzip-compressed tar archive (" + e.getMessage() + ")");
        }
    }

    private static List<Entry> entries(InputStream in) throws IOException, Refused {
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String longName = null;
        for (int count = 0; ; count++) {
            if (count > MAX_ENTRIES) {
                throw new Refused("it holds more than " + MAX_ENTRIES + " entries");
            }
            byte[] header = block(in);
            if (isZero(header)) {
                return out; // the end marker: whatever follows is padding
            }
            Header h = Header.parse(header);
            byte[] data = content(in, h.size());
            if (h.type() == 'L') {
                if (longName != null || data.length > MAX_NAME_BYTES) {
                    throw new Refused("it holds a GNU long name that is too long or not followed by its entry");
                }
                longName = nulTerminated(data, 0, data.length);
                continue;
            }
            String raw = longName != null ? longName : h.name();
            longName = null;
            String path = path(raw);
            if (h.type() != '0' && h.type() != '\0' && h.type() != '5') {
                throw new Refused(Shell.describeName(raw) + " is " + kind(h.type()) + ": a release tarball holds only files and folders");
            }
            if (path.isEmpty()) {
                continue; // ./ itself
            }
            if (!seen.add(path)) {
                throw new Refused(Shell.describeName(raw) + " is in it twice");
            }
            out.add(new Entry(path, h.type() == '5', h.type() == '5' ? new byte[0] : data));
        }
    }

    /**
     * The plain relative path {@code raw} names, normalised; refused when it is absolute, climbs ({@code ..}), is too deep or
     * holds anything but letters, digits and {@code ._+-} in a part.
     */
    static String path(String raw) throws Refused {
        if (raw.startsWith("/")) {
            throw new Refused(Shell.describeName(raw) + " is an absolute name");
        }
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        List<String> parts = new ArrayList<>();
        for (String part : trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1)) {
            if (part.equals("..")) {
                throw new Refused(Shell.describeName(raw) + " climbs out of its folder (..)");
            }
            if (part.equals(".") && parts.isEmpty()) {
                continue; // tar -C dir . names every entry ./x
            }
            if (part.equals(".") || !PART.matcher(part).matches()) {
                throw new Refused(Shell.describeName(raw) + " is not a plain relative name");
            }
            parts.add(part);
        }
        if (parts.size() > MAX_DEPTH) {
            throw new Refused(Shell.describeName(raw) + " is nested deeper than " + MAX_DEPTH + " folders");
        }
        return String.join("/", parts);
    }

    private static String kind(char type) {
        return switch (type) {
            case '1' -> "a hard link";
            case '2' -> "a symbolic link";
            case '3', '4' -> "a device";
            case '6' -> "a FIFO";
            case 'x', 'g' -> "a pax header (this reader takes ustar and GNU tar only)";
            default -> "an entry of type '" + (Character.isLetterOrDigit(type) ? String.valueOf(type) : "?") + "'";
        };
    }

    /** One tar header: its name (the ustar prefix joined), its type and its content's size. */
    private record Header(String name, char type, long size) {
        static Header parse(byte[] b) throws Refused {
            String magic = new String(b, 257, 8, StandardCharsets.ISO_8859_1);
            boolean posix = magic.equals("ustar\u000000");
            if (!posix && !magic.equals("ustar  \u0000")) {
                throw new Refused("a header is neither ustar nor GNU tar");
            }
            long stored = octal(b, 148, 8, "checksum");
            long sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (b[i] & 0xff);
            }
            String name = nulTerminated(b, 0, 100);
            if (stored != sum) {
                throw new Refused("the header of " + Shell.describeName(name) + " has a wrong checksum: the tarball is damaged");
            }
            String prefix = posix ? nulTerminated(b, 345, 155) : "";
            long size = octal(b, 124, 12, "size");
            return new Header(prefix.isEmpty() ? name : prefix + "/" + name, (char) (b[156] & 0xff), size);
        }

        private static long octal(byte[] b, int offset, int length, String field) throws Refused {
            String s = nulTerminated(b, offset, length).trim();
            if (s.isEmpty() || s.length() > 11 || !s.chars().allMatch(c -> c >= '0' && c <= '7')) {
                throw new Refused("a header's " + field + " is no octal number: the tarball is damaged");
            }
            return Long.parseLong(s, 8);
        }
    }

    private static String nulTerminated(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static byte[] block(InputStream in) throws IOException, Refused {
        byte[] b = in.readNBytes(BLOCK);
        if (b.length != BLOCK) {
            throw new Refused("it ends without tar's end marker: the tarball is cut off");
        }
        return b;
    }

    private static byte[] content(InputStream in, long size) throws IOException, Refused {
        if (size > MAX_UNPACKED_BYTES) {
            throw new Refused("an entry is larger than " + (MAX_UNPACKED_BYTES >> 20) + " MiB");
        }
        byte[] data = in.readNBytes((int) size);
        long padding = (BLOCK - size % BLOCK) % BLOCK;
        if (data.length != size || in.readNBytes((int) padding).length != padding) {
            throw new Refused("it ends inside an entry: the tarball is cut off");
        }
        return data;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The unpacked stream, ended with {@link TooLarge} past {@link #MAX_UNPACKED_BYTES}: a small tarball cannot flood memory. */
    private static final class Capped extends InputStream {
        private final InputStream in;
        private long read;

        Capped(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && (read += n) > MAX_UNPACKED_BYTES) {
                throw new TooLarge();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("it unpacks to more than " + (MAX_UNPACKED_BYTES >> 20) + " MiB");
        }
    }
}
