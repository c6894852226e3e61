package seatablemigrate.core.model;

/** A license file that cannot be read. The message never contains the file's content. */
public final class LicenseFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LicenseFormatException(String problem) {
        super("the license file cannot be read: " + problem);
    }
}
