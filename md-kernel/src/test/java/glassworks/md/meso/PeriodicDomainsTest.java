package glassworks.md.meso;

import glassworks.md.Box;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Domains across the periodic boundary: one domain, wrapping flags, and centre / Rg independent of the box origin. */
class PeriodicDomainsTest {
    private static final double CUTOFF = 1.5;

    /** A slab of state 1 across x = 0 (x in [-3, 3)) in a box of edge 12: one domain of each state, both wrapping in y, z. */
    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void slabAcrossTheBoundaryIsOneDomainThatSpansTheBox(int dims) {
        int m = 12;
        Box box = TwoPhase.box(dims, m);
        double[][] p = TwoPhase.lattice(dims, m, 0.1, 3);
        int[] labels = TwoPhase.slab(p[0], m, 0.0, 3.0);
        int n = labels.length;
        int[] species = new int[n];
        for (int i = 0; i < n; i++) {
            species[i] = i % 5 == 0 ? 1 : 0;
        }
        PeriodicDomains.Result r = PeriodicDomains.find(box, p[0], p[1], p[2], labels, species, CUTOFF);
        assertEquals(2, r.count(), "one slab domain per state, the state-1 slab not cut in two by x = 0");
        assertArrayEquals(new int[]{1, 1}, r.countsByState(2));
        PeriodicDomains.Domain slab = r.ofState(1).get(0);
        PeriodicDomains.Domain rest = r.ofState(0).get(0);
        int layer = dims == 2 ? m : m * m;
        assertEquals(6 * layer, slab.size());
        assertEquals(6 * layer, rest.size());
        assertEquals(slab.size(), slab.speciesCounts()[0] + slab.speciesCounts()[1]);
        assertTrue(slab.speciesCounts()[1] > 0);
        for (PeriodicDomains.Domain d : List.of(slab, rest)) {
            assertTrue(d.spansBox());
            assertFalse(d.wrapped()[0], "a slab normal to x does not wrap along x");
            assertTrue(d.wrapped()[1]);
            assertEquals(dims == 3, d.wrapped()[2]);
        }
        // centre along x: the slab's middle, x = 0 (mod L) and x = 6; offsets along x are the unwrapped |x| < 3
        assertEquals(0.0, Gaussians.minimumImage(slab.centre()[0], m), 0.05);
        assertEquals(6.0, rest.centre()[0], 0.05);
        for (int i : slab.members()) {
            assertEquals(Gaussians.minimumImage(p[0][i] - slab.centre()[0], m), r.offsetX()[i], 1e-9);
            assertTrue(Math.abs(r.offsetX()[i]) < 3.2);
            assertEquals(slab, r.domains().get(r.domainOf()[i]));
        }
    }

    /** A ball is one compact domain; the state around it wraps along every axis. */
    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void matrixAroundABallWrapsAlongEveryAxis(int dims) {
        int m = 12;
        Box box = TwoPhase.box(dims, m);
        double[][] p = TwoPhase.lattice(dims, m, 0.1, 5);
        int[] labels = TwoPhase.ball(p, box, new double[]{6, 6, 6}, 3.0);
        PeriodicDomains.Result r = PeriodicDomains.find(box, p[0], p[1], p[2], labels, null, CUTOFF);
        assertEquals(2, r.count());
        PeriodicDomains.Domain ball = r.ofState(1).get(0);
        PeriodicDomains.Domain matrix = r.ofState(0).get(0);
        assertFalse(ball.spansBox());
        for (int a = 0; a < dims; a++) {
            assertTrue(matrix.wrapped()[a], "axis " + a);
        }
        assertEquals(r.particles(), ball.size() + matrix.size());
        assertArrayEquals(new int[]{ball.size()}, ball.speciesCounts());
    }

    /**
     * A ball of radius 2.7 cut by two periodic boundaries (centred at (0.2, 11.9, 6)) has the centre and Rg of the same
     * ball translated to the middle of the box, and its Rg is that of a uniform ball, sqrt(3/5) R (3D) or R / sqrt(2)
     * (2D) within the lattice's discreteness.
     */
    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void ballSplitByTheBoundaryHasTheCentreAndRgOfTheSameBallInTheMiddle(int dims) {
        int m = 12;
        Box box = TwoPhase.box(dims, m);
        double[][] p = TwoPhase.lattice(dims, m, 0.15, 7);
        double[] edge = {m, m, m};
        double[] c1 = {0.2, 11.9, dims == 3 ? 6.0 : 0};
        double[] c2 = {6.1, 5.8, dims == 3 ? 5.9 : 0};
        int[] labels = TwoPhase.ball(p, box, c1, 2.7);
        double[][] q = new double[3][p[0].length];
        for (int a = 0; a < dims; a++) {
            for (int i = 0; i < q[a].length; i++) {
                q[a][i] = Gaussians.wrap(p[a][i] + c2[a] - c1[a], edge[a]);
            }
        }
        PeriodicDomains.Domain split = PeriodicDomains.find(box, p[0], p[1], p[2], labels, null, CUTOFF).ofState(1).get(0);
        PeriodicDomains.Domain middle = PeriodicDomains.find(box, q[0], q[1], q[2], labels, null, CUTOFF).ofState(1).get(0);
        assertFalse(split.spansBox());
        assertEquals(middle.size(), split.size());
        assertArrayEquals(middle.members(), split.members());
        for (int a = 0; a < dims; a++) {
            assertEquals(0.0, Gaussians.minimumImage(split.centre()[a] + c2[a] - c1[a] - middle.centre()[a], m), 1e-9);
            assertEquals(0.0, Gaussians.minimumImage(split.centre()[a] - c1[a], m), 0.2, "near the ball's centre");
        }
        assertEquals(middle.radiusOfGyration(), split.radiusOfGyration(), 1e-9);
        double uniform = dims == 3 ? Math.sqrt(0.6) * 2.7 : 2.7 / Math.sqrt(2);
        assertEquals(uniform, split.radiusOfGyration(), 0.1 * uniform);
    }
}
