package glassworks.md.structure;

import glassworks.md.FrameView;
import glassworks.md.PairModel;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Family {@code zu}: the two conventional per-particle measures seed 002 correlates its principal components with
 * (section 5): the coordination number z and the local potential energy u.
 *
 * <ul>
 *   <li>z(i) = number of j != i with r_ij &lt; r^c_{alpha_i beta_j}, the same fixed cutoffs and the same strict
 *   inequality as {@link BondOrder}'s neighbours (the digest's reading of "integrating g_a(r) up to its first minimum":
 *   species-pair cutoffs summed over the neighbour species). A pair cutoff of 0 leaves that pair out (SiO2: z of Si
 *   counts O only).</li>
 *   <li>u(i) = 1/2 sum_j u_{alpha_i beta_j}(r_ij) [epsilon]: taken from the frame's stored per-particle energies when
 *   it has them (the kernel stores exactly this half-of-each-pair split), else evaluated here from the
 *   {@link PairModel} given at construction with {@link PairModel#pairEnergy} (its own cutoffs and cutoff treatment).
 *   A frame without energies and no model is refused.</li>
 * </ul>
 *
 * <p>Both are defined in any dimension, so 2D frames are accepted. Features {@code z}, {@code u}.
 */
public final class LocalReference implements Descriptor {
    private static final long serialVersionUID = 1L;

    /** Family name. */
    public static final String FAMILY = "zu";

    private final BondOrder.Cutoffs cutoffs;
    private final PairModel model;

    /** z from species-pair cutoffs r^c_ab [sigma]; u only from frames that carry per-particle energies. */
    public LocalReference(double[][] cutoffs) {
        this(cutoffs, null);
    }

    /**
     * @param cutoffs species-pair cutoffs r^c_ab for z [sigma] (first minima of g_ab; symmetric; 0 leaves a pair out)
     * @param model   the interactions that evaluate u when a frame has no stored energies, or null to require them
     */
    public LocalReference(double[][] cutoffs, PairModel model) {
        this(BondOrder.Cutoffs.perPair(FAMILY, "cutoffs", cutoffs), model);
    }

    /** One cutoff for z for every pair [sigma]; {@code model} as in {@link #LocalReference(double[][], PairModel)}. */
    public LocalReference(double cutoff, PairModel model) {
        this(BondOrder.Cutoffs.global(FAMILY, "cutoff", cutoff), model);
    }

    private LocalReference(BondOrder.Cutoffs cutoffs, PairModel model) {
        double[][] m = cutoffs.matrix();
        if (model != null && m != null && m.length != model.speciesCount()) {
            throw new IllegalArgumentException(FAMILY + ": the cutoff matrix has " + m.length + " species but model '"
                    + model.name() + "' has " + model.speciesCount() + " " + model.speciesNames()
                    + ": give one row per species of the model");
        }
        this.cutoffs = cutoffs;
        this.model = model;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<String> featureNames() {
        return List.of("z", "u");
    }

    @Override
    public int featureCount() {
        return 2;
    }

    /**
     * Cutoffs, and the model that would evaluate u ("none" without one): a different model can change u, so it takes
     * part in the fingerprint even though frames with stored energies do not use it.
     */
    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new TreeMap<>();
        cutoffs.putInto(p);
        p.put("pair_model", model == null ? "none" : model.name() + " {" + model.describe() + "}");
        return Collections.unmodifiableMap(p);
    }

    @Override
    public void compute(FrameView frame, double[] out) {
        int n = frame.n();
        BondOrder.checkOut(FAMILY, frame, out, 2);
        cutoffs.checkSpecies(frame);
        double[] stored = frame.potentialEnergy();
        if (stored != null && stored.length < n) {
            throw new IllegalArgumentException(FAMILY + ": the frame's per-particle energies hold " + stored.length
                    + " values for " + n + " particles: the frame is corrupt");
        }
        boolean evaluate = stored == null;
        if (evaluate) {
            if (model == null) {
                throw new IllegalArgumentException(FAMILY + ": the frame has no per-particle potential energies and "
                        + "no pair model was given to evaluate u: save energies with the run (--save-energies) or "
                        + "construct LocalReference with the run's PairModel");
            }
            if (model.dims() != frame.dims()) {
                throw new IllegalArgumentException(FAMILY + ": model '" + model.name() + "' is " + model.dims()
                        + "D but the frame is " + frame.dims() + "D: give the model the frames were run with");
            }
            BondOrder.Cutoffs.checkSpecies(FAMILY, frame, model.speciesCount(), "model '" + model.name() + "'");
        }
        // one neighbour search serves both: the larger of the z cutoffs and (when u is evaluated) the model's cutoffs
        double reach = evaluate ? Math.max(cutoffs.max(), model.maxCutoff()) : cutoffs.max();
        Neighbours nb = Neighbours.within(frame, reach);
        int[] species = frame.species();
        for (int i = 0; i < n; i++) {
            int si = species[i];
            int z = 0;
            double u = 0;
            int end = nb.start(i + 1);
            for (int k = nb.start(i); k < end; k++) {
                int sj = species[nb.neighbour(k)];
                double r = nb.distance(k);
                if (r < cutoffs.of(si, sj)) {
                    z++;
                }
                if (evaluate) {
                    double dx = nb.dx(k);
                    double dy = nb.dy(k);
                    double dz = nb.dz(k);
                    u += model.pairEnergy(si, sj, dx * dx + dy * dy + dz * dz);
                }
            }
            out[2 * i] = z;
            out[2 * i + 1] = evaluate ? 0.5 * u : stored[i];
        }
    }

    @Override
    public String toString() {
        return FAMILY + parameters();
    }
}
