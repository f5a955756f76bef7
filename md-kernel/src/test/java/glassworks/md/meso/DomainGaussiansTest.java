package glassworks.md.meso;

import glassworks.md.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real-space step: minimum image, exact slab interfaces, absorption of label noise, and the ball's known bias. */
class DomainGaussiansTest {
    private static final double CUTOFF = 1.5;

    /**
     * A ball of state 1 centred at x = 0.3, beside the boundary x = 0, with one particle wrongly labelled 0 at x = 13.5:
     * 0.8 sigma from the ball's centre through the boundary, 13.2 sigma away without the minimum image. It is taken into
     * the ball.
     */
    @Test
    void particleJustAcrossTheBoundaryJoinsTheDomainThere() {
        int m = 14;
        Box box = Box.cubic(m);
        double[][] p = TwoPhase.lattice(3, m, 0.0, 1);
        double[] c = {0.3, 7.5, 7.5};
        int[] labels = TwoPhase.ball(p, box, c, 3.0);
        int probe = -1;
        for (int i = 0; i < labels.length; i++) {
            if (Math.abs(p[0][i] - 13.5) < 1e-9 && Math.abs(p[1][i] - 7.5) < 1e-9 && Math.abs(p[2][i] - 7.5) < 1e-9) {
                probe = i;
            }
        }
        labels[probe] = 0; // at 0.8 sigma from the centre: say K-means got it wrong
        PeriodicDomains.Result domains = PeriodicDomains.find(box, p[0], p[1], p[2], labels, null, CUTOFF);
        assertEquals(1, domains.ofState(1).size());
        DomainGaussians.Result r = DomainGaussians.reassign(p[0], p[1], p[2], domains, 2, DomainGaussians.Options.defaults());
        assertEquals(1, r.labels()[probe], "minimum image: the ball's centre is 0.8 sigma away across x = 0");
        assertEquals(domains.domains().indexOf(domains.ofState(1).get(0)), r.domain()[probe]);
        // w p of the ball (113 particles, variance 9/5 per axis) at 0.8 sigma is ~2.5 / N, the matrix's uniform ~0.96 / N
        assertEquals(2.5 / (2.5 + 0.96), Math.exp(r.stateLogPosterior()[probe][1]), 0.05);
        assertEquals(1.0, Math.exp(r.stateLogPosterior()[probe][0]) + Math.exp(r.stateLogPosterior()[probe][1]), 1e-12);
    }

    /**
     * Clean slabs of unequal widths (4 and 8 lattice planes, the narrow one across x = 0) are already what the model
     * predicts: nothing is relabelled; their Gaussians are uniform along the wrapped axes y (and z).
     */
    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void slabsOfUnequalWidthsAreSplitAtTheirInterfaces(int dims) {
        int m = 12;
        Box box = TwoPhase.box(dims, m);
        double[][] p = TwoPhase.lattice(dims, m, 0.1, 2);
        int[] labels = TwoPhase.slab(p[0], m, 0.0, 2.0);
        PeriodicDomains.Result domains = PeriodicDomains.find(box, p[0], p[1], p[2], labels, null, CUTOFF);
        DomainGaussians.Result r = DomainGaussians.reassign(p[0], p[1], p[2], domains, 2, DomainGaussians.Options.defaults());
        assertEquals(0, r.relabelled());
        for (DomainGaussians.DomainGaussian g : r.gaussians()) {
            assertFalse(g.uniform()[0]);
            assertTrue(g.uniform()[1]);
            assertEquals(dims == 3, g.uniform()[2]);
            assertFalse(g.borrowed());
        }
        assertEquals(4.0 / 12, r.gaussians().get(domains.domains().indexOf(domains.ofState(1).get(0))).weight(), 1e-12);
    }

    /**
     * 3% of the labels of two slabs flipped at random: the flips form tiny domains, which borrow their state's broad
     * covariance and are absorbed, so the real-space step alone restores at least 99% of the slab labels.
     */
    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void scatteredLabelNoiseIsAbsorbed(int dims) {
        int m = dims == 2 ? 48 : 14;
        Box box = TwoPhase.box(dims, m);
        double[][] p = TwoPhase.lattice(dims, m, 0.2, 4);
        int[] truth = TwoPhase.slab(p[0], m, 0.0, m / 4.0);
        int[] noisy = TwoPhase.flip(truth, 0.03, 5);
        PeriodicDomains.Result domains = PeriodicDomains.find(box, p[0], p[1], p[2], noisy, null, CUTOFF);
        assertTrue(domains.count() > 20, "the flips make many small domains: " + domains.count());
        DomainGaussians.Result r = DomainGaussians.reassign(p[0], p[1], p[2], domains, 2, DomainGaussians.Options.defaults());
        double before = TwoPhase.equal(truth, noisy);
        double after = TwoPhase.equal(truth, r.labels());
        System.out.printf("%dD slabs, 3%% flipped: %.4f -> %.4f correct, %d domains%n", dims, before, after,
                domains.count());
        assertTrue(after >= 0.99, "real-space step restored " + after);
        List<DomainGaussians.DomainGaussian> g = r.gaussians();
        DomainGaussians.DomainGaussian single = null;
        for (int k = 0; k < domains.count(); k++) {
            if (domains.domains().get(k).size() == 1) {
                single = g.get(k);
                break;
            }
        }
        assertTrue(single != null && single.borrowed());
        // borrowed: isotropic, the state's slab variance (m/2)^2 / 12 along x and L^2 / 12 along the wrapped axes,
        // averaged over axes, plus the regularisation
        double slab = Math.pow(m / 2.0, 2) / 12;
        double wrapped = m * m / 12.0;
        double want = (slab + (dims - 1) * wrapped) / dims + 0.01;
        assertEquals(want, single.covariance()[0][0], 0.1 * want);
        assertEquals(single.covariance()[0][0], single.covariance()[1][1], 0.0);
        assertEquals(0.0, single.covariance()[0][1], 0.0);
    }

    /**
     * The documented bias of the Gaussian-domain model: against a box-spanning matrix, a uniform ball of radius R keeps
     * only the particles within about 0.66 R (the Gaussian's density falls to the matrix's there).
     */
    @Test
    void ballInAMatrixShrinksToTwoThirdsOfItsRadius() {
        int m = 20;
        Box box = Box.cubic(m);
        double[][] p = TwoPhase.lattice(3, m, 0.1, 6);
        double radius = 5;
        int[] labels = TwoPhase.ball(p, box, new double[]{10, 10, 10}, radius);
        PeriodicDomains.Result domains = PeriodicDomains.find(box, p[0], p[1], p[2], labels, null, CUTOFF);
        DomainGaussians.Result r = DomainGaussians.reassign(p[0], p[1], p[2], domains, 2, DomainGaussians.Options.defaults());
        int kept = 0;
        for (int l : r.labels()) {
            kept += l;
        }
        double keptRadius = Math.cbrt(kept / (4.0 / 3 * Math.PI));
        System.out.printf("ball R = %.1f kept as R = %.2f%n", radius, keptRadius);
        assertEquals(0.66 * radius, keptRadius, 0.08 * radius);
    }
}
