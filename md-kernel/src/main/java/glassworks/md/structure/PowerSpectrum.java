package glassworks.md.structure;

import glassworks.md.FrameView;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Family {@code soap}: the SOAP power spectrum of seed 002 (section 3.3, Eqs. 10-15), species-blind, with the
 * polynomial radial basis of Bartok et al. as DScribe builds it ({@code rbf="polynomial"}):
 *
 * <pre>
 *   rho(r; i)   = sum_j exp(-|r - r_ij|^2 / (2 sigma^2))                                  (Eq. 10, w_j = 1)
 *   c_nlm(i)    = integral d^3r rho(r; i) g_n(r) Y_lm(r̂)                                   (Eq. 12)
 *   Q_nn'l(i)   = pi sqrt(8/(2l+1)) sum_{m=-l}^{l} c*_nlm(i) c_n'lm(i)                       (Eq. 13)
 *   g_n(r)      = sum_{a=1}^{n_max} beta_na (r_cut - r)^{a+2}  for r &lt; r_cut, 0 beyond          (Eq. 15)
 * </pre>
 * with beta = S^(-1/2) (Loewdin) of the overlaps S_ab = integral_0^r_cut r^2 (r_cut - r)^(a+b+4) dr =
 * 2 r_cut^(7+a+b) / ((5+a+b)(6+a+b)(7+a+b)), so that the g_n are orthonormal with the r^2 Jacobian. The coefficients
 * are not normalised by the number of neighbours (coordination enters), as the paper stresses.
 *
 * <p>Features: every (n, n', l) with 1 &lt;= n &lt;= n' &lt;= n_max and 0 &lt;= l &lt;= l_max, ordered n, then n',
 * then l fastest, named {@code Q(n,n',l)}: n_max (n_max + 1)/2 (l_max + 1) of them (189 for n_max 6, l_max 8; 324 for 8, 8).
 * Seed 002 settings: {@link #firstShell()} (r_cut 1.6, n_max 6, l_max 8, sigma 0.2) and {@link #upToSecondShell()}
 * (r_cut 2.2, n_max 8). Feature scaling (Z-score) is the analysis's business, not the descriptor's.
 *
 * <p>How it is computed. Expanding each Gaussian in spherical harmonics (exp(k cos g) = 4 pi sum_lm i_l(k) Y_lm Y*_lm,
 * i_l the modified spherical Bessel function) turns Eq. 12 into c_nlm = sum_j I_nl(r_ij) Y_lm(r̂_ij) with the radial
 * integral I_nl(d) = 4 pi integral_0^r_cut r^2 g_n(r) exp(-(r^2 + d^2)/(2 sigma^2)) i_l(r d / sigma^2) dr (projecting
 * on Y*_lm instead, the usual convention, conjugates c_nlm and leaves the power spectrum unchanged). I_nl is tabulated
 * once per parameter set and JVM on d = 0, sigma/128, ... by composite 12-point Gauss-Legendre quadrature (panels of
 * sigma/2; e^-x i_l(x) by series, or the closed finite sum for x &gt;= 50, then the stable downward recurrence),
 * together with its exact d-derivative, and read by cubic Hermite interpolation (relative error ~1e-11). Loewdin's beta
 * comes from a Jacobi diagonalisation of S in 120-digit decimal arithmetic: S is ill-conditioned (cond ~1e13 for
 * n_max 8), and double-precision sqrtm(inv(S)), as DScribe does it, is good to only ~1e-6 there. Per frame: one
 * neighbour search, then per neighbour one Y_lm evaluation and one table lookup; no allocation per particle.
 *
 * <p>Choices the paper and the digest leave open, made here:
 * <ul>
 *   <li>Sign of the basis: g_n is built from (r_cut - r)^(a+2), DScribe's form (all positive, vanishing at r_cut). The
 *   digest prints (r - r_cut)^(n'+2); Loewdin-orthonormalising that gives (-1)^n g_n, i.e. the same diagonal
 *   features and Q_nn'l multiplied by (-1)^(n+n'). The Z-scored PCA/regression the paper runs cannot tell them
 *   apart.</li>
 *   <li>Which neighbours: the density sums over every j != i closer than r_cut + sigma sqrt(-2 ln 1e-3) (DScribe's
 *   padding, where a Gaussian centred at that distance has decayed to 1e-3 at r_cut); each Gaussian is integrated
 *   exactly against g_n on [0, r_cut].</li>
 *   <li>The central particle: the paper's sums exclude j = i; DScribe, fed centre positions, also places a Gaussian on
 *   the centre, which adds I_n0(0)/sqrt(4 pi) to c_n00 (l = 0 only). {@code includeCentre} switches that on; default
 *   off (the paper's definition).</li>
 *   <li>Overall scale: exactly Eq. 13 (pi sqrt(8/(2l+1))). Some DScribe versions multiply the polynomial-basis output
 *   by further constants; not compared here (no DScribe in this build).</li>
 * </ul>
 * 3D only.
 */
public final class PowerSpectrum implements Descriptor {
    private static final long serialVersionUID = 1L;

    /** Family name. */
    public static final String FAMILY = "soap";
    /** Seed 002 first-shell cutoff [sigma_AA]. */
    public static final double DEFAULT_R_CUT = 1.6;
    /** Seed 002 radial basis size in the plots. */
    public static final int DEFAULT_N_MAX = 6;
    /** Seed 002 highest degree. */
    public static final int DEFAULT_L_MAX = 8;
    /** Seed 002 Gaussian width [sigma_AA]. */
    public static final double DEFAULT_SIGMA = 0.2;
    /** Largest n_max: the polynomial basis's coefficients grow ~ 7^n_max and cost double precision beyond this. */
    public static final int MAX_N_MAX = 10;
    /** Largest l_max. */
    public static final int MAX_L_MAX = 16;
    /** A neighbour's Gaussian counts while it is above this fraction at r_cut (DScribe's padding threshold). */
    public static final double TAIL_THRESHOLD = 1e-3;
    /** Largest r_cut / sigma (the table and quadrature grow with it). */
    public static final double MAX_CUT_OVER_SIGMA = 200;

    private static final int TABLE_STEPS_PER_SIGMA = 128;
    private static final int PANELS_PER_SIGMA = 2;
    private static final int GAUSS_POINTS = 12;
    private static final double[] GL_X = new double[GAUSS_POINTS];
    private static final double[] GL_W = new double[GAUSS_POINTS];

    static {
        gaussLegendre(GL_X, GL_W);
    }

    private final double rCut;
    private final int nMax;
    private final int lMax;
    private final double sigma;
    private final boolean includeCentre;
    private final SphericalHarmonics harmonics;

    // derived, rebuilt after deserialisation rather than shipped
    /** C[n * nMax + a]: g_{n+1}(r) = sum_a C t^(a+3), t = 1 - r / r_cut */
    private transient double[] basis;
    private transient double tableStep;
    private transient int tableNodes;
    /** I_nl(d_k) at [k * nMax * (lMax + 1) + n * (lMax + 1) + l], and dI/dd */
    private transient double[] table;
    private transient double[] tableSlope;

    /** Seed 002 first shell: r_cut 1.6, n_max 6, l_max 8, sigma 0.2 (189 features). */
    public static PowerSpectrum firstShell() {
        return new PowerSpectrum(DEFAULT_R_CUT, DEFAULT_N_MAX, DEFAULT_L_MAX, DEFAULT_SIGMA);
    }

    /** Seed 002 regression "up to the second shell": r_cut 2.2, n_max 8, l_max 8, sigma 0.2 (324 features). */
    public static PowerSpectrum upToSecondShell() {
        return new PowerSpectrum(2.2, 8, DEFAULT_L_MAX, DEFAULT_SIGMA);
    }

    /** The paper's definition (centre excluded). */
    public PowerSpectrum(double rCut, int nMax, int lMax, double sigma) {
        this(rCut, nMax, lMax, sigma, false);
    }

    /**
     * @param rCut          basis cutoff r_cut [sigma_AA], finite and &gt; 0 (seed 002: 1.6; 2.2 up to the 2nd shell)
     * @param nMax          radial functions, 1..{@value #MAX_N_MAX} (seed 002: 6, or 8)
     * @param lMax          highest degree, 0..{@value #MAX_L_MAX} (seed 002: 8)
     * @param sigma         Gaussian width [sigma_AA], finite, &gt; 0, at least r_cut / {@value #MAX_CUT_OVER_SIGMA}
     *                      (seed 002: 0.2)
     * @param includeCentre also smear the central particle (DScribe's behaviour with centre positions); false is Eq. 10
     */
    public PowerSpectrum(double rCut, int nMax, int lMax, double sigma, boolean includeCentre) {
        if (!(rCut > 0) || Double.isInfinite(rCut)) {
            throw new IllegalArgumentException(FAMILY + ": r_cut = " + rCut + " sigma must be finite and > 0 "
                    + "(seed 002: " + DEFAULT_R_CUT + ", or 2.2 up to the second shell)");
        }
        if (nMax < 1 || nMax > MAX_N_MAX) {
            throw new IllegalArgumentException(FAMILY + ": n_max = " + nMax + " must be 1.." + MAX_N_MAX + " (the "
                    + "polynomial basis loses double precision beyond; seed 002: " + DEFAULT_N_MAX + " or 8)");
        }
        if (lMax < 0 || lMax > MAX_L_MAX) {
            throw new IllegalArgumentException(FAMILY + ": l_max = " + lMax + " must be 0.." + MAX_L_MAX
                    + " (seed 002: " + DEFAULT_L_MAX + ")");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException(FAMILY + ": sigma = " + sigma + " must be finite and > 0 (seed 002: "
                    + DEFAULT_SIGMA + "; guideline r_cut / n_max)");
        }
        if (rCut / sigma > MAX_CUT_OVER_SIGMA) {
            throw new IllegalArgumentException(FAMILY + ": r_cut / sigma = " + rCut / sigma + " exceeds "
                    + MAX_CUT_OVER_SIGMA + ": such narrow Gaussians need a finer radial table; raise sigma to at least "
                    + rCut / MAX_CUT_OVER_SIGMA);
        }
        this.rCut = rCut;
        this.nMax = nMax;
        this.lMax = lMax;
        this.sigma = sigma;
        this.includeCentre = includeCentre;
        this.harmonics = new SphericalHarmonics(lMax);
        prepare();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        prepare();
    }

    /** The derived arrays of one (r_cut, n_max, l_max, sigma), shared read-only by every instance with those. */
    private record Tables(double[] basis, double step, int nodes, double[] values, double[] slopes) {
    }

    /**
     * Tables by parameters, so that an executor JVM that deserialises the same descriptor for every task builds them
     * once (a build takes ~0.1-0.5 s); a handful of settings at most in practice, and cleared past 32.
     */
    private static final Map<List<Object>, Tables> TABLES = new ConcurrentHashMap<>();

    private void prepare() {
        List<Object> key = List.of(rCut, nMax, lMax, sigma);
        Tables t = TABLES.get(key);
        if (t == null) {
            basis = loewdinBasis(rCut, nMax);
            buildTable();
            t = new Tables(basis, tableStep, tableNodes, table, tableSlope);
            if (TABLES.size() >= 32) {
                TABLES.clear();
            }
            TABLES.putIfAbsent(key, t);
        }
        basis = t.basis();
        tableStep = t.step();
        tableNodes = t.nodes();
        table = t.values();
        tableSlope = t.slopes();
    }

    /** Neighbours closer than this count: r_cut + sigma sqrt(-2 ln {@value #TAIL_THRESHOLD}) [sigma_AA]. */
    public double reach() {
        return rCut + sigma * Math.sqrt(-2.0 * Math.log(TAIL_THRESHOLD));
    }

    /** The orthonormal radial function g_n(r), n = 1..n_max [sigma^-3/2]; 0 at and beyond r_cut. */
    public double radialBasis(int n, double r) {
        if (n < 1 || n > nMax) {
            throw new IllegalArgumentException(FAMILY + ": radial index n = " + n + " must be 1.." + nMax);
        }
        return basisValue(n - 1, r);
    }

    private double basisValue(int n0, double r) {
        if (!(r < rCut)) {
            return 0.0;
        }
        double t = 1.0 - r / rCut;
        double p = 0;
        int o = n0 * nMax;
        for (int a = nMax - 1; a >= 0; a--) {
            p = p * t + basis[o + a];
        }
        return p * t * t * t;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= nMax; n++) {
            for (int n2 = n; n2 <= nMax; n2++) {
                for (int l = 0; l <= lMax; l++) {
                    names.add("Q(" + n + "," + n2 + "," + l + ")");
                }
            }
        }
        return List.copyOf(names);
    }

    @Override
    public int featureCount() {
        return nMax * (nMax + 1) / 2 * (lMax + 1);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new TreeMap<>();
        p.put("r_cut", rCut);
        p.put("n_max", nMax);
        p.put("l_max", lMax);
        p.put("sigma", sigma);
        p.put("include_centre", includeCentre);
        p.put("basis", "polynomial (r_cut - r)^(a+2), Loewdin, r^2 weight");
        p.put("tail_threshold", TAIL_THRESHOLD);
        return Collections.unmodifiableMap(p);
    }

    @Override
    public void compute(FrameView frame, double[] out) {
        BondOrder.require3d(FAMILY, frame);
        int f = featureCount();
        BondOrder.checkOut(FAMILY, frame, out, f);
        Neighbours nb = Neighbours.within(frame, reach());
        int half = SphericalHarmonics.halfSize(lMax);
        int nl = nMax * (lMax + 1);
        double[] yRe = new double[half];
        double[] yIm = new double[half];
        double[] cRe = new double[nMax * half];
        double[] cIm = new double[nMax * half];
        double[] rad = new double[nl];
        double centre = 1.0 / Math.sqrt(4.0 * Math.PI); // Y_00
        for (int i = 0; i < frame.n(); i++) {
            Arrays.fill(cRe, 0.0);
            Arrays.fill(cIm, 0.0);
            int end = nb.start(i + 1);
            for (int k = nb.start(i); k < end; k++) {
                BondOrder.requireApart(FAMILY, nb, i, k);
                harmonics.computeHalf(nb.dx(k), nb.dy(k), nb.dz(k), yRe, yIm);
                interpolate(nb.distance(k), rad);
                for (int n = 0; n < nMax; n++) {
                    int o = n * half;
                    for (int l = 0; l <= lMax; l++) {
                        double w = rad[n * (lMax + 1) + l];
                        int h = SphericalHarmonics.halfIndex(l, 0);
                        for (int m = 0; m <= l; m++) {
                            cRe[o + h + m] += w * yRe[h + m];
                            cIm[o + h + m] += w * yIm[h + m];
                        }
                    }
                }
            }
            if (includeCentre) {
                for (int n = 0; n < nMax; n++) {
                    cRe[n * half] += table[n * (lMax + 1)] * centre; // node 0 is d = 0, l = 0
                }
            }
            int idx = i * f;
            for (int n = 0; n < nMax; n++) {
                for (int n2 = n; n2 < nMax; n2++) {
                    for (int l = 0; l <= lMax; l++) {
                        int h = SphericalHarmonics.halfIndex(l, 0);
                        int a = n * half + h;
                        int b = n2 * half + h;
                        // real density: the -m terms equal the +m ones, so sum_m c*_nlm c_n'lm is real
                        double s = cRe[a] * cRe[b] + cIm[a] * cIm[b];
                        double t = 0;
                        for (int m = 1; m <= l; m++) {
                            t += cRe[a + m] * cRe[b + m] + cIm[a + m] * cIm[b + m];
                        }
                        out[idx++] = Math.PI * Math.sqrt(8.0 / (2.0 * l + 1.0)) * (s + 2.0 * t);
                    }
                }
            }
        }
    }

    // ---- radial integrals ----

    /** I_nl(d) for every n (0-based) and l into rad[n * (lMax + 1) + l], by cubic Hermite interpolation. */
    private void interpolate(double d, double[] rad) {
        double u = d / tableStep;
        int k = (int) u;
        if (k > tableNodes - 2) {
            k = tableNodes - 2;
        }
        double s = u - k;
        double s2 = s * s;
        double h00 = (1 + 2 * s) * (1 - s) * (1 - s);
        double h10 = s * (1 - s) * (1 - s) * tableStep;
        double h01 = s2 * (3 - 2 * s);
        double h11 = s2 * (s - 1) * tableStep;
        int nl = rad.length;
        int p = k * nl;
        int q = p + nl;
        for (int t = 0; t < nl; t++) {
            rad[t] = h00 * table[p + t] + h10 * tableSlope[p + t] + h01 * table[q + t] + h11 * tableSlope[q + t];
        }
    }

    /** I_nl(d) from the table (n 1-based), as {@link #compute} uses it. */
    double radialIntegral(int n, int l, double d) {
        double[] rad = new double[nMax * (lMax + 1)];
        interpolate(d, rad);
        return rad[(n - 1) * (lMax + 1) + l];
    }

    /** I_nl(d) by direct quadrature (n 1-based): the table's reference. */
    double radialIntegralDirect(int n, int l, double d) {
        double[] v = new double[nMax * (lMax + 1)];
        double[] dv = new double[v.length];
        integrate(d, quadrature(), v, dv);
        return v[(n - 1) * (lMax + 1) + l];
    }

    /** Composite Gauss-Legendre nodes on [0, r_cut]: {r, weight * 4 pi r^2, g_1(r) .. g_nmax(r)} per node. */
    private double[][] quadrature() {
        int panels = Math.max(1, (int) Math.ceil(PANELS_PER_SIGMA * rCut / sigma));
        double w = rCut / panels;
        double[][] nodes = new double[panels * GAUSS_POINTS][];
        for (int p = 0; p < panels; p++) {
            for (int g = 0; g < GAUSS_POINTS; g++) {
                double r = (p + 0.5 * (GL_X[g] + 1.0)) * w;
                double[] node = new double[2 + nMax];
                node[0] = r;
                node[1] = 0.5 * w * GL_W[g] * 4.0 * Math.PI * r * r;
                for (int n = 0; n < nMax; n++) {
                    node[2 + n] = basisValue(n, r);
                }
                nodes[p * GAUSS_POINTS + g] = node;
            }
        }
        return nodes;
    }

    /** I_nl(d) and dI_nl/dd for all n, l into v and dv (index n * (lMax + 1) + l). */
    private void integrate(double d, double[][] nodes, double[] v, double[] dv) {
        Arrays.fill(v, 0.0);
        Arrays.fill(dv, 0.0);
        double s2 = sigma * sigma;
        double[] bessel = new double[lMax + 2];
        for (double[] node : nodes) {
            double r = node[0];
            double e = r - d;
            if (e * e > 80.0 * s2) { // exp(-40) = 4e-18: nothing left to add
                continue;
            }
            double gauss = Math.exp(-e * e / (2.0 * s2));
            double x = r * d / s2;
            scaledBesselI(lMax + 1, x, bessel);
            for (int l = 0; l <= lMax; l++) {
                double il = bessel[l];
                double slope = (l > 0 ? (l * bessel[l - 1] + (l + 1.0) * bessel[l + 1]) / (2.0 * l + 1.0)
                        : bessel[1]) - il; // d/dx (e^-x i_l(x))
                double val = node[1] * gauss * il;
                double der = node[1] * gauss * (e / s2 * il + r / s2 * slope);
                for (int n = 0; n < nMax; n++) {
                    double g = node[2 + n];
                    v[n * (lMax + 1) + l] += g * val;
                    dv[n * (lMax + 1) + l] += g * der;
                }
            }
        }
    }

    private void buildTable() {
        tableStep = sigma / TABLE_STEPS_PER_SIGMA;
        tableNodes = (int) Math.ceil(reach() / tableStep) + 2;
        int nl = nMax * (lMax + 1);
        table = new double[tableNodes * nl];
        tableSlope = new double[tableNodes * nl];
        double[][] nodes = quadrature();
        double[] v = new double[nl];
        double[] dv = new double[nl];
        for (int k = 0; k < tableNodes; k++) {
            integrate(k * tableStep, nodes, v, dv);
            System.arraycopy(v, 0, table, k * nl, nl);
            System.arraycopy(dv, 0, tableSlope, k * nl, nl);
        }
    }

    /**
     * e^-x i_l(x) for l = 0..top into out (modified spherical Bessel functions of the first kind, scaled so they stay
     * finite for large x), x &gt;= 0. Small x: the power series of each order; otherwise the two highest orders by
     * series (x &lt; 50) or by the closed finite sum, then the downward recurrence i_{l-1} = i_{l+1} + (2l+1)/x i_l,
     * which is stable in that direction.
     */
    static void scaledBesselI(int top, double x, double[] out) {
        if (x == 0) {
            Arrays.fill(out, 0, top + 1, 0.0);
            out[0] = 1.0;
            return;
        }
        if (x < 1.0 || top == 0) {
            for (int l = 0; l <= top; l++) {
                out[l] = x < 1.0 ? Math.exp(-x) * besselSeries(l, x) : -Math.expm1(-2.0 * x) / (2.0 * x);
            }
            return;
        }
        if (x < 50.0) {
            double scale = Math.exp(-x);
            out[top] = scale * besselSeries(top, x);
            out[top - 1] = scale * besselSeries(top - 1, x);
        } else {
            out[top] = besselClosed(top, x);
            out[top - 1] = besselClosed(top - 1, x);
        }
        for (int l = top - 1; l >= 1; l--) {
            out[l - 1] = out[l + 1] + (2.0 * l + 1.0) / x * out[l];
        }
    }

    /** i_l(x) = x^l/(2l+1)!! sum_k (x^2/2)^k / (k! (2l+3)(2l+5)...(2l+2k+1)), all terms positive. */
    private static double besselSeries(int l, double x) {
        double lead = 1.0;
        for (int k = 1; k <= l; k++) {
            lead *= x / (2.0 * k + 1.0);
        }
        double half = 0.5 * x * x;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 1000; k++) {
            term *= half / (k * (2.0 * l + 2.0 * k + 1.0));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return lead * sum;
    }

    /**
     * e^-x i_l(x) = (1/(2x)) [ sum_k (-1)^k a_k (2x)^-k - (-1)^l e^-2x sum_k a_k (2x)^-k ], a_k = (l+k)!/(k!(l-k)!):
     * exact, and free of cancellation trouble for x &gt;= 50 at the degrees allowed here.
     */
    private static double besselClosed(int l, double x) {
        double inv = 1.0 / (2.0 * x);
        double a = 1.0;
        double p = 1.0;
        double alt = 1.0;
        double all = 1.0;
        for (int k = 1; k <= l; k++) {
            a *= (double) (l + k) * (l - k + 1) / k; // a_k / a_{k-1}
            p *= inv;
            alt += ((k & 1) == 0 ? 1.0 : -1.0) * a * p;
            all += a * p;
        }
        double sign = (l & 1) == 0 ? 1.0 : -1.0;
        return inv * (alt - sign * Math.exp(-2.0 * x) * all);
    }

    // ---- the Loewdin-orthonormal polynomial basis ----

    /**
     * C[n * nMax + a] such that g_{n+1}(r) = sum_a C t^(a+3), t = 1 - r/r_cut, i.e. C = beta_{n,a} r_cut^(a+3) with
     * beta = S^(-1/2) (0-based a; the digest's exponent a+2 for 1-based a). S is diagonalised by cyclic Jacobi
     * rotations in 120-digit decimals, then beta = V diag(lambda^-1/2) V^T is rounded to doubles.
     */
    static double[] loewdinBasis(double rCut, int nMax) {
        MathContext mc = new MathContext(120);
        BigDecimal rc = new BigDecimal(rCut);
        BigDecimal[][] s = new BigDecimal[nMax][nMax];
        for (int a = 1; a <= nMax; a++) {
            for (int b = 1; b <= nMax; b++) {
                long den = (long) (5 + a + b) * (6 + a + b) * (7 + a + b);
                s[a - 1][b - 1] = rc.pow(7 + a + b, mc).multiply(BigDecimal.valueOf(2))
                        .divide(BigDecimal.valueOf(den), mc);
            }
        }
        BigDecimal[][] v = new BigDecimal[nMax][nMax];
        for (int a = 0; a < nMax; a++) {
            for (int b = 0; b < nMax; b++) {
                v[a][b] = a == b ? BigDecimal.ONE : BigDecimal.ZERO;
            }
        }
        jacobi(s, v, mc);
        BigDecimal[] root = new BigDecimal[nMax];
        for (int a = 0; a < nMax; a++) {
            if (s[a][a].signum() <= 0) {
                throw new IllegalStateException(FAMILY + ": the overlap matrix of the polynomial basis is not positive "
                        + "definite (eigenvalue " + s[a][a].doubleValue() + "): reduce n_max");
            }
            root[a] = BigDecimal.ONE.divide(s[a][a].sqrt(mc), mc);
        }
        double[] c = new double[nMax * nMax];
        for (int n = 0; n < nMax; n++) {
            for (int a = 0; a < nMax; a++) {
                BigDecimal beta = BigDecimal.ZERO;
                for (int k = 0; k < nMax; k++) {
                    beta = beta.add(v[n][k].multiply(root[k], mc).multiply(v[a][k], mc), mc);
                }
                c[n * nMax + a] = beta.multiply(rc.pow(a + 3, mc), mc).doubleValue();
            }
        }
        return c;
    }

    /** Cyclic Jacobi diagonalisation of the symmetric a (left with its eigenvalues on the diagonal); v collects the
     * eigenvectors as columns. */
    private static void jacobi(BigDecimal[][] a, BigDecimal[][] v, MathContext mc) {
        int n = a.length;
        BigDecimal two = BigDecimal.valueOf(2);
        for (int sweep = 0; sweep < 200; sweep++) {
            BigDecimal off = BigDecimal.ZERO;
            BigDecimal diag = BigDecimal.ZERO;
            for (int p = 0; p < n; p++) {
                diag = diag.max(a[p][p].abs());
                for (int q = p + 1; q < n; q++) {
                    off = off.max(a[p][q].abs());
                }
            }
            if (off.signum() == 0 || off.compareTo(diag.scaleByPowerOfTen(-100)) < 0) {
                return;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    BigDecimal apq = a[p][q];
                    if (apq.signum() == 0) {
                        continue;
                    }
                    // rotation that zeroes a_pq (Numerical Recipes' form): theta = (a_qq - a_pp) / (2 a_pq)
                    BigDecimal theta = a[q][q].subtract(a[p][p], mc).divide(two.multiply(apq, mc), mc);
                    BigDecimal root = theta.multiply(theta, mc).add(BigDecimal.ONE, mc).sqrt(mc);
                    BigDecimal t = BigDecimal.ONE.divide(theta.abs().add(root, mc), mc);
                    if (theta.signum() < 0) {
                        t = t.negate();
                    }
                    BigDecimal c = BigDecimal.ONE.divide(t.multiply(t, mc).add(BigDecimal.ONE, mc).sqrt(mc), mc);
                    BigDecimal sn = t.multiply(c, mc);
                    a[p][p] = a[p][p].subtract(t.multiply(apq, mc), mc);
                    a[q][q] = a[q][q].add(t.multiply(apq, mc), mc);
                    a[p][q] = BigDecimal.ZERO;
                    a[q][p] = BigDecimal.ZERO;
                    for (int r = 0; r < n; r++) {
                        if (r != p && r != q) {
                            BigDecimal arp = a[r][p];
                            BigDecimal arq = a[r][q];
                            BigDecimal np = c.multiply(arp, mc).subtract(sn.multiply(arq, mc), mc);
                            BigDecimal nq = sn.multiply(arp, mc).add(c.multiply(arq, mc), mc);
                            a[r][p] = np;
                            a[p][r] = np;
                            a[r][q] = nq;
                            a[q][r] = nq;
                        }
                        BigDecimal vrp = v[r][p];
                        BigDecimal vrq = v[r][q];
                        v[r][p] = c.multiply(vrp, mc).subtract(sn.multiply(vrq, mc), mc);
                        v[r][q] = sn.multiply(vrp, mc).add(c.multiply(vrq, mc), mc);
                    }
                }
            }
        }
        throw new IllegalStateException(FAMILY + ": Jacobi diagonalisation of the basis overlaps did not converge");
    }

    /** Nodes and weights of n-point Gauss-Legendre quadrature on [-1, 1] (Newton on P_n from Chebyshev guesses). */
    private static void gaussLegendre(double[] x, double[] w) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1.0;
                double p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p = ((2.0 * k - 1.0) * z * p1 - (k - 1.0) * p0) / k;
                    p0 = p1;
                    p1 = p;
                }
                dp = n * (z * p1 - p0) / (z * z - 1.0);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            x[i] = z;
            w[i] = 2.0 / ((1.0 - z * z) * dp * dp);
        }
    }

    @Override
    public String toString() {
        return FAMILY + parameters();
    }
}
