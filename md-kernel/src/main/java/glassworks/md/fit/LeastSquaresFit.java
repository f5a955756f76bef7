package glassworks.md.fit;

import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.util.Pair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link Model} to (x, y[, sigma]) with Apache Commons Math's {@link LevenbergMarquardtOptimizer} and states the
 * result as a {@link FitResult} (error conventions there). {@link Fits} is the usual entry point; this class takes the
 * response already in the fitted space (e.g. ln tau) and applies the checks that hold for every model.
 *
 * <p>Refused ({@link FitRefusedException}): mismatched lengths; fewer than (parameters + 1) points, so that at least one
 * degree of freedom is left for an error estimate; non-finite x or y; a sigma that is not positive and finite; fewer
 * distinct x than parameters; an initial guess outside the model's domain; an optimum at the edge of the domain (within
 * 10^-4 of the x span, e.g. VFT T0 running into the lowest T).
 *
 * <p>Trial steps outside the domain (NaN model values) are rejected by giving them a huge cost, so that the optimiser
 * shrinks its step. An optimiser that exhausts its iteration or evaluation budget returns {@code converged = false} with
 * the lowest-chi^2 point it evaluated. MINPACK's "no further reduction possible at machine precision" stop is an optimum
 * and is reported as converged.
 */
public final class LeastSquaresFit {
    /** An optimum closer than this fraction of (max x - min x) to a domain edge is refused. */
    static final double OPTIMUM_MARGIN = 1e-4;
    private static final double OUT_OF_DOMAIN_RESIDUAL = 1e50;

    private LeastSquaresFit() {
    }

    /**
     * @param model   the model
     * @param x       independent variable, as the model takes it (T, t or x)
     * @param y       response in the fitted space (ln tau for the time-scale models)
     * @param sigma   per-point standard deviations of y, or null for an unweighted fit
     * @param options initial guess and limits; null for {@link FitOptions#DEFAULT}
     */
    public static FitResult fit(Model model, double[] x, double[] y, double[] sigma, FitOptions options) {
        if (options == null) {
            options = FitOptions.DEFAULT;
        }
        String xName = model.variable();
        String yName = model.response();
        int n = x.length;
        int np = model.parameterNames().size();
        if (y.length != n) {
            throw new FitRefusedException(xName + " has " + n + " values but " + yName + " has " + y.length
                    + "; pass one value of each per point");
        }
        if (sigma != null && sigma.length != n) {
            throw new FitRefusedException("sigma has " + sigma.length + " values for " + n + " points; pass one "
                    + "standard deviation of " + yName + " per point, or null for an unweighted fit");
        }
        if (n < np + 1) {
            throw new FitRefusedException("the " + model.name() + " fit needs at least " + (np + 1) + " points ("
                    + np + " parameters + 1 for an error estimate), got " + n + "; add points (e.g. more "
                    + (xName.equals("T") ? "temperatures" : "values of " + xName) + ") or fit a model with fewer "
                    + "parameters");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new FitRefusedException(xName + "[" + i + "] = " + x[i] + " is not a finite number; drop or "
                        + "fix that point");
            }
            if (!Double.isFinite(y[i])) {
                throw new FitRefusedException(yName + "[" + i + "] = " + y[i] + " at " + xName + " = " + x[i]
                        + " is not a finite number; drop or fix that point");
            }
            if (sigma != null && !(sigma[i] > 0 && Double.isFinite(sigma[i]))) {
                throw new FitRefusedException("sigma[" + i + "] = " + sigma[i] + " at " + xName + " = " + x[i]
                        + " must be a positive finite standard deviation of " + yName + "; fix it, drop the point, "
                        + "or pass null sigmas for an unweighted fit");
            }
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        if (distinct < np) {
            throw new FitRefusedException("only " + distinct + " distinct " + xName + " (" + sorted[0] + ") among " + n
                    + " points, but the " + model.name() + " fit has " + np + " parameters and needs at least " + np
                    + " distinct " + xName + "; add points at other " + xName);
        }
        double minX = sorted[0];
        double maxX = sorted[n - 1];
        double[] w = null;
        if (sigma != null) {
            w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 1 / (sigma[i] * sigma[i]);
            }
        }

        double[] start;
        double[] guess = options.initialGuess();
        if (guess != null) {
            if (guess.length != np) {
                throw new FitRefusedException("the initial guess has " + guess.length + " values but " + model.name()
                        + " has " + np + " parameters " + model.reportedNames());
            }
            start = model.fromReported(guess);
        } else {
            start = model.initialGuess(x, y, w);
        }
        for (double s : start) {
            if (!Double.isFinite(s)) {
                throw new FitRefusedException("no finite initial guess for the " + model.name() + " fit (got "
                        + Arrays.toString(options.initialGuess() != null ? guess : model.toReported(start))
                        + "); pass one with FitOptions.withInitialGuess" + model.reportedNames());
            }
        }
        String problem = model.domainProblem(start, minX, maxX, 0);
        if (problem != null) {
            throw new FitRefusedException("initial guess: " + problem);
        }

        Tracker tracker = new Tracker(model, x, y, w);
        LeastSquaresBuilder builder = new LeastSquaresBuilder()
                .model(tracker)
                .target(y)
                .start(start)
                .maxIterations(options.maxIterations())
                .maxEvaluations(options.maxEvaluations())
                .checker(tracker::observe)
                .lazyEvaluation(false);
        if (w != null) {
            builder.weight(new DiagonalMatrix(w));
        }
        LeastSquaresProblem lsp = builder.build();
        List<String> messages = new ArrayList<>();
        boolean converged;
        int iterations;
        double[] q;
        try {
            LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(lsp);
            q = optimum.getPoint().toArray();
            converged = true;
            // LevenbergMarquardtOptimizer (3.6.1) swaps the iteration and evaluation counts on two of its return paths;
            // iterations <= evaluations always, so the smaller one is the iteration count.
            iterations = Math.min(optimum.getIterations(), optimum.getEvaluations());
        } catch (TooManyIterationsException | TooManyEvaluationsException e) {
            q = tracker.best();
            converged = false;
            iterations = e instanceof TooManyIterationsException ? options.maxIterations() : tracker.iterations;
            messages.add("did not converge: " + (e instanceof TooManyIterationsException
                    ? "reached the limit of " + options.maxIterations() + " iterations"
                    : "reached the limit of " + options.maxEvaluations() + " model evaluations")
                    + "; the values are the lowest-chi^2 point evaluated; pass a better initial guess "
                    + "(FitOptions.withInitialGuess) or raise the limit (FitOptions.withMaxIterations)");
        } catch (MaxCountExceededException e) {
            q = tracker.best();
            converged = false;
            iterations = tracker.iterations;
            messages.add("did not converge: " + e.getMessage() + "; the values are the lowest-chi^2 point evaluated");
        } catch (ConvergenceException e) {
            // "no further reduction in the sum of squares is possible" at machine precision: the best point is the optimum
            q = tracker.best();
            converged = true;
            iterations = tracker.iterations;
            messages.add("stopped at machine precision (" + e.getMessage() + ")");
        }
        if (q == null) {
            q = start;
        }
        problem = model.domainProblem(q, minX, maxX, OPTIMUM_MARGIN * (maxX - minX));
        if (problem != null) {
            throw new FitRefusedException("at the optimum: " + problem);
        }
        return summarise(model, x, y, w, q, converged, iterations, minX, maxX, messages);
    }

    private static FitResult summarise(Model model, double[] x, double[] y, double[] w, double[] q, boolean converged,
                                       int iterations, double minX, double maxX, List<String> messages) {
        int n = x.length;
        int np = q.length;
        double chi2 = 0;
        double sw = 0;
        double swy = 0;
        double[][] jw = new double[n][];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double r = y[i] - model.value(x[i], q);
            chi2 += wi * r * r;
            sw += wi;
            swy += wi * y[i];
            double[] g = model.gradient(x[i], q);
            double sq = Math.sqrt(wi);
            for (int j = 0; j < np; j++) {
                g[j] *= sq;
            }
            jw[i] = g;
        }
        double mean = swy / sw;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            ssTot += wi * (y[i] - mean) * (y[i] - mean);
        }
        int dof = n - np;
        double reduced = chi2 / dof;
        double rSquared = ssTot > 0 ? 1 - chi2 / ssTot : Double.NaN;

        double[][] cov = unscaledCovariance(jw, np);
        if (cov == null) {
            cov = new double[np][np];
            for (double[] row : cov) {
                Arrays.fill(row, Double.NaN);
            }
            messages.add("singular covariance: the parameters are not separately determined by these data");
        } else if (w == null) {
            for (double[] row : cov) {
                for (int j = 0; j < np; j++) {
                    row[j] *= reduced;
                }
            }
        }
        double[][] jr = model.reportedJacobian(q);
        int nr = jr.length;
        double[][] covR = new double[nr][nr];
        for (int a = 0; a < nr; a++) {
            for (int b = 0; b < nr; b++) {
                double s = 0;
                for (int i = 0; i < np; i++) {
                    for (int j = 0; j < np; j++) {
                        s += jr[a][i] * cov[i][j] * jr[b][j];
                    }
                }
                covR[a][b] = s;
            }
        }
        double[] errors = new double[nr];
        for (int a = 0; a < nr; a++) {
            errors[a] = Math.sqrt(covR[a][a]);
        }
        double[] reported = model.toReported(q);
        String notes = converged ? model.notes(q, reported, errors, minX, maxX) : "";
        if (!notes.isEmpty()) {
            messages.add(notes);
        }
        return new FitResult(model, model.reportedNames(), reported, errors, covR, chi2, dof, reduced, rSquared, n,
                converged, iterations, minX, maxX, w != null, String.join("; ", messages), q, cov);
    }

    /** (J^T J)^-1 of the weighted Jacobian, computed by an SVD of the column-scaled J; null when singular. */
    static double[][] unscaledCovariance(double[][] jw, int np) {
        int n = jw.length;
        double[] norm = new double[np];
        for (double[] row : jw) {
            for (int j = 0; j < np; j++) {
                norm[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < np; j++) {
            norm[j] = Math.sqrt(norm[j]);
            if (!(norm[j] > 0) || !Double.isFinite(norm[j])) {
                return null;
            }
        }
        double[][] scaled = new double[n][np];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < np; j++) {
                scaled[i][j] = jw[i][j] / norm[j];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(scaled, false));
        double[] s = svd.getSingularValues();
        if (!(s[np - 1] > 1e-13 * s[0])) {
            return null;
        }
        RealMatrix v = svd.getV();
        double[][] cov = new double[np][np];
        for (int a = 0; a < np; a++) {
            for (int b = 0; b < np; b++) {
                double sum = 0;
                for (int k = 0; k < np; k++) {
                    sum += v.getEntry(a, k) * v.getEntry(b, k) / (s[k] * s[k]);
                }
                cov[a][b] = sum / (norm[a] * norm[b]);
            }
        }
        return cov;
    }

    /** The model as commons-math sees it; remembers the lowest-cost in-domain point and the iteration count. */
    private static final class Tracker implements MultivariateJacobianFunction {
        private final Model model;
        private final double[] x;
        private final double[] y;
        private final double[] w;
        private double bestCost = Double.POSITIVE_INFINITY;
        private double[] best;
        int iterations;

        Tracker(Model model, double[] x, double[] y, double[] w) {
            this.model = model;
            this.x = x;
            this.y = y;
            this.w = w;
        }

        @Override
        public Pair<org.apache.commons.math3.linear.RealVector, RealMatrix> value(
                org.apache.commons.math3.linear.RealVector point) {
            double[] q = point.toArray();
            int n = x.length;
            double[] v = new double[n];
            double[][] jac = new double[n][];
            double cost = 0;
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                v[i] = model.value(x[i], q);
                jac[i] = model.gradient(x[i], q);
                ok = Double.isFinite(v[i]);
                for (double d : jac[i]) {
                    ok &= Double.isFinite(d);
                }
                double r = y[i] - v[i];
                cost += (w == null ? 1 : w[i]) * r * r;
            }
            if (!ok) {
                // outside the domain (e.g. T <= T0): a huge residual makes the optimiser reject the step
                for (int i = 0; i < n; i++) {
                    v[i] = y[i] + OUT_OF_DOMAIN_RESIDUAL;
                    jac[i] = new double[q.length];
                }
            } else if (cost < bestCost) {
                bestCost = cost;
                best = q;
            }
            return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(jac, false));
        }

        /** A convergence checker that never decides: it only counts the successful iterations. */
        boolean observe(int iteration, LeastSquaresProblem.Evaluation previous, LeastSquaresProblem.Evaluation current) {
            iterations = iteration;
            return false;
        }

        double[] best() {
            return best == null ? null : best.clone();
        }
    }
}
