package glassworks.md.meso;

import glassworks.md.dynamics.Trajectory;

/**
 * Mean squared displacement and Einstein diffusion constant of a subset of particles (seed 000, Fig. 6c,d: "collected
 * core particles from each domain are then used to compute mean-square displacements to get diffusion constant by
 * Einstein relation"), from one time origin, the first frame of the window, to each later frame.
 *
 * <p><b>Input</b> is an unwrapped {@link Trajectory} (the frames table's convention; wrapped coordinates are converted
 * with {@link glassworks.md.dynamics.Unwrapper} first), usually the analysed frames of one run; the lag of frame f is
 * t_f - t_0 [tau].
 *
 * <p><b>Estimator.</b> D is the slope of MSD against lag by least squares through the origin, divided by 2d:
 * D = sum_f t_f MSD(t_f) / (2 d sum_f t_f^2) over the frames f &ge; 1 (the MSD is 0 at lag 0 by construction, so an
 * intercept would only absorb the short-time ballistic and cage parts; no intercept keeps D defined with a single
 * lag). That slope is linear in the MSD, and the MSD is the mean of the particles' squared displacements, so D is
 * exactly the mean over the subset of each particle's own D_i = sum_f t_f dr_i^2(t_f) / (2 d sum_f t_f^2). Its
 * standard error is the standard deviation of the D_i over sqrt(m): honest for independent particles, which a
 * residual-based error of the MSD line is not (the MSD at different lags from one origin are strongly correlated).
 * Particles in one domain move together to some extent, so read the error as a lower bound there.
 *
 * <p><b>Physics caveat.</b> In a glass over a window shorter than the structural relaxation the MSD sits on the cage
 * plateau, and this slope is then (plateau height) / (window) rather than a long-time diffusion constant: compare
 * states and domains at equal windows only.
 */
public final class SubsetDiffusion {
    private SubsetDiffusion() {
    }

    /**
     * MSD from the first frame.
     *
     * @param lag       t_f - t_0 for frames f = 1 .. F-1 [tau]
     * @param msd       mean over the subset of |r_i(t_f) - r_i(t_0)|^2 [sigma^2]
     * @param error     standard error of each MSD over the subset's particles (NaN with fewer than 2)
     * @param particles subset size m
     */
    public record Msd(double[] lag, double[] msd, double[] error, int particles) {
    }

    /**
     * A diffusion constant.
     *
     * @param diffusion   D = mean_i D_i [sigma^2 / tau]
     * @param error       standard error sd(D_i) / sqrt(m) (NaN with fewer than 2 particles)
     * @param particles   m
     * @param lags        number of lags fitted (frames - 1)
     * @param perParticle D_i per subset member, in the members' order (the distribution of Fig. 6c,d)
     */
    public record Estimate(double diffusion, double error, int particles, int lags, double[] perParticle) {
    }

    /** Squared displacement of particle i from frame 0 to frame f (unwrapped coordinates). */
    static double squaredDisplacement(Trajectory t, int f, int i) {
        double dx = t.x(f)[i] - t.x(0)[i];
        double dy = t.y(f)[i] - t.y(0)[i];
        double d2 = dx * dx + dy * dy;
        if (t.dims() == 3) {
            double dz = t.z(f)[i] - t.z(0)[i];
            d2 += dz * dz;
        }
        return d2;
    }

    /** MSD of {@code members} from the first frame to every later frame. */
    public static Msd msd(Trajectory t, int[] members) {
        check(t, members);
        int lags = t.frames() - 1;
        double[] lag = new double[lags];
        double[] msd = new double[lags];
        double[] err = new double[lags];
        int m = members.length;
        for (int f = 1; f < t.frames(); f++) {
            double s = 0;
            double s2 = 0;
            for (int i : members) {
                double d2 = squaredDisplacement(t, f, i);
                s += d2;
                s2 += d2 * d2;
            }
            double mean = s / m;
            lag[f - 1] = t.time(f) - t.time(0);
            msd[f - 1] = mean;
            err[f - 1] = m > 1 ? Math.sqrt(Math.max(0, (s2 - m * mean * mean) / (m - 1)) / m) : Double.NaN;
        }
        return new Msd(lag, msd, err, m);
    }

    /** Einstein D of {@code members} by the line through the origin (see the class comment). */
    public static Estimate diffusion(Trajectory t, int[] members) {
        check(t, members);
        int d = t.dims();
        double stt = 0;
        for (int f = 1; f < t.frames(); f++) {
            double lag = t.time(f) - t.time(0);
            stt += lag * lag;
        }
        int m = members.length;
        double[] perParticle = new double[m];
        double sum = 0;
        for (int k = 0; k < m; k++) {
            int i = members[k];
            double sty = 0;
            for (int f = 1; f < t.frames(); f++) {
                sty += (t.time(f) - t.time(0)) * squaredDisplacement(t, f, i);
            }
            perParticle[k] = sty / (2.0 * d * stt);
            sum += perParticle[k];
        }
        double mean = sum / m;
        double error = Double.NaN;
        if (m > 1) {
            double ss = 0;
            for (double di : perParticle) {
                ss += (di - mean) * (di - mean);
            }
            error = Math.sqrt(ss / (m - 1) / m);
        }
        return new Estimate(mean, error, m, t.frames() - 1, perParticle);
    }

    private static void check(Trajectory t, int[] members) {
        if (t.frames() < 2) {
            throw new IllegalArgumentException("a displacement needs at least two frames, got " + t.frames());
        }
        if (members.length == 0) {
            throw new IllegalArgumentException("no particles in the subset");
        }
        for (int i : members) {
            if (i < 0 || i >= t.n()) {
                throw new IllegalArgumentException("particle " + i + " is not in the trajectory of " + t.n());
            }
        }
    }
}
