package glassworks.md.structure;

import glassworks.md.FrameView;
import glassworks.md.analysis.RadialDistribution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Robust maxima and minima of a radial distribution function g(r) sampled on a uniform grid (a partial or the total
 * histogram of {@link RadialDistribution}, one frame or averaged over many), and what is derived from them: the first
 * minimum after the main peak (the usual neighbour cutoff r^c_ab), the species-pair cutoff matrix, and the shell
 * centres of weighted coordination numbers.
 *
 * <p><b>Method.</b>
 * <ol>
 *   <li>Smoothing: a Savitzky-Golay local quadratic least-squares fit over a window of 2h + 1 bins,
 *       h = max(2, round({@link Options#smoothing()} / dr)) (default smoothing 0.05, i.e. a window of about
 *       +-0.05 sigma). A local quadratic reproduces a parabola exactly, so unlike a Gaussian kernel it does not move the
 *       extrema of the strongly asymmetric first peak; it also gives the first derivative directly. No values are
 *       produced within h bins of either end of the grid, so features there are not found.</li>
 *   <li>First rise: extrema are searched only from the first bin where the smoothed g reaches
 *       {@link Options#riseFraction()} times its maximum <i>and stays there</i> for 2h + 1 bins, so an isolated pair in
 *       a sparse bin inside the core (large g from a tiny shell volume) is not taken for the rise.</li>
 *   <li>Candidates: sign changes of the smoothed derivative (runs of exactly zero derivative are skipped), located
 *       to sub-bin precision by linear interpolation of the derivative's zero; the value there comes from the local
 *       quadratic. The searched range is framed by two boundary points, the rise (minimum-like: g climbs after it)
 *       and the last smoothed bin (of the kind opposite to the last candidate).</li>
 *   <li>Prominence: the alternating sequence is simplified by repeatedly removing the adjacent pair with the smallest
 *       height difference while that difference is below the pair's threshold (1D topological persistence: this
 *       always keeps the higher maximum and the lower minimum). A boundary is never removed: it loses its interior
 *       partner and changes kind, so noise just before the end of the grid cannot leave a lone feature behind. The
 *       threshold of a pair is the larger of {@link Options#minProminence()} and {@link Options#noiseFactor()} times
 *       the estimated standard deviation of the difference of two smoothed values there; the noise is estimated
 *       locally from the raw-minus-smoothed residual (RMS over a window of +-max(4h, 25) bins, shifted inwards at the
 *       ends of the grid, corrected for the fit), so sparse, noisy bins demand larger features.</li>
 *   <li>Refinement: each surviving extremum is re-located on the raw g by a least-squares quadratic over a window of
 *       half-width max(h bins, {@link #REFINE_FRACTION} times the distance to its nearest surviving neighbour, the
 *       rise counting as the first peak's left neighbour), re-centred once on its vertex: broad weak extrema need the
 *       wider window against noise, sharp ones keep the narrow one. Position and value are the parabola's vertex.</li>
 * </ol>
 * Each feature's {@link Feature#prominence()} is its smaller height difference to its surviving neighbours
 * (boundaries included). Measured on a damped sine (extrema 0.5 apart, dr = 0.02): clean, positions within 0.005
 * (a quarter bin); with Gaussian noise 0.01 per bin, extrema of amplitude above 0.15 within one bin.
 * A shoulder (an inflection without a sign change of the slope, such as the split second peak of a deeply supercooled
 * liquid) is not a feature.
 */
public final class RadialFeatures {
    /**
     * Half-width of the refinement fit as a fraction of the distance to the nearest neighbouring extremum. 0.3 was
     * chosen on the damped-sine test g(r) (extrema 0.5 apart, dr = 0.02): a shape bias of 0.005 (a quarter bin) against
     * the best noise rejection of 0.2 - 0.35; a cubic fit removes the bias but doubles the noise.
     */
    public static final double REFINE_FRACTION = 0.3;
    /** Least half-width [bins] of the window over which the local noise is estimated (fewer points misjudge it). */
    static final int NOISE_SPAN = 25;

    /** Maximum or minimum. */
    public enum Kind { MAXIMUM, MINIMUM }

    /**
     * One extremum of g.
     *
     * @param r          position [units of the grid, sigma]
     * @param g          smoothed g at r
     * @param kind       maximum or minimum
     * @param prominence smaller height difference to the neighbouring surviving extrema (g units)
     */
    public record Feature(double r, double g, Kind kind, double prominence) {
    }

    /**
     * Tuning, all with documented defaults ({@link #DEFAULTS}).
     *
     * @param smoothing     Savitzky-Golay half-window [r units]; default 0.05 (at least 2 bins are used)
     * @param minProminence absolute floor of the prominence threshold [g units]; default 0.02
     * @param noiseFactor   prominence threshold in units of the local noise of a difference of two smoothed values;
     *                      default 4
     * @param riseFraction  the first rise is where smoothed g first reaches this fraction of its maximum (and stays);
     *                      default 0.1
     */
    public record Options(double smoothing, double minProminence, double noiseFactor, double riseFraction) {
        /** smoothing 0.05, minProminence 0.02, noiseFactor 4, riseFraction 0.1. */
        public static final Options DEFAULTS = new Options(0.05, 0.02, 4.0, 0.1);

        public Options {
            if (!(smoothing >= 0) || !(minProminence >= 0) || !(noiseFactor >= 0)
                    || !(riseFraction > 0 && riseFraction < 1)) {
                throw new IllegalArgumentException("radial feature options out of range: smoothing " + smoothing
                        + " >= 0, minProminence " + minProminence + " >= 0, noiseFactor " + noiseFactor
                        + " >= 0, riseFraction " + riseFraction + " in (0, 1)");
            }
        }
    }

    private final double[] r;
    private final double[] smooth;
    private final double rise;
    private final int halfWindow;
    private final List<Feature> features;

    private RadialFeatures(double[] r, double[] smooth, double rise, int halfWindow, List<Feature> features) {
        this.r = r;
        this.smooth = smooth;
        this.rise = rise;
        this.halfWindow = halfWindow;
        this.features = features;
    }

    /** Features of g sampled at the uniform bin centres r, default options. */
    public static RadialFeatures of(double[] r, double[] g) {
        return of(r, g, Options.DEFAULTS);
    }

    /**
     * Features of g sampled at the bin centres r (uniform spacing, increasing).
     *
     * @throws IllegalArgumentException for mismatched lengths, a non-uniform grid, or too few bins for the window
     */
    public static RadialFeatures of(double[] r, double[] g, Options options) {
        if (r.length != g.length) {
            throw new IllegalArgumentException("r and g differ in length: " + r.length + " vs " + g.length);
        }
        int n = r.length;
        if (n < 7) {
            throw new IllegalArgumentException("need at least 7 bins to locate g(r) features, got " + n);
        }
        double dr = (r[n - 1] - r[0]) / (n - 1);
        for (int k = 1; k < n; k++) {
            if (!(Math.abs(r[k] - r[k - 1] - dr) <= 1e-6 * dr)) {
                throw new IllegalArgumentException("the r grid must be uniform and increasing; bin " + k + " is at "
                        + r[k] + " after " + r[k - 1] + " (spacing " + dr + ")");
            }
        }
        int h = Math.max(2, (int) Math.round(options.smoothing() / dr));
        if (2 * h + 1 > n) {
            throw new IllegalArgumentException("smoothing window of " + (2 * h + 1) + " bins exceeds the " + n
                    + " bins of g(r): use more bins or a smaller smoothing width");
        }
        // Savitzky-Golay quadratic: y ~ a + b t + c t^2 over t = -h..h (in bins); the moments decouple b from (a, c)
        double s0 = 2 * h + 1;
        double s2 = 0;
        double s4 = 0;
        for (int t = -h; t <= h; t++) {
            s2 += (double) t * t;
            s4 += (double) t * t * t * t;
        }
        double det = s0 * s4 - s2 * s2;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        boolean[] valid = new boolean[n];
        for (int k = h; k < n - h; k++) {
            double sy = 0;
            double sty = 0;
            double stty = 0;
            for (int t = -h; t <= h; t++) {
                double y = g[k + t];
                sy += y;
                sty += t * y;
                stty += (double) t * t * y;
            }
            a[k] = (s4 * sy - s2 * stty) / det;
            b[k] = sty / s2;
            c[k] = (s0 * stty - s2 * sy) / det;
            valid[k] = true;
        }
        double[] smooth = new double[n];
        for (int k = 0; k < n; k++) {
            smooth[k] = valid[k] ? a[k] : Double.NaN;
        }
        // local noise: residual RMS; for a linear smoother with central weight w0, E[res^2] = sigma^2 (1 - w0) and the
        // smoothed value has variance sigma^2 w0 (for least-squares smoothers sum w^2 = w0)
        double w0 = s4 / det;
        double[] noise = new double[n];
        int span = Math.max(4 * h, NOISE_SPAN);
        double[] res2 = new double[n + 1];
        for (int k = 0; k < n; k++) {
            double e = valid[k] ? g[k] - a[k] : 0;
            res2[k + 1] = res2[k] + e * e;
        }
        for (int k = h; k < n - h; k++) {
            // a window of full width where the grid allows: shifted inwards at the ends rather than halved
            int lo = Math.max(h, Math.min(k - span, n - h - 1 - 2 * span));
            int hi = Math.min(n - h - 1, lo + 2 * span);
            double rms = Math.sqrt((res2[hi + 1] - res2[lo]) / (hi - lo + 1));
            double sigmaRaw = rms / Math.sqrt(1 - w0);
            noise[k] = Math.sqrt(2 * w0) * sigmaRaw; // sd of a difference of two smoothed values
        }
        // first rise: smoothed g reaches riseFraction * max and stays there for a whole window
        double max = 0;
        for (int k = h; k < n - h; k++) {
            max = Math.max(max, a[k]);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("g(r) is zero everywhere on the grid: no features");
        }
        int riseIndex = -1;
        int run = 0;
        for (int k = h; k < n - h; k++) {
            run = a[k] >= options.riseFraction() * max ? run + 1 : 0;
            if (run == 2 * h + 1) {
                riseIndex = k - 2 * h;
                break;
            }
        }
        if (riseIndex < 0) {
            throw new IllegalArgumentException("g(r) never rises steadily above " + options.riseFraction()
                    + " of its maximum: no features (too few pairs or too narrow a grid)");
        }
        // candidates: derivative sign changes between consecutive bins of non-zero slope, framed by two boundary
        // pseudo-extrema (the rise, a minimum-like point since g climbs after it, and the last smoothed bin, of the
        // kind opposite to the last candidate) so that the end of the grid can cancel a noise extremum near it
        int last = n - h - 1;
        List<Extremum> seq = new ArrayList<>();
        seq.add(new Extremum(r[riseIndex], a[riseIndex], -1, riseIndex, true));
        int prev = -1;
        for (int k = riseIndex; k <= last; k++) {
            if (b[k] == 0) {
                continue;
            }
            if (prev >= 0 && Math.signum(b[k]) != Math.signum(b[prev])) {
                double f = b[prev] / (b[prev] - b[k]); // linear zero of the derivative between the bins
                double pos = r[prev] + f * (r[k] - r[prev]);
                int near = f <= 0.5 ? prev : k;
                double t = (pos - r[near]) / dr;
                seq.add(new Extremum(pos, a[near] + b[near] * t + c[near] * t * t, b[prev] > 0 ? 1 : -1, near, false));
            }
            prev = k;
        }
        seq.add(new Extremum(r[last], a[last], -seq.get(seq.size() - 1).kind, last, true));
        // persistence: drop the adjacent pair with the smallest height difference while it is below its threshold; a
        // boundary is never dropped, it loses its interior partner and changes kind (the slope between them was noise)
        while (true) {
            int best = -1;
            double bestDiff = Double.POSITIVE_INFINITY;
            for (int q = 0; q + 1 < seq.size(); q++) {
                Extremum e1 = seq.get(q);
                Extremum e2 = seq.get(q + 1);
                if (e1.boundary && e2.boundary) {
                    continue;
                }
                double diff = Math.abs(e1.g - e2.g);
                double threshold = Math.max(options.minProminence(),
                        options.noiseFactor() * Math.max(noise[e1.bin], noise[e2.bin]));
                if (diff < threshold && diff < bestDiff) {
                    best = q;
                    bestDiff = diff;
                }
            }
            if (best < 0) {
                break;
            }
            Extremum e1 = seq.get(best);
            Extremum e2 = seq.get(best + 1);
            if (e1.boundary) {
                seq.remove(best + 1);
                e1.kind = -e1.kind;
            } else if (e2.boundary) {
                seq.remove(best);
                e2.kind = -e2.kind;
            } else {
                seq.remove(best + 1);
                seq.remove(best);
            }
        }
        // refine each survivor on the raw data with a quadratic over a window matched to the feature's width
        // (REFINE_FRACTION of the distance to its nearest surviving neighbour, at least the smoothing window): broad,
        // weak extrema get many points against noise, sharp ones few against shape bias
        for (int q = 1; q + 1 < seq.size(); q++) {
            Extremum e = seq.get(q);
            double width = REFINE_FRACTION * Math.min(e.r - seq.get(q - 1).r, seq.get(q + 1).r - e.r);
            refine(e, r, g, Math.max(h, (int) Math.round(width / dr)), dr);
        }
        List<Feature> out = new ArrayList<>();
        for (int q = 1; q + 1 < seq.size(); q++) {
            Extremum e = seq.get(q);
            double prom = Math.min(Math.abs(e.g - seq.get(q - 1).g), Math.abs(e.g - seq.get(q + 1).g));
            out.add(new Feature(e.r, e.g, e.kind > 0 ? Kind.MAXIMUM : Kind.MINIMUM, prom));
        }
        return new RadialFeatures(r.clone(), smooth, r[riseIndex], h, Collections.unmodifiableList(out));
    }

    /** A candidate extremum (kind +1 maximum, -1 minimum) or a boundary of the searched range. */
    private static final class Extremum {
        double r;
        double g;
        int kind;
        final int bin;
        final boolean boundary;

        Extremum(double r, double g, int kind, int bin, boolean boundary) {
            this.r = r;
            this.g = g;
            this.kind = kind;
            this.bin = bin;
            this.boundary = boundary;
        }
    }

    /**
     * Least-squares quadratic through raw g over bins k0 - m .. k0 + m around the extremum, re-centred once on its
     * vertex; kept only when the parabola bends the right way and its vertex stays well inside the window.
     */
    private static void refine(Extremum e, double[] r, double[] g, int m, double dr) {
        int n = r.length;
        for (int pass = 0; pass < 2; pass++) {
            int k0 = (int) Math.round((e.r - r[0]) / dr);
            int half = Math.min(m, Math.min(k0, n - 1 - k0));
            if (half < 2) {
                return;
            }
            double s0 = 2 * half + 1;
            double s2 = 0;
            double s4 = 0;
            double sy = 0;
            double sty = 0;
            double stty = 0;
            for (int t = -half; t <= half; t++) {
                double y = g[k0 + t];
                double t2 = (double) t * t;
                s2 += t2;
                s4 += t2 * t2;
                sy += y;
                sty += t * y;
                stty += t2 * y;
            }
            double det = s0 * s4 - s2 * s2;
            double a = (s4 * sy - s2 * stty) / det;
            double b = sty / s2;
            double c = (s0 * stty - s2 * sy) / det;
            if (!(c * e.kind < 0)) {
                return;
            }
            double t = -b / (2 * c);
            if (!(Math.abs(t) <= 0.5 * half)) {
                return;
            }
            e.r = r[k0] + t * dr;
            e.g = a + b * t + c * t * t;
        }
    }

    /** Features of one pair channel of accumulated (e.g. frame-averaged) g [pair][bin] on {@code rdf}'s grid. */
    public static RadialFeatures of(RadialDistribution rdf, double[][] g, int pair, Options options) {
        return of(centres(rdf), g[pair], options);
    }

    /** All surviving extrema, in increasing r, alternating maximum and minimum. */
    public List<Feature> features() {
        return features;
    }

    /** The first {@code count} extrema (fewer if fewer exist). */
    public List<Feature> features(int count) {
        return features.subList(0, Math.min(count, features.size()));
    }

    /** Where g first rises (features are sought from here on) [r units]. */
    public double rise() {
        return rise;
    }

    /** Savitzky-Golay half-window actually used [bins]. */
    public int halfWindow() {
        return halfWindow;
    }

    /** The smoothed g on the input grid (NaN within the half-window of either end). */
    public double[] smoothed() {
        return smooth.clone();
    }

    /** The first maximum (the first peak of g). */
    public Feature firstMaximum() {
        for (Feature f : features) {
            if (f.kind() == Kind.MAXIMUM) {
                return f;
            }
        }
        throw new IllegalArgumentException("g(r) has no maximum above the noise on this grid (up to r = "
                + r[r.length - 1] + "): accumulate more frames or extend r_max");
    }

    /** The highest maximum (the main peak; for a liquid's partial g the first peak). */
    public Feature highestMaximum() {
        Feature best = null;
        for (Feature f : features) {
            if (f.kind() == Kind.MAXIMUM && (best == null || f.g() > best.g())) {
                best = f;
            }
        }
        if (best == null) {
            firstMaximum(); // throws with the message
        }
        return best;
    }

    /**
     * The usual neighbour cutoff r^c_ab (seed 002, section 2.1: "the first minimum of the partial g_ab"): the first
     * minimum after the highest maximum, which is partycls's rule (argmin of g after its global maximum) made robust
     * to noise. For every KA partial the highest maximum is the first one, so this is simply the first minimum. The
     * rule matters for the total g of a mixture at fine resolution: the KA total g (dr = 0.01) has a small AB peak at
     * 0.88 and a dip at 0.93 before the main AA peak at 1.05, and the cutoff wanted is the minimum at 1.4 after the
     * main peak, not the dip. For the strict first extrema read {@link #features()}.
     */
    public Feature firstMinimum() {
        Feature peak = highestMaximum();
        for (Feature f : features) {
            if (f.kind() == Kind.MINIMUM && f.r() > peak.r()) {
                return f;
            }
        }
        throw new IllegalArgumentException("g(r) has no minimum after its main peak (at r = " + peak.r() + ") on this "
                + "grid (up to r = " + r[r.length - 1] + "): extend r_max or accumulate more frames");
    }

    /**
     * The positions of the first {@code count} extrema, maxima and minima together in increasing r: the centres of
     * the Gaussian shells of the weighted coordination numbers of seed 000 (section II.B). The paper's rule, quoted:
     * "Using the relevant solvation shell features as identified maxima and minima along the radial distribution
     * function, the normalized Gaussian distribution functions are placed at the center of these shell features" and
     * "the dimension of the WCN vector is determined by the number of shells reasonably covering the main features of
     * the g(r), N = 12 in Fig. 1a". It uses the total g(r) ("the A/B identity of the particles is ignored") and says no
     * more about which features count; here they are the extrema that survive the prominence test, starting with the
     * first peak (the core before the first rise has none).
     *
     * @throws IllegalArgumentException when fewer than {@code count} features are found (say how many, and how to get
     *                                  more: a longer r_max or more frames)
     */
    public double[] shellFeatures(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shell count must be at least 1, got " + count);
        }
        if (features.size() < count) {
            throw new IllegalArgumentException("g(r) has only " + features.size() + " extrema above the noise up to r = "
                    + r[r.length - 1] + ", " + count + " shells requested: extend r_max, use more frames, or ask for "
                    + "fewer shells");
        }
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = features.get(k).r();
        }
        return out;
    }

    /**
     * The symmetric species-pair cutoff matrix r^c_ab = {@link #firstMinimum()} of g_ab, from accumulated (e.g.
     * frame-averaged) partials {@code g[pair][bin]} on {@code rdf}'s grid (pair channels as
     * {@link RadialDistribution#pairIndex}).
     *
     * @throws IllegalArgumentException naming the pair whose g has no first minimum
     */
    public static double[][] cutoffs(RadialDistribution rdf, double[][] g, Options options) {
        int species = species(rdf);
        double[] centres = centres(rdf);
        double[][] rc = new double[species][species];
        for (int a = 0; a < species; a++) {
            for (int bb = a; bb < species; bb++) {
                int p = rdf.pairIndex(a, bb);
                double v;
                try {
                    v = of(centres, g[p], options).firstMinimum().r();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("no cutoff for pair " + rdf.pairLabel(p) + ": " + e.getMessage(), e);
                }
                rc[a][bb] = v;
                rc[bb][a] = v;
            }
        }
        return rc;
    }

    /** {@link #cutoffs(RadialDistribution, double[][], Options)} with default options. */
    public static double[][] cutoffs(RadialDistribution rdf, double[][] g) {
        return cutoffs(rdf, g, Options.DEFAULTS);
    }

    /** The cutoff matrix from g averaged over {@code frames} (same model; each frame's g weighs equally). */
    public static double[][] cutoffs(RadialDistribution rdf, List<FrameView> frames, Options options) {
        return cutoffs(rdf, meanG(rdf, frames), options);
    }

    /**
     * The cutoff matrix of one frame, from its partials on {@code bins} bins up to {@code rMax} (at most half the box;
     * e.g. rMax 3.0, bins 300), default options.
     */
    public static double[][] cutoffs(FrameView frame, int species, double rMax, int bins) {
        RadialDistribution rdf = new RadialDistribution(species, rMax, bins);
        return cutoffs(rdf, rdf.compute(frame).g(), Options.DEFAULTS);
    }

    /** g [pair][bin] averaged over frames (each frame weighs equally, as in the rdf job). */
    public static double[][] meanG(RadialDistribution rdf, List<FrameView> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to average g(r) over");
        }
        double[][] sum = new double[rdf.pairs()][rdf.bins()];
        for (FrameView f : frames) {
            double[][] g = rdf.compute(f).g();
            for (int p = 0; p < sum.length; p++) {
                for (int k = 0; k < sum[p].length; k++) {
                    sum[p][k] += g[p][k] / frames.size();
                }
            }
        }
        return sum;
    }

    /** Bin centres of {@code rdf}'s grid. */
    public static double[] centres(RadialDistribution rdf) {
        double[] c = new double[rdf.bins()];
        for (int k = 0; k < c.length; k++) {
            c[k] = 0.5 * (rdf.binLo(k) + rdf.binHi(k));
        }
        return c;
    }

    /** Number of species of a RadialDistribution: pairs() = s (s + 1) / 2 + 1. */
    private static int species(RadialDistribution rdf) {
        int s = 1;
        while (s * (s + 1) / 2 + 1 < rdf.pairs()) {
            s++;
        }
        return s;
    }
}
