package glassworks.md.dynamics;

import java.util.Arrays;

/**
 * Per-particle dynamical labels of one trajectory (seed 004, the softness thesis, digest section 2), from unwrapped
 * positions:
 *
 * <ul>
 *   <li>{@link #pHop}: p_hop(i, t) = sqrt( &lt;(r_i(t') - &lt;r_i&gt;_W2)^2&gt;_{t' in W1} &lt;(r_i(t') -
 *       &lt;r_i&gt;_W1)^2&gt;_{t' in W2} ) (Candelier, Dauchot &amp; Biroli), W1 = [t - h, t], W2 = [t, t + h] in frames.
 *       <b>Inclusive</b> (default): both windows contain frame t (h + 1 frames each, the closed brackets of the thesis):
 *       a particle at rest that jumps by a between frames t and t + 1 has p_hop = a^2 sqrt(125/216) = 0.76073 a^2 for
 *       h = 5 (the digest's analytic check D4). <b>Exclusive</b> W2 = [t + 1, t + h] gives a^2 for the same jump. The
 *       thesis' windows are 5 tau with frames every 1 tau (h = 5 frames; {@link #framesSpanning} converts a time span).
 *       Undefined within h frames of either end of the trajectory (an exception). p_hop &gt; 0.2 sigma_AA^2 is a
 *       rearrangement.</li>
 *   <li>{@link #csd}: the cumulative squared displacement (App. A.0.2) Delta r^2(i, t) = (1/W) sum_{t' = t-W+1}^{t}
 *       |r_i(t') - r_i(t' - 1)|^2 over W = 10 frames (t - 9 .. t); event when &gt; 0.0966, a threshold calibrated so
 *       that event counts match p_hop &gt; 0.2 at T = 0.86 ({@link #matchingThreshold}).</li>
 *   <li>{@link #displacement}: |r_i(t0 + t) - r_i(t0)| (propensity ingredient), and its square.</li>
 *   <li>{@link #eventFractionPerBin}: P_R per structural bin, the fraction of (particle, time) samples with a value
 *       above the threshold (seed 004 Ch. 2), counts accumulated over calls.</li>
 * </ul>
 * Windows must be equally spaced in steps (p_hop and CSD are defined on a uniform time grid); log-spaced frames are
 * refused.
 */
public final class ParticleLabels {
    /** The p_hop rearrangement threshold p_c [sigma_AA^2]. */
    public static final double P_HOP_THRESHOLD = 0.2;
    /** The thesis' half window, 5 tau (5 frames at 1 tau). */
    public static final int HALF_WINDOW_FRAMES = 5;
    /** The CSD window, 10 frames. */
    public static final int CSD_WINDOW_FRAMES = 10;
    /** The thesis' CSD threshold [sigma^2]. */
    public static final double CSD_THRESHOLD = 0.0966;

    private ParticleLabels() {
    }

    /** p_hop of every particle at frame {@code centre} with the inclusive convention. */
    public static double[] pHop(Trajectory t, int centre, int halfWindow) {
        return pHop(t, centre, halfWindow, true, new double[t.n()]);
    }

    /**
     * p_hop of every particle at frame {@code centre}, half window {@code halfWindow} frames, W2 inclusive of the
     * centre or not; written into {@code out} (length n) and returned.
     */
    public static double[] pHop(Trajectory t, int centre, int halfWindow, boolean inclusive, double[] out) {
        if (halfWindow < 1) {
            throw new IllegalArgumentException("p_hop half window must be >= 1 frame, got " + halfWindow);
        }
        if (centre - halfWindow < 0 || centre + halfWindow >= t.frames()) {
            throw new IllegalArgumentException("p_hop at frame " + centre + " needs frames " + (centre - halfWindow)
                    + " .. " + (centre + halfWindow) + " but the trajectory has 0 .. " + (t.frames() - 1)
                    + " (undefined within the half window of either end)");
        }
        uniform(t, centre - halfWindow, centre + halfWindow, "p_hop");
        int a1 = centre - halfWindow;
        int b1 = centre;
        int a2 = inclusive ? centre : centre + 1;
        int b2 = centre + halfWindow;
        int n = t.n();
        boolean three = t.dims() == 3;
        int m1 = b1 - a1 + 1;
        int m2 = b2 - a2 + 1;
        for (int i = 0; i < n; i++) {
            double mx1 = 0;
            double my1 = 0;
            double mz1 = 0;
            for (int f = a1; f <= b1; f++) {
                mx1 += t.x(f)[i];
                my1 += t.y(f)[i];
                if (three) {
                    mz1 += t.z(f)[i];
                }
            }
            double mx2 = 0;
            double my2 = 0;
            double mz2 = 0;
            for (int f = a2; f <= b2; f++) {
                mx2 += t.x(f)[i];
                my2 += t.y(f)[i];
                if (three) {
                    mz2 += t.z(f)[i];
                }
            }
            mx1 /= m1;
            my1 /= m1;
            mz1 /= m1;
            mx2 /= m2;
            my2 /= m2;
            mz2 /= m2;
            double s1 = 0;
            for (int f = a1; f <= b1; f++) {
                double dx = t.x(f)[i] - mx2;
                double dy = t.y(f)[i] - my2;
                double dz = three ? t.z(f)[i] - mz2 : 0;
                s1 += dx * dx + dy * dy + dz * dz;
            }
            double s2 = 0;
            for (int f = a2; f <= b2; f++) {
                double dx = t.x(f)[i] - mx1;
                double dy = t.y(f)[i] - my1;
                double dz = three ? t.z(f)[i] - mz1 : 0;
                s2 += dx * dx + dy * dy + dz * dz;
            }
            out[i] = Math.sqrt((s1 / m1) * (s2 / m2));
        }
        return out;
    }

    /** The cumulative squared displacement at frame {@code frame} over {@code window} frames (default 10). */
    public static double[] csd(Trajectory t, int frame, int window) {
        if (window < 1 || frame - window < 0 || frame >= t.frames()) {
            throw new IllegalArgumentException("CSD at frame " + frame + " over " + window + " frames needs frames "
                    + (frame - window) + " .. " + frame + " (have 0 .. " + (t.frames() - 1) + ")");
        }
        uniform(t, frame - window, frame, "CSD");
        int n = t.n();
        boolean three = t.dims() == 3;
        double[] out = new double[n];
        for (int f = frame - window + 1; f <= frame; f++) {
            double[] x1 = t.x(f);
            double[] y1 = t.y(f);
            double[] z1 = t.z(f);
            double[] x0 = t.x(f - 1);
            double[] y0 = t.y(f - 1);
            double[] z0 = t.z(f - 1);
            for (int i = 0; i < n; i++) {
                double dx = x1[i] - x0[i];
                double dy = y1[i] - y0[i];
                double dz = three ? z1[i] - z0[i] : 0;
                out[i] += dx * dx + dy * dy + dz * dz;
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] /= window;
        }
        return out;
    }

    /** |r_i(target) - r_i(origin)| for every particle (unwrapped positions). */
    public static double[] displacement(Trajectory t, int origin, int target) {
        double[] d = squaredDisplacement(t, origin, target);
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.sqrt(d[i]);
        }
        return d;
    }

    /** |r_i(target) - r_i(origin)|^2 for every particle. */
    public static double[] squaredDisplacement(Trajectory t, int origin, int target) {
        int n = t.n();
        boolean three = t.dims() == 3;
        double[] out = new double[n];
        double[] x0 = t.x(origin);
        double[] y0 = t.y(origin);
        double[] z0 = t.z(origin);
        double[] x1 = t.x(target);
        double[] y1 = t.y(target);
        double[] z1 = t.z(target);
        for (int i = 0; i < n; i++) {
            double dx = x1[i] - x0[i];
            double dy = y1[i] - y0[i];
            double dz = three ? z1[i] - z0[i] : 0;
            out[i] = dx * dx + dy * dy + dz * dz;
        }
        return out;
    }

    /**
     * The number of frames spanning {@code span} time units on the trajectory's uniform frame spacing (e.g. 5 tau at
     * frames every 1 tau = 5), checked to be a whole number of frames within 1e-6.
     */
    public static int framesSpanning(Trajectory t, double span) {
        if (t.frames() < 2) {
            throw new IllegalArgumentException("need at least two frames to know the frame spacing");
        }
        double dt = t.time(1) - t.time(0);
        double m = span / dt;
        long r = Math.round(m);
        if (r < 1 || Math.abs(m - r) > 1e-6 * Math.max(1, m)) {
            throw new IllegalArgumentException("a span of " + span + " is not a whole number (>= 1) of frame spacings "
                    + dt);
        }
        return (int) r;
    }

    private static void uniform(Trajectory t, int from, int to, String what) {
        long dt = t.step(from + 1) - t.step(from);
        for (int f = from + 1; f <= to; f++) {
            if (t.step(f) - t.step(f - 1) != dt) {
                throw new IllegalArgumentException(what + " needs equally spaced frames; frames " + (f - 1) + ", " + f
                        + " are " + (t.step(f) - t.step(f - 1)) + " steps apart, not " + dt);
            }
        }
    }

    /**
     * The threshold c for which #(values &gt; c) = {@code count} (the CSD calibration: count = the number of p_hop
     * events at the reference temperature): midway between the count-th and (count+1)-th largest values. Ties at the
     * boundary make an exact match impossible; then the count above c is the nearest achievable below.
     */
    public static double matchingThreshold(double[] values, long count) {
        if (count < 0 || count > values.length) {
            throw new IllegalArgumentException("count " + count + " outside 0 .. " + values.length);
        }
        double[] v = values.clone();
        Arrays.sort(v); // ascending
        int m = v.length;
        if (count == 0) {
            return v[m - 1];
        }
        if (count == m) {
            return Math.nextDown(v[0]);
        }
        double above = v[(int) (m - count)];      // the count-th largest
        double below = v[(int) (m - count - 1)];  // the (count+1)-th largest
        return below < above ? 0.5 * (above + below) : below;
    }

    /**
     * Adds to {@code events[b]} and {@code samples[b]} the samples of bin b = bins[i] (negative: skipped) and whether
     * values[i] &gt; threshold; P_R(b) = events[b] / samples[b] after all frames are added ({@link #fractions}).
     */
    public static void eventFractionPerBin(int[] bins, double[] values, double threshold, long[] events,
                                           long[] samples) {
        for (int i = 0; i < bins.length; i++) {
            int b = bins[i];
            if (b < 0 || Double.isNaN(values[i])) {
                continue;
            }
            samples[b]++;
            if (values[i] > threshold) {
                events[b]++;
            }
        }
    }

    /** events / samples per bin (NaN for empty bins). */
    public static double[] fractions(long[] events, long[] samples) {
        double[] f = new double[events.length];
        for (int b = 0; b < f.length; b++) {
            f[b] = samples[b] > 0 ? (double) events[b] / samples[b] : Double.NaN;
        }
        return f;
    }
}
