package glassworks.md.meso;

import glassworks.md.Box;

import java.util.ArrayList;
import java.util.List;

/**
 * The real-space step of seed 000's co-learning (section II, step 2b): "build a mixture model of multivariate Gaussian
 * distributions of domains, then assignment of a particle belonging to a domain is determined by maximizing Gaussian
 * probability among different domains". Each {@link PeriodicDomains} domain D becomes one mixture component with weight
 * w_D = n_D / N, mean its centre and covariance that of its members' unwrapped offsets [sigma^2] plus a regularisation;
 * every particle i is then given the state of the domain maximising w_D p_D(r_i), with r_i - centre_D taken at its
 * minimum image so that a domain by the periodic boundary sees the particles across it.
 *
 * <p><b>Wrapped axes.</b> Along an axis where a domain wraps onto itself (it percolates through the box) it has no
 * position: its density along that axis is uniform, 1/L, and only the other axes carry a Gaussian (the marginal of the
 * offset covariance). A Gaussian about a circular-mean centre would instead favour an arbitrary plane of the box; with the
 * uniform factor, two slabs facing each other are split exactly at their interfaces (a uniform slab of width W and its
 * Gaussian of variance W^2/12 have, at the slab edge, w p = rho / N e^(-3/2) sqrt(12 / 2 pi) whatever W).
 *
 * <p><b>Tiny domains</b> (fewer than {@code minDomainSize} particles, default d + 2: d + 1 points span a d-dimensional
 * covariance, one more keeps it from being degenerate) cannot define a covariance. They get the isotropic covariance
 * s_k^2 I of their state k, s_k^2 the size-weighted mean per-axis variance of that state's other domains (a wrapped axis
 * counting as the uniform variance L^2 / 12), falling back to all states' domains, then to the box's L^2 / 12. Why: a
 * tiny domain is treated as a fragment of its state with the state's typical extent, so its small weight is spread over
 * that extent and an isolated misclassified particle is absorbed by the domain around it, which is what the real-space
 * step is for. The alternative, a ball holding the fragment at the mean density, would make every single particle win at
 * its own position (a Gaussian peaks at ~3 times the density of the uniform ball it models), so label noise would be a
 * fixed point.
 *
 * <p><b>Limits</b> (of the seed's Gaussian-domain model, not of this code): the Gaussian of a compact domain is ~3 times
 * denser than the domain at its centre and ~0.24 times at its edge, so against a box-spanning (uniform) matrix the real
 * space step alone shrinks a ball of radius R to about 0.66 R; two facing slabs are split exactly. The PC-space step of
 * {@link CoLearning} then restores the interface from the features. Cost O(N x domains) per call.
 */
public final class DomainGaussians {
    private DomainGaussians() {
    }

    /**
     * @param minDomainSize  domains smaller than this borrow their state's isotropic covariance; 0 means d + 2
     * @param regularisation added to each covariance diagonal [sigma^2]; the default 0.01 is (0.1 sigma)^2, the
     *                       vibrational (Lindemann) amplitude below which a domain's density is not defined by positions
     */
    public record Options(int minDomainSize, double regularisation) implements java.io.Serializable {
        public Options {
            if (minDomainSize < 0 || !(regularisation >= 0)) {
                throw new IllegalArgumentException("need minDomainSize >= 0 and regularisation >= 0, got " + minDomainSize
                        + ", " + regularisation);
            }
        }

        /** minDomainSize d + 2, regularisation 0.01 sigma^2. */
        public static Options defaults() {
            return new Options(0, 0.01);
        }

        /** The effective minimum size in {@code dims} dimensions. */
        public int minSize(int dims) {
            return minDomainSize > 0 ? minDomainSize : dims + 2;
        }
    }

    /**
     * One domain's spatial density.
     *
     * @param state      the domain's state
     * @param weight     n_D / N
     * @param centre     x, y, z [sigma] (as {@link PeriodicDomains.Domain#centre()})
     * @param uniform    per axis: density uniform along it (the domain wraps along it)
     * @param covariance d x d [sigma^2], regularisation included; rows and columns of uniform axes are unused
     * @param borrowed   whether the covariance is the state's isotropic one (tiny domain)
     */
    public record DomainGaussian(int state, double weight, double[] centre, boolean[] uniform, double[][] covariance,
                                 boolean borrowed) {
    }

    /**
     * The reassignment.
     *
     * @param labels            new state per particle
     * @param domain            per particle, the index (in the input domains) of the domain it was assigned to
     * @param gaussians         one per input domain, same order
     * @param stateLogPosterior per particle and state: ln p(state k | r_i) = ln sum_{D in k} w_D p_D(r_i) minus the same
     *                          over all domains (-inf for a state without domains); the real-space evidence that
     *                          {@link CoLearning} can pass to the PC-space step
     * @param relabelled        particles whose state changed
     */
    public record Result(int[] labels, int[] domain, List<DomainGaussian> gaussians, double[][] stateLogPosterior,
                         int relabelled) {
        /** Fraction of particles whose state changed. */
        public double relabelledFraction() {
            return (double) relabelled / labels.length;
        }
    }

    /** The density model of every domain, in the order of {@code domains.domains()}. */
    public static List<DomainGaussian> fit(PeriodicDomains.Result domains, Options options) {
        Box box = domains.box();
        int d = box.dims();
        double[] edge = {box.lx(), box.ly(), box.lz()};
        int n = domains.particles();
        int min = options.minSize(d);
        double reg = options.regularisation();
        List<PeriodicDomains.Domain> list = domains.domains();
        int states = 0;
        for (PeriodicDomains.Domain dom : list) {
            states = Math.max(states, dom.state() + 1);
        }
        double[][] offsets = {domains.offsetX(), domains.offsetY(), domains.offsetZ()};
        double[][] cov = new double[list.size()][];
        // per state and overall: size-weighted sums of the mean per-axis variance of the non-tiny domains
        double[] scaleSum = new double[states];
        double[] scaleWeight = new double[states];
        double allSum = 0;
        double allWeight = 0;
        for (int k = 0; k < list.size(); k++) {
            PeriodicDomains.Domain dom = list.get(k);
            if (dom.size() < min) {
                continue;
            }
            double[] c = new double[d * d];
            for (int i : dom.members()) {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        c[a * d + b] += offsets[a][i] * offsets[b][i];
                    }
                }
            }
            double perAxis = 0;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    c[a * d + b] /= dom.size();
                    c[b * d + a] = c[a * d + b];
                }
                perAxis += dom.wrapped()[a] ? edge[a] * edge[a] / 12 : c[a * d + a];
                c[a * d + a] += reg;
            }
            cov[k] = c;
            scaleSum[dom.state()] += dom.size() * perAxis / d;
            scaleWeight[dom.state()] += dom.size();
            allSum += dom.size() * perAxis / d;
            allWeight += dom.size();
        }
        double boxScale = 0;
        for (int a = 0; a < d; a++) {
            boxScale += edge[a] * edge[a] / 12 / d;
        }
        List<DomainGaussian> out = new ArrayList<>(list.size());
        for (int k = 0; k < list.size(); k++) {
            PeriodicDomains.Domain dom = list.get(k);
            boolean borrowed = cov[k] == null;
            boolean[] uniform = new boolean[3];
            double[] c = cov[k];
            if (borrowed) {
                int s = dom.state();
                double s2 = scaleWeight[s] > 0 ? scaleSum[s] / scaleWeight[s] : allWeight > 0 ? allSum / allWeight
                        : boxScale;
                c = new double[d * d];
                for (int a = 0; a < d; a++) {
                    c[a * d + a] = s2 + reg;
                }
            } else {
                for (int a = 0; a < d; a++) {
                    uniform[a] = dom.wrapped()[a];
                }
            }
            out.add(new DomainGaussian(dom.state(), (double) dom.size() / n, dom.centre().clone(), uniform,
                    Gaussians.nest(c, d), borrowed));
        }
        return List.copyOf(out);
    }

    /**
     * Reassigns every particle to the state of its most probable domain. Positions as given to
     * {@link PeriodicDomains#find}; {@code states} sizes the posterior (at least the largest state + 1).
     */
    public static Result reassign(double[] x, double[] y, double[] z, PeriodicDomains.Result domains, int states,
                                  Options options) {
        Box box = domains.box();
        int d = box.dims();
        int n = domains.particles();
        double[] edge = {box.lx(), box.ly(), box.lz()};
        List<DomainGaussian> gaussians = fit(domains, options);
        int m = gaussians.size();
        // per domain: the Gaussian axes, the Cholesky factor of their marginal covariance, and the constant
        // ln w_D - sum_{uniform axes} ln L_a - (g/2) ln 2 pi - (1/2) ln det
        int[][] axes = new int[m][];
        double[][] chol = new double[m][];
        double[] constant = new double[m];
        for (int k = 0; k < m; k++) {
            DomainGaussian g = gaussians.get(k);
            if (g.state() >= states) {
                throw new IllegalArgumentException("domain of state " + g.state() + " but only " + states + " states");
            }
            int count = 0;
            double c = Math.log(g.weight());
            for (int a = 0; a < d; a++) {
                if (g.uniform()[a]) {
                    c -= Math.log(edge[a]);
                } else {
                    count++;
                }
            }
            axes[k] = new int[count];
            count = 0;
            for (int a = 0; a < d; a++) {
                if (!g.uniform()[a]) {
                    axes[k][count++] = a;
                }
            }
            double[] sub = new double[count * count];
            for (int p = 0; p < count; p++) {
                for (int q = 0; q < count; q++) {
                    sub[p * count + q] = g.covariance()[axes[k][p]][axes[k][q]];
                }
            }
            if (count > 0) {
                chol[k] = Gaussians.cholesky(sub, count, "real-space covariance of domain " + k);
                c += -0.5 * (count * Gaussians.LOG_2PI + Gaussians.logDet(chol[k], count));
            }
            constant[k] = c;
        }
        int[] labels = new int[n];
        int[] assigned = new int[n];
        double[][] post = new double[n][states];
        double[] logp = new double[m];
        double[] diff = new double[3];
        double[] sub = new double[3];
        double[] work = new double[3];
        double[] byState = new double[m];
        double[] r = new double[3];
        int relabelled = 0;
        for (int i = 0; i < n; i++) {
            r[0] = x[i];
            r[1] = y[i];
            r[2] = d == 3 ? z[i] : 0;
            int best = 0;
            for (int k = 0; k < m; k++) {
                DomainGaussian g = gaussians.get(k);
                for (int a = 0; a < d; a++) {
                    diff[a] = Gaussians.minimumImage(r[a] - g.centre()[a], edge[a]);
                }
                int[] ax = axes[k];
                for (int p = 0; p < ax.length; p++) {
                    sub[p] = diff[ax[p]];
                }
                logp[k] = constant[k] - (ax.length > 0 ? 0.5 * Gaussians.mahalanobis(chol[k], ax.length, sub, work) : 0);
                if (logp[k] > logp[best]) {
                    best = k;
                }
            }
            assigned[i] = best;
            labels[i] = gaussians.get(best).state();
            if (labels[i] != gaussians.get(domains.domainOf()[i]).state()) {
                relabelled++;
            }
            double total = Gaussians.logSumExp(logp, 0, m);
            for (int s = 0; s < states; s++) {
                int c = 0;
                for (int k = 0; k < m; k++) {
                    if (gaussians.get(k).state() == s) {
                        byState[c++] = logp[k];
                    }
                }
                post[i][s] = (c == 0 ? Double.NEGATIVE_INFINITY : Gaussians.logSumExp(byState, 0, c)) - total;
            }
        }
        return new Result(labels, assigned, gaussians, post, relabelled);
    }
}
