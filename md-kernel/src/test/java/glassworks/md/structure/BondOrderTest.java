package glassworks.md.structure;

import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.md.RunConfig;
import glassworks.md.TrajectorySink;
import glassworks.schema.tables.ThermoTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spherical harmonics against closed forms and the addition theorem; the bond-order families bo, sbo, rbo and the
 * reference measures zu against perfect crystals' known Q_l, against O(N^2) Legendre-form brute force, and under
 * rotation, translation and relabelling; the smooth bond order's hard-cutoff limit; validation and fingerprints.
 */
class BondOrderTest {
    static final double FOUR_PI = 4 * Math.PI;

    // ---------------------------------------------------------------- spherical harmonics

    @Test
    void harmonicsEqualClosedFormsForSmallDegrees() {
        SphericalHarmonics sh = new SphericalHarmonics(4);
        double[] re = new double[SphericalHarmonics.size(4)];
        double[] im = new double[re.length];
        SplittableRandom rng = new SplittableRandom(3);
        double worst = 0;
        for (int t = 0; t < 200; t++) {
            double[] v = t < 2 ? new double[]{0, 0, t == 0 ? 2.5 : -0.7}
                    : new double[]{rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double r = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            double ct = v[2] / r;
            double st = Math.sqrt(v[0] * v[0] + v[1] * v[1]) / r;
            double phi = Math.atan2(v[1], v[0]);
            sh.compute(v[0], v[1], v[2], re, im);
            double[][] expect = { // {l, m, modulus factor f(theta)}: Y_lm = f e^{i m phi}
                    {0, 0, 0.5 / Math.sqrt(Math.PI)},
                    {1, 0, Math.sqrt(3 / FOUR_PI) * ct},
                    {1, 1, -Math.sqrt(3 / (8 * Math.PI)) * st},
                    {2, 0, Math.sqrt(5 / (16 * Math.PI)) * (3 * ct * ct - 1)},
                    {2, 1, -Math.sqrt(15 / (8 * Math.PI)) * st * ct},
                    {2, 2, Math.sqrt(15 / (32 * Math.PI)) * st * st},
                    {3, 0, Math.sqrt(7 / (16 * Math.PI)) * (5 * ct * ct * ct - 3 * ct)},
                    {3, 1, -Math.sqrt(21 / (64 * Math.PI)) * st * (5 * ct * ct - 1)},
                    {3, 2, Math.sqrt(105 / (32 * Math.PI)) * st * st * ct},
                    {3, 3, -Math.sqrt(35 / (64 * Math.PI)) * st * st * st},
                    {4, 0, 3 / (16 * Math.sqrt(Math.PI)) * (35 * Math.pow(ct, 4) - 30 * ct * ct + 3)},
                    {4, 4, 3 / 16.0 * Math.sqrt(35 / (2 * Math.PI)) * Math.pow(st, 4)}};
            for (double[] e : expect) {
                int l = (int) e[0];
                int m = (int) e[1];
                double er = e[2] * Math.cos(m * phi);
                double ei = e[2] * Math.sin(m * phi);
                worst = Math.max(worst, Math.abs(re[SphericalHarmonics.index(l, m)] - er));
                worst = Math.max(worst, Math.abs(im[SphericalHarmonics.index(l, m)] - ei));
                // Y_l,-m = (-1)^m conj(Y_lm)
                double s = (m & 1) == 0 ? 1 : -1;
                worst = Math.max(worst, Math.abs(re[SphericalHarmonics.index(l, -m)] - s * er));
                worst = Math.max(worst, Math.abs(im[SphericalHarmonics.index(l, -m)] + s * ei));
            }
        }
        assertTrue(worst < 1e-14, "closed forms l <= 4: max deviation " + worst);
    }

    /**
     * An independent route to l = 16: the unnormalised P_l^m by the textbook recurrence in l (starting from
     * (2m-1)!! (-sin)^m), normalised with factorials, times e^{i m phi} from atan2.
     */
    @Test
    void harmonicsEqualFactorialFormulaUpToDegree16() {
        int lmax = 16;
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] re = new double[SphericalHarmonics.halfSize(lmax)];
        double[] im = new double[re.length];
        SplittableRandom rng = new SplittableRandom(17);
        double worst = 0;
        for (int t = 0; t < 100; t++) {
            double x = rng.nextDouble(-1, 1);
            double y = rng.nextDouble(-1, 1);
            double z = rng.nextDouble(-1, 1);
            double r = Math.sqrt(x * x + y * y + z * z);
            double ct = z / r;
            double phi = Math.atan2(y, x);
            sh.computeHalf(3 * x, 3 * y, 3 * z, re, im); // length does not matter
            for (int l = 0; l <= lmax; l++) {
                for (int m = 0; m <= l; m++) {
                    double p = associatedLegendre(l, m, ct);
                    double fact = 1;
                    for (int k = l - m + 1; k <= l + m; k++) {
                        fact *= k;
                    }
                    double norm = Math.sqrt((2 * l + 1) / (FOUR_PI * fact));
                    int k = SphericalHarmonics.halfIndex(l, m);
                    worst = Math.max(worst, Math.abs(re[k] - norm * p * Math.cos(m * phi)));
                    worst = Math.max(worst, Math.abs(im[k] - norm * p * Math.sin(m * phi)));
                }
            }
        }
        assertTrue(worst < 1e-12, "factorial formula l <= 16: max deviation " + worst);
    }

    private static double associatedLegendre(int l, int m, double x) {
        double pmm = 1;
        double s = Math.sqrt(1 - x * x);
        for (int i = 1; i <= m; i++) {
            pmm *= -(2 * i - 1) * s;
        }
        if (l == m) {
            return pmm;
        }
        double p1 = x * (2 * m + 1) * pmm;
        double p0 = pmm;
        for (int ll = m + 2; ll <= l; ll++) {
            double p = (x * (2 * ll - 1) * p1 - (ll + m - 1) * p0) / (ll - m);
            p0 = p1;
            p1 = p;
        }
        return p1;
    }

    @Test
    void additionTheoremHoldsUpToTheHighestDegree() {
        int lmax = SphericalHarmonics.MAX_DEGREE;
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        int size = SphericalHarmonics.size(lmax);
        double[] ar = new double[size];
        double[] ai = new double[size];
        double[] br = new double[size];
        double[] bi = new double[size];
        SplittableRandom rng = new SplittableRandom(5);
        double worstNorm = 0;
        double worstAdd = 0;
        for (int t = 0; t < 50; t++) {
            double[] a = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double[] b = t == 0 ? new double[]{0, 0, -1} : new double[]{rng.nextDouble(-1, 1), rng.nextDouble(-1, 1),
                    rng.nextDouble(-1, 1)};
            sh.compute(a[0], a[1], a[2], ar, ai);
            sh.compute(b[0], b[1], b[2], br, bi);
            double cos = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2])
                    / Math.sqrt((a[0] * a[0] + a[1] * a[1] + a[2] * a[2]) * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]));
            for (int l = 0; l <= lmax; l++) {
                double norm = 0;
                double re = 0;
                double im = 0;
                for (int m = -l; m <= l; m++) {
                    int k = SphericalHarmonics.index(l, m);
                    norm += ar[k] * ar[k] + ai[k] * ai[k];
                    re += ar[k] * br[k] + ai[k] * bi[k]; // Y_lm(a) conj(Y_lm(b))
                    im += ai[k] * br[k] - ar[k] * bi[k];
                }
                double unit = (2 * l + 1) / FOUR_PI;
                worstNorm = Math.max(worstNorm, Math.abs(norm - unit) / unit);
                worstAdd = Math.max(worstAdd, Math.hypot(re - unit * SphericalHarmonics.legendre(l, cos), im) / unit);
            }
        }
        System.out.printf("addition theorem up to l = %d: sum_m |Y_lm|^2 rel. dev %.2e, sum_m Y(a) Y*(b) vs P_l %.2e%n",
                lmax, worstNorm, worstAdd);
        assertTrue(worstNorm < 1e-12, "sum_m |Y_lm|^2 = (2l+1)/4pi: rel. deviation " + worstNorm);
        assertTrue(worstAdd < 1e-11, "addition theorem: rel. deviation " + worstAdd);
    }

    @Test
    void halfLayoutAccumulationAndPowerAgreeWithFullLayout() {
        SphericalHarmonics sh = new SphericalHarmonics(10);
        double[] fr = new double[SphericalHarmonics.size(10)];
        double[] fi = new double[fr.length];
        double[] hr = new double[SphericalHarmonics.halfSize(10)];
        double[] hi = new double[hr.length];
        double[] sumR = new double[fr.length];
        double[] sumI = new double[fr.length];
        SplittableRandom rng = new SplittableRandom(9);
        for (int j = 0; j < 7; j++) {
            double x = rng.nextDouble(-1, 1);
            double y = rng.nextDouble(-1, 1);
            double z = rng.nextDouble(-1, 1);
            double w = rng.nextDouble(0.1, 2);
            sh.compute(x, y, z, fr, fi);
            for (int k = 0; k < fr.length; k++) {
                sumR[k] += w * fr[k];
                sumI[k] += w * fi[k];
            }
            sh.addHalf(x, y, z, w, hr, hi);
        }
        for (int l = 0; l <= 10; l++) {
            double full = 0;
            for (int m = -l; m <= l; m++) {
                int k = SphericalHarmonics.index(l, m);
                full += sumR[k] * sumR[k] + sumI[k] * sumI[k];
                if (m >= 0) {
                    assertEquals(sumR[k], hr[SphericalHarmonics.halfIndex(l, m)], 1e-13);
                    assertEquals(sumI[k], hi[SphericalHarmonics.halfIndex(l, m)], 1e-13);
                }
            }
            assertEquals(full, SphericalHarmonics.power(l, hr, hi), 1e-12 * Math.max(1, full), "power l=" + l);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sh.addHalf(0, 0, 0, 1, hr, hi));
        assertTrue(e.getMessage().contains("zero vector"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SphericalHarmonics(-1));
        assertThrows(IllegalArgumentException.class, () -> new SphericalHarmonics(SphericalHarmonics.MAX_DEGREE + 1));
    }

    // ---------------------------------------------------------------- perfect crystals

    /** The same Q_l at every site, equal to the digest's table (5 decimals) and to the Legendre form (1e-12). */
    private static double[] uniformRow(FrameView f, Descriptor d) {
        double[] out = d.compute(f);
        int m = d.featureCount();
        for (int i = 1; i < f.n(); i++) {
            for (int c = 0; c < m; c++) {
                assertEquals(out[c], out[i * m + c], 1e-12, "site " + i + " differs from site 0 in " + d.featureNames().get(c));
            }
        }
        return java.util.Arrays.copyOf(out, m);
    }

    /** Q_l of a shell of bond vectors by the addition-theorem identity Q_l^2 = (1/N^2) sum_jk P_l(cos g_jk). */
    static double legendreQ(double[][] bonds, double[] weights, int l) {
        double w = 0;
        double s = 0;
        for (int j = 0; j < bonds.length; j++) {
            w += weights[j];
            for (int k = 0; k < bonds.length; k++) {
                s += weights[j] * weights[k] * SphericalHarmonics.legendre(l, cos(bonds[j], bonds[k]));
            }
        }
        return w == 0 ? 0 : Math.sqrt(Math.max(0, s)) / w;
    }

    static double cos(double[] a, double[] b) {
        return (a[0] * b[0] + a[1] * b[1] + a[2] * b[2])
                / Math.sqrt((a[0] * a[0] + a[1] * a[1] + a[2] * a[2]) * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]));
    }

    private static void assertCrystal(String name, FrameView f, double cutoff, int expectCount, double[] expect) {
        BondOrder bo = new BondOrder(cutoff, 0, 8);
        double[] q = uniformRow(f, bo);
        double[][] shell = CrystalShells.shellsAround(f, 0, cutoff);
        assertEquals(expectCount, shell.length, name + ": neighbours within " + cutoff);
        double[] ones = new double[shell.length];
        java.util.Arrays.fill(ones, 1);
        StringBuilder s = new StringBuilder(name + " (" + shell.length + "):");
        for (int l = 0; l <= 8; l++) {
            s.append(String.format(" Q%d=%.5f", l, q[l]));
            double lq = legendreQ(shell, ones, l); // compared squared: the square root amplifies round-off near 0
            assertEquals(lq * lq, q[l] * q[l], 1e-12, name + " Q" + l + " vs Legendre form");
            if (!Double.isNaN(expect[l])) {
                assertEquals(expect[l], q[l], 6e-6, name + " Q" + l + " vs the known value");
            }
        }
        System.out.println(s);
    }

    static final double N = Double.NaN; // "not listed"

    @Test
    void perfectCrystalsGiveTheKnownBondOrders() {
        // digest section 3.1 table (Q0 = 1, Q1 = 0 for all); zeros by symmetry where the shell is centrosymmetric
        assertCrystal("fcc", CrystalShells.fcc(4, 1.0), 1.2, 12,
                new double[]{1, 0, 0, 0, 0.19094, 0, 0.57452, 0, 0.40391});
        assertCrystal("hcp", CrystalShells.hcp(4, 3, 3, 1.0), 1.2, 12,
                new double[]{1, 0, 0, 0.07607, 0.09722, 0.25159, 0.48476, 0.31081, 0.31699});
        assertCrystal("bcc 8", CrystalShells.bcc(4, 1.0), 1.08, 8,
                new double[]{1, 0, 0, 0, 0.50918, 0, 0.62854, 0, 0.21276});
        // first two shells of bcc (8 at nn, 6 at 1.1547 nn): the commonly quoted Q4 = 0.036, Q6 = 0.511
        assertCrystal("bcc 8+6", CrystalShells.bcc(4, 1.0), 1.3, 14,
                new double[]{1, 0, 0, 0, 0.03637, 0, 0.51069, 0, 0.42932});
        assertCrystal("simple cubic", CrystalShells.simpleCubic(4, 1.0), 1.2, 6,
                new double[]{1, 0, 0, 0, 0.76376, 0, 0.35355, 0, 0.71807});
    }

    @Test
    void icosahedronAndTetrahedronShells() {
        FrameView ico = CrystalShells.cluster(CrystalShells.icosahedron(1.0), 12.0);
        double[] q = new BondOrder(1.02, 0, 12).compute(ico);
        double[] expect = {1, 0, 0, 0, 0, 0, 0.66332, 0, 0, 0, 0.36295, 0, 0.58542};
        for (int l = 0; l <= 12; l++) {
            assertEquals(expect[l], q[l], 6e-6, "icosahedron Q" + l);
        }
        System.out.printf("icosahedron: Q6 = %.6f (0.66332), Q10 = %.6f, Q12 = %.6f, Q4 = %.1e%n", q[6], q[10], q[12],
                q[4]);
        // the 12 vertices see only the centre (edge 1.0515 > 1.02): one bond, Q_l = 1 for every l
        for (int l = 0; l <= 12; l++) {
            assertEquals(1.0, q[13 + l], 1e-12);
        }
        double[][] tet = {{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};
        double[] t = new BondOrder(2.0, 0, 8).compute(CrystalShells.cluster(tet, 12.0));
        double[] te = {1, 0, 0, 0.74536, 0.50918, 0, 0.62854, 0.61195, 0.21276};
        for (int l = 0; l <= 8; l++) {
            assertEquals(te[l], t[l], 6e-6, "tetrahedron Q" + l);
        }
    }

    @Test
    void rotatedCrystalShellsKeepTheirBondOrders() {
        SplittableRandom rng = new SplittableRandom(21);
        FrameView fcc = CrystalShells.fcc(4, 1.0);
        FrameView hcp = CrystalShells.hcp(4, 3, 3, 1.0);
        for (FrameView crystal : List.of(fcc, hcp)) {
            double[][] bonds = CrystalShells.shellsAround(crystal, 0, 1.2);
            double[] reference = new BondOrder(1.2).compute(crystal);
            for (int rep = 0; rep < 5; rep++) {
                double[][] rotated = CrystalShells.rotate(bonds, CrystalShells.randomRotation(rng));
                double[] q = new BondOrder(1.2).compute(CrystalShells.cluster(rotated, 12.0));
                for (int c = 0; c < 8; c++) {
                    assertEquals(reference[c], q[c], 1e-12, "rotated shell, Q" + (c + 1));
                }
            }
        }
    }

    // ---------------------------------------------------------------- invariances

    static final double[][] KA_RC = {{1.45, 1.25}, {1.25, 1.075}};

    /** Every 3D bond-order family of this class with species-pair or global settings, small enough for L = 7. */
    static List<Descriptor> families() {
        return List.of(new BondOrder(KA_RC), new BondOrder(1.4, 0, 12), new SmoothBondOrder(KA_RC),
                new SmoothBondOrder(1.3, 18, 1.3, 2, 10), RadialBondOrder.firstShell(),
                new RadialBondOrder(RadialBondOrder.grid(0.9, 2.1, 0.1), 0.2),
                new LocalReference(KA_RC, Models.byName(Models.KA3D)));
    }

    @Test
    void randomRotationOfAFiniteClusterChangesNothing() {
        SplittableRandom rng = new SplittableRandom(33);
        double[][] bonds = new double[24][];
        for (int k = 0; k < bonds.length; k++) {
            double[] v;
            do {
                v = new double[]{rng.nextDouble(-2.3, 2.3), rng.nextDouble(-2.3, 2.3), rng.nextDouble(-2.3, 2.3)};
            } while (Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) < 0.8);
            bonds[k] = v;
        }
        FrameView base = CrystalShells.cluster(bonds, 14.0);
        for (Descriptor d : families()) {
            double[] ref = d.compute(base);
            double max = 0;
            for (double v : ref) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max > 0.05, d.family() + " computed nothing on the cluster");
            for (int rep = 0; rep < 3; rep++) {
                FrameView rot = CrystalShells.cluster(CrystalShells.rotate(bonds, CrystalShells.randomRotation(rng)), 14.0);
                double[] q = d.compute(rot);
                for (int k = 0; k < ref.length; k++) {
                    assertEquals(ref[k], q[k], 1e-11 * Math.max(1, Math.abs(ref[k])), d + ": feature " + k % d.featureCount() + " of particle "
                            + k / d.featureCount() + " after a rotation");
                }
            }
        }
    }

    @Test
    void serialisedCopiesComputeTheSameNumbers() throws Exception {
        FrameView f = CrystalShells.randomPeriodic(100, 7.0, 45);
        for (Descriptor d : families()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(d);
            }
            Descriptor copy;
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (Descriptor) in.readObject();
            }
            assertEquals(d.fingerprint(), copy.fingerprint());
            double[] a = d.compute(f);
            double[] b = copy.compute(f);
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 0.0, d + " after serialisation");
            }
        }
    }

    @Test
    void translatingAPeriodicRandomConfigurationChangesNothing() {
        FrameView f = CrystalShells.randomPeriodic(400, 7.0, 41);
        SplittableRandom rng = new SplittableRandom(43);
        double[] sx = f.x().clone();
        double[] sy = f.y().clone();
        double[] sz = f.z().clone();
        double tx = rng.nextDouble(-20, 20);
        double ty = rng.nextDouble(-20, 20);
        double tz = rng.nextDouble(-20, 20);
        for (int i = 0; i < f.n(); i++) {
            sx[i] += tx;
            sy[i] += ty + 7.0 * (i % 3);
            sz[i] += tz;
        }
        FrameView g = new FrameView(0, 0, 0, f.n(), 3, f.species(), sx, sy, sz, 7.0, 7.0, 7.0, null, null, null, null);
        for (Descriptor d : families()) {
            double[] a = d.compute(f);
            double[] b = d.compute(g);
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-10 * Math.max(1, Math.abs(a[k])), d + ": feature " + k % d.featureCount() + " of particle "
                        + k / d.featureCount() + " after a translation");
            }
        }
    }

    @Test
    void relabellingParticlesPermutesTheRows() {
        FrameView f = CrystalShells.randomPeriodic(300, 7.0, 47);
        int n = f.n();
        int[] perm = new int[n]; // new particle p is old particle perm[p]
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(49);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] sp = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int p = 0; p < n; p++) {
            sp[p] = f.species()[perm[p]];
            x[p] = f.x()[perm[p]];
            y[p] = f.y()[perm[p]];
            z[p] = f.z()[perm[p]];
        }
        FrameView g = new FrameView(0, 0, 0, n, 3, sp, x, y, z, 7.0, 7.0, 7.0, null, null, null, null);
        for (Descriptor d : families()) {
            int m = d.featureCount();
            double[] a = d.compute(f);
            double[] b = d.compute(g);
            for (int p = 0; p < n; p++) {
                for (int c = 0; c < m; c++) {
                    double v = a[perm[p] * m + c];
                    assertEquals(v, b[p * m + c], 1e-12 * Math.max(1, Math.abs(v)), d + ": row of relabelled particle " + p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- brute force

    /** Bond vectors, distances and neighbour species of particle i, by an O(N) minimum-image sweep. */
    private static double[][] bondsOf(FrameView f, int i, double reach) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int j = 0; j < f.n(); j++) {
            if (j == i) {
                continue;
            }
            double dx = CrystalShells.image(f.x()[j] - f.x()[i], f.boxX());
            double dy = CrystalShells.image(f.y()[j] - f.y()[i], f.boxY());
            double dz = CrystalShells.image(f.z()[j] - f.z()[i], f.boxZ());
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (r < reach) {
                out.add(new double[]{dx, dy, dz, r, f.species()[j]});
            }
        }
        return out.toArray(new double[0][]);
    }

    /** Q_l(i) for l = 1..8 by the Legendre identity with weight w(r, species of i, species of j). */
    private interface Weight {
        double of(double r, int si, int sj);
    }

    private static double[] bruteForce(FrameView f, double reach, Weight w, int lMin, int lMax) {
        double[] out = new double[f.n() * (lMax - lMin + 1)];
        for (int i = 0; i < f.n(); i++) {
            double[][] b = bondsOf(f, i, reach);
            double[] ws = new double[b.length];
            for (int k = 0; k < b.length; k++) {
                ws[k] = w.of(b[k][3], f.species()[i], (int) b[k][4]);
            }
            for (int l = lMin; l <= lMax; l++) {
                out[i * (lMax - lMin + 1) + l - lMin] = legendreQ(b, ws, l);
            }
        }
        return out;
    }

    private static void assertClose(double[] expect, double[] got, double tol, String what) {
        assertEquals(expect.length, got.length, what + ": length");
        double worst = 0;
        for (int k = 0; k < expect.length; k++) {
            worst = Math.max(worst, Math.abs(expect[k] - got[k]));
        }
        System.out.printf("%s: max |difference| %.2e over %d values%n", what, worst, expect.length);
        assertTrue(worst < tol, what + ": max deviation " + worst);
    }

    @Test
    void bondOrderEqualsBruteForceWithSpeciesPairCutoffs() {
        FrameView f = CrystalShells.randomPeriodic(300, 7.0, 51);
        double[] got = new BondOrder(KA_RC).compute(f);
        double[] expect = bruteForce(f, 1.45, (r, a, b) -> r < KA_RC[a][b] ? 1 : 0, 1, 8);
        assertClose(expect, got, 1e-11, "bo vs Legendre brute force (KA cutoffs)");
    }

    @Test
    void smoothBondOrderEqualsBruteForce() {
        FrameView f = CrystalShells.randomPeriodic(300, 7.0, 53);
        SmoothBondOrder sbo = new SmoothBondOrder(KA_RC);
        double[] got = sbo.compute(f);
        double[] expect = bruteForce(f, 1.3 * 1.45, (r, a, b) -> r < 1.3 * KA_RC[a][b]
                ? Math.exp(-Math.pow(r / KA_RC[a][b], 8)) : 0, 1, 8);
        assertClose(expect, got, 1e-11, "sbo vs Legendre brute force (KA cutoffs, gamma 8)");
        // digest A3: f(r^c) = 1/e, f(1.3 r^c) = exp(-1.3^8) = 2.9e-4 for gamma = 8
        assertEquals(Math.exp(-1), sbo.weight(1.25, 1.25), 1e-15);
        assertEquals(2.9e-4, sbo.weight(1.3 * 1.25, 1.25), 0.05e-4);
        assertEquals(0.972, sbo.weight(0.8, 1.25), 5e-4); // the digest's worked example
        assertEquals(0.640, sbo.weight(1.13, 1.25), 5e-4);
        assertEquals(0.265, sbo.weight(1.295, 1.25), 5e-4);
    }

    @Test
    void radialBondOrderEqualsBruteForcePerShell() {
        FrameView f = CrystalShells.randomPeriodic(300, 7.0, 55);
        RadialBondOrder rbo = RadialBondOrder.firstShell();
        assertEquals(1.8, rbo.rMax(), 1e-12);
        double[] got = rbo.compute(f);
        double[] grid = {0.9, 1.0, 1.1, 1.2, 1.3};
        double[] expect = new double[got.length];
        for (int n = 0; n < grid.length; n++) {
            double d = grid[n];
            double[] shell = bruteForce(f, 1.8, (r, a, b) -> Math.exp(-(d - r) * (d - r) / (2 * 0.04)), 1, 8);
            for (int i = 0; i < f.n(); i++) {
                for (int l = 1; l <= 8; l++) {
                    expect[i * 40 + (l - 1) * 5 + n] = shell[i * 8 + l - 1];
                }
            }
        }
        assertClose(expect, got, 1e-11, "rbo vs Legendre brute force (first-shell grid)");
        assertEquals("Q1(0.9)", rbo.featureNames().get(0));
        assertEquals("Q1(1.0)", rbo.featureNames().get(1));
        assertEquals("Q8(1.3)", rbo.featureNames().get(39));
    }

    @Test
    void smoothBondOrderTendsToTheBareOneAsGammaGrows() {
        // jiggled fcc: first shell within ~1 +- 0.15, second near 1.41: a gap around r^c = 1.2
        FrameView f = CrystalShells.jiggle(CrystalShells.fcc(4, 1.0), 0.03, 57);
        double[] bo = new BondOrder(1.2).compute(f);
        double last = Double.MAX_VALUE;
        StringBuilder s = new StringBuilder("max |SBO - BO| by gamma:");
        for (double gamma : new double[]{8, 32, 128, 512, 4000}) {
            double[] sbo = new SmoothBondOrder(1.2, gamma, 1.3, 1, 8).compute(f);
            double worst = 0;
            for (int k = 0; k < bo.length; k++) {
                worst = Math.max(worst, Math.abs(sbo[k] - bo[k]));
            }
            s.append(String.format(" %g: %.2e", gamma, worst));
            assertTrue(worst < last || worst < 1e-14, "SBO must approach BO as gamma grows (gamma " + gamma + ": "
                    + worst + ")");
            last = worst;
        }
        System.out.println(s);
        assertTrue(last < 1e-12, "gamma 4000 leaves " + last);
        double[] sbo8 = new SmoothBondOrder(1.2, 8, 1.3, 1, 8).compute(f);
        double diff = 0;
        for (int k = 0; k < bo.length; k++) {
            diff = Math.max(diff, Math.abs(sbo8[k] - bo[k]));
        }
        assertTrue(diff > 1e-3, "gamma 8 should differ visibly from the hard cutoff, differs by " + diff);
    }

    @Test
    void isolatedParticlesGiveZeroAndQ0IsOne() {
        double[][] bonds = {{1.0, 0, 0}, {0, 1.1, 0.2}, {4.0, 4.0, 0}};
        FrameView f = CrystalShells.cluster(bonds, 14.0);
        double[] q = new BondOrder(1.5, 0, 4).compute(f);
        assertEquals(1.0, q[0], 1e-14, "Q0 of the centre");
        for (int l = 0; l <= 4; l++) {
            assertEquals(0.0, q[3 * 5 + l], 0.0, "particle 3 has no neighbour within 1.5");
        }
        double[] s = new SmoothBondOrder(1.5, 8, 1.3, 0, 4).compute(f);
        assertEquals(1.0, s[0], 1e-14);
        assertEquals(0.0, s[3 * 5], 0.0);
    }

    // ---------------------------------------------------------------- z and u

    @Test
    void coordinationNumberCountsTheFixedCutoffShell() {
        FrameView fcc = CrystalShells.fcc(4, 1.0);
        LocalReference zu = new LocalReference(new double[][]{{1.2}});
        double[] first = zu.compute(withEnergies(fcc));
        double[] two = new LocalReference(new double[][]{{1.5}}).compute(withEnergies(fcc));
        for (int i = 0; i < fcc.n(); i++) {
            assertEquals(12, first[2 * i]);
            assertEquals(18, two[2 * i]);
            assertEquals(-0.25 * i, first[2 * i + 1], 0.0, "u is the frame's stored energy");
        }
        // 2D is defined: the square lattice has 4 neighbours
        int side = 6;
        int n = side * side;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % side;
            y[i] = i / side;
        }
        FrameView sq = new FrameView(0, 0, 0, n, 2, new int[n], x, y, new double[n], side, side, 0, null, null, null,
                new double[n]);
        double[] z2 = new LocalReference(new double[][]{{1.2}}).compute(sq);
        for (int i = 0; i < n; i++) {
            assertEquals(4, z2[2 * i]);
        }
    }

    private static FrameView withEnergies(FrameView f) {
        double[] e = new double[f.n()];
        for (int i = 0; i < e.length; i++) {
            e[i] = -0.25 * i;
        }
        return new FrameView(0, 0, 0, f.n(), 3, f.species(), f.x(), f.y(), f.z(), f.boxX(), f.boxY(), f.boxZ(), null,
                null, null, e);
    }

    @Test
    void localEnergyFromTheModelEqualsBruteForceAndTheKernelsOwn() throws IOException {
        PairModel ka = Models.byName(Models.KA3D);
        // a short kernel run that saves per-particle energies
        RunConfig cfg = new RunConfig("zu-test", Models.KA3D, 256, 1.2, 1.0, 0.005, 100, 100, 100, 100, 7L,
                Ensemble.NVT, 0.5, 0.3, 1, false, true);
        FrameView[] last = new FrameView[1];
        MdRun.run(cfg, new TrajectorySink() {
            @Override
            public void frame(FrameView f) {
                last[0] = new FrameView(f.frameIndex(), f.step(), f.time(), f.n(), f.dims(), f.species().clone(),
                        f.x().clone(), f.y().clone(), f.z().clone(), f.boxX(), f.boxY(), f.boxZ(), null, null, null,
                        f.potentialEnergy().clone());
            }

            @Override
            public void thermo(ThermoTable.Row row) {
            }
        });
        FrameView stored = last[0];
        FrameView bare = new FrameView(0, 0, 0, stored.n(), 3, stored.species(), stored.x(), stored.y(), stored.z(),
                stored.boxX(), stored.boxY(), stored.boxZ(), null, null, null, null);
        LocalReference zu = new LocalReference(KA_RC, ka);
        double[] fromModel = zu.compute(bare);
        double[] fromFrame = zu.compute(stored);
        double worstKernel = 0;
        double worstBrute = 0;
        for (int i = 0; i < bare.n(); i++) {
            double u = 0;
            int z = 0;
            for (double[] b : bondsOf(bare, i, 2.5)) {
                int sj = (int) b[4];
                u += 0.5 * ka.pairEnergy(bare.species()[i], sj, b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
                if (b[3] < KA_RC[bare.species()[i]][sj]) {
                    z++;
                }
            }
            assertEquals(z, fromModel[2 * i], "z of " + i);
            assertEquals(z, fromFrame[2 * i], "z of " + i);
            worstBrute = Math.max(worstBrute, Math.abs(u - fromModel[2 * i + 1]));
            worstKernel = Math.max(worstKernel, Math.abs(stored.potentialEnergy()[i] - fromModel[2 * i + 1]));
            assertEquals(stored.potentialEnergy()[i], fromFrame[2 * i + 1], 0.0, "stored energies are passed through");
        }
        System.out.printf("zu: u from the model vs brute force %.2e, vs the kernel's stored energies %.2e%n", worstBrute,
                worstKernel);
        assertTrue(worstBrute < 1e-12, "u vs brute force: " + worstBrute);
        assertTrue(worstKernel < 1e-10, "u vs kernel energies: " + worstKernel);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LocalReference(KA_RC).compute(bare));
        assertTrue(e.getMessage().contains("no per-particle potential energies") && e.getMessage().contains("PairModel"),
                e.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> new LocalReference(new double[][]{{1.2}}, Models.byName(Models.KA2D)));
        assertTrue(wrong.getMessage().contains("species"), wrong.getMessage());
    }

    // ---------------------------------------------------------------- contract

    @Test
    void featureNamesCountsAndFingerprints() {
        assertEquals(List.of("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"), new BondOrder(1.4).featureNames());
        assertEquals(8, new SmoothBondOrder(KA_RC).featureCount());
        assertEquals(40, RadialBondOrder.firstShell().featureCount());
        assertEquals(104, RadialBondOrder.upToSecondShell().featureCount());
        assertEquals(List.of("z", "u"), new LocalReference(KA_RC).featureNames());

        assertEquals(new BondOrder(KA_RC).fingerprint(), new BondOrder(KA_RC).fingerprint());
        assertNotEquals(new BondOrder(KA_RC).fingerprint(),
                new BondOrder(new double[][]{{1.45, 1.25}, {1.25, 1.08}}).fingerprint());
        assertNotEquals(new BondOrder(1.4).fingerprint(), new BondOrder(1.4, 1, 10).fingerprint());
        assertNotEquals(new SmoothBondOrder(KA_RC).fingerprint(),
                new SmoothBondOrder(KA_RC, 18, 1.3, 1, 8).fingerprint());
        assertNotEquals(new SmoothBondOrder(KA_RC).fingerprint(),
                new SmoothBondOrder(KA_RC, 8, 1.4, 1, 8).fingerprint());
        assertNotEquals(RadialBondOrder.firstShell().fingerprint(),
                new RadialBondOrder(RadialBondOrder.grid(0.9, 1.3, 0.1), 0.25).fingerprint());
        assertNotEquals(RadialBondOrder.firstShell().fingerprint(),
                new RadialBondOrder(RadialBondOrder.grid(0.9, 1.3, 0.1), 0.2, 3.0, 1, 8).fingerprint());
        assertNotEquals(new LocalReference(KA_RC).fingerprint(),
                new LocalReference(KA_RC, Models.byName(Models.KA3D)).fingerprint());
        assertNotEquals(new BondOrder(KA_RC).fingerprint(), new SmoothBondOrder(KA_RC).fingerprint());
        Map<String, Object> p = new SmoothBondOrder(KA_RC).parameters();
        assertEquals(8.0, p.get("gamma"));
        assertEquals(1.3, p.get("enlargement"));
        assertEquals(List.of(List.of(1.45, 1.25), List.of(1.25, 1.075)), p.get("cutoffs"));
        assertEquals(List.of(0.9, 1.0, 1.1, 1.2, 1.3), RadialBondOrder.firstShell().parameters().get("grid"));
    }

    private static void assertRefused(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), "message '" + e.getMessage() + "' lacks '" + s + "'");
        }
    }

    @Test
    void badParametersAndFramesAreRefusedWithTheValueAndAFix() {
        assertRefused(() -> new BondOrder(-1.0), "-1.0", "> 0");
        assertRefused(() -> new BondOrder(1.4, 3, 2), "l_min = 3", "l_max = 2");
        assertRefused(() -> new BondOrder(new double[][]{{1.45, 1.25}, {1.2, 1.075}}), "symmetric", "1.2");
        assertRefused(() -> new BondOrder(new double[][]{{1.45, 1.25}}), "square");
        assertRefused(() -> new BondOrder(new double[][]{{Double.NaN}}), "NaN");
        assertRefused(() -> new BondOrder(new double[][]{{0.0}}), "every entry", "first minimum");
        assertRefused(() -> new SmoothBondOrder(KA_RC, -2, 1.3, 1, 8), "gamma = -2.0");
        assertRefused(() -> new SmoothBondOrder(KA_RC, 8, 0.9, 1, 8), "enlargement = 0.9", ">= 1");
        assertRefused(() -> new RadialBondOrder(new double[]{1.0, 0.9}, 0.2), "increase", "0.9");
        assertRefused(() -> new RadialBondOrder(new double[]{1.0}, 0), "delta = 0.0");
        assertRefused(() -> new RadialBondOrder(new double[]{1.0}, 0.2, -1, 1, 8), "skin = -1.0");
        assertRefused(() -> new RadialBondOrder(new double[0], 0.2), "empty");

        // three-dimensional families refuse 2D frames
        int n = 16;
        FrameView flat = new FrameView(0, 0, 0, n, 2, new int[n], new double[n], new double[n], new double[n], 8, 8, 0,
                null, null, null, null);
        for (Descriptor d : List.of(new BondOrder(1.4), new SmoothBondOrder(KA_RC), RadialBondOrder.firstShell())) {
            assertRefused(() -> d.compute(flat), "'" + d.family() + "'", "2D");
        }
        // species beyond the cutoff matrix; cutoff beyond half the box; too small output
        FrameView f = CrystalShells.randomPeriodic(50, 7.0, 3);
        f.species()[7] = 2;
        assertRefused(() -> new BondOrder(KA_RC).compute(f), "particle 7", "species 2");
        assertRefused(() -> new BondOrder(3.6).compute(CrystalShells.randomPeriodic(50, 7.0, 3)), "half the shortest");
        assertRefused(() -> new BondOrder(1.4).compute(CrystalShells.randomPeriodic(50, 7.0, 3), new double[10]),
                "400");
        // coincident particles have no bond direction
        FrameView twin = CrystalShells.cluster(new double[][]{{0, 0, 0}}, 10.0);
        assertRefused(() -> new BondOrder(1.4).compute(twin), "same spot");
    }

    /** A pair cutoff of 0 removes the pair: SiO2-style O-only neighbours around Si. */
    @Test
    void zeroPairCutoffRemovesThePair() {
        FrameView f = CrystalShells.randomPeriodic(300, 7.0, 61);
        double[][] rc = {{0.0, 1.3}, {1.3, 0.0}};
        double[] got = new BondOrder(rc).compute(f);
        double[] expect = bruteForce(f, 1.3, (r, a, b) -> a != b && r < 1.3 ? 1 : 0, 1, 8);
        assertClose(expect, got, 1e-11, "bo with unlike pairs only");
    }
}
