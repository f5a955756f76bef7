package glassworks.schema;

/** A stored file was written with a table format this build cannot read. */
public final class FormatVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FormatVersionException(String message) {
        super(message);
    }
}
