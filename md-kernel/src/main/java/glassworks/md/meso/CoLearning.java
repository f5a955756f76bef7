package glassworks.md.meso;

import glassworks.md.Box;
import glassworks.md.FrameView;
import glassworks.md.structure.Neighbours;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000's co-learning classification of meso-states (section II): starting from K-means labels in PC space, alternate
 * (a) a real-space step — the labels' periodic domains ({@link PeriodicDomains}) become a Gaussian mixture in real
 * space and every particle takes the state of its most probable domain ({@link DomainGaussians}) — and (b) a PC-space
 * step — a full-covariance Gaussian mixture on the PC coordinates, EM initialised from the real-space labels
 * ({@link GaussianMixtureEm#fromLabels}), every particle taking its maximum-posterior state — until the fraction of
 * particles whose label changed over a whole iteration is below {@code tolerance} (the seed reports 3-5 iterations).
 * One frame per call, no Spark, deterministic (nothing is random once the initial labels are given, so there is no seed).
 *
 * <p><b>Labels.</b> States are numbered as the initial labels (0..K-1, e.g. MLlib K-means' cluster ids): EM component k
 * is initialised from the particles of state k and keeps its number. K-means numbers clusters arbitrarily per fit, so a
 * job that compares frames should renumber the final states canonically, e.g. with {@link #orderedBy} on the mean of PC 1.
 * The final labels are those of the PC-space step of the last iteration; {@link Result#domains()} are their domains.
 *
 * <p><b>How real space informs PC space</b> ({@link Options#spatialPrior()}). Read literally (the default,
 * {@code false}), the seed passes the real-space labels to the PC step only as EM's starting point; EM then converges to
 * a maximum of the PC-space likelihood, so the real-space step chooses the basin (it matters when the PC likelihood has
 * several) but the final labels are PC-space maximum-posterior labels, whose error cannot be below the overlap of the
 * states' feature distributions. With {@code spatialPrior = true} the PC step instead labels each particle by
 * argmax_k [ln p_real(k | r_i) + ln N(y_i; mu_k, Sigma_k)], the real-space posterior of
 * {@link DomainGaussians.Result#stateLogPosterior()} replacing the global weight pi_k as the prior: the Bayes-optimal
 * combination when position and features are independent given the state (two views of one label, as in co-training).
 * It then recovers particles whose features alone are ambiguous but whose neighbourhood is not; the price is that a
 * particle's own domain enters its prior. The EM fit itself is the same in both modes.
 */
public final class CoLearning {
    private CoLearning() {
    }

    /**
     * Loop settings.
     *
     * @param cutoff        bond cutoff of the domains [sigma], e.g. the first minimum of g(r) (~1.4-1.5 for KA)
     * @param tolerance     stop when the fraction of particles relabelled over an iteration is below this (default 1e-3:
     *                      at N = 10^4 up to 9 interface particles may still flip between equally likely states; below
     *                      N = 1000 it demands that no label changes)
     * @param maxIterations iterations at most (default 20)
     * @param gmm           EM settings of the PC step
     * @param real          settings of the real-space step
     * @param spatialPrior  whether the PC step uses the real-space posterior as each particle's prior (see the class)
     */
    public record Options(double cutoff, double tolerance, int maxIterations, GaussianMixtureEm.Options gmm,
                          DomainGaussians.Options real, boolean spatialPrior) implements java.io.Serializable {
        public Options {
            if (!(cutoff > 0) || !(tolerance >= 0) || maxIterations < 1 || gmm == null || real == null) {
                throw new IllegalArgumentException("need cutoff > 0, tolerance >= 0, maxIterations >= 1 and settings");
            }
        }

        /** Tolerance 1e-3, 20 iterations, scikit-learn's EM defaults, d + 2 / 0.01 sigma^2 domains, seed-literal. */
        public static Options defaults(double cutoff) {
            return new Options(cutoff, 1e-3, 20, GaussianMixtureEm.Options.defaults(), DomainGaussians.Options.defaults(),
                    false);
        }

        /** The same with the real-space posterior as the PC step's prior. */
        public Options withSpatialPrior(boolean on) {
            return new Options(cutoff, tolerance, maxIterations, gmm, real, on);
        }
    }

    /**
     * One iteration.
     *
     * @param index              1-based
     * @param realRelabelled     fraction relabelled by the real-space step (vs the iteration's input labels)
     * @param pcRelabelled       fraction relabelled by the PC step (vs the real-space labels)
     * @param relabelled         fraction whose label differs from the iteration's input (the convergence measure)
     * @param domainsPerState    number of domains per state of the iteration's output labels
     * @param pcLogLikelihood    mean ln L per particle of the PC-space mixture fitted in this iteration
     * @param gmmIterations      EM iterations of the PC step
     * @param gmmConverged       whether EM met its tolerance
     */
    public record Iteration(int index, double realRelabelled, double pcRelabelled, double relabelled,
                            int[] domainsPerState, double pcLogLikelihood, int gmmIterations, boolean gmmConverged) {
    }

    /**
     * The classification of one frame.
     *
     * @param labels                 final state per particle (the last PC step's)
     * @param states                 K
     * @param domains                periodic domains of the final labels
     * @param model                  the last PC-space mixture
     * @param initialDomainsPerState domains per state of the initial labels
     * @param iterations             one record per iteration
     * @param converged              whether the relabelled fraction fell below the tolerance
     */
    public record Result(int[] labels, int states, PeriodicDomains.Result domains, GaussianMixtureEm.Model model,
                         int[] initialDomainsPerState, List<Iteration> iterations, boolean converged) {
    }

    /** Co-learning on a stored frame (positions, box and species from it). */
    public static Result run(double[][] features, FrameView frame, int[] initialLabels, int states, Options options) {
        return run(features, Neighbours.box(frame), frame.x(), frame.y(), frame.z(), frame.species(), initialLabels, states,
                options);
    }

    /**
     * Co-learning of n particles.
     *
     * @param features      n x d PC-space coordinates, row i for particle i
     * @param box           periodic box (lz = 0: 2D, z may be null)
     * @param species       species per particle, or null (only counted per domain)
     * @param initialLabels initial states in [0, states), e.g. K-means on the PC coordinates; every state present
     * @param states        K
     */
    public static Result run(double[][] features, Box box, double[] x, double[] y, double[] z, int[] species,
                             int[] initialLabels, int states, Options options) {
        int n = initialLabels.length;
        if (features.length != n) {
            throw new IllegalArgumentException(features.length + " feature rows but " + n + " labels");
        }
        int[] count = new int[states];
        for (int i = 0; i < n; i++) {
            if (initialLabels[i] < 0 || initialLabels[i] >= states) {
                throw new IllegalArgumentException("initial label " + initialLabels[i] + " of particle " + i
                        + " is outside [0, " + states + ")");
            }
            count[initialLabels[i]]++;
        }
        for (int s = 0; s < states; s++) {
            if (count[s] == 0) {
                throw new IllegalArgumentException("state " + s + " has no particle in the initial labels");
            }
        }
        // positions do not change: one neighbour list for every domain search
        Neighbours nb = Neighbours.within(box, x, y, z, n, options.cutoff());
        int[] labels = initialLabels.clone();
        PeriodicDomains.Result domains = PeriodicDomains.find(nb, box, x, y, z, labels, species, options.cutoff());
        int[] initialDomains = domains.countsByState(states);
        List<Iteration> records = new ArrayList<>();
        GaussianMixtureEm.Model model = null;
        boolean converged = false;
        for (int it = 1; it <= options.maxIterations(); it++) {
            DomainGaussians.Result real = DomainGaussians.reassign(x, y, z, domains, states, options.real());
            GaussianMixtureEm.Fit fit = GaussianMixtureEm.fromLabels(features, states, real.labels(), options.gmm());
            model = fit.model();
            int[] next = options.spatialPrior() ? withPrior(model, features, real.stateLogPosterior()) : fit.labels();
            double changed = fraction(labels, next);
            domains = PeriodicDomains.find(nb, box, x, y, z, next, species, options.cutoff());
            records.add(new Iteration(it, real.relabelledFraction(), fraction(real.labels(), next), changed,
                    domains.countsByState(states), fit.meanLogLikelihood(), fit.iterations(), fit.converged()));
            labels = next;
            if (changed < options.tolerance()) {
                converged = true;
                break;
            }
        }
        return new Result(labels, states, domains, model, initialDomains, List.copyOf(records), converged);
    }

    /**
     * The labels renumbered so that states are in increasing order of the mean of feature {@code column} (e.g. 0 for
     * PC 1), a numbering that does not depend on K-means' arbitrary cluster ids. A state without particles goes last.
     */
    public static int[] orderedBy(double[][] features, int[] labels, int states, int column) {
        double[] sum = new double[states];
        int[] count = new int[states];
        for (int i = 0; i < labels.length; i++) {
            sum[labels[i]] += features[i][column];
            count[labels[i]]++;
        }
        Integer[] order = new Integer[states];
        for (int s = 0; s < states; s++) {
            order[s] = s;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            double ma = count[a] > 0 ? sum[a] / count[a] : Double.POSITIVE_INFINITY;
            double mb = count[b] > 0 ? sum[b] / count[b] : Double.POSITIVE_INFINITY;
            return ma != mb ? Double.compare(ma, mb) : Integer.compare(a, b);
        });
        int[] rename = new int[states];
        for (int r = 0; r < states; r++) {
            rename[order[r]] = r;
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = rename[labels[i]];
        }
        return out;
    }

    /** argmax_k [ln p_real(k | r_i) + ln N(y_i; k)]: the mixture's ln pi_k swapped for the real-space log-posterior. */
    private static int[] withPrior(GaussianMixtureEm.Model model, double[][] features, double[][] logPrior) {
        int k = model.components();
        double[] lj = model.logJoint(features);
        for (int i = 0; i < features.length; i++) {
            for (int c = 0; c < k; c++) {
                lj[i * k + c] += logPrior[i][c] - Math.log(model.weights()[c]);
            }
        }
        return GaussianMixtureEm.argmax(lj, features.length, k);
    }

    private static double fraction(int[] a, int[] b) {
        int c = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                c++;
            }
        }
        return (double) c / a.length;
    }
}
