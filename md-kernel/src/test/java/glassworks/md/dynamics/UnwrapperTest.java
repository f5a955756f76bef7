package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Wrapped coordinates (particles crossing the periodic boundary) are unwrapped back to the continuous trajectory, in a
 * fixed box and under NPT box changes (image convention x + n L), and the dynamics of the unwrapped copy match.
 */
class UnwrapperTest {

    @Test
    void unwrappingAWrappedBallisticTrajectoryRestoresItAndItsMsd() {
        for (int dims : new int[]{2, 3}) {
            double l = 4.0;
            Trajectory truth = Synthetic.ballistic(100, dims, l, 1.0, 0.5, Synthetic.linearSteps(40, 1), 9);
            int frames = truth.frames();
            double[][] x = new double[frames][];
            double[][] y = new double[frames][];
            double[][] z = dims == 3 ? new double[frames][] : null;
            Box[] boxes = new Box[frames];
            for (int f = 0; f < frames; f++) {
                x[f] = TrajectoryTest.wrap(truth.x(f), l);
                y[f] = TrajectoryTest.wrap(truth.y(f), l);
                if (z != null) {
                    z[f] = TrajectoryTest.wrap(truth.z(f), l);
                }
                boxes[f] = truth.box(f);
            }
            Trajectory wrapped = Trajectory.ofArrays(dims, truth.species(), truth.steps(), truth.times(), boxes, x, y, z);
            Trajectory un = Unwrapper.unwrap(wrapped);
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < 100; i++) {
                    // unwrapped relative to the first frame's wrapped position
                    assertEquals(truth.x(f)[i] - truth.x(0)[i], un.x(f)[i] - un.x(0)[i], 1e-9);
                    assertEquals(truth.y(f)[i] - truth.y(0)[i], un.y(f)[i] - un.y(0)[i], 1e-9);
                    if (dims == 3) {
                        assertEquals(truth.z(f)[i] - truth.z(0)[i], un.z(f)[i] - un.z(0)[i], 1e-9);
                    }
                }
            }
            RunDynamics.Options o = RunDynamics.Options.defaults(2 * Math.PI).withS4(0, 1, 3,
                    RunDynamics.S4Field.OVERLAP);
            RunDynamics.Result a = RunDynamics.compute(truth, LagGrid.linear(truth), o);
            RunDynamics.Result b = RunDynamics.compute(un, LagGrid.linear(un), o);
            RunDynamics.Result bad = RunDynamics.compute(wrapped, LagGrid.linear(wrapped), o);
            int last = a.lags() - 1;
            for (int lag = 0; lag < a.lags(); lag++) {
                double disp = 0.5 * (lag + 1);
                assertEquals(disp * disp, a.msd()[0][lag], 1e-9);
                assertEquals(a.msd()[0][lag], b.msd()[0][lag], 1e-9);
                assertEquals(a.fs()[0][lag], b.fs()[0][lag], 1e-9);
            }
            // the wrapped input itself is wrong: the MSD saturates near the box size
            assertEquals(true, bad.msd()[0][last] < 0.2 * a.msd()[0][last], "wrapped MSD " + bad.msd()[0][last]);
        }
    }

    @Test
    void imageCountersFollowTheBoxUnderNpt() {
        int n = 30;
        int frames = 50;
        java.util.Random rnd = new java.util.Random(3);
        double[] u = new double[n]; // true x in units of the current box edge (the scaled coordinate)
        long[] first = new long[n];
        Unwrapper un = new Unwrapper(n, 3);
        for (int i = 0; i < n; i++) {
            u[i] = rnd.nextDouble();
        }
        for (int f = 0; f < frames; f++) {
            double l = 5.0 * (1 + 0.05 * Math.sin(0.3 * f));
            double[] x = new double[n];
            double[] y = new double[n];
            double[] z = new double[n];
            double[] want = new double[n];
            long[] img = new long[n];
            for (int i = 0; i < n; i++) {
                if (f > 0) {
                    u[i] += 0.05 * rnd.nextGaussian(); // well below half a box per frame
                }
                long k = (long) Math.floor(u[i]);
                x[i] = (u[i] - k) * l; // wrapped into [0, l)
                if (f == 0) {
                    first[i] = k;
                }
                img[i] = k - first[i];
                want[i] = x[i] + img[i] * l; // the kernel's x + n L with the current box
                y[i] = 1;
                z[i] = 1;
            }
            un.unwrap(x, y, z, Box.cubic(l));
            for (int i = 0; i < n; i++) {
                assertEquals(want[i], x[i], 1e-9, "frame " + f + " particle " + i);
                assertEquals(img[i], un.image(i, 0));
            }
        }
        // the FrameView form copies
        double[] xs = {0.1, 4.9};
        FrameView fv = new FrameView(0, 0, 0, 2, 2, new int[2], xs, new double[]{1, 1}, new double[]{0, 0}, 5, 5, 0,
                null, null, null, null);
        Unwrapper w = new Unwrapper(2, 2);
        w.unwrapped(fv);
        FrameView next = new FrameView(1, 1, 1, 2, 2, new int[2], new double[]{4.95, 0.05}, new double[]{1, 1},
                new double[]{0, 0}, 5, 5, 0, null, null, null, null);
        FrameView out = w.unwrapped(next);
        assertEquals(-0.05, out.x()[0], 1e-12);
        assertEquals(5.05, out.x()[1], 1e-12);
        assertEquals(4.95, next.x()[0], 0.0);
    }
}
