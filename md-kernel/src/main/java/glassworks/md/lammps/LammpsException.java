package glassworks.md.lammps;

/** A LAMMPS run could not be started, failed, or timed out. The message says why and shows the end of its log. */
public class LammpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LammpsException(String message) {
        super(message);
    }

    public LammpsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No {@code lmp} binary was found (or the one GLASSWORKS_LMP names is not executable). */
    public static final class NotFound extends LammpsException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }
}
