package glassworks.md;

import java.io.IOException;

/**
 * A checkpoint that cannot be resumed from: truncated, corrupt, of another format version, or of another run
 * configuration. The message names the file and the fix.
 */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
