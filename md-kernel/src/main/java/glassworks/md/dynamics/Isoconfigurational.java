package glassworks.md.dynamics;

import glassworks.md.Box;

/**
 * Isoconfigurational propensities from R replica trajectories started from one configuration (same positions, fresh
 * velocities), added one replica at a time (memory: per-particle sums per requested time, never replicas x particles).
 * Times t are measured from each replica's first frame (the shared start); each requested t must match a stored frame
 * time within 1e-6 relative.
 *
 * <p>Per particle i and time t:
 * <ul>
 *   <li>{@code msd[t][i]} = &lt;|r_i(t) - r_i(0)|^2&gt;_iso and {@code meanDisplacement[t][i]} = &lt;|r_i(t) -
 *       r_i(0)|&gt;_iso (Bapst et al.'s / seed 003's 3D propensity R^i);</li>
 *   <li>{@code cb[t][i]} = &lt;n_t^i&gt;_iso / n_0^i = &lt;C_B^i&gt;_iso (seed 003's propensity; n_0 is the same in every
 *       replica, so both forms agree), with bond cutoffs set; NaN where n_0 = 0;</li>
 *   <li>{@code pr[t][i]} = the fraction of replicas in which the particle had an event (seed 004's p_r):
 *       {@link Event#DISPLACEMENT} |r_i(t) - r_i(0)| &gt; threshold; {@link Event#PHOP} p_hop(i, t) &gt; threshold,
 *       the instantaneous indicator at t (the digest's recommended reading; needs frames t - h .. t + h);
 *       {@link Event#PHOP_ANY} p_hop &gt; threshold at any frame centre in (0, t] where p_hop is defined (the
 *       cumulative variant behind the digest's flag). Seed 004's defaults: p_hop &gt; 0.2 at t = 25 tau, h = 5 frames of
 *       1 tau. Logit targets need p_r clipped to [1/(2R), 1 - 1/(2R)] ({@link Result#clippedLogit}). NaN at a time
 *       where a replica's frames do not define the event (p_hop at t needs frames t - h .. t + h; too early or too
 *       late a time): the propensities asked for at the same times are not lost for it.</li>
 * </ul>
 */
public final class Isoconfigurational {
    /** What counts as an event for p_r. */
    public enum Event { DISPLACEMENT, PHOP, PHOP_ANY }

    /**
     * Settings.
     *
     * @param times          times from the start [tau] at which the propensities are taken
     * @param bonds          bond-breaking cutoffs for C_B, or null
     * @param event          event definition of p_r
     * @param threshold      event threshold (|dr| [sigma] or p_hop [sigma^2])
     * @param halfWindow     p_hop half window [frames]
     * @param inclusive      p_hop windows both include the centre frame
     * @param startTolerance largest allowed |r_i(0)| difference between replicas' first frames [sigma]
     */
    public record Options(double[] times, BondBreaking.Cutoffs bonds, Event event, double threshold, int halfWindow,
                         boolean inclusive, double startTolerance) {
        public Options {
            if (times.length == 0 || event == null || !(threshold >= 0) || halfWindow < 1 || !(startTolerance >= 0)) {
                throw new IllegalArgumentException("iso options: need times, an event, threshold >= 0, half window >= 1 "
                        + "and start tolerance >= 0");
            }
            for (double t : times) {
                if (!(t > 0)) {
                    throw new IllegalArgumentException("iso times must be > 0, got " + t);
                }
            }
            times = times.clone();
        }

        /** Seed 004's p_r: p_hop &gt; 0.2, half window 5 frames, inclusive; no C_B; start tolerance 1e-6. */
        public static Options defaults(double... times) {
            return new Options(times, null, Event.PHOP, ParticleLabels.P_HOP_THRESHOLD,
                    ParticleLabels.HALF_WINDOW_FRAMES, true, 1e-6);
        }

        public Options withBonds(BondBreaking.Cutoffs c) {
            return new Options(times, c, event, threshold, halfWindow, inclusive, startTolerance);
        }

        public Options withEvent(Event e, double th) {
            return new Options(times, bonds, e, th, halfWindow, inclusive, startTolerance);
        }

        public Options withPHopWindow(int half, boolean incl) {
            return new Options(times, bonds, event, threshold, half, incl, startTolerance);
        }
    }

    /**
     * Per-particle iso averages, arrays [time][particle].
     *
     * @param times            the requested times
     * @param replicas         R
     * @param msd              &lt;|dr|^2&gt;_iso
     * @param meanDisplacement &lt;|dr|&gt;_iso
     * @param cb               &lt;C_B^i&gt;_iso (null without bond cutoffs)
     * @param n0               initial neighbours per particle (null without bond cutoffs)
     * @param pr               fraction of replicas with an event
     */
    public record Result(double[] times, int replicas, double[][] msd, double[][] meanDisplacement, double[][] cb,
                         int[] n0, double[][] pr) {
        /** logit p_r with p_r clipped to [1/(2R), 1 - 1/(2R)] (seed 004's regression target). */
        public double[] clippedLogit(int time) {
            double lo = 1.0 / (2 * replicas);
            double[] p = pr[time];
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                double v = Math.min(1 - lo, Math.max(lo, p[i]));
                out[i] = Math.log(v / (1 - v));
            }
            return out;
        }
    }

    private final Options o;
    private int n = -1;
    private int replicas;
    private double[] x0;
    private double[] y0;
    private double[] z0;
    private int[] species;
    private BondBreaking.Bonds bonds;
    private double[][] sumD2;
    private double[][] sumD;
    private double[][] sumSurvivors;
    private long[][] events;
    /** Times at which some replica's frames do not define the event: p_r is NaN there. */
    private boolean[] eventUndefined;
    private int[] survivors;

    public Isoconfigurational(Options options) {
        this.o = options;
    }

    /** Adds one replica trajectory (unwrapped; frame 0 the shared start). */
    public void add(Trajectory r) {
        int nt = o.times().length;
        if (n < 0) {
            n = r.n();
            x0 = r.x(0).clone();
            y0 = r.y(0).clone();
            z0 = r.z(0) == null ? null : r.z(0).clone();
            species = r.species().clone();
            sumD2 = new double[nt][n];
            sumD = new double[nt][n];
            events = new long[nt][n];
            eventUndefined = new boolean[nt];
            if (o.bonds() != null) {
                bonds = BondBreaking.initial(r.box(0), x0, y0, z0, n, species, o.bonds());
                sumSurvivors = new double[nt][n];
                survivors = new int[n];
            }
        } else {
            if (r.n() != n) {
                throw new IllegalArgumentException("replica has " + r.n() + " particles, the first " + n);
            }
            for (int i = 0; i < n; i++) {
                double d = Math.max(Math.abs(r.x(0)[i] - x0[i]), Math.abs(r.y(0)[i] - y0[i]));
                if (z0 != null) {
                    d = Math.max(d, Math.abs(r.z(0)[i] - z0[i]));
                }
                if (!(d <= o.startTolerance()) || r.species()[i] != species[i]) {
                    throw new IllegalArgumentException("replica " + replicas + " does not start from the first "
                            + "replica's configuration: particle " + i + " differs by " + d + " sigma (tolerance "
                            + o.startTolerance() + ") or in species");
                }
            }
        }
        boolean three = r.dims() == 3;
        double[] pHop = o.event() != Event.DISPLACEMENT ? new double[n] : null;
        for (int k = 0; k < nt; k++) {
            int f = frameAt(r, o.times()[k]);
            double[] x = r.x(f);
            double[] y = r.y(f);
            double[] z = r.z(f);
            double[] s2 = sumD2[k];
            double[] s1 = sumD[k];
            long[] ev = events[k];
            double th = o.threshold();
            for (int i = 0; i < n; i++) {
                double dx = x[i] - x0[i];
                double dy = y[i] - y0[i];
                double dz = three ? z[i] - z0[i] : 0;
                double d2 = dx * dx + dy * dy + dz * dz;
                double d = Math.sqrt(d2);
                s2[i] += d2;
                s1[i] += d;
                if (o.event() == Event.DISPLACEMENT && d > th) {
                    ev[i]++;
                }
            }
            if (o.event() == Event.PHOP && (f < o.halfWindow() || f > r.frames() - 1 - o.halfWindow())) {
                eventUndefined[k] = true;
            } else if (o.event() == Event.PHOP) {
                ParticleLabels.pHop(r, f, o.halfWindow(), o.inclusive(), pHop);
                for (int i = 0; i < n; i++) {
                    if (pHop[i] > th) {
                        ev[i]++;
                    }
                }
            } else if (o.event() == Event.PHOP_ANY) {
                boolean[] hit = new boolean[n];
                int h = o.halfWindow();
                int last = Math.min(f, r.frames() - 1 - h);
                if (last < Math.max(1, h)) {
                    eventUndefined[k] = true; // no frame in (0, t] where p_hop with this half window is defined
                }
                for (int c = Math.max(1, h); c <= last; c++) {
                    ParticleLabels.pHop(r, c, h, o.inclusive(), pHop);
                    for (int i = 0; i < n; i++) {
                        if (pHop[i] > th) {
                            hit[i] = true;
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    if (hit[i]) {
                        ev[i]++;
                    }
                }
            }
            if (bonds != null) {
                Box box = r.box(f);
                BondBreaking.survivors(bonds, box, x, y, z, species, o.bonds(), survivors);
                double[] ss = sumSurvivors[k];
                for (int i = 0; i < n; i++) {
                    ss[i] += survivors[i];
                }
            }
        }
        replicas++;
    }

    /** The frame whose time from frame 0 is {@code t} (within 1e-6 relative). */
    static int frameAt(Trajectory r, double t) {
        double t0 = r.time(0);
        int best = -1;
        double err = Double.POSITIVE_INFINITY;
        for (int f = 0; f < r.frames(); f++) {
            double e = Math.abs(r.time(f) - t0 - t);
            if (e < err) {
                err = e;
                best = f;
            }
        }
        if (!(err <= 1e-6 * Math.max(1, Math.abs(t)))) {
            throw new IllegalArgumentException("no frame at time " + t + " from the start (nearest " + (r.time(best) - t0)
                    + "): ask for stored times");
        }
        return best;
    }

    /** Replicas added so far. */
    public int replicas() {
        return replicas;
    }

    public Result result() {
        if (replicas == 0) {
            throw new IllegalStateException("no replicas added");
        }
        int nt = o.times().length;
        double[][] msd = new double[nt][n];
        double[][] md = new double[nt][n];
        double[][] pr = new double[nt][n];
        double[][] cb = bonds != null ? new double[nt][n] : null;
        int[] n0 = null;
        if (bonds != null) {
            n0 = new int[n];
            for (int i = 0; i < n; i++) {
                n0[i] = bonds.count(i);
            }
        }
        for (int k = 0; k < nt; k++) {
            for (int i = 0; i < n; i++) {
                msd[k][i] = sumD2[k][i] / replicas;
                md[k][i] = sumD[k][i] / replicas;
                pr[k][i] = eventUndefined[k] ? Double.NaN : (double) events[k][i] / replicas;
                if (cb != null) {
                    cb[k][i] = n0[i] > 0 ? sumSurvivors[k][i] / replicas / n0[i] : Double.NaN;
                }
            }
        }
        return new Result(o.times(), replicas, msd, md, cb, n0, pr);
    }
}
