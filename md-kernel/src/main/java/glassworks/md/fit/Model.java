package glassworks.md.fit;

import java.util.List;

/**
 * A model y = f(x; p) fitted by {@link LeastSquaresFit}. {@code x} is the caller's independent variable (T, t or x) and
 * {@code y} the fitted response, which for the time-scale and growth models is a logarithm ({@link #logResponse()}).
 *
 * <p>A model has <em>fit</em> parameters, in which the optimiser works ({@link #parameterNames()}), and
 * <em>reported</em> parameters ({@link #reportedNames()}), in which a {@link FitResult} states values, errors and the
 * covariance; they are the same except where a reparameterisation keeps the optimisation well conditioned (VFT is fitted
 * in B = D T0 and reports the fragility D = B / T0). The covariance is carried over by the Jacobian
 * {@link #reportedJacobian(double[])} (first-order error propagation).
 */
public interface Model {

    /**
     * Short identifier of the law, the value of the fits table's {@code law} column: arrhenius, vft, mct,
     * inverse_t_linear, power_law_t, linear.
     */
    String name();

    /** Names of the fit parameters, in the order of {@link #value} and {@link #gradient}. */
    List<String> parameterNames();

    /** Names of the reported parameters (default: the fit parameters). */
    default List<String> reportedNames() {
        return parameterNames();
    }

    /** Name of the independent variable as the caller passes it: T, t or x. */
    String variable();

    /** Name of the fitted response, e.g. {@code ln tau}. */
    String response();

    /** True when the fitted response is the natural logarithm of the caller's quantity (tau, D, L). */
    boolean logResponse();

    /** The fitted response at x; NaN where x is outside the model's domain for p (e.g. T &le; T0). */
    double value(double x, double[] p);

    /** d value / d p at x, in the order of {@link #parameterNames()}. */
    double[] gradient(double x, double[] p);

    /**
     * A starting point computed from the data (fit parameters).
     *
     * @param x       independent variable
     * @param y       fitted response
     * @param weights 1 / sigma^2 per point, or null for equal weights
     */
    double[] initialGuess(double[] x, double[] y, double[] weights);

    /**
     * Why p (fit parameters) is outside the model's domain for data on [minX, maxX], or null when it is inside. A
     * divergence temperature must lie below minX - margin.
     */
    default String domainProblem(double[] p, double minX, double maxX, double margin) {
        return null;
    }

    /** Reported parameters from fit parameters. */
    default double[] toReported(double[] p) {
        return p.clone();
    }

    /** Fit parameters from reported parameters (inverse of {@link #toReported}). */
    default double[] fromReported(double[] r) {
        return r.clone();
    }

    /** d reported_i / d fit_j at p (default: identity). */
    default double[][] reportedJacobian(double[] p) {
        double[][] j = new double[p.length][p.length];
        for (int i = 0; i < p.length; i++) {
            j[i][i] = 1;
        }
        return j;
    }

    /**
     * Remarks on a finished fit worth putting next to the numbers (e.g. "T0 is consistent with 0"), or an empty string.
     *
     * @param fit      fit parameter values
     * @param reported reported parameter values
     * @param errors   standard errors of the reported parameters
     */
    default String notes(double[] fit, double[] reported, double[] errors, double minX, double maxX) {
        return "";
    }
}
