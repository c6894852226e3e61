package seatablemigrate.core.registry;

/** A registry could not answer the question: unreachable, refused access, or answered nonsense. Names the registry. */
public final class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the registry did not answer. */
    public enum Kind { UNREACHABLE, DENIED, FAILED }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
