package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.CellList;
import glassworks.md.FrameView;
import glassworks.md.Models;
import glassworks.md.PairModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GlassMLP structural descriptors of Jung, Biroli and Berthier (PRL 130, 238202 (2023); seed 003): per particle,
 * four observables coarse-grained with an exponential kernel at 16 lengths over each species and over all particles,
 * 4 x 16 x (3 + 1) = 256 features for the ternary 2D mixture {@code ka2d}. Family {@code cg}.
 *
 * <p><b>The paper's definition</b> (main text): "S&#772;_k^i = &Sigma;_{j&isin;N_&beta;} S_k^j e^{&minus;R_ij/L}, with
 * particle type &beta;, length scale L, distance R_ij = |R_i &minus; R_j| and particle positions in the inherent
 * structures", with K = 4 observables S_k^i = {E_pot^i, p^i, 1, (E_pot^i &minus; E&#772;_pot^i)^2}, E_pot^i =
 * &Sigma;_{j&ne;i} V(R_ij), p^i the Voronoi cell perimeter, L = {0.0, 0.5, ..., 7.5} (M_CG = 16), and "in addition to
 * coarse-graining the descriptors separately for each of the M_type types we also calculate the coarse-grained average
 * by iterating over all particles independently of type", so M_S = K M_CG (M_type + 1) = 4 &middot; 16 &middot; 4 =
 * 256.
 *
 * <p><b>Bare inputs.</b> Three per-particle quantities enter: the constant 1 (whose coarse-grained sum is a local
 * density), the potential energy E_j (the full pair sum, seed 003's convention: twice the kernel's half-split per-atom
 * energy, see {@link ParticleEnergies}) and the plain Voronoi perimeter p_j ({@link Voronoi2D}). The fourth observable,
 * the local energy variance, is derived from E and the kernel weights.
 *
 * <p><b>Normalisation</b> (not printed in the paper; digest section 3). {@link Normalisation#LOCAL_MEAN}, the default,
 * follows partycls's independent implementation ({@code JungDescriptor}): with w_ij = exp(&minus;r_ij/L) and the sums over
 * j of channel &beta; within the cutoff R_c, the particle itself included (r_ii = 0, weight 1) when it belongs to &beta;,
 * <pre>
 *   rho_i  = &Sigma;_j w_ij                                   (unnormalised: a local density)
 *   epot_i = &Sigma;_j w_ij E_j / rho_i                       (weighted local mean energy)
 *   perim_i = &Sigma;_j w_ij p_j / rho_i                      (weighted local mean perimeter)
 *   varE_i = &Sigma;_j w_ij (E_j &minus; epot_i)^2 / rho_i   (weighted local variance of E around that mean)
 * </pre>
 * and epot = perim = varE = 0 where rho_i = 0 (no particle of &beta; within R_c, or L = 0 for a foreign species).
 * {@link Normalisation#LITERAL} reads the printed formula literally: unnormalised sums rho = &Sigma; w, epot = &Sigma; w E_j,
 * perim = &Sigma; w p_j, and varE = &Sigma;_j w_ij (E_j &minus; E&#772;_j)^2 with E&#772;_j particle j's own weighted local mean
 * (the LOCAL_MEAN epot of j at the same L and &beta;; the unnormalised sum is not an energy, so it cannot be the centre).
 *
 * <p><b>L = 0</b> is the limit L &rarr; 0+: the particle itself has weight 1 and every other particle 0, so for its own
 * species and the "all" channel rho = 1, epot = E_i, perim = p_i, varE = 0, and 0 everywhere for the other species
 * (constant columns; a scaler must map zero-variance columns to 0).
 *
 * <p><b>Cutoff R_c</b> (not given by the paper): one fixed value for every system size, by default half the published
 * N = 1290 box, 32.896 / 2 = 16.448 (digest's recommendation: a truncated exp(&minus;r/7.5) keeps only 64 % of its 2D
 * weight there, so letting R_c follow the box would make large-N features differ). It must be at most half the box
 * (minimum image).
 *
 * <p><b>Feature order</b> (digest, after partycls): for each L, for each channel (species in model order, then
 * {@code all}), the four observables [rho, epot, perim, varE]; names {@code rho_A(L=2.0)}, {@code epot_all(L=7.5)},
 * {@code perim_B(L=0.5)}, {@code varE_C(L=0.0)}.
 *
 * <p><b>Dimensions.</b> The frame path is 2D only: seed 003's 3D variant replaces the perimeter by the Voronoi surface
 * area s_i (SM section VI), which this project does not compute, so 3D frames are refused. The coarse-graining itself
 * ({@link #coarseGrain}) is dimension-agnostic and takes any per-particle cell measure.
 *
 * <p><b>Algorithm.</b> One sweep over the pairs within R_c of the kernel's {@link CellList} (each pair once, O(N x
 * neighbours)), accumulating weighted moments straight into the output rows; energies are accumulated relative to the
 * central particle's own E_i so the one-pass variance does not cancel catastrophically. Memory is the output plus
 * O(N): at R_c = 16.448 a particle has ~1000 partners, too many to hold as {@link Neighbours} rows for large N. LITERAL
 * needs a second sweep for its variance.
 */
public final class CoarseGrained implements Descriptor {
    private static final long serialVersionUID = 1L;

    /** Family name on the command line and in the table. */
    public static final String FAMILY = "cg";
    /** Seed 003's coarse-graining lengths L = 0.0, 0.5, ..., 7.5 [sigma] (M_CG = 16). */
    public static final List<Double> DEFAULT_LENGTHS;
    /** Default R_c: half the published N = 1290 KA2D box, 16.448 sigma, fixed for every system size. */
    public static final double DEFAULT_CUTOFF = 0.5 * Models.KA2D_BOX_1290;
    /** Name of the channel that runs over all species. */
    public static final String ALL = "all";
    /** Observables per (L, channel): K = 4. */
    public static final int K = 4;

    static {
        List<Double> l = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            l.add(0.5 * k);
        }
        DEFAULT_LENGTHS = List.copyOf(l);
    }

    /** How the coarse-grained sums are normalised (see the class comment). */
    public enum Normalisation {
        /** partycls, the digest's choice: rho unnormalised, E and p weighted means, varE a weighted local variance. */
        LOCAL_MEAN,
        /** The printed formula: unnormalised sums; varE sums (E_j - E&#772;_j)^2 around each j's own local mean. */
        LITERAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The four observables, in feature order within one (L, channel) block. */
    public enum Observable {
        /** Coarse-grained 1: local density. */
        DENSITY("rho"),
        /** Coarse-grained potential energy. */
        ENERGY("epot"),
        /** Coarse-grained Voronoi perimeter (2D). */
        CELL("perim"),
        /** Local potential-energy variance. */
        ENERGY_VARIANCE("varE");

        private final String prefix;

        Observable(String prefix) {
            this.prefix = prefix;
        }

        /** Feature-name prefix, e.g. {@code rho}. */
        public String prefix() {
            return prefix;
        }
    }

    /**
     * Everything that changes the numbers.
     *
     * @param species       species names in model order (one channel each, plus {@code all})
     * @param lengths       coarse-graining lengths L [sigma], each finite and &gt;= 0, distinct
     * @param cutoff        R_c [sigma]: particles farther than this do not contribute; at most half the box
     * @param normalisation how the sums are normalised
     */
    public record Params(List<String> species, List<Double> lengths, double cutoff, Normalisation normalisation)
            implements java.io.Serializable {
        public Params {
            if (species == null || species.isEmpty()) {
                throw new IllegalArgumentException("cg: at least one species is needed");
            }
            species = List.copyOf(species);
            if (new HashSet<>(species).size() != species.size() || species.contains(ALL)) {
                throw new IllegalArgumentException("cg: species names " + species + " must be distinct and not '" + ALL
                        + "' (the all-species channel)");
            }
            if (lengths == null || lengths.isEmpty()) {
                throw new IllegalArgumentException("cg: at least one coarse-graining length is needed, e.g. "
                        + DEFAULT_LENGTHS);
            }
            lengths = List.copyOf(lengths);
            if (new HashSet<>(lengths).size() != lengths.size()) {
                throw new IllegalArgumentException("cg: coarse-graining lengths " + lengths + " repeat");
            }
            for (double l : lengths) {
                if (!(l >= 0) || Double.isInfinite(l)) {
                    throw new IllegalArgumentException("cg: coarse-graining lengths must be finite and >= 0 sigma, got "
                            + lengths);
                }
            }
            if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
                throw new IllegalArgumentException("cg: cutoff R_c must be finite and > 0 sigma, got " + cutoff
                        + "; default " + DEFAULT_CUTOFF);
            }
            if (normalisation == null) {
                throw new IllegalArgumentException("cg: normalisation missing; valid: local-mean, literal");
            }
        }

        /** Seed 003's defaults for these species: the 16 lengths, R_c = 16.448, LOCAL_MEAN. */
        public static Params defaults(List<String> species) {
            return new Params(species, DEFAULT_LENGTHS, DEFAULT_CUTOFF, Normalisation.LOCAL_MEAN);
        }

        /** {@link #defaults(List)} with the model's species. */
        public static Params forModel(PairModel model) {
            return defaults(model.speciesNames());
        }

        public Params withCutoff(double rc) {
            return new Params(species, lengths, rc, normalisation);
        }

        public Params withLengths(List<Double> ls) {
            return new Params(species, ls, cutoff, normalisation);
        }

        public Params withNormalisation(Normalisation mode) {
            return new Params(species, lengths, cutoff, mode);
        }

        /** Number of channels: the species plus {@code all}. */
        public int channels() {
            return species.size() + 1;
        }

        /** Vector length K x lengths x channels. */
        public int featureCount() {
            return K * lengths.size() * channels();
        }
    }

    private final Params params;
    /** energies recomputed with this model when non-null; otherwise read from the frame */
    private final PairModel model;
    private final List<String> names;

    /**
     * Energies read from the frame: E_j = 2 x {@code frame.potentialEnergy()[j]} (frames store the kernel's half-split
     * per-atom energy; seed 003's E_pot is the full pair sum). The frame must carry energies of its own positions.
     */
    public CoarseGrained(Params params) {
        this(params, null);
    }

    /**
     * Energies recomputed from the frame's positions with {@code model} (the frame's stored energies are ignored), so
     * they always belong to the positions given (seed 003 evaluates everything in the inherent structure).
     *
     * @param model a 2D model with the same species as {@code params}, or null to read the frame's energies
     */
    public CoarseGrained(Params params, PairModel model) {
        if (params == null) {
            throw new IllegalArgumentException("cg: parameters missing; e.g. CoarseGrained.Params.forModel(model)");
        }
        if (model != null) {
            if (model.dims() != 2) {
                throw new IllegalArgumentException("cg: model '" + model.name() + "' is " + model.dims() + "D; the "
                        + "descriptor needs 2D frames (the 3D variant needs Voronoi surface areas, not implemented)");
            }
            if (!model.speciesNames().equals(params.species())) {
                throw new IllegalArgumentException("cg: model '" + model.name() + "' has species "
                        + model.speciesNames() + " but the parameters name " + params.species());
            }
        }
        this.params = params;
        this.model = model;
        List<String> n = new ArrayList<>(params.featureCount());
        for (double l : params.lengths()) {
            for (int c = 0; c < params.channels(); c++) {
                String channel = c < params.species().size() ? params.species().get(c) : ALL;
                for (Observable k : Observable.values()) {
                    n.add(k.prefix() + "_" + channel + "(L=" + l + ")");
                }
            }
        }
        names = List.copyOf(n);
    }

    /** Seed 003's defaults for {@code model}, energies recomputed with it. */
    public static CoarseGrained forModel(PairModel model) {
        return new CoarseGrained(Params.forModel(model), model);
    }

    /** The 256-feature descriptor of the {@code ka2d} preset with seed 003's defaults. */
    public static CoarseGrained ka2d() {
        return forModel(Models.byName(Models.KA2D));
    }

    public Params params() {
        return params;
    }

    /** The model energies are recomputed with, or null when they are read from the frame. */
    public PairModel model() {
        return model;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<String> featureNames() {
        return names;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new TreeMap<>();
        m.put("cell", "voronoi-perimeter-plain");
        m.put("cutoff", params.cutoff());
        m.put("energy", model == null ? "frame-x2 (pair sum)" : "pair sum; " + model.describe());
        m.put("lengths", params.lengths());
        m.put("normalisation", params.normalisation().label());
        m.put("species", params.species());
        return Collections.unmodifiableMap(m);
    }

    /**
     * Position of feature (length index, channel, observable) in a particle's vector; channel is a species index, or
     * the species count for the all-species channel.
     */
    public int index(int lengthIndex, int channel, Observable k) {
        return (lengthIndex * params.channels() + channel) * K + k.ordinal();
    }

    /**
     * @throws IllegalArgumentException for a 3D frame, species outside the parameters, R_c beyond half the box, or a
     *                                  frame without energies when no model was given
     */
    @Override
    public void compute(FrameView frame, double[] out) {
        if (frame.dims() != 2) {
            throw new IllegalArgumentException("cg: the GlassMLP descriptor is implemented for 2D frames only; seed "
                    + "003's 3D variant needs Voronoi surface areas, which glassworks does not compute (got a "
                    + frame.dims() + "D frame)");
        }
        int n = frame.n();
        Box box = Neighbours.box(frame);
        checkFrame(box, frame.species(), n, out); // before the costly parts: energies, cells
        double[] energy;
        if (model != null) {
            energy = ParticleEnergies.pairSum(model, frame);
        } else {
            double[] pe = frame.potentialEnergy();
            if (pe == null) {
                throw new IllegalArgumentException("cg: the frame has no per-particle potential energies; save them "
                        + "(--save-energies) or build the descriptor with a model (CoarseGrained.forModel)");
            }
            energy = new double[n];
            for (int i = 0; i < n; i++) {
                energy[i] = 2.0 * pe[i];
            }
        }
        double[] perimeter = Voronoi2D.compute(box, frame.x(), frame.y(), n).perimeter();
        coarseGrain(box, frame.x(), frame.y(), frame.z(), frame.species(), n, energy, perimeter, out);
    }

    private void checkFrame(Box box, int[] species, int n, double[] out) {
        if (species.length < n) {
            throw new IllegalArgumentException("cg: " + species.length + " species for n = " + n + " particles");
        }
        if (!(params.cutoff() <= 0.5 * box.minEdge())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "cg: cutoff R_c = %s sigma exceeds half the "
                    + "box edge (%s sigma, minimum image); use a larger system or a smaller cutoff "
                    + "(CoarseGrained.Params.withCutoff), the same one for every system that is compared",
                    params.cutoff(), 0.5 * box.minEdge()));
        }
        int ns = params.species().size();
        for (int i = 0; i < n; i++) {
            if (species[i] < 0 || species[i] >= ns) {
                throw new IllegalArgumentException("cg: particle " + i + " has species " + species[i]
                        + " but the descriptor has " + ns + " species " + params.species());
            }
        }
        if (out.length < (long) n * featureCount()) {
            throw new IllegalArgumentException("cg: output holds " + out.length + " values, needs n x "
                    + featureCount() + " = " + (long) n * featureCount());
        }
    }

    /**
     * The coarse-graining alone, for any dimension and any per-particle inputs: fills {@code out} (row-major, n x
     * {@link #featureCount()}) from positions, species, energies E_j and cell measures (perimeter in 2D; a caller with
     * 3D surface areas can pass them). Exposed so other bare fields can be coarse-grained the same way.
     *
     * @param box     periodic box (planar or 3D)
     * @param z       z positions (ignored in 2D; may be null there)
     * @param energy  E_j per particle [epsilon] (seed 003: full pair sum)
     * @param cell    cell measure per particle (Voronoi perimeter in 2D)
     */
    public void coarseGrain(Box box, double[] x, double[] y, double[] z, int[] species, int n, double[] energy,
                            double[] cell, double[] out) {
        checkFrame(box, species, n, out);
        if (x.length < n || y.length < n || (z != null && z.length < n) || energy.length < n || cell.length < n) {
            throw new IllegalArgumentException("cg: positions, energies and cell measures must have n = " + n
                    + " entries");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(energy[i]) || !Double.isFinite(cell[i])) {
                throw new IllegalArgumentException("cg: particle " + i + " has a non-finite energy (" + energy[i]
                        + ") or cell measure (" + cell[i] + ")");
            }
        }
        final int nl = params.lengths().size();
        final int nc = params.channels();
        final int all = nc - 1;
        final int f = featureCount();
        final int block = nc * K;
        // 1/L per length; L = 0 keeps only the particle itself (limit L -> 0+), so its pairs are skipped
        final double[] inv = new double[nl];
        final boolean[] point = new boolean[nl];
        for (int l = 0; l < nl; l++) {
            double len = params.lengths().get(l);
            point[l] = len == 0;
            inv[l] = point[l] ? 0 : 1.0 / len;
        }
        Arrays.fill(out, 0, n * f, 0.0);
        // pass 1, self terms: r = 0, weight 1 at every L, energy offset E_i - E_i = 0
        for (int i = 0; i < n; i++) {
            int row = i * f;
            for (int l = 0; l < nl; l++) {
                int own = row + l * block + species[i] * K;
                int any = row + l * block + all * K;
                out[own] += 1.0;
                out[own + 2] += cell[i];
                out[any] += 1.0;
                out[any + 2] += cell[i];
            }
        }
        CellList cells = new CellList(box, params.cutoff());
        cells.build(x, y, z == null ? new double[n] : z, n);
        // pass 1, pairs: moments sum w, sum w (E_j - E_i), sum w p_j, sum w (E_j - E_i)^2 into i's row, and mirrored
        cells.forEachPair((i, j, dx, dy, dz, rsq) -> {
            double d = Math.sqrt(rsq);
            double de = energy[j] - energy[i];
            double de2 = de * de;
            double pi = cell[i];
            double pj = cell[j];
            int ri = i * f;
            int rj = j * f;
            int si = species[i] * K;
            int sj = species[j] * K;
            int a = all * K;
            for (int l = 0; l < nl; l++) {
                if (point[l]) {
                    continue;
                }
                double w = Math.exp(-d * inv[l]);
                double wde = w * de;
                double wde2 = w * de2;
                int b = l * block;
                add(out, ri + b + sj, w, wde, w * pj, wde2);
                add(out, ri + b + a, w, wde, w * pj, wde2);
                add(out, rj + b + si, w, -wde, w * pi, wde2);
                add(out, rj + b + a, w, -wde, w * pi, wde2);
            }
        });
        if (params.normalisation() == Normalisation.LOCAL_MEAN) {
            for (int i = 0; i < n; i++) {
                for (int o = i * f, end = o + f; o < end; o += K) {
                    double rho = out[o];
                    if (rho > 0) {
                        double m = out[o + 1] / rho;
                        out[o + 1] = energy[i] + m;
                        out[o + 2] = out[o + 2] / rho;
                        // one-pass variance around E_i; clamp the ~1e-16 negative a zero variance can round to
                        out[o + 3] = Math.max(0.0, out[o + 3] / rho - m * m);
                    } else {
                        out[o + 1] = 0;
                        out[o + 2] = 0;
                        out[o + 3] = 0;
                    }
                }
            }
            return;
        }
        literal(cells, species, n, energy, out, nl, block, all, f, point, inv);
    }

    private static void add(double[] out, int o, double w, double wde, double wp, double wde2) {
        out[o] += w;
        out[o + 1] += wde;
        out[o + 2] += wp;
        out[o + 3] += wde2;
    }

    /**
     * LITERAL: turn pass 1's moments into unnormalised sums, then a second sweep for sum_j w_ij (E_j - Ebar_j)^2, where
     * Ebar_j is j's own weighted local mean at the same L in the channel being summed (j's species, or all).
     */
    private void literal(CellList cells, int[] species, int n, double[] energy, double[] out, int nl, int block,
                         int all, int f, boolean[] point, double[] inv) {
        // j's local means in its own species channel and in the all channel (rho >= 1 there: j counts itself)
        double[] meanOwn = new double[n * nl];
        double[] meanAll = new double[n * nl];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < nl; l++) {
                int own = i * f + l * block + species[i] * K;
                int any = i * f + l * block + all * K;
                meanOwn[i * nl + l] = energy[i] + out[own + 1] / out[own];
                meanAll[i * nl + l] = energy[i] + out[any + 1] / out[any];
            }
            for (int o = i * f, end = o + f; o < end; o += K) {
                out[o + 1] += energy[i] * out[o]; // sum w (E_j - E_i) + E_i sum w = sum w E_j
                out[o + 3] = 0;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < nl; l++) {
                double dOwn = energy[i] - meanOwn[i * nl + l];
                double dAll = energy[i] - meanAll[i * nl + l];
                out[i * f + l * block + species[i] * K + 3] += dOwn * dOwn;
                out[i * f + l * block + all * K + 3] += dAll * dAll;
            }
        }
        cells.forEachPair((i, j, dx, dy, dz, rsq) -> {
            double d = Math.sqrt(rsq);
            int ri = i * f;
            int rj = j * f;
            int si = species[i] * K;
            int sj = species[j] * K;
            int a = all * K;
            for (int l = 0; l < nl; l++) {
                if (point[l]) {
                    continue;
                }
                double w = Math.exp(-d * inv[l]);
                int b = l * block;
                double jOwn = energy[j] - meanOwn[j * nl + l];
                double jAll = energy[j] - meanAll[j * nl + l];
                double iOwn = energy[i] - meanOwn[i * nl + l];
                double iAll = energy[i] - meanAll[i * nl + l];
                out[ri + b + sj + 3] += w * jOwn * jOwn;
                out[ri + b + a + 3] += w * jAll * jAll;
                out[rj + b + si + 3] += w * iOwn * iOwn;
                out[rj + b + a + 3] += w * iAll * iAll;
            }
        });
    }

    @Override
    public String toString() {
        return "CoarseGrained[" + params.species() + ", " + params.lengths().size() + " lengths, R_c = "
                + params.cutoff() + ", " + params.normalisation().label() + ", " + featureCount() + " features]";
    }
}
