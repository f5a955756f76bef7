package glassworks.md.fit;

/**
 * A fit refused because its input (or its optimum) is degenerate: too few points, a non-finite or non-positive value
 * where a logarithm is taken, a single distinct x, or a divergence temperature at or above the lowest temperature. The
 * message names the problem and what to do about it. A per-group job can catch this and record the message for the
 * group instead of failing.
 */
public class FitRefusedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public FitRefusedException(String message) {
        super(message);
    }
}
