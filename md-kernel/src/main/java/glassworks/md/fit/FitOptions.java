package glassworks.md.fit;

/**
 * Optional settings of a fit.
 *
 * @param initialGuess   starting parameters in the order of {@link Model#reportedNames()} (e.g. ln_tau0, D, T0 for VFT),
 *                       or null for the model's own data-driven guess. A guess outside the model's domain (VFT T0 &ge;
 *                       min T, MCT T_c &ge; min T) is refused.
 * @param maxIterations  Levenberg–Marquardt iterations before the fit is reported as not converged
 * @param maxEvaluations model evaluations before the fit is reported as not converged
 */
public record FitOptions(double[] initialGuess, int maxIterations, int maxEvaluations) {
    /** Data-driven initial guess, 1000 iterations, 10000 evaluations. */
    public static final FitOptions DEFAULT = new FitOptions(null, 1000, 10000);

    public FitOptions {
        if (maxIterations < 1 || maxEvaluations < 1) {
            throw new IllegalArgumentException("maxIterations and maxEvaluations must be at least 1, got "
                    + maxIterations + " and " + maxEvaluations);
        }
        initialGuess = initialGuess == null ? null : initialGuess.clone();
    }

    @Override
    public double[] initialGuess() {
        return initialGuess == null ? null : initialGuess.clone();
    }

    /** These options with the given starting parameters (order of {@link Model#reportedNames()}). */
    public FitOptions withInitialGuess(double... guess) {
        return new FitOptions(guess, maxIterations, maxEvaluations);
    }

    /** These options with another iteration limit (the evaluation limit is raised to at least 10x it). */
    public FitOptions withMaxIterations(int iterations) {
        return new FitOptions(initialGuess, iterations, Math.max(maxEvaluations, 10 * iterations));
    }
}
