package glassworks.md;

import java.util.Arrays;
import java.util.List;

/**
 * A multi-species Lennard-Jones pair model, truncated at a per-pair cutoff and (optionally) shifted so the pair energy is
 * zero there: LAMMPS {@code pair_style lj/cut} with {@code pair_modify shift yes}.
 *
 * <pre>
 *   u_ab(r) = 4 eps_ab [ (sig_ab/r)^12 - (sig_ab/r)^6 ] - u_ab^LJ(rc_ab)   for r &lt; rc_ab, else 0
 * </pre>
 * All quantities in reduced units of species 0 (sigma_AA, epsilon_AA, mass m_A). The flattened tables ({@code lj1 ..
 * lj4, offset, cutsq}, index {@code a * speciesCount + b}) are the ones LAMMPS uses in its inner loop, so the force,
 * energy and virial definitions are the same expression for expression.
 */
public final class PairModel {
    private final String name;
    private final int dims;
    private final List<String> speciesNames;
    private final double[] masses;
    private final double[] fractions;
    private final double[][] epsilon;
    private final double[][] sigma;
    private final double[][] cutoff;
    private final boolean shifted;

    // flat per-pair tables, index a * ns + b
    final double[] cutsq;
    final double[] lj1; // 48 eps sig^12 (force)
    final double[] lj2; // 24 eps sig^6  (force)
    final double[] lj3; // 4 eps sig^12  (energy)
    final double[] lj4; // 4 eps sig^6   (energy)
    final double[] offset; // energy at the cutoff (0 when not shifted)

    /**
     * @param name         preset name
     * @param dims         spatial dimension (2 or 3)
     * @param speciesNames species labels in model order, e.g. A, B
     * @param masses       mass per species [m_A]
     * @param fractions    number fraction per species (sums to 1); see {@link #composition(int)}
     * @param epsilon      symmetric well depths [epsilon_AA]
     * @param sigma        symmetric diameters [sigma_AA]
     * @param cutoff       symmetric absolute cutoffs [sigma_AA] (e.g. 2.5 sigma_ab)
     * @param shifted      shift each pair energy to zero at its cutoff
     */
    public PairModel(String name, int dims, List<String> speciesNames, double[] masses, double[] fractions,
                     double[][] epsilon, double[][] sigma, double[][] cutoff, boolean shifted) {
        int ns = speciesNames.size();
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
        }
        if (ns < 1 || masses.length != ns || fractions.length != ns || epsilon.length != ns || sigma.length != ns
                || cutoff.length != ns) {
            throw new IllegalArgumentException("model '" + name + "': per-species arrays must all have " + ns + " entries");
        }
        double fsum = 0;
        for (int a = 0; a < ns; a++) {
            if (!(masses[a] > 0) || !(fractions[a] >= 0)) {
                throw new IllegalArgumentException("model '" + name + "': masses must be > 0 and fractions >= 0");
            }
            fsum += fractions[a];
            for (int b = 0; b < ns; b++) {
                if (epsilon[a][b] != epsilon[b][a] || sigma[a][b] != sigma[b][a] || cutoff[a][b] != cutoff[b][a]) {
                    throw new IllegalArgumentException("model '" + name + "': epsilon, sigma and cutoff must be symmetric");
                }
                if (!(sigma[a][b] > 0) || !(cutoff[a][b] > 0) || !(epsilon[a][b] >= 0)) {
                    throw new IllegalArgumentException("model '" + name + "': need sigma > 0, cutoff > 0, epsilon >= 0");
                }
            }
        }
        if (Math.abs(fsum - 1) > 1e-12) {
            throw new IllegalArgumentException("model '" + name + "': species fractions must sum to 1, got " + fsum);
        }
        this.name = name;
        this.dims = dims;
        this.speciesNames = List.copyOf(speciesNames);
        this.masses = masses.clone();
        this.fractions = fractions.clone();
        this.epsilon = deepCopy(epsilon);
        this.sigma = deepCopy(sigma);
        this.cutoff = deepCopy(cutoff);
        this.shifted = shifted;
        cutsq = new double[ns * ns];
        lj1 = new double[ns * ns];
        lj2 = new double[ns * ns];
        lj3 = new double[ns * ns];
        lj4 = new double[ns * ns];
        offset = new double[ns * ns];
        for (int a = 0; a < ns; a++) {
            for (int b = 0; b < ns; b++) {
                int k = a * ns + b;
                double e = epsilon[a][b];
                double s = sigma[a][b];
                double rc = cutoff[a][b];
                cutsq[k] = rc * rc;
                lj1[k] = 48.0 * e * Math.pow(s, 12.0);
                lj2[k] = 24.0 * e * Math.pow(s, 6.0);
                lj3[k] = 4.0 * e * Math.pow(s, 12.0);
                lj4[k] = 4.0 * e * Math.pow(s, 6.0);
                if (shifted) {
                    double ratio = s / rc;
                    offset[k] = 4.0 * e * (Math.pow(ratio, 12.0) - Math.pow(ratio, 6.0));
                }
            }
        }
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    public String name() {
        return name;
    }

    public int dims() {
        return dims;
    }

    public int speciesCount() {
        return speciesNames.size();
    }

    public List<String> speciesNames() {
        return speciesNames;
    }

    public double mass(int species) {
        return masses[species];
    }

    public double fraction(int species) {
        return fractions[species];
    }

    public double epsilon(int a, int b) {
        return epsilon[a][b];
    }

    public double sigma(int a, int b) {
        return sigma[a][b];
    }

    public double cutoff(int a, int b) {
        return cutoff[a][b];
    }

    public boolean shifted() {
        return shifted;
    }

    /** Largest pair cutoff [sigma_AA]: what cell lists and the minimum-image check must cover. */
    public double maxCutoff() {
        double m = 0;
        for (double[] row : cutoff) {
            for (double c : row) {
                m = Math.max(m, c);
            }
        }
        return m;
    }

    /** Pair energy u_ab at squared distance {@code rsq} (0 at and beyond the cutoff) [epsilon_AA]. */
    public double pairEnergy(int a, int b, double rsq) {
        int k = a * speciesCount() + b;
        if (!(rsq < cutsq[k])) {
            return 0.0;
        }
        double r2inv = 1.0 / rsq;
        double r6inv = r2inv * r2inv * r2inv;
        return r6inv * (lj3[k] * r6inv - lj4[k]) - offset[k];
    }

    /**
     * Pair force divided by distance, F(r)/r = -u'(r)/r, so that the force on i from j is {@code (r_i - r_j) * value}
     * (0 at and beyond the cutoff) [epsilon_AA / sigma_AA^2].
     */
    public double pairForceOverR(int a, int b, double rsq) {
        int k = a * speciesCount() + b;
        if (!(rsq < cutsq[k])) {
            return 0.0;
        }
        double r2inv = 1.0 / rsq;
        double r6inv = r2inv * r2inv * r2inv;
        return r6inv * (lj1[k] * r6inv - lj2[k]) * r2inv;
    }

    /**
     * Particles per species for a system of {@code n}: species s >= 1 get round(fraction_s * n), species 0 the rest
     * (so KA 80:20 gives N_B = round(0.2 N), N_A = N - N_B).
     */
    public int[] composition(int n) {
        int[] counts = new int[speciesCount()];
        int rest = n;
        for (int s = 1; s < counts.length; s++) {
            counts[s] = (int) Math.round(fractions[s] * n);
            rest -= counts[s];
        }
        if (rest < 0) {
            throw new IllegalArgumentException("model '" + name + "': cannot split " + n + " particles by fractions "
                    + Arrays.toString(fractions));
        }
        counts[0] = rest;
        return counts;
    }

    /** "A:800,B:200" for the given per-species counts. */
    public String compositionLabel(int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < counts.length; s++) {
            if (s > 0) {
                sb.append(',');
            }
            sb.append(speciesNames.get(s)).append(':').append(counts[s]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PairModel[" + name + ", " + dims + "D, species " + speciesNames + "]";
    }
}
