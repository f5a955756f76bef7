package glassworks.md.structure;

import glassworks.md.FrameView;
import glassworks.md.PairModel;
import glassworks.md.analysis.RadialDistribution;

import java.util.List;
import java.util.Locale;

/**
 * The structure of a system at one state point, accumulated from a few frames: the partial and total g(r) and the
 * features read off them ({@link RadialFeatures}), which set the parameters that seed papers take from g(r) — pair
 * cutoffs at the first minimum of g_ab (bond orders, seed 002), the positions of the total g(r)'s maxima and minima
 * (seed 000's weighted-coordination shells), the first and second minima of the total g(r) (neighbour averages of seeds
 * 000 and 004). Descriptor parameters resolved from it are recorded with their values, so results stay reproducible
 * without it.
 *
 * <p>g(r) is histogrammed up to {@link #MAX_R} (or half the shortest box edge, if smaller) in bins of {@link #BIN}.
 */
public final class StructureReference {
    /** Largest r histogrammed [sigma]: room for seed 000's 12 features in dense liquids. */
    public static final double MAX_R = 8.0;
    /** Bin width [sigma]. */
    public static final double BIN = 0.02;

    private final PairModel model;
    private final int species;
    private RadialDistribution rdf;
    private double[][] gSum;
    private int frames;

    /** @param model the model of the frames (species, and sigma_ab for pairs too rare to resolve) */
    public StructureReference(PairModel model) {
        this.model = model;
        this.species = model.speciesCount();
    }

    /** Adds one frame's g(r) (all frames must share the model; the grid is fixed by the first frame's box). */
    public void add(FrameView f) {
        if (rdf == null) {
            double half = 0.5 * (f.dims() == 3 ? Math.min(f.boxX(), Math.min(f.boxY(), f.boxZ())) : Math.min(f.boxX(), f.boxY()));
            double rMax = Math.min(MAX_R, Math.floor(half / BIN) * BIN);
            rdf = new RadialDistribution(species, rMax, (int) Math.round(rMax / BIN));
            gSum = new double[rdf.pairs()][rdf.bins()];
        }
        double[][] g = rdf.compute(f).g();
        for (int p = 0; p < g.length; p++) {
            for (int k = 0; k < g[p].length; k++) {
                gSum[p][k] += g[p][k];
            }
        }
        frames++;
    }

    /** Frames accumulated. */
    public int frames() {
        return frames;
    }

    private void requireFrames() {
        if (frames == 0) {
            throw new IllegalStateException("no frames in the structure reference: add at least one frame");
        }
    }

    /** Bin centres [sigma]. */
    public double[] r() {
        requireFrames();
        return RadialFeatures.centres(rdf);
    }

    /** Frame-averaged g_ab(r) (a, b species indices). */
    public double[] g(int a, int b) {
        return mean(rdf.pairIndex(a, b));
    }

    /** Frame-averaged total g(r). */
    public double[] gTotal() {
        requireFrames();
        return mean(rdf.pairs() - 1);
    }

    private double[] mean(int pair) {
        requireFrames();
        double[] out = new double[rdf.bins()];
        for (int k = 0; k < out.length; k++) {
            out[k] = gSum[pair][k] / frames;
        }
        return out;
    }

    /** Largest r of the grid [sigma]. */
    public double rMax() {
        requireFrames();
        return rdf.binHi(rdf.bins() - 1);
    }

    /**
     * r^c_ab = first minimum of g_ab (after its highest peak) for every species pair [sigma] (symmetric). A pair too
     * rare for its g_ab to show a minimum above the noise of the sampled frames (e.g. KA's B-B contacts in a small
     * sample) takes the best-sampled pair's cutoff scaled by sigma_ab / sigma_ref, and {@link #notes()} says so; more
     * frames (--reference-frames) or explicit cutoffs avoid it.
     */
    public double[][] firstMinima() {
        requireFrames();
        double[][] rc = new double[species][species];
        boolean[][] found = new boolean[species][species];
        int refA = -1;
        int refB = -1;
        long best = -1;
        notes.clear();
        for (int a = 0; a < species; a++) {
            for (int b = a; b < species; b++) {
                try {
                    rc[a][b] = RadialFeatures.of(r(), mean(rdf.pairIndex(a, b))).firstMinimum().r();
                    rc[b][a] = rc[a][b];
                    found[a][b] = true;
                    long pairs = pairCount(a, b);
                    if (pairs > best) {
                        best = pairs;
                        refA = a;
                        refB = b;
                    }
                } catch (IllegalArgumentException e) {
                    found[a][b] = false;
                }
            }
        }
        if (refA < 0) {
            throw new IllegalArgumentException("no species pair's g(r) shows a first minimum in " + frames + " frame(s) "
                    + "up to r = " + rMax() + " sigma: sample more frames or give the cutoffs explicitly");
        }
        for (int a = 0; a < species; a++) {
            for (int b = a; b < species; b++) {
                if (!found[a][b]) {
                    rc[a][b] = rc[refA][refB] * model.sigma(a, b) / model.sigma(refA, refB);
                    rc[b][a] = rc[a][b];
                    notes.add(String.format(Locale.ROOT, "g_%s has no clear first minimum in %d frame(s): r^c = %.3f, "
                            + "scaled from r^c_%s by sigma", rdf.pairLabel(rdf.pairIndex(a, b)), frames, rc[a][b],
                            rdf.pairLabel(rdf.pairIndex(refA, refB))));
                }
            }
        }
        return rc;
    }

    /** Pairs of species a, b counted in the sampled frames (the larger, the better resolved g_ab). */
    private long pairCount(int a, int b) {
        double fa = model.fraction(a);
        double fb = model.fraction(b);
        return Math.round(1e9 * (a == b ? fa * fa : 2 * fa * fb));
    }

    /** What the last resolution had to approximate (empty when every pair was resolved). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    private final List<String> notes = new java.util.ArrayList<>();

    /** Features (extrema) of the total g(r), in increasing r. */
    public List<RadialFeatures.Feature> totalFeatures() {
        return RadialFeatures.of(r(), gTotal()).features();
    }

    /**
     * How seed 000's shell features are read: g(r) smoothed over +-0.1 sigma (twice the default), so that a shoulder
     * closer than that to a peak is not a shell of its own. In Kob-Andersen's total g(r) the A-B contact peak (0.88
     * sigma) sits 0.17 sigma before the A-A peak (1.05 sigma); resolved as two shells it would give Gaussians 0.017 sigma
     * wide, counting noise. The split second peak of a glass (maxima ~0.3 sigma apart) stays split.
     */
    public static final RadialFeatures.Options SHELL_OPTIONS = new RadialFeatures.Options(0.1, 0.02, 4.0, 0.1);

    /** Seed 000's shell features: the extrema of the total g(r) read with {@link #SHELL_OPTIONS}, in increasing r. */
    public List<RadialFeatures.Feature> shellFeatureList() {
        return RadialFeatures.of(r(), gTotal(), SHELL_OPTIONS).features();
    }

    /** The first {@code count} of {@link #shellFeatureList()}: seed 000's shell centres [sigma]. */
    public double[] shellFeatures(int count) {
        return RadialFeatures.of(r(), gTotal(), SHELL_OPTIONS).shellFeatures(count);
    }

    /** First minimum of the total g(r) [sigma]. */
    public double firstMinimum() {
        return RadialFeatures.of(r(), gTotal()).firstMinimum().r();
    }

    /**
     * Second minimum of the total g(r) [sigma] (Boattini's averaging radius): the first minimum beyond
     * {@link #firstMinimum()}, which follows the highest peak (in KA's total g(r) a small A-B peak and dip come before
     * the main peak; they are not shells of the averaging).
     */
    public double secondMinimum() {
        double first = firstMinimum();
        for (RadialFeatures.Feature f : totalFeatures()) {
            if (f.kind() == RadialFeatures.Kind.MINIMUM && f.r() > first) {
                return f.r();
            }
        }
        throw new IllegalArgumentException("the total g(r) has no second minimum up to r = " + rMax()
                + " sigma: use a larger system or give the averaging radius explicitly");
    }

    /** One line for logs: frames, first peak and minimum of the total g(r), pair cutoffs. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        RadialFeatures total = RadialFeatures.of(r(), gTotal());
        s.append(String.format(Locale.ROOT, "total g(r) main peak %.3f, first minimum %.3f; r^c_ab",
                total.highestMaximum().r(), total.firstMinimum().r()));
        try {
            double[][] rc = firstMinima();
            for (int a = 0; a < species; a++) {
                for (int b = a; b < species; b++) {
                    s.append(String.format(Locale.ROOT, " %s=%.3f", rdf.pairLabel(rdf.pairIndex(a, b)), rc[a][b]));
                }
            }
        } catch (IllegalArgumentException e) {
            s.append(" not all found (").append(e.getMessage()).append(')');
        }
        for (String note : notes) {
            s.append("; ").append(note);
        }
        return s.toString();
    }
}
