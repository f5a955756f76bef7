package glassworks.md;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The named interaction-model presets, and the parser of model definitions declared in a campaign file.
 *
 * <p>Presets (reduced units of species A: sigma_AA, epsilon_AA; masses as listed):
 * <ul>
 *   <li>{@code ka3d}: Kob-Andersen 80:20 binary LJ (PRE 51, 4626 (1995)), rc = 2.5 sigma_ab, shifted, rho = 1.2.</li>
 *   <li>{@code ka3d-uniform}: the same with one cutoff 2.5 sigma_AA for every pair (shifted), as in the softness thesis
 *       (seed 004) and Bapst et al.'s data.</li>
 *   <li>{@code ka2d}: the 2D ternary KA-like mixture of the GlassMLP paper (seed 003), 600:330:360 per 1290 particles,
 *       rc = 2.5 sigma_ab with the C0/C2/C4 smoothing, rho = 1290 / 32.896^2 = 1.19207.</li>
 *   <li>{@code wahnstrom}: Wahnstrom's 50:50 LJ mixture (PRA 44, 3752 (1991)): all eps = 1, sigma_BB = 1/1.2, additive
 *       sigma_AB, m_A = 2 m_B, rc = 2.5 sigma_ab shifted, rho = 1.297 (seed 002). Masses are in units of m_B (A = 2,
 *       B = 1), the usual convention of this model; the time unit is then sigma_AA sqrt(m_B / eps).</li>
 * </ul>
 */
public final class Models {
    public static final String KA3D = "ka3d";
    public static final String KA3D_UNIFORM = "ka3d-uniform";
    public static final String KA2D = "ka2d";
    public static final String WAHNSTROM = "wahnstrom";

    private static final List<String> NAMES = List.of(KA3D, KA3D_UNIFORM, KA2D, WAHNSTROM);

    /** Box edge of the published 1290-particle KA2D system [sigma_AA]. */
    public static final double KA2D_BOX_1290 = 32.896;

    private Models() {
    }

    /** Valid preset names, in display order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The preset called {@code name}; an unknown name gets a message listing the valid ones. */
    public static PairModel byName(String name) {
        if (name != null) {
            switch (name) {
                case KA3D:
                    return kobAndersen3d();
                case KA3D_UNIFORM:
                    return kobAndersen3dUniformCutoff();
                case KA2D:
                    return kobAndersen2dTernary();
                case WAHNSTROM:
                    return wahnstrom();
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; valid models: " + String.join(", ", NAMES)
                + " (or declare one under models: in the campaign file)");
    }

    /**
     * Kob and Andersen, Phys. Rev. E 51, 4626 (1995): A:B = 80:20, equal masses, eps_AB = 1.5, sig_AB = 0.8,
     * eps_BB = 0.5, sig_BB = 0.88, cut at 2.5 sigma_ab and shifted to zero there (LAMMPS lj/cut 2.5 with pair_modify
     * shift yes, as MdBenchmark.lammpsInput).
     */
    public static PairModel kobAndersen3d() {
        double[][] eps = {{1.0, 1.5}, {1.5, 0.5}};
        double[][] sig = {{1.0, 0.8}, {0.8, 0.88}};
        return new PairModel(KA3D, 3, List.of("A", "B"), new double[]{1.0, 1.0}, new double[]{0.8, 0.2}, eps, sig,
                scaledCutoffs(sig, 2.5), PairModel.CutoffMode.SHIFTED, 1.2);
    }

    /** {@link #kobAndersen3d()} with a single cutoff 2.5 sigma_AA for all pairs, shifted. */
    public static PairModel kobAndersen3dUniformCutoff() {
        return kobAndersen3d().withCutoffs(KA3D_UNIFORM, uniformCutoffs(2, 2.5), PairModel.CutoffMode.SHIFTED);
    }

    /**
     * The 2D ternary mixture of Jung, Biroli and Berthier (GlassMLP, seed 003, SM section I): types 1, 2, 3 with
     * eps = (1.0, 1.5, 0.5 | 13: 0.75, 23: 1.5, 33: 0.75), sigma = (1.0, 0.8, 0.88 | 0.9, 0.8, 0.94), unit masses,
     * N1:N2:N3 = 600:330:360, rc = 2.5 sigma_ab, smoothed (C0, C2, C4 inside the bracket).
     */
    public static PairModel kobAndersen2dTernary() {
        double[][] eps = {{1.0, 1.5, 0.75}, {1.5, 0.5, 1.5}, {0.75, 1.5, 0.75}};
        double[][] sig = {{1.0, 0.8, 0.9}, {0.8, 0.88, 0.8}, {0.9, 0.8, 0.94}};
        double density = 1290.0 / (KA2D_BOX_1290 * KA2D_BOX_1290);
        return new PairModel(KA2D, 2, List.of("A", "B", "C"), new double[]{1, 1, 1},
                new double[]{600.0 / 1290.0, 330.0 / 1290.0, 360.0 / 1290.0}, eps, sig, scaledCutoffs(sig, 2.5),
                PairModel.CutoffMode.SMOOTHED, density);
    }

    /** Wahnstrom's 50:50 mixture: all eps 1, sigma_BB = 1/1.2, sigma_AB additive, m_A = 2, m_B = 1, rc 2.5 sigma_ab. */
    public static PairModel wahnstrom() {
        double sbb = 1.0 / 1.2;
        double sab = 0.5 * (1.0 + sbb);
        double[][] eps = {{1.0, 1.0}, {1.0, 1.0}};
        double[][] sig = {{1.0, sab}, {sab, sbb}};
        return new PairModel(WAHNSTROM, 3, List.of("A", "B"), new double[]{2.0, 1.0}, new double[]{0.5, 0.5}, eps, sig,
                scaledCutoffs(sig, 2.5), PairModel.CutoffMode.SHIFTED, 1.297);
    }

    static double[][] scaledCutoffs(double[][] sigma, double scale) {
        double[][] cut = new double[sigma.length][sigma.length];
        for (int a = 0; a < sigma.length; a++) {
            for (int b = 0; b < sigma.length; b++) {
                cut[a][b] = scale * sigma[a][b];
            }
        }
        return cut;
    }

    static double[][] uniformCutoffs(int ns, double rc) {
        double[][] cut = new double[ns][ns];
        for (double[] row : cut) {
            java.util.Arrays.fill(row, rc);
        }
        return cut;
    }

    /**
     * A model declared in a campaign file under {@code models: <name>:}. Either a preset with overrides
     * <pre>
     *   {preset: ka3d, cutoff: {uniform: 2.5}, cutoff_mode: truncated, density: 1.1}
     * </pre>
     * or a full definition
     * <pre>
     *   dims: 3
     *   species: [{name: A, mass: 1, fraction: 0.8}, {name: B, mass: 1, fraction: 0.2}]
     *   pairs: {AA: {epsilon: 1, sigma: 1}, AB: {epsilon: 1.5, sigma: 0.8}, BB: {epsilon: 0.5, sigma: 0.88}}
     *   cutoff: {scale: 2.5}          # rc_ab = 2.5 sigma_ab; or {uniform: 2.5}; or rc per pair: AB: {..., cutoff: 2.0}
     *   cutoff_mode: shifted          # truncated | shifted | smoothed
     *   density: 1.2
     * </pre>
     * Every problem is reported as one message naming the model and the key.
     */
    public static PairModel fromSpec(String name, Map<String, ?> spec) {
        String where = "model '" + name + "'";
        if (NAMES.contains(name)) {
            throw new IllegalArgumentException(where + " is a preset name; give the declared model another name");
        }
        Map<String, Object> rest = new LinkedHashMap<>(spec);
        Object preset = rest.remove("preset");
        Object cutoffSpec = rest.remove("cutoff");
        Object modeSpec = rest.remove("cutoff_mode");
        Object densitySpec = rest.remove("density");
        PairModel base;
        if (preset != null) {
            base = byName(String.valueOf(preset));
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException(where + ": with preset: only cutoff, cutoff_mode and density may be "
                        + "overridden, not " + rest.keySet());
            }
        } else {
            base = fullDefinition(where, rest);
            if (densitySpec == null) {
                throw new IllegalArgumentException(where + ": needs density (number density N/V in sigma^-dims)");
            }
        }
        PairModel.CutoffMode mode = modeSpec == null ? base.cutoffMode() : PairModel.CutoffMode.parse(String.valueOf(modeSpec));
        double[][] cut = new double[base.speciesCount()][base.speciesCount()];
        for (int a = 0; a < cut.length; a++) {
            for (int b = 0; b < cut.length; b++) {
                cut[a][b] = base.cutoff(a, b);
            }
        }
        if (cutoffSpec != null) {
            Map<String, ?> c = map(where + " cutoff", cutoffSpec);
            if (c.size() != 1 || !(c.containsKey("scale") || c.containsKey("uniform"))) {
                throw new IllegalArgumentException(where + ": cutoff must be {scale: <x>} (rc_ab = x sigma_ab) or "
                        + "{uniform: <rc>} (one rc for all pairs), got " + cutoffSpec);
            }
            double[][] sig = new double[cut.length][cut.length];
            for (int a = 0; a < cut.length; a++) {
                for (int b = 0; b < cut.length; b++) {
                    sig[a][b] = base.sigma(a, b);
                }
            }
            cut = c.containsKey("scale") ? scaledCutoffs(sig, number(where + " cutoff.scale", c.get("scale")))
                    : uniformCutoffs(cut.length, number(where + " cutoff.uniform", c.get("uniform")));
        }
        PairModel m = base.withCutoffs(name, cut, mode);
        return densitySpec == null ? m : m.renamed(name, number(where + " density", densitySpec));
    }

    private static PairModel fullDefinition(String where, Map<String, Object> spec) {
        Object dimsSpec = spec.remove("dims");
        Object speciesSpec = spec.remove("species");
        Object pairsSpec = spec.remove("pairs");
        if (!spec.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown keys " + spec.keySet() + "; valid: preset, dims, species, "
                    + "pairs, cutoff, cutoff_mode, density");
        }
        if (dimsSpec == null || speciesSpec == null || pairsSpec == null) {
            throw new IllegalArgumentException(where + ": needs dims, species and pairs (or preset: <name>)");
        }
        int dims = (int) number(where + " dims", dimsSpec);
        if (!(speciesSpec instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(where + ": species must be a list of {name, mass, fraction}");
        }
        int ns = list.size();
        List<String> names = new ArrayList<>();
        double[] masses = new double[ns];
        double[] fractions = new double[ns];
        for (int s = 0; s < ns; s++) {
            Map<String, ?> sp = map(where + " species[" + s + "]", list.get(s));
            names.add(String.valueOf(sp.get("name")));
            masses[s] = sp.containsKey("mass") ? number(where + " species " + names.get(s) + " mass", sp.get("mass")) : 1.0;
            fractions[s] = number(where + " species " + names.get(s) + " fraction", sp.get("fraction"));
        }
        Map<String, ?> pairs = map(where + " pairs", pairsSpec);
        double[][] eps = new double[ns][ns];
        double[][] sig = new double[ns][ns];
        double[][] cut = new double[ns][ns];
        for (int a = 0; a < ns; a++) {
            for (int b = a; b < ns; b++) {
                String label = names.get(a) + names.get(b);
                Object p = pairs.containsKey(label) ? pairs.get(label) : pairs.get(names.get(b) + names.get(a));
                if (p == null) {
                    throw new IllegalArgumentException(where + ": pairs has no entry " + label);
                }
                Map<String, ?> pm = map(where + " pair " + label, p);
                eps[a][b] = eps[b][a] = number(where + " pair " + label + " epsilon", pm.get("epsilon"));
                sig[a][b] = sig[b][a] = number(where + " pair " + label + " sigma", pm.get("sigma"));
                cut[a][b] = cut[b][a] = pm.containsKey("cutoff")
                        ? number(where + " pair " + label + " cutoff", pm.get("cutoff")) : 2.5 * sig[a][b];
            }
        }
        String tmp = "declared-model";
        return new PairModel(tmp, dims, names, masses, fractions, eps, sig, cut, PairModel.CutoffMode.SHIFTED, 1.0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(String what, Object o) {
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be a mapping, got " + o);
        }
        return (Map<String, ?>) o;
    }

    private static double number(String what, Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o).trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(what + " must be a number, got " + o);
        }
    }
}
