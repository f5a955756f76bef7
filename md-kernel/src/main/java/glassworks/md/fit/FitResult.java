package glassworks.md.fit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one least-squares fit: one row of a {@code fits} table (plus its covariance).
 *
 * <p>Values, errors and covariance are in the <em>reported</em> parameters of the model ({@link Model#reportedNames()},
 * e.g. ln_tau0, D, T0 for VFT); {@link #fitParameters()} and {@link #fitCovariance()} are the same in the optimiser's
 * parameters ({@link Model#parameterNames()}), used by {@link #predict} and {@link #predictionError}.
 *
 * <p><b>Error convention.</b> Unweighted fits (no per-point sigmas): covariance = s^2 (J^T J)^-1 at the optimum with
 * s^2 = {@link #reducedChiSquare()} = chi^2 / dof, chi^2 being the residual sum of squares; the errors then come from the
 * scatter of the data about the fit. Weighted fits (per-point sigmas): covariance = (J^T W J)^-1 with W = diag(1/sigma^2),
 * unscaled, chi^2 = sum ((y - f) / sigma)^2; the errors trust the sigmas and reducedChiSquare ~ 1 checks them. Errors are
 * the square roots of the covariance diagonal (first-order, i.e. Gaussian, error estimates; for a reparameterised
 * quantity such as the VFT fragility D they are propagated to first order). A singular covariance (parameters not
 * separately determined) is reported as NaN, with a message.
 *
 * @param model             the fitted model
 * @param parameterNames    reported parameter names
 * @param values            reported parameter values
 * @param errors            their standard errors
 * @param covariance        covariance of the reported parameters
 * @param chiSquare         weighted (or plain) residual sum of squares, in the fitted space (e.g. of ln tau)
 * @param degreesOfFreedom  points - parameters
 * @param reducedChiSquare  chiSquare / degreesOfFreedom
 * @param rSquared          1 - chiSquare / (weighted) total sum of squares about the (weighted) mean, in the fitted
 *                          space; NaN when all responses are equal
 * @param points            number of points fitted
 * @param converged         whether the optimiser met its convergence criteria (false: the values are the best point
 *                          found, and {@link #message()} says why it stopped)
 * @param iterations        Levenberg–Marquardt iterations used
 * @param rangeMin          smallest independent variable fitted, as the caller passed it (T, t or x)
 * @param rangeMax          largest independent variable fitted
 * @param weighted          whether per-point sigmas were given
 * @param message           why the fit did not converge and/or remarks on the result (e.g. VFT's "T0 is consistent with
 *                          0"); empty when there is nothing to say
 * @param fitParameters     values of the optimiser's parameters
 * @param fitCovariance     their covariance (same convention)
 */
public record FitResult(Model model, List<String> parameterNames, double[] values, double[] errors,
                        double[][] covariance, double chiSquare, int degreesOfFreedom, double reducedChiSquare,
                        double rSquared, int points, boolean converged, int iterations, double rangeMin,
                        double rangeMax, boolean weighted, String message, double[] fitParameters,
                        double[][] fitCovariance) {

    /** A value with its standard error. */
    public record Estimate(double value, double error) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.6g +- %.2g", value, error);
        }
    }

    public FitResult {
        parameterNames = List.copyOf(parameterNames);
        values = values.clone();
        errors = errors.clone();
        covariance = deepCopy(covariance);
        fitParameters = fitParameters.clone();
        fitCovariance = deepCopy(fitCovariance);
        message = message == null ? "" : message;
    }

    /** The model's name, e.g. {@code vft}. */
    public String modelName() {
        return model.name();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] errors() {
        return errors.clone();
    }

    @Override
    public double[][] covariance() {
        return deepCopy(covariance);
    }

    @Override
    public double[] fitParameters() {
        return fitParameters.clone();
    }

    @Override
    public double[][] fitCovariance() {
        return deepCopy(fitCovariance);
    }

    /** Position of a reported parameter; throws when the model has no such parameter. */
    public int index(String name) {
        int i = parameterNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(model.name() + " has no parameter '" + name + "'; it has " + parameterNames);
        }
        return i;
    }

    public double value(String name) {
        return values[index(name)];
    }

    public double error(String name) {
        return errors[index(name)];
    }

    public Estimate estimate(String name) {
        int i = index(name);
        return new Estimate(values[i], errors[i]);
    }

    /**
     * exp of a log-parameter with its first-order error: e.g. {@code expEstimate("ln_tau0")} is tau0 +- tau0 *
     * se(ln tau0). The 1-sigma interval of the prefactor itself is [exp(v - se), exp(v + se)] (asymmetric).
     */
    public Estimate expEstimate(String name) {
        int i = index(name);
        double v = Math.exp(values[i]);
        return new Estimate(v, v * errors[i]);
    }

    /** The fitted curve in the caller's units: tau(T), D(T), L(t), y(x) (exp of the fitted response for log models). */
    public double predict(double x) {
        double v = predictFitted(x);
        return model.logResponse() ? Math.exp(v) : v;
    }

    /** The fitted curve in the fitted space: ln tau(T), ln L(t), y(x). */
    public double predictFitted(double x) {
        return model.value(x, fitParameters);
    }

    /**
     * Standard error of {@link #predictFitted} at x from the parameter covariance, sqrt(g^T C g) with g the model
     * gradient (for log models it is the relative error of {@link #predict}); e.g. for an extrapolated ln tau(T_g).
     */
    public double predictionError(double x) {
        double[] g = model.gradient(x, fitParameters);
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                s += g[i] * fitCovariance[i][j] * g[j];
            }
        }
        return Math.sqrt(s);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(model.name()).append('[');
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(parameterNames.get(i)).append(" = ")
                    .append(new Estimate(values[i], errors[i]));
        }
        b.append(String.format(Locale.ROOT, "; chi2 = %.4g, dof = %d, chi2/dof = %.4g, R2 = %.6f, n = %d, %s = [%g, %g]",
                chiSquare, degreesOfFreedom, reducedChiSquare, rSquared, points, model.variable(), rangeMin, rangeMax));
        b.append(weighted ? ", weighted" : ", unweighted").append(converged ? "" : ", NOT CONVERGED")
                .append(", iterations = ").append(iterations);
        if (!message.isEmpty()) {
            b.append("; ").append(message);
        }
        return b.append(']').toString();
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = Arrays.copyOf(m[i], m[i].length);
        }
        return c;
    }
}
