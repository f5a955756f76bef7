package glassworks.md.structure;

import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 004's shell bond orders: a hand-computed isolated configuration (with neighbours exactly on shell boundaries),
 * perfect crystals and the icosahedron, an O(N^2) Legendre-form brute force over a periodic random configuration, and
 * the invariances.
 */
class ShellBondOrderTest {
    static final int[] DEGREES = {2, 4, 6, 8, 10, 12, 14};

    @Test
    void layoutNamesAndParametersFollowSeed004() {
        ShellBondOrder q = new ShellBondOrder();
        assertEquals(35, q.featureCount());
        assertEquals("Q2(1.0,1.5)", q.featureNames().get(0));
        assertEquals("Q14(1.0,1.5)", q.featureNames().get(6));
        assertEquals("Q2(1.5,2.0)", q.featureNames().get(7));
        assertEquals("Q14(3.0,3.5)", q.featureNames().get(34));
        assertEquals(3.5, q.reach(), 0.0);
        assertEquals(List.of(2, 4, 6, 8, 10, 12, 14), q.parameters().get("degrees"));
        assertEquals(List.of(List.of(1.0, 1.5), List.of(1.5, 2.0), List.of(2.0, 2.5), List.of(2.5, 3.0),
                List.of(3.0, 3.5)), q.parameters().get("shells"));
        assertEquals(q.fingerprint(), new ShellBondOrder(ShellBondOrder.SEED004_SHELLS,
                ShellBondOrder.SEED004_DEGREES).fingerprint());
        assertNotEquals(q.fingerprint(), new ShellBondOrder(List.of(new ShellBondOrder.Shell(1.0, 1.5),
                new ShellBondOrder.Shell(1.5, 2.0), new ShellBondOrder.Shell(2.0, 2.5),
                new ShellBondOrder.Shell(2.5, 3.0), new ShellBondOrder.Shell(3.0, 3.4)),
                ShellBondOrder.SEED004_DEGREES).fingerprint());
        assertNotEquals(q.fingerprint(), new ShellBondOrder(ShellBondOrder.SEED004_SHELLS,
                List.of(2, 4, 6, 8, 10, 12)).fingerprint());

        assertRefused(() -> new ShellBondOrder.Shell(1.5, 1.0), "(1.5, 1.0)", "r_min < r_max");
        assertRefused(() -> new ShellBondOrder.Shell(-0.5, 1.0), "-0.5");
        assertRefused(() -> new ShellBondOrder(ShellBondOrder.SEED004_SHELLS, List.of(2, 65)), "degree 65");
        assertRefused(() -> new ShellBondOrder(ShellBondOrder.SEED004_SHELLS, List.of(2, 2)), "listed twice");
        assertRefused(() -> new ShellBondOrder(List.of(), List.of(2)), "no shells");
        assertRefused(() -> new ShellBondOrder(ShellBondOrder.SEED004_SHELLS, List.of()), "no degrees");
        int n = 10;
        FrameView flat = new FrameView(0, 0, 0, n, 2, new int[n], new double[n], new double[n], new double[n], 9, 9, 0,
                null, null, null, null);
        assertRefused(() -> q.compute(flat), "'qshell'", "2D");
        assertRefused(() -> q.compute(CrystalShells.randomPeriodic(100, 6.5, 1)), "half the shortest box edge");
    }

    private static void assertRefused(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), "message '" + e.getMessage() + "' lacks '" + s + "'");
        }
    }

    /**
     * Particle 0 at the centre of a 20-sigma box with: two bonds of 1.2 at 90 degrees (shell 1), one of 1.7 (shell 2),
     * two antipodal of 2.3 (shell 3), nothing in (2.5, 3.0), an equilateral triangle of 3.2 (shell 5), and two particles
     * exactly on the boundaries r = 1.0 and r = 1.5, which belong to no shell (both ends are open). Q_l by hand:
     * two bonds at angle g give Q_l^2 = (1 + P_l(cos g))/2; one bond, or two antipodal ones at even l, give 1; three at
     * 120 degrees give Q_l^2 = (1 + 2 P_l(-1/2))/3.
     */
    @Test
    void isolatedConfigurationEqualsAHandComputation() {
        double c = 10.0;
        double[][] pts = {
                {c, c, c},
                {c + 1.2, c, c}, {c, c + 1.2, c},                     // shell 1, 90 degrees apart
                {c + 1.7 / Math.sqrt(3), c - 1.7 / Math.sqrt(3), c + 1.7 / Math.sqrt(3)}, // shell 2
                {c, c, c + 2.3}, {c, c, c - 2.3},                     // shell 3, antipodal
                {c + 3.2, c, c - 0.0}, {c - 1.6, c + 1.6 * Math.sqrt(3), c}, {c - 1.6, c - 1.6 * Math.sqrt(3), c}, // 5
                {c - 1.5, c, c}, {c, c - 1.0, c},                     // exactly on boundaries 1.5 and 1.0
                {2.0, 2.0, 2.0}};                                     // far from everything
        List<double[]> list = new ArrayList<>(List.of(pts));
        FrameView f = CrystalShells.frame(list, 20, 20, 20);
        assertEquals(1.5, f.x()[0] - f.x()[9], 0.0, "the boundary particle sits at exactly 1.5");
        assertEquals(1.0, f.y()[0] - f.y()[10], 0.0, "the boundary particle sits at exactly 1.0");
        ShellBondOrder q = new ShellBondOrder();
        double[] out = q.compute(f);
        double[] shell1 = {0.5, Math.sqrt(11) / 4, Math.sqrt(11.0 / 32), Math.sqrt(163) / 16, Math.sqrt(193.0 / 512),
                Math.sqrt(1255.0 / 2048), Math.sqrt(1619) / 64}; // P_l(0) = -1/2, 3/8, -5/16, 35/128, -63/256, ...
        double[] shell5 = new double[7];
        for (int d = 0; d < 7; d++) {
            shell5[d] = Math.sqrt((1 + 2 * SphericalHarmonics.legendre(DEGREES[d], -0.5)) / 3);
        }
        assertEquals(0.5, shell5[0], 1e-15, "three bonds at 120 degrees: Q2 = 1/2");
        assertEquals(3.0 / 8, shell5[1], 1e-15, "Q4 = 3/8");
        assertEquals(Math.sqrt(562) / 32, shell5[2], 1e-15, "Q6 = sqrt(562)/32");
        for (int d = 0; d < 7; d++) {
            assertEquals(shell1[d], out[d], 1e-13, "shell 1 Q" + DEGREES[d]);
            assertEquals(1.0, out[7 + d], 1e-13, "shell 2 (one bond) Q" + DEGREES[d]);
            assertEquals(1.0, out[14 + d], 1e-13, "shell 3 (antipodal pair) Q" + DEGREES[d]);
            assertEquals(0.0, out[21 + d], 0.0, "shell 4 is empty");
            assertEquals(shell5[d], out[28 + d], 1e-13, "shell 5 (triangle) Q" + DEGREES[d]);
        }
        for (int k = 0; k < 35; k++) {
            assertEquals(0.0, out[11 * 35 + k], 0.0, "the far particle has only empty shells");
        }
        System.out.printf("qshell hand check: shell 1 Q2..Q14 = %.6f %.6f %.6f %.6f %.6f %.6f %.6f%n", out[0], out[1],
                out[2], out[3], out[4], out[5], out[6]);
    }

    /** Q_l of a set of bonds by the Legendre identity (no Y_lm). */
    private static double[] legendreShell(double[][] bonds, double rMin, double rMax) {
        List<double[]> in = new ArrayList<>();
        for (double[] b : bonds) {
            double r = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
            assertTrue(Math.abs(r - rMin) > 1e-6 && Math.abs(r - rMax) > 1e-6, "a bond at " + r + " sits on a boundary:"
                    + " the test geometry is ambiguous");
            if (r > rMin && r < rMax) {
                in.add(b);
            }
        }
        double[][] s = in.toArray(new double[0][]);
        double[] ones = new double[s.length];
        java.util.Arrays.fill(ones, 1);
        double[] q = new double[DEGREES.length];
        for (int d = 0; d < DEGREES.length; d++) {
            q[d] = BondOrderTest.legendreQ(s, ones, DEGREES[d]);
        }
        return q;
    }

    private static void assertSitesMatchLegendre(String name, FrameView f, int... sites) {
        double[] out = new ShellBondOrder().compute(f);
        for (int i : sites) {
            double[][] bonds = CrystalShells.shellsAround(f, i, 3.5);
            for (int s = 0; s < 5; s++) {
                double[] q = legendreShell(bonds, 1.0 + 0.5 * s, 1.5 + 0.5 * s);
                for (int d = 0; d < 7; d++) {
                    double got = out[i * 35 + s * 7 + d];
                    assertEquals(q[d] * q[d], got * got, 1e-12, name + " site " + i + " shell " + s + " Q" + DEGREES[d]);
                }
            }
        }
    }

    @Test
    void perfectCrystalsMatchTheirShellsAndTheKnownValues() {
        // nearest neighbour 1.05 keeps every lattice distance away from the shell boundaries
        FrameView fcc = CrystalShells.fcc(6, 1.05);
        assertSitesMatchLegendre("fcc", fcc, 0, 1, 100, fcc.n() - 1);
        assertSitesMatchLegendre("bcc", CrystalShells.bcc(7, 1.05), 0, 1, 200);
        assertSitesMatchLegendre("hcp", CrystalShells.hcp(8, 5, 5, 1.05), 0, 1, 2, 3, 300);
        assertSitesMatchLegendre("simple cubic", CrystalShells.simpleCubic(8, 1.05), 0, 7);
        // the 12-neighbour fcc shell alone, and the icosahedron: seed 004's unit-test values (Q4 0.19094, Q6 0.57452)
        ShellBondOrder first = new ShellBondOrder(List.of(new ShellBondOrder.Shell(0.9, 1.2)),
                ShellBondOrder.SEED004_DEGREES);
        double[] q = first.compute(fcc);
        double[] fccExpect = {0, 0.19094, 0.57452, 0.40391, 0.01286, 0.60008, 0.30600};
        double[] ico = first.compute(CrystalShells.cluster(CrystalShells.icosahedron(1.05), 12));
        double[] icoExpect = {0, 0, 0.66332, 0, 0.36295, 0.58542, 0};
        for (int d = 0; d < 7; d++) {
            assertEquals(fccExpect[d], q[d], 6e-6, "fcc 12-shell Q" + DEGREES[d]);
            assertEquals(icoExpect[d], ico[d], 6e-6, "icosahedron Q" + DEGREES[d]);
        }
        System.out.printf("qshell fcc 12: Q4 = %.5f (0.19094), Q6 = %.5f (0.57452); icosahedron Q6 = %.5f (0.66332)%n",
                q[1], q[2], ico[2]);
        // seed 004 shell 1 of fcc at nn 1.05 holds the 12 nearest and the 6 at 1.485
        double[][] bonds = CrystalShells.shellsAround(fcc, 0, 1.5);
        assertEquals(18, bonds.length);
    }

    @Test
    void rotatedCrystalNeighbourhoodsKeepAllShells() {
        SplittableRandom rng = new SplittableRandom(91);
        ShellBondOrder q = new ShellBondOrder();
        for (FrameView crystal : List.of(CrystalShells.fcc(6, 1.05), CrystalShells.hcp(8, 5, 5, 1.05))) {
            double[] periodic = q.compute(crystal);
            double[][] bonds = CrystalShells.shellsAround(crystal, 0, 3.5);
            for (int rep = 0; rep < 3; rep++) {
                double[] got = q.compute(CrystalShells.cluster(
                        CrystalShells.rotate(bonds, CrystalShells.randomRotation(rng)), 16.0));
                for (int k = 0; k < 35; k++) {
                    assertEquals(periodic[k], got[k], 1e-11, "rotated neighbourhood, " + q.featureNames().get(k));
                }
            }
        }
    }

    @Test
    void periodicRandomConfigurationEqualsBruteForceAndIsInvariant() {
        FrameView f = CrystalShells.randomPeriodic(400, 7.4, 93);
        ShellBondOrder q = new ShellBondOrder();
        double[] out = q.compute(f);
        double worst = 0;
        for (int i = 0; i < f.n(); i++) {
            double[][] bonds = CrystalShells.shellsAround(f, i, 3.5);
            for (int s = 0; s < 5; s++) {
                double[] e = legendreShell(bonds, 1.0 + 0.5 * s, 1.5 + 0.5 * s);
                for (int d = 0; d < 7; d++) {
                    double got = out[i * 35 + s * 7 + d];
                    worst = Math.max(worst, Math.abs(e[d] * e[d] - got * got));
                }
            }
        }
        System.out.printf("qshell vs Legendre brute force (N = 400): max |Q^2 difference| %.2e%n", worst);
        assertTrue(worst < 1e-12, "qshell vs brute force " + worst);

        // translation (with whole-box shifts) and relabelling
        int n = f.n();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (i * 101 + 7) % n; // 101 is coprime to 400
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] sp = new int[n];
        for (int p = 0; p < n; p++) {
            x[p] = f.x()[perm[p]] - 3.1 + 7.4 * (p % 2);
            y[p] = f.y()[perm[p]] + 22.9;
            z[p] = f.z()[perm[p]] + 0.77;
            sp[p] = f.species()[perm[p]];
        }
        double[] g = q.compute(new FrameView(0, 0, 0, n, 3, sp, x, y, z, 7.4, 7.4, 7.4, null, null, null, null));
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < 35; k++) {
                assertEquals(out[perm[p] * 35 + k], g[p * 35 + k], 1e-11, "moved and relabelled particle " + p);
            }
        }
    }

    /**
     * A composite's longer neighbour list (seed004 shares gx's 6.4 sigma rows) gives the family's own numbers; only the
     * last bit may differ, since another cell grid rounds the minimum-image separations differently.
     */
    @Test
    void aLongerSharedNeighbourListGivesTheSameNumbers() {
        FrameView f = CrystalShells.randomPeriodic(1500, 14.0, 7);
        ShellBondOrder q = new ShellBondOrder();
        double[] own = q.compute(f);
        double[] shared = new double[own.length];
        q.compute(f, Neighbours.within(f, 6.4), shared);
        org.junit.jupiter.api.Assertions.assertArrayEquals(own, shared, 1e-14);
        RadialStructureFunctions gx = new RadialStructureFunctions(List.of("A", "B"));
        Concatenation seed004 = Concatenation.of(gx, q);
        double[] whole = seed004.compute(f);
        int width = seed004.featureCount();
        for (int i = 0; i < f.n(); i++) {
            for (int k = 0; k < q.featureCount(); k++) {
                assertEquals(own[i * q.featureCount() + k], whole[i * width + gx.featureCount() + k], 1e-14);
            }
        }
    }
}
