package glassworks.md.dynamics;

import glassworks.md.Box;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Isoconfigurational propensities from replicas with scripted motion: particle 0 of an 8 x 8 lattice hops far away in
 * half of the replicas (between frames 5 and 6), particle 1 vibrates a little in all of them, the rest stay.
 */
class IsoconfigurationalTest {

    private static final int M = 8;

    private static Trajectory replica(boolean hop, double wiggle) {
        double[][] lat = Synthetic.lattice(2, M, 1.0);
        List<double[][]> fr = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            double[][] p = Synthetic.copy(lat);
            if (hop && f >= 6) {
                p[0][0] += 3.0;
                p[1][0] += 0.2;
            }
            p[0][1] += wiggle * Math.sin(f);
            fr.add(p);
        }
        return Synthetic.of(2, new int[M * M], Box.planar(M, M), fr);
    }

    @Test
    void propensitiesAreReplicaAverages() {
        BondBreaking.Cutoffs unit = BondBreaking.Cutoffs.seed003(new double[][]{{1.0}});
        // p_r from p_hop (seed 004): defined at t = 5, 6 (frames t - 5 .. t + 5 exist)
        Isoconfigurational hop = new Isoconfigurational(Isoconfigurational.Options.defaults(5.0, 6.0));
        // displacement events, msd and C_B at t = 3 (before the hops) and t = 10
        Isoconfigurational disp = new Isoconfigurational(Isoconfigurational.Options.defaults(3.0, 10.0)
                .withEvent(Isoconfigurational.Event.DISPLACEMENT, 0.3).withBonds(unit));
        Isoconfigurational any = new Isoconfigurational(Isoconfigurational.Options.defaults(6.0)
                .withEvent(Isoconfigurational.Event.PHOP_ANY, 0.2));
        for (int k = 0; k < 4; k++) {
            Trajectory r = replica(k < 2, 0.05 * (k + 1));
            hop.add(r);
            disp.add(r);
            any.add(r);
        }
        Isoconfigurational.Result h = hop.result();
        assertEquals(4, h.replicas());
        assertEquals(0.5, h.pr()[0][0], 0.0, "p_hop(t = 5) = 0.76 a^2 > 0.2 in half the replicas");
        assertEquals(0.5, h.pr()[1][0], 0.0, "p_hop(t = 6) = 0.76 a^2 too");
        for (int k = 0; k < 2; k++) {
            for (int i = 1; i < M * M; i++) {
                assertEquals(0.0, h.pr()[k][i], 0.0, "no event for particle " + i);
            }
        }
        double[] logit = h.clippedLogit(0);
        assertEquals(0.0, logit[0], 1e-12);
        assertEquals(Math.log((1.0 / 8) / (7.0 / 8)), logit[5], 1e-12); // clipped to 1 / (2R)

        Isoconfigurational.Result d = disp.result();
        double hop2 = 3.0 * 3.0 + 0.2 * 0.2;
        assertEquals(0.0, d.msd()[0][0], 1e-12);
        assertEquals(0.0, d.pr()[0][0], 0.0);
        assertEquals(0.5 * hop2, d.msd()[1][0], 1e-12);
        assertEquals(0.5 * Math.sqrt(hop2), d.meanDisplacement()[1][0], 1e-12);
        assertEquals(0.5, d.pr()[1][0], 0.0);
        assertEquals(0.0, d.pr()[1][1], 0.0, "vibration of at most 0.11 < 0.3");
        double want = 0; // particle 1's vibration: wiggle_k sin(10)
        for (int k = 0; k < 4; k++) {
            double dd = 0.05 * (k + 1) * Math.sin(10);
            want += dd * dd / 4;
        }
        assertEquals(want, d.msd()[1][1], 1e-12);
        // C_B: particle 0 keeps none of its 4 bonds where it hopped; its 4 neighbours lose one of 4 there
        assertEquals(4, d.n0()[0]);
        assertEquals(1.0, d.cb()[0][0], 0.0);
        assertEquals(0.5, d.cb()[1][0], 1e-12);
        int lost = 0;
        for (int i = 1; i < M * M; i++) {
            if (d.cb()[1][i] < 1) {
                assertEquals(0.5 * 0.75 + 0.5 * 1.0, d.cb()[1][i], 1e-12);
                lost++;
            }
        }
        assertEquals(4, lost);

        Isoconfigurational.Result a = any.result();
        assertEquals(0.5, a.pr()[0][0], 0.0);
        assertEquals(0.0, a.pr()[0][1], 0.0);
    }

    @Test
    void replicasMustShareTheirStartTimesMustBeStoredAndUndefinedEventsAreNaN() {
        Isoconfigurational iso = new Isoconfigurational(Isoconfigurational.Options.defaults(5.0));
        iso.add(replica(false, 0));
        Trajectory moved = Synthetic.of(2, new int[M * M], Box.planar(M, M),
                Synthetic.repeat(Synthetic.lattice(2, M, 1.01), 12));
        assertThrows(IllegalArgumentException.class, () -> iso.add(moved));
        Isoconfigurational odd = new Isoconfigurational(Isoconfigurational.Options.defaults(5.5));
        assertThrows(IllegalArgumentException.class, () -> odd.add(replica(false, 0)));
        // p_hop(10) needs frame 15 and p_hop(2) frame -3: p_r is undefined there, the propensity is not
        Isoconfigurational edges = new Isoconfigurational(Isoconfigurational.Options.defaults(2.0, 5.0, 10.0));
        Isoconfigurational any = new Isoconfigurational(Isoconfigurational.Options.defaults(2.0, 6.0)
                .withEvent(Isoconfigurational.Event.PHOP_ANY, 0.2));
        for (int k = 0; k < 2; k++) {
            edges.add(replica(k == 0, 0));
            any.add(replica(k == 0, 0));
        }
        Isoconfigurational.Result e = edges.result();
        assertTrue(Double.isNaN(e.pr()[0][0]) && Double.isNaN(e.pr()[2][0]), "p_r undefined at t = 2 and 10");
        assertEquals(0.5, e.pr()[1][0], 0.0);
        assertEquals((9 + 0.04) / 2, e.msd()[2][0], 1e-12, "propensity at t = 10: one of two replicas hopped (3, 0.2)");
        assertTrue(Double.isNaN(any.result().pr()[0][0]), "no p_hop centre in (0, 2] with h = 5");
        assertEquals(0.5, any.result().pr()[1][0], 0.0);
        assertThrows(IllegalStateException.class, () -> new Isoconfigurational(
                Isoconfigurational.Options.defaults(1.0)).result());
    }
}
