package glassworks.cli;

/** Input refused before anything was written: exit status 2, one message naming the problem and the fix. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Runs a check, turning its IllegalArgumentException into a refusal. */
    static void check(Runnable validation) {
        try {
            validation.run();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
