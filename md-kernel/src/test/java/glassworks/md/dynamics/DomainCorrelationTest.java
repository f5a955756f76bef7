package glassworks.md.dynamics;

import glassworks.md.Box;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C(r) of a checkerboard (exact +-1 shells) and of two slab domains (1 - 8 r / (pi L) in 2D), and the lengths. */
class DomainCorrelationTest {

    private static double at(DomainCorrelation.Result r, double dist, boolean connected) {
        int b = (int) (dist / r.binWidth());
        return connected ? r.connected()[b] : r.c()[b];
    }

    @Test
    void checkerboardAlternatesShellByShell() {
        for (int dims : new int[]{2, 3}) {
            int m = dims == 2 ? 20 : 12;
            double[][] p = Synthetic.lattice(dims, m, 1.0);
            int n = p[0].length;
            double[] psi = new double[n];
            for (int i = 0; i < n; i++) {
                long s = Math.round(p[0][i] - 0.5) + Math.round(p[1][i] - 0.5) + Math.round(p[2][i] - 0.5);
                psi[i] = s % 2 == 0 ? 1 : -1;
            }
            Box box = dims == 2 ? Box.planar(m, m) : Box.cubic(m);
            DomainCorrelation.Result r = DomainCorrelation.compute(box, p[0], p[1], p[2], n, psi, m / 2.0, 200);
            assertEquals(0, r.mean(), 1e-12);
            // shell |n|^2 = s: sign (-1)^(sum of components) = (-1)^(|n|^2) since n_a^2 = n_a mod 2
            for (int s : new int[]{1, 2, 3, 4, 5, 8, 9}) {
                if (dims == 2 && s == 3) {
                    continue;
                }
                double want = s % 2 == 0 ? 1 : -1;
                if (s == 9) {
                    want = -1;
                }
                assertEquals(want, at(r, Math.sqrt(s), false), 1e-12, dims + "D shell " + s);
                assertEquals(want, at(r, Math.sqrt(s), true), 1e-12);
            }
            assertEquals(1.0 / 2, r.zeroCrossingLength(), 0.05, "first zero between r = 0 (C = 1) and r = 1 (-1)");
        }
    }

    @Test
    void twoSlabDomainsDecayLinearlyToTheirZeroAtPiLOverEight() {
        double l = 40;
        int n = 6000;
        java.util.Random rnd = new java.util.Random(21);
        double[] x = new double[n];
        double[] y = new double[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * l;
            y[i] = rnd.nextDouble() * l;
            label[i] = x[i] < l / 2 ? 1 : 2;
        }
        double[] psi = DomainCorrelation.psiOf(label, 1);
        DomainCorrelation.Result r = DomainCorrelation.compute(Box.planar(l, l), x, y, null, n, psi, l / 2, 40);
        // a pair at |dx| = u lies in different slabs with probability 2u/L: <psi psi> = 1 - 4|dx|/L, |dx| = r |cos|,
        // and <|cos theta|> = 2 / pi in 2D: C(r) = 1 - 8 r / (pi L) for r <= L/2
        for (int b = 0; b < 40; b++) {
            double rr = r.r()[b];
            assertEquals(1 - 8 * rr / (Math.PI * l), r.c()[b], 0.03, "r = " + rr);
        }
        double r0 = Math.PI * l / 8;
        assertEquals(r0, r.zeroCrossingLength(), 0.3);
        assertEquals(r0 / 2, r.integralLength(), 0.2);
        assertEquals(0, r.mean(), 0.05);
    }

    @Test
    void binsWithAHandfulOfPairsDoNotFakeAZeroCrossing() {
        // two slabs on a lattice plus one particle 0.05 from particle 0 with the opposite sign: the bin below contact
        // holds that single pair, C = -1 there by chance, and would put the "domain length" at 0.03 sigma
        int m = 40;
        double[][] p = Synthetic.lattice(2, m, 1.0);
        int n = p[0].length + 1;
        double[] x = java.util.Arrays.copyOf(p[0], n);
        double[] y = java.util.Arrays.copyOf(p[1], n);
        x[n - 1] = x[0] + 0.05;
        y[n - 1] = y[0];
        double[] psi = new double[n];
        for (int i = 0; i < n - 1; i++) {
            psi[i] = x[i] < m / 2.0 ? 1 : -1;
        }
        psi[n - 1] = -psi[0];
        DomainCorrelation.Result r = DomainCorrelation.compute(Box.planar(m, m), x, y, null, n, psi, m / 2.0, 200);
        assertEquals(1, r.pairs()[0]);
        assertTrue(Double.isNaN(r.c()[0]) && Double.isNaN(r.connected()[0]), "a one-pair bin is not reported");
        assertTrue(r.pairs()[10] >= DomainCorrelation.MIN_PAIRS, "the contact shell is");
        // (the slabs' pi L / 8 = 15.7 of the continuum; the lattice's discrete shells give 14.2)
        assertTrue(r.zeroCrossingLength() > 12 && r.zeroCrossingLength() < 17, "the slabs' length, not the stray "
                + "pair's: " + r.zeroCrossingLength());
    }

    @Test
    void unequalDomainsNeedTheConnectedForm() {
        int m = 40;
        double l = m;
        double[][] p = Synthetic.lattice(2, m, 1.0);
        int n = p[0].length;
        double[] psi = new double[n];
        for (int i = 0; i < n; i++) {
            psi[i] = p[0][i] < l / 4 ? 1 : -1; // a quarter of +1
        }
        DomainCorrelation.Result r = DomainCorrelation.compute(Box.planar(l, l), p[0], p[1], p[2], n, psi, l / 2, 40);
        assertEquals(-0.5, r.mean(), 1e-12);
        for (int b = 0; b < 40; b++) {
            assertEquals((r.c()[b] - 0.25) / 0.75, r.connected()[b], 1e-12);
        }
        assertTrue(Double.isNaN(DomainCorrelation.zeroCrossing(r.r(), r.c())) || r.zeroCrossingLength() > 0);
        assertTrue(r.zeroCrossingLength() > 2 && r.zeroCrossingLength() < l / 2, "L = " + r.zeroCrossingLength());
    }

    @Test
    void lengthsOfAStraightLine() {
        double[] rr = new double[20];
        double[] c = new double[20];
        for (int b = 0; b < 20; b++) {
            rr[b] = 0.25 + 0.5 * b;
            c[b] = 1 - rr[b] / 6.0;
        }
        assertEquals(6.0, DomainCorrelation.zeroCrossing(rr, c), 1e-12);
        assertEquals(3.0, DomainCorrelation.integralLength(rr, c), 1e-12);
    }
}
