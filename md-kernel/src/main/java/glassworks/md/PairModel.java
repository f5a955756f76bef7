package glassworks.md;

import java.util.Arrays;
import java.util.List;

/**
 * A multi-species Lennard-Jones pair model in 2D or 3D with a per-pair cutoff and one of three cutoff treatments
 * ({@link CutoffMode}): plain truncation, truncation with the energy shifted to zero at the cutoff (LAMMPS
 * {@code pair_style lj/cut} with {@code pair_modify shift yes}), or the smooth polynomial correction of the 2D ternary
 * Kob-Andersen model (Jung, Biroli and Berthier's GlassMLP paper):
 *
 * <pre>
 *   u_ab(r) = 4 eps_ab [ (sig_ab/r)^12 - (sig_ab/r)^6 + C0 + C2 (r/sig_ab)^2 + C4 (r/sig_ab)^4 ]   for r &lt; rc_ab
 * </pre>
 * with C0, C2, C4 chosen per pair so that u, u' and u'' all vanish at rc_ab (the constants belong inside the bracket;
 * printed outside it, u(rc) would be -0.012 eps, see {@link #smoothingCoefficients}).
 *
 * <p>All quantities in reduced units of species 0 (sigma_AA, epsilon_AA, m_A unless the preset says otherwise). The
 * flattened tables ({@code lj1 .. lj4, offset, cutsq}, index {@code a * speciesCount + b}) are the ones LAMMPS uses in
 * its inner loop, so force, energy and virial are the same expressions; the smoothing adds {@code s2 r^2 + s4 r^4} to
 * the energy and {@code g2 + g4 r^2} to F/r.
 */
public final class PairModel implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** How a pair interaction ends at its cutoff. */
    public enum CutoffMode {
        /** u = u_LJ for r &lt; rc, 0 beyond: energy and force jump at rc. */
        TRUNCATED,
        /** u = u_LJ - u_LJ(rc): energy continuous, force jumps at rc (LAMMPS pair_modify shift yes). */
        SHIFTED,
        /** u = u_LJ + 4 eps (C0 + C2 x^2 + C4 x^4), x = r/sig: energy, force and curvature continuous at rc. */
        SMOOTHED;

        /** Parses truncated / shifted / smoothed (any case); the message lists the valid names. */
        public static CutoffMode parse(String s) {
            for (CutoffMode m : values()) {
                if (m.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown cutoff mode '" + s + "'; valid: truncated, shifted, smoothed");
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String name;
    private final int dims;
    private final List<String> speciesNames;
    private final double[] masses;
    private final double[] fractions;
    private final double[][] epsilon;
    private final double[][] sigma;
    private final double[][] cutoff;
    private final CutoffMode cutoffMode;
    private final double defaultDensity;

    // flat per-pair tables, index a * ns + b
    final double[] cutsq;
    final double[] lj1; // 48 eps sig^12 (force)
    final double[] lj2; // 24 eps sig^6  (force)
    final double[] lj3; // 4 eps sig^12  (energy)
    final double[] lj4; // 4 eps sig^6   (energy)
    final double[] offset; // subtracted from the pair energy: u_LJ(rc) when shifted, -4 eps C0 when smoothed
    final double[] s2; // energy r^2 coefficient, 4 eps C2 / sig^2 (smoothed only)
    final double[] s4; // energy r^4 coefficient, 4 eps C4 / sig^4
    final double[] g2; // F/r constant term, -2 s2
    final double[] g4; // F/r r^2 term, -4 s4

    /**
     * @param name           model name (a preset's or a campaign's)
     * @param dims           spatial dimension (2 or 3)
     * @param speciesNames   species labels in model order, e.g. A, B
     * @param masses         mass per species [mass unit of the model]
     * @param fractions      number fraction per species (sums to 1); see {@link #composition(int)}
     * @param epsilon        symmetric well depths [epsilon_AA]
     * @param sigma          symmetric diameters [sigma_AA]
     * @param cutoff         symmetric absolute cutoffs [sigma_AA] (e.g. 2.5 sigma_ab)
     * @param cutoffMode     cutoff treatment
     * @param defaultDensity number density a run uses unless told otherwise [sigma^-dims]
     */
    public PairModel(String name, int dims, List<String> speciesNames, double[] masses, double[] fractions,
                     double[][] epsilon, double[][] sigma, double[][] cutoff, CutoffMode cutoffMode,
                     double defaultDensity) {
        int ns = speciesNames.size();
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("model name '" + name + "' must be letters, digits, '.', '_' or '-' "
                    + "(it becomes a partition value)");
        }
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("model '" + name + "': dims must be 2 or 3, got " + dims);
        }
        if (ns < 1 || masses.length != ns || fractions.length != ns || epsilon.length != ns || sigma.length != ns
                || cutoff.length != ns) {
            throw new IllegalArgumentException("model '" + name + "': per-species arrays must all have " + ns + " entries");
        }
        if (new java.util.HashSet<>(speciesNames).size() != ns) {
            throw new IllegalArgumentException("model '" + name + "': species names " + speciesNames + " repeat");
        }
        if (cutoffMode == null) {
            throw new IllegalArgumentException("model '" + name + "': cutoff mode missing; valid: truncated, shifted, smoothed");
        }
        if (!(defaultDensity > 0) || Double.isInfinite(defaultDensity)) {
            throw new IllegalArgumentException("model '" + name + "': density must be finite and > 0, got " + defaultDensity);
        }
        double fsum = 0;
        for (int a = 0; a < ns; a++) {
            if (!(masses[a] > 0) || !(fractions[a] >= 0) || Double.isInfinite(masses[a])) {
                throw new IllegalArgumentException("model '" + name + "': masses must be finite and > 0, fractions >= 0");
            }
            fsum += fractions[a];
            if (epsilon[a].length != ns || sigma[a].length != ns || cutoff[a].length != ns) {
                throw new IllegalArgumentException("model '" + name + "': epsilon, sigma and cutoff must be " + ns + "x" + ns);
            }
            for (int b = 0; b < ns; b++) {
                if (epsilon[a][b] != epsilon[b][a] || sigma[a][b] != sigma[b][a] || cutoff[a][b] != cutoff[b][a]) {
                    throw new IllegalArgumentException("model '" + name + "': epsilon, sigma and cutoff must be symmetric");
                }
                if (!(sigma[a][b] > 0) || !(cutoff[a][b] > 0) || !(epsilon[a][b] >= 0) || Double.isInfinite(sigma[a][b])
                        || Double.isInfinite(cutoff[a][b]) || Double.isInfinite(epsilon[a][b])) {
                    throw new IllegalArgumentException("model '" + name + "': pair " + speciesNames.get(a)
                            + speciesNames.get(b) + " needs finite sigma > 0, cutoff > 0, epsilon >= 0");
                }
                if (cutoffMode == CutoffMode.SMOOTHED && !(cutoff[a][b] > 1.2 * sigma[a][b])) {
                    throw new IllegalArgumentException("model '" + name + "': smoothed cutoff of pair " + speciesNames.get(a)
                            + speciesNames.get(b) + " must lie beyond the well (rc > 1.2 sigma_ab), got rc = "
                            + cutoff[a][b] + ", sigma = " + sigma[a][b]);
                }
            }
        }
        if (Math.abs(fsum - 1) > 1e-9) {
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
        this.cutoffMode = cutoffMode;
        this.defaultDensity = defaultDensity;
        cutsq = new double[ns * ns];
        lj1 = new double[ns * ns];
        lj2 = new double[ns * ns];
        lj3 = new double[ns * ns];
        lj4 = new double[ns * ns];
        offset = new double[ns * ns];
        s2 = new double[ns * ns];
        s4 = new double[ns * ns];
        g2 = new double[ns * ns];
        g4 = new double[ns * ns];
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
                switch (cutoffMode) {
                    case SHIFTED -> {
                        double ratio = s / rc;
                        offset[k] = 4.0 * e * (Math.pow(ratio, 12.0) - Math.pow(ratio, 6.0));
                    }
                    case SMOOTHED -> {
                        double[] c = smoothingCoefficients(rc / s);
                        offset[k] = -4.0 * e * c[0];
                        s2[k] = 4.0 * e * c[1] / (s * s);
                        s4[k] = 4.0 * e * c[2] / (s * s * s * s);
                        g2[k] = -2.0 * s2[k];
                        g4[k] = -4.0 * s4[k];
                    }
                    case TRUNCATED -> {
                    }
                }
            }
        }
    }

    /**
     * The constants (C0, C2, C4) that make x^-12 - x^-6 + C0 + C2 x^2 + C4 x^4 vanish at x = xc together with its
     * first and second derivatives. For xc = 2.5 they are the published 0.04049023795, -0.00970155098, 0.00062012616.
     */
    public static double[] smoothingCoefficients(double xc) {
        // b' = -12 x^-13 + 6 x^-7 + 2 C2 x + 4 C4 x^3 = 0 and b'' = 156 x^-14 - 42 x^-8 + 2 C2 + 12 C4 x^2 = 0
        double a1 = -12.0 * Math.pow(xc, -13) + 6.0 * Math.pow(xc, -7);
        double a2 = 156.0 * Math.pow(xc, -14) - 42.0 * Math.pow(xc, -8);
        double c4 = (a1 / xc - a2) / (8.0 * xc * xc);
        double c2 = (-a1 / xc - 4.0 * c4 * xc * xc) / 2.0;
        double c0 = -(Math.pow(xc, -12) - Math.pow(xc, -6) + c2 * xc * xc + c4 * Math.pow(xc, 4));
        return new double[]{c0, c2, c4};
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

    public CutoffMode cutoffMode() {
        return cutoffMode;
    }

    /** Whether the force loops must add the smoothing polynomial's terms. */
    public boolean smoothed() {
        return cutoffMode == CutoffMode.SMOOTHED;
    }

    /** Number density a run of this model uses unless told otherwise [sigma^-dims]. */
    public double defaultDensity() {
        return defaultDensity;
    }

    /** Mass per species, in model order. */
    public double[] masses() {
        return masses.clone();
    }

    /** Number fraction per species, in model order. */
    public double[] fractions() {
        return fractions.clone();
    }

    /** The same interactions under another name and cutoff treatment (e.g. a campaign's variant of a preset). */
    public PairModel withCutoffs(String newName, double[][] newCutoff, CutoffMode mode) {
        return new PairModel(newName, dims, speciesNames, masses, fractions, epsilon, sigma, newCutoff, mode,
                defaultDensity);
    }

    /** The same interactions under another name and default density. */
    public PairModel renamed(String newName, double density) {
        return new PairModel(newName, dims, speciesNames, masses, fractions, epsilon, sigma, cutoff, cutoffMode, density);
    }

    /**
     * The full definition as one line, e.g. {@code dims=3; cutoff=shifted; density=1.2; A: m=1 x=0.8; B: m=1 x=0.2;
     * AA: eps=1 sig=1 rc=2.5; ...}: what the runs table stores so that a run names its exact physics.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("dims=").append(dims).append("; cutoff=").append(cutoffMode.label()).append("; density=")
                .append(num(defaultDensity));
        int ns = speciesCount();
        for (int a = 0; a < ns; a++) {
            sb.append("; ").append(speciesNames.get(a)).append(": m=").append(num(masses[a])).append(" x=")
                    .append(num(fractions[a]));
        }
        for (int a = 0; a < ns; a++) {
            for (int b = a; b < ns; b++) {
                sb.append("; ").append(speciesNames.get(a)).append(speciesNames.get(b)).append(": eps=")
                        .append(num(epsilon[a][b])).append(" sig=").append(num(sigma[a][b])).append(" rc=")
                        .append(num(cutoff[a][b]));
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
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
        return r6inv * (lj3[k] * r6inv - lj4[k]) - offset[k] + rsq * (s2[k] + s4[k] * rsq);
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
        return r6inv * (lj1[k] * r6inv - lj2[k]) * r2inv + g2[k] + g4[k] * rsq;
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
        return "PairModel[" + name + ", " + dims + "D, species " + speciesNames + ", " + cutoffMode.label() + "]";
    }
}
