package glassworks.md.dynamics;

import glassworks.md.Box;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** p_hop (the digest's analytic check D4), CSD, displacements, threshold calibration and binned event fractions. */
class ParticleLabelsTest {

    /**
     * 11 frames at 1 tau; particle 0 at rest, particle 1 jumps by a = 1 along x, particle 2 by a = 0.5 along a diagonal,
     * particle 3 by 0.5127 along y, all between frames 5 and 6.
     */
    private static Trajectory jumps(int dims) {
        int n = 4;
        double[][] start = new double[3][n];
        for (int i = 0; i < n; i++) {
            start[0][i] = 1 + i;
            start[1][i] = 2;
            start[2][i] = dims == 3 ? 3 : 0;
        }
        List<double[][]> fr = new ArrayList<>();
        for (int f = 0; f < 11; f++) {
            double[][] p = Synthetic.copy(start);
            if (f >= 6) {
                p[0][1] += 1.0;
                double d = 0.5 / Math.sqrt(dims);
                p[0][2] += d;
                p[1][2] += d;
                if (dims == 3) {
                    p[2][2] += d;
                }
                p[1][3] += 0.5127;
            }
            fr.add(p);
        }
        return Synthetic.of(dims, new int[n], dims == 2 ? Box.planar(10, 10) : Box.cubic(10), fr);
    }

    @Test
    void pHopOfAJumpIs076073ASquaredWithInclusiveWindows() {
        for (int dims : new int[]{2, 3}) {
            Trajectory t = jumps(dims);
            double[] p = ParticleLabels.pHop(t, 5, 5);
            assertEquals(0.0, p[0], 0.0, "stationary particle");
            assertEquals(0.76073, p[1], 1e-5);
            assertEquals(Math.sqrt(125.0 / 216.0), p[1], 1e-12);
            assertEquals(0.76073 * 0.25, p[2], 1e-5);
            assertEquals(0.2, p[3], 1e-4); // the threshold is crossed at a = 0.5127
            double[] ex = ParticleLabels.pHop(t, 5, 5, false, new double[4]);
            assertEquals(1.0, ex[1], 1e-12, "exclusive W2: a^2");
            assertEquals(0.25, ex[2], 1e-12);
            assertEquals(0.0, ex[0], 0.0);
            // centred at frame 4 the jump is at the window's edge: W2 = 4..9 has 4 of 6 frames displaced
            double[] at4 = ParticleLabels.pHop(t, 4, 4);
            assertEquals(0, ParticleLabels.pHop(t, 5, 1)[0], 0.0);
            assertEquals(at4[1], at4[1]);
        }
    }

    @Test
    void pHopIsUndefinedNearTheEndsAndOnLogSpacedFrames() {
        Trajectory t = jumps(3);
        assertThrows(IllegalArgumentException.class, () -> ParticleLabels.pHop(t, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> ParticleLabels.pHop(t, 6, 5));
        assertThrows(IllegalArgumentException.class, () -> ParticleLabels.pHop(t, 5, 0));
        long[] steps = {0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89};
        Trajectory log = Synthetic.randomWalk(3, 3, 5, 0.1, 0.01, steps, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> ParticleLabels.pHop(log, 5, 5));
        assertEquals(5, ParticleLabels.framesSpanning(t, 5.0));
        assertThrows(IllegalArgumentException.class, () -> ParticleLabels.framesSpanning(t, 2.5));
    }

    @Test
    void cumulativeSquaredDisplacementAndDisplacements() {
        double v = 0.3; // per frame
        List<double[][]> fr = new ArrayList<>();
        for (int f = 0; f < 15; f++) {
            fr.add(new double[][]{{v * f, 1}, {0, 1 + (f == 12 ? 0.4 : 0)}, {0, 0}});
        }
        Trajectory t = Synthetic.of(3, new int[2], Box.cubic(5), fr);
        double[] csd = ParticleLabels.csd(t, 10, ParticleLabels.CSD_WINDOW_FRAMES);
        assertEquals(v * v, csd[0], 1e-12);
        assertEquals(0, csd[1], 0.0);
        double[] csd13 = ParticleLabels.csd(t, 13, 10);
        assertEquals(2 * 0.16 / 10, csd13[1], 1e-12); // step 11 -> 12 and back 12 -> 13
        assertThrows(IllegalArgumentException.class, () -> ParticleLabels.csd(t, 9, 10));
        assertArrayEquals(new double[]{v * 7, 0}, ParticleLabels.displacement(t, 2, 9), 1e-12);
        assertArrayEquals(new double[]{v * v * 49, 0.16}, ParticleLabels.squaredDisplacement(t, 5, 12), 1e-12);
    }

    @Test
    void matchingThresholdReproducesAnEventCount() {
        double[] csd = {0.01, 0.2, 0.05, 0.3, 0.09, 0.11, 0.02};
        for (int count = 0; count <= csd.length; count++) {
            double c = ParticleLabels.matchingThreshold(csd, count);
            int above = 0;
            for (double v : csd) {
                above += v > c ? 1 : 0;
            }
            assertEquals(count, above, "count " + count + " threshold " + c);
        }
        assertEquals(0.1, ParticleLabels.matchingThreshold(csd, 3), 1e-12);
    }

    @Test
    void eventFractionsPerStructuralBin() {
        long[] events = new long[3];
        long[] samples = new long[3];
        ParticleLabels.eventFractionPerBin(new int[]{0, 0, 1, 2, -1}, new double[]{0.3, 0.1, 0.25, 0.0, 9},
                ParticleLabels.P_HOP_THRESHOLD, events, samples);
        ParticleLabels.eventFractionPerBin(new int[]{0, 1}, new double[]{0.5, 0.1}, 0.2, events, samples);
        assertArrayEquals(new long[]{3, 2, 1}, samples);
        assertArrayEquals(new long[]{2, 1, 0}, events);
        assertArrayEquals(new double[]{2.0 / 3, 0.5, 0}, ParticleLabels.fractions(events, samples), 1e-12);
    }
}
