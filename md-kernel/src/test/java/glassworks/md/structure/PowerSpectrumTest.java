package glassworks.md.structure;

import glassworks.md.FrameView;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SOAP power spectrum: its radial basis is the Loewdin-orthonormal polynomial set, its Bessel functions and radial
 * table are right, and whole descriptors equal (a) a brute-force evaluation of Eq. 12 by quadrature of the smeared
 * density on a 3D grid and (b) the double-sum (Legendre) form over a periodic configuration; rotation, translation and
 * relabelling leave it unchanged.
 */
class PowerSpectrumTest {
    private static final GaussIntegratorFactory GAUSS = new GaussIntegratorFactory();

    @Test
    void dimensionsNamesAndParametersFollowTheSeed() {
        PowerSpectrum first = PowerSpectrum.firstShell();
        assertEquals(189, first.featureCount(), "n_max 6, l_max 8");
        assertEquals(324, PowerSpectrum.upToSecondShell().featureCount(), "n_max 8, l_max 8");
        assertEquals("Q(1,1,0)", first.featureNames().get(0));
        assertEquals("Q(1,1,8)", first.featureNames().get(8));
        assertEquals("Q(1,2,0)", first.featureNames().get(9));
        assertEquals("Q(6,6,8)", first.featureNames().get(188));
        assertEquals(189, first.featureNames().stream().distinct().count());
        assertEquals(1.6 + 0.2 * Math.sqrt(-2 * Math.log(1e-3)), first.reach(), 1e-12);
        assertEquals(first.fingerprint(), new PowerSpectrum(1.6, 6, 8, 0.2).fingerprint());
        for (PowerSpectrum other : List.of(new PowerSpectrum(1.6, 6, 8, 0.25), new PowerSpectrum(1.7, 6, 8, 0.2),
                new PowerSpectrum(1.6, 5, 8, 0.2), new PowerSpectrum(1.6, 6, 7, 0.2),
                new PowerSpectrum(1.6, 6, 8, 0.2, true))) {
            assertNotEquals(first.fingerprint(), other.fingerprint(), other.toString());
        }
        assertRefused(() -> new PowerSpectrum(-1.6, 6, 8, 0.2), "r_cut = -1.6");
        assertRefused(() -> new PowerSpectrum(1.6, 0, 8, 0.2), "n_max = 0", "1..10");
        assertRefused(() -> new PowerSpectrum(1.6, 11, 8, 0.2), "n_max = 11");
        assertRefused(() -> new PowerSpectrum(1.6, 6, 17, 0.2), "l_max = 17");
        assertRefused(() -> new PowerSpectrum(1.6, 6, 8, 0.0), "sigma = 0.0");
        assertRefused(() -> new PowerSpectrum(1.6, 6, 8, 0.001), "raise sigma");
        int n = 10;
        FrameView flat = new FrameView(0, 0, 0, n, 2, new int[n], new double[n], new double[n], new double[n], 8, 8, 0,
                null, null, null, null);
        assertRefused(() -> first.compute(flat), "'soap'", "2D");
    }

    private static void assertRefused(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), "message '" + e.getMessage() + "' lacks '" + s + "'");
        }
    }

    /**
     * Orthonormal with the r^2 weight, and Loewdin's: the overlaps M_na = int g_n phi_a r^2 with the raw functions
     * phi_a = (r_cut - r)^(a+2) form S^(1/2), a symmetric positive-definite matrix, which pins the orthonormalisation
     * down uniquely (any other orthonormal set is O g with O orthogonal, and O S^(1/2) is not symmetric PD unless O = 1).
     */
    @Test
    void radialBasisIsTheLoewdinOrthonormalPolynomialSet() {
        for (double[] setting : new double[][]{{1.6, 6}, {2.2, 8}, {1.0, 3}, {3.0, 10}}) {
            double rc = setting[0];
            int nMax = (int) setting[1];
            PowerSpectrum ps = new PowerSpectrum(rc, nMax, 2, 0.3);
            GaussIntegrator gl = GAUSS.legendre(40, 0, rc);
            double worstOrtho = 0;
            double worstSym = 0;
            double[][] m = new double[nMax][nMax];
            double scale = 0;
            for (int n = 1; n <= nMax; n++) {
                for (int k = 1; k <= nMax; k++) {
                    final int nn = n;
                    final int kk = k;
                    double overlap = gl.integrate(r -> r * r * ps.radialBasis(nn, r) * ps.radialBasis(kk, r));
                    worstOrtho = Math.max(worstOrtho, Math.abs(overlap - (n == k ? 1 : 0)));
                    m[n - 1][k - 1] = gl.integrate(r -> r * r * ps.radialBasis(nn, r) * Math.pow(rc - r, kk + 2));
                    scale = Math.max(scale, Math.abs(m[n - 1][k - 1]));
                }
            }
            for (int n = 0; n < nMax; n++) {
                for (int k = 0; k < nMax; k++) {
                    worstSym = Math.max(worstSym, Math.abs(m[n][k] - m[k][n]) / scale);
                }
            }
            double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(m)).getRealEigenvalues();
            double minEig = Double.MAX_VALUE;
            for (double e : eig) {
                minEig = Math.min(minEig, e);
            }
            System.out.printf("basis r_cut %.1f n_max %d: |<g_n|g_m> - delta| %.1e, asymmetry of S^1/2 %.1e, "
                    + "min eigenvalue %.2e%n", rc, nMax, worstOrtho, worstSym, minEig);
            double tol = nMax <= 8 ? 1e-8 : 1e-6;
            assertTrue(worstOrtho < tol, "orthonormality " + worstOrtho);
            assertTrue(worstSym < tol, "Loewdin: S^1/2 symmetric, asymmetry " + worstSym);
            assertTrue(minEig > 0, "Loewdin: S^1/2 positive definite, min eigenvalue " + minEig);
            assertEquals(0.0, ps.radialBasis(1, rc), 0.0, "g_n vanishes at r_cut");
            assertEquals(0.0, ps.radialBasis(nMax, rc + 0.1), 0.0, "g_n is 0 beyond r_cut");
        }
    }

    /** e^-x i_l(x) against closed forms (l = 0, 1, 2) and the integral x^l/(2^(l+1) l!) int e^(x(t-1)) (1-t^2)^l dt. */
    @Test
    void scaledBesselFunctionsAreRight() {
        double[] out = new double[18];
        double worstClosed = 0;
        double worstIntegral = 0;
        for (double x : new double[]{1e-9, 1e-3, 0.3, 0.999, 1.0, 2.5, 10, 30, 49.99, 50.0, 50.01, 120, 2000}) {
            PowerSpectrum.scaledBesselI(17, x, out);
            double e2 = Math.exp(-2 * x);
            double sh = (1 - e2) / 2; // e^-x sinh x
            double ch = (1 + e2) / 2; // e^-x cosh x
            if (x > 0.99) { // the closed forms cancel badly at small x (the integral covers those)
                double[] closed = {sh / x, ch / x - sh / (x * x), (3 / (x * x) + 1) * sh / x - 3 * ch / (x * x)};
                for (int l = 0; l < 3; l++) {
                    worstClosed = Math.max(worstClosed, Math.abs(out[l] - closed[l]) / Math.abs(closed[l]));
                }
            }
            for (int l = 0; l <= 17; l++) {
                double ref = besselIntegral(l, x);
                if (ref > 1e-250) {
                    worstIntegral = Math.max(worstIntegral, Math.abs(out[l] - ref) / ref);
                }
            }
        }
        System.out.printf("scaled i_l: closed forms rel. dev %.1e, integral representation %.1e%n", worstClosed,
                worstIntegral);
        assertTrue(worstClosed < 1e-13, "closed forms " + worstClosed);
        assertTrue(worstIntegral < 1e-11, "integral representation " + worstIntegral);
        PowerSpectrum.scaledBesselI(5, 0.0, out);
        assertEquals(1.0, out[0], 0.0);
        assertEquals(0.0, out[5], 0.0);
    }

    /** x^l/(2^(l+1) l!) int_-1^1 e^(x(t-1)) (1-t^2)^l dt by composite Gauss-Legendre, graded towards t = 1. */
    private static double besselIntegral(int l, double x) {
        double lead = 1;
        for (int k = 1; k <= l; k++) {
            lead *= x / (2.0 * k);
        }
        lead /= 2;
        double sum = 0;
        // panels [1 - 2 q^k, 1 - 2 q^(k+1)] shrink towards t = 1, where e^(x(t-1)) lives for large x
        double lo = -1;
        for (int k = 1; k <= 60; k++) {
            double hi = k == 60 ? 1 : 1 - 2 * Math.pow(0.7, k);
            GaussIntegrator g = GAUSS.legendre(20, lo, hi);
            sum += g.integrate(t -> Math.exp(x * (t - 1)) * Math.pow(1 - t * t, l));
            lo = hi;
        }
        return lead * sum;
    }

    @Test
    void radialTableMatchesDirectQuadrature() {
        for (PowerSpectrum ps : List.of(PowerSpectrum.firstShell(), PowerSpectrum.upToSecondShell(),
                new PowerSpectrum(2.0, 4, 12, 0.1))) {
            SplittableRandom rng = new SplittableRandom(1);
            double scale = 0;
            double worst = 0;
            int nMax = (int) ps.parameters().get("n_max");
            int lMax = (int) ps.parameters().get("l_max");
            for (int t = 0; t < 300; t++) {
                double d = t == 0 ? 0 : rng.nextDouble(0, ps.reach());
                int n = 1 + rng.nextInt(nMax);
                int l = rng.nextInt(lMax + 1);
                double direct = ps.radialIntegralDirect(n, l, d);
                scale = Math.max(scale, Math.abs(direct));
                worst = Math.max(worst, Math.abs(ps.radialIntegral(n, l, d) - direct));
            }
            System.out.printf("%s: radial table vs direct quadrature %.1e (scale %.2f)%n", ps, worst, scale);
            assertTrue(worst < 1e-9 * scale, "table interpolation error " + worst + " at scale " + scale);
        }
    }

    // ---------------------------------------------------------------- whole descriptor vs brute force

    /**
     * Eq. 12 evaluated head-on: c_nlm = sum over a (r, theta, phi) product grid of w rho(r) g_n(r) conj(Y_lm), with
     * rho the sum of the Gaussians of the bonds (those within the descriptor's reach, plus the centre when asked), then
     * Eq. 13. Gauss-Legendre in r (panels of sigma/4) and cos theta (64 points), trapezoid in phi (128 points): exact
     * to round-off for these band limits.
     */
    private static double[] bruteForce(PowerSpectrum ps, double[][] bonds, boolean centre) {
        double rc = (double) ps.parameters().get("r_cut");
        double sigma = (double) ps.parameters().get("sigma");
        int nMax = (int) ps.parameters().get("n_max");
        int lMax = (int) ps.parameters().get("l_max");
        List<double[]> used = new ArrayList<>();
        for (double[] b : bonds) {
            if (Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]) < ps.reach()) {
                used.add(b);
            }
        }
        if (centre) {
            used.add(new double[]{0, 0, 0});
        }
        // radial nodes
        int panels = (int) Math.ceil(4 * rc / sigma);
        List<double[]> rNodes = new ArrayList<>();
        for (int p = 0; p < panels; p++) {
            GaussIntegrator g = GAUSS.legendre(10, p * rc / panels, (p + 1) * rc / panels);
            for (int k = 0; k < g.getNumberOfPoints(); k++) {
                double r = g.getPoint(k);
                double[] node = new double[2 + nMax];
                node[0] = r;
                node[1] = g.getWeight(k) * r * r;
                for (int n = 1; n <= nMax; n++) {
                    node[1 + n] = ps.radialBasis(n, r);
                }
                rNodes.add(node);
            }
        }
        GaussIntegrator theta = GAUSS.legendre(64, -1, 1);
        int nPhi = 128;
        int size = SphericalHarmonics.size(lMax);
        double[] cRe = new double[nMax * size];
        double[] cIm = new double[nMax * size];
        double[] yRe = new double[size];
        double[] yIm = new double[size];
        double[] a = new double[nMax];
        SphericalHarmonics sh = new SphericalHarmonics(lMax);
        double s2 = 2 * sigma * sigma;
        for (int it = 0; it < theta.getNumberOfPoints(); it++) {
            double ct = theta.getPoint(it);
            double st = Math.sqrt(1 - ct * ct);
            for (int ip = 0; ip < nPhi; ip++) {
                double phi = 2 * Math.PI * ip / nPhi;
                double ux = st * Math.cos(phi);
                double uy = st * Math.sin(phi);
                double w = theta.getWeight(it) * 2 * Math.PI / nPhi;
                java.util.Arrays.fill(a, 0);
                for (double[] node : rNodes) {
                    double r = node[0];
                    double rho = 0;
                    for (double[] b : used) {
                        double dx = r * ux - b[0];
                        double dy = r * uy - b[1];
                        double dz = r * ct - b[2];
                        rho += Math.exp(-(dx * dx + dy * dy + dz * dz) / s2);
                    }
                    for (int n = 0; n < nMax; n++) {
                        a[n] += node[1] * node[2 + n] * rho;
                    }
                }
                sh.compute(ux, uy, ct, yRe, yIm);
                for (int n = 0; n < nMax; n++) {
                    for (int k = 0; k < size; k++) {
                        cRe[n * size + k] += w * a[n] * yRe[k];
                        cIm[n * size + k] -= w * a[n] * yIm[k]; // conj(Y)
                    }
                }
            }
        }
        double[] out = new double[ps.featureCount()];
        int idx = 0;
        for (int n = 0; n < nMax; n++) {
            for (int n2 = n; n2 < nMax; n2++) {
                for (int l = 0; l <= lMax; l++) {
                    double s = 0;
                    for (int m = -l; m <= l; m++) {
                        int k = SphericalHarmonics.index(l, m);
                        s += cRe[n * size + k] * cRe[n2 * size + k] + cIm[n * size + k] * cIm[n2 * size + k];
                    }
                    out[idx++] = Math.PI * Math.sqrt(8.0 / (2 * l + 1)) * s;
                }
            }
        }
        return out;
    }

    private static double[][] clusterBonds() {
        // distances 0.95 .. 2.6: inside r_cut, in the Gaussian tail zone beyond r_cut, and one beyond the reach
        double[] dist = {0.953, 1.0471, 1.1137, 1.302, 1.4561, 1.5519, 1.7473, 2.2071, 2.6}; // off the table nodes
        SplittableRandom rng = new SplittableRandom(71);
        double[][] bonds = new double[dist.length][];
        for (int k = 0; k < dist.length; k++) {
            double ct = rng.nextDouble(-1, 1);
            double phi = rng.nextDouble(0, 2 * Math.PI);
            double st = Math.sqrt(1 - ct * ct);
            bonds[k] = new double[]{dist[k] * st * Math.cos(phi), dist[k] * st * Math.sin(phi), dist[k] * ct};
        }
        return bonds;
    }

    @Test
    void equalsBruteForceQuadratureOfTheSmearedDensity() {
        double[][] bonds = clusterBonds();
        FrameView cluster = CrystalShells.cluster(bonds, 16.0);
        for (boolean centre : new boolean[]{false, true}) {
            PowerSpectrum ps = new PowerSpectrum(1.6, 6, 8, 0.2, centre);
            double[] got = ps.compute(cluster);
            double[] expect = bruteForce(ps, bonds, centre);
            double scale = 0;
            double worst = 0;
            for (int k = 0; k < expect.length; k++) {
                scale = Math.max(scale, Math.abs(expect[k]));
                worst = Math.max(worst, Math.abs(got[k] - expect[k]));
            }
            System.out.printf("soap (1.6, 6, 8, 0.2, centre %s) vs 3D quadrature of Eq. 12: max |diff| %.2e, "
                    + "largest feature %.4f%n", centre, worst, scale);
            assertTrue(scale > 0.1, "the cluster should give sizeable features");
            assertTrue(worst < 1e-8 * scale, "soap vs brute force: " + worst);
        }
        // the centre only shifts l = 0
        double[] with = new PowerSpectrum(1.6, 6, 8, 0.2, true).compute(cluster);
        double[] without = new PowerSpectrum(1.6, 6, 8, 0.2, false).compute(cluster);
        for (int k = 0; k < 189; k++) {
            if (k % 9 == 0) {
                assertNotEquals(with[k], without[k], 1e-6, "l = 0 feature " + k);
            } else {
                assertEquals(with[k], without[k], 1e-13, "l > 0 feature " + k);
            }
        }
    }

    /**
     * The double-sum form over a periodic random configuration: Q_nn'l(i) = pi sqrt(8/(2l+1)) (2l+1)/(4 pi)
     * sum_jk I_nl(r_ij) I_n'l(r_ik) P_l(cos g_jk), with the radial integrals by direct quadrature and the neighbours
     * by an O(N^2) minimum-image sweep.
     */
    @Test
    void equalsTheLegendreDoubleSumOverAPeriodicConfiguration() {
        FrameView f = CrystalShells.randomPeriodic(120, 5.6, 73);
        PowerSpectrum ps = new PowerSpectrum(1.6, 4, 6, 0.2);
        double[] got = ps.compute(f);
        int nMax = 4;
        int lMax = 6;
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < f.n(); i += 3) {
            List<double[]> bonds = new ArrayList<>();
            for (int j = 0; j < f.n(); j++) {
                if (j == i) {
                    continue;
                }
                double dx = CrystalShells.image(f.x()[j] - f.x()[i], f.boxX());
                double dy = CrystalShells.image(f.y()[j] - f.y()[i], f.boxY());
                double dz = CrystalShells.image(f.z()[j] - f.z()[i], f.boxZ());
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (r < ps.reach()) {
                    bonds.add(new double[]{dx, dy, dz, r});
                }
            }
            int nb = bonds.size();
            double[][][] rad = new double[nb][nMax][lMax + 1];
            for (int j = 0; j < nb; j++) {
                for (int n = 0; n < nMax; n++) {
                    for (int l = 0; l <= lMax; l++) {
                        rad[j][n][l] = ps.radialIntegralDirect(n + 1, l, bonds.get(j)[3]);
                    }
                }
            }
            int idx = 0;
            for (int n = 0; n < nMax; n++) {
                for (int n2 = n; n2 < nMax; n2++) {
                    for (int l = 0; l <= lMax; l++) {
                        double s = 0;
                        for (int j = 0; j < nb; j++) {
                            for (int k = 0; k < nb; k++) {
                                s += rad[j][n][l] * rad[k][n2][l]
                                        * SphericalHarmonics.legendre(l, BondOrderTest.cos(bonds.get(j), bonds.get(k)));
                            }
                        }
                        double expect = Math.PI * Math.sqrt(8.0 / (2 * l + 1)) * (2 * l + 1) / (4 * Math.PI) * s;
                        scale = Math.max(scale, Math.abs(expect));
                        worst = Math.max(worst, Math.abs(expect - got[i * ps.featureCount() + idx++]));
                    }
                }
            }
        }
        System.out.printf("soap vs Legendre double sum (periodic, N = 120): max |diff| %.2e, scale %.2f%n", worst, scale);
        assertTrue(worst < 1e-9 * scale, "soap vs double sum: " + worst);
    }

    @Test
    void rotationTranslationAndRelabellingChangeNothing() {
        SplittableRandom rng = new SplittableRandom(75);
        PowerSpectrum ps = PowerSpectrum.firstShell();
        // rotation: a finite cluster and the fcc shells around a site
        for (double[][] bonds : List.of(clusterBonds(), CrystalShells.shellsAround(CrystalShells.fcc(4, 1.0), 0, 2.4))) {
            double[] ref = ps.compute(CrystalShells.cluster(bonds, 16.0));
            for (int rep = 0; rep < 3; rep++) {
                double[] q = ps.compute(CrystalShells.cluster(
                        CrystalShells.rotate(bonds, CrystalShells.randomRotation(rng)), 16.0));
                for (int k = 0; k < ref.length; k++) {
                    assertEquals(ref[k], q[k], 1e-10 * Math.max(1, Math.abs(ref[k])), "rotation, feature "
                            + ps.featureNames().get(k % 189) + " of particle " + k / 189);
                }
            }
        }
        // translation and relabelling of a periodic configuration
        FrameView f = CrystalShells.randomPeriodic(150, 6.0, 77);
        int n = f.n();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (i * 37 + 11) % n; // 37 is coprime to 150
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] sp = new int[n];
        for (int p = 0; p < n; p++) {
            x[p] = f.x()[perm[p]] + 13.7;
            y[p] = f.y()[perm[p]] - 4.2;
            z[p] = f.z()[perm[p]] + 0.3;
            sp[p] = f.species()[perm[p]];
        }
        FrameView g = new FrameView(0, 0, 0, n, 3, sp, x, y, z, 6.0, 6.0, 6.0, null, null, null, null);
        double[] a = ps.compute(f);
        double[] b = ps.compute(g);
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 189; c++) {
                double v = a[perm[p] * 189 + c];
                assertEquals(v, b[p * 189 + c], 1e-10 * Math.max(1, Math.abs(v)), "moved and relabelled particle " + p);
            }
        }
        // the diagonal power spectrum is a sum of squares
        for (int p = 0; p < n; p++) {
            assertTrue(a[p * 189] >= 0 && a[p * 189 + 8] >= 0, "Q(1,1,l) >= 0");
        }
    }

    /** Descriptors travel to Spark tasks serialised: the derived tables are rebuilt (or shared) on the other side. */
    @Test
    void serialisedCopyComputesTheSameNumbers() throws Exception {
        PowerSpectrum ps = new PowerSpectrum(1.7, 5, 6, 0.21, true);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(ps);
        }
        assertTrue(bytes.size() < 20_000, "the radial table must not travel: " + bytes.size() + " bytes");
        Descriptor copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Descriptor) in.readObject();
        }
        FrameView f = CrystalShells.randomPeriodic(100, 6.0, 81);
        assertEquals(ps.fingerprint(), copy.fingerprint());
        double[] a = ps.compute(f);
        double[] b = copy.compute(f);
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], b[k], 0.0);
        }
    }

    @Test
    void computeIsFastEnoughForKaFrames() {
        FrameView f = CrystalShells.jiggle(CrystalShells.fcc(8, 1.0), 0.08, 79); // N = 2048 at rho ~ 1.41
        PowerSpectrum ps = PowerSpectrum.upToSecondShell();
        double[] out = new double[f.n() * ps.featureCount()];
        ps.compute(f, out); // warm-up
        long t0 = System.nanoTime();
        ps.compute(f, out);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("soap (2.2, 8, 8): %.0f ms for N = %d (%.1f us per particle)%n", ms, f.n(), 1e3 * ms / f.n());
        assertTrue(ms < 20_000, "soap took " + ms + " ms for 2048 particles");
    }
}
