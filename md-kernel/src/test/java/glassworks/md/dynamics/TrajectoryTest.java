package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trajectory holder copies reused FrameView arrays and refuses inconsistent frames. */
class TrajectoryTest {

    private static FrameView frame(int index, long step, double time, int dims, int[] sp, double[] x, double[] y,
                                   double[] z, double l) {
        return new FrameView(index, step, time, sp.length, dims, sp, x, y, z, l, l, dims == 3 ? l : 0, null, null, null,
                null);
    }

    @Test
    void copiesTheReusedArraysOfAStreamOfFrames() {
        int[] sp = {0, 1, 0};
        double[] x = {1, 2, 3};
        double[] y = {4, 5, 6};
        double[] z = {7, 8, 9};
        Trajectory.Builder b = Trajectory.builder();
        b.add(frame(0, 0, 0.0, 3, sp, x, y, z, 10));
        x[0] = 100; // the reader reuses its arrays for the next frame
        y[1] = 200;
        z[2] = 300;
        b.add(frame(1, 10, 0.05, 3, sp, x, y, z, 10));
        x[0] = -1;
        Trajectory t = b.build();
        assertEquals(2, t.frames());
        assertEquals(3, t.n());
        assertEquals(2, t.speciesCount());
        assertEquals(2, t.count(0));
        assertEquals(1, t.count(1));
        assertArrayEquals(new double[]{1, 2, 3}, t.x(0));
        assertArrayEquals(new double[]{100, 2, 3}, t.x(1));
        assertArrayEquals(new double[]{4, 200, 6}, t.y(1));
        assertArrayEquals(new double[]{7, 8, 300}, t.z(1));
        assertEquals(10, t.step(1));
        assertEquals(0.05, t.time(1));
        assertEquals(Box.cubic(10), t.box(1));
        assertEquals(2L * 3 * 3 * 8, t.memoryBytes());
    }

    @Test
    void twoDimensionalFramesKeepNoZ() {
        int[] sp = {0, 0};
        Trajectory t = Trajectory.of(List.of(
                frame(0, 0, 0, 2, sp, new double[]{1, 2}, new double[]{3, 4}, new double[]{0, 0}, 5),
                frame(1, 1, 1, 2, sp, new double[]{1.5, 2}, new double[]{3, 4}, new double[]{0, 0}, 5)));
        assertEquals(2, t.dims());
        assertNull(t.z(0));
        assertEquals(Box.planar(5, 5), t.box(0));
    }

    @Test
    void refusesChangingSpeciesParticleCountsAndTimeOrder() {
        double[] p = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> Trajectory.builder()
                .add(frame(0, 0, 0, 3, new int[]{0, 1}, p, p, p, 5))
                .add(frame(1, 1, 1, 3, new int[]{1, 1}, p, p, p, 5)));
        assertThrows(IllegalArgumentException.class, () -> Trajectory.builder()
                .add(frame(0, 0, 0, 3, new int[]{0, 1}, p, p, p, 5))
                .add(frame(1, 1, 1, 3, new int[]{0}, new double[]{1}, new double[]{1}, new double[]{1}, 5)));
        assertThrows(IllegalArgumentException.class, () -> Trajectory.builder()
                .add(frame(0, 5, 0, 3, new int[]{0, 1}, p, p, p, 5))
                .add(frame(1, 5, 1, 3, new int[]{0, 1}, p, p, p, 5)).build());
        assertThrows(IllegalStateException.class, () -> Trajectory.builder().build());
    }

    @Test
    void maxFrameJumpFlagsWrappedInput() {
        Trajectory walk = Synthetic.randomWalk(50, 3, 6.0, 0.01, 1.0, Synthetic.linearSteps(20, 1), 1, 3);
        assertTrue(walk.maxFrameJump() < 0.2, "unwrapped Brownian walk: " + walk.maxFrameJump());
        // wrap it: particles crossing a boundary jump by about a box
        Trajectory ballistic = Synthetic.ballistic(20, 3, 4.0, 1.0, 0.5, Synthetic.linearSteps(30, 1), 5);
        double[][] x = new double[30][];
        double[][] y = new double[30][];
        double[][] z = new double[30][];
        Box[] boxes = new Box[30];
        for (int f = 0; f < 30; f++) {
            x[f] = wrap(ballistic.x(f), 4.0);
            y[f] = wrap(ballistic.y(f), 4.0);
            z[f] = wrap(ballistic.z(f), 4.0);
            boxes[f] = Box.cubic(4.0);
        }
        Trajectory wrapped = Trajectory.ofArrays(3, ballistic.species(), ballistic.steps(), ballistic.times(), boxes, x,
                y, z);
        assertTrue(ballistic.maxFrameJump() < 0.2);
        assertTrue(wrapped.maxFrameJump() > 0.5, "wrapped: " + wrapped.maxFrameJump());
    }

    static double[] wrap(double[] u, double l) {
        double[] w = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            w[i] = u[i] - l * Math.floor(u[i] / l);
        }
        return w;
    }
}
