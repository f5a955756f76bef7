package glassworks.md.structure;

import glassworks.md.PairModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every descriptor family by name, with its parameters as a user gives them (command line, campaign file) and the
 * seed papers' defaults: one place that turns {@code (family, parameters, structure)} into a {@link Descriptor}, for the
 * Spark job, the benchmark and the tests.
 *
 * <p>Parameters marked {@code auto} come from the system's structure at the temperature described (a
 * {@link StructureReference}: pair cutoffs at the first minimum of g_ab, shells at the extrema of g(r), averaging radii
 * at its minima); the resolved numbers are part of the descriptor's parameters and fingerprint.
 */
public final class DescriptorCatalog {
    private DescriptorCatalog() {
    }

    /**
     * A requested descriptor set.
     *
     * @param name       the set's name (its partition in the descriptors table): letters, digits, - and _
     * @param family     a family of {@link #families()}
     * @param parameters overrides of the family's parameters, as text (numbers, lists comma separated)
     */
    public record Request(String name, String family, Map<String, String> parameters) implements java.io.Serializable {
        public Request {
            parameters = parameters == null ? Map.of() : Map.copyOf(new TreeMap<>(parameters));
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("descriptor set name '" + name + "' must be letters, digits, - and _ "
                        + "(it names a partition), e.g. wcn or bo-l12");
            }
        }
    }

    /** One family: what it is, its paper, its parameters with defaults, whether it needs the structure. */
    private record Family(String name, String summary, String paper, Map<String, String> defaults, boolean threeDOnly) {
    }

    private static final Map<String, Family> FAMILIES = new LinkedHashMap<>();

    private static void family(String name, String summary, String paper, boolean threeDOnly, String... keyDefault) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int k = 0; k < keyDefault.length; k += 2) {
            d.put(keyDefault[k], keyDefault[k + 1]);
        }
        FAMILIES.put(name, new Family(name, summary, paper, d, threeDOnly));
    }

    static {
        family("wcn", "weighted coordination numbers: unit-height Gaussians on the extrema of the total g(r) (shells=auto: "
                + "every extremum above the noise, as the paper sizes the vector; its Fig. 1a has 12)", "seed 000",
                false, "shells", "auto", "intersection", "0.25", "centres", "auto");
        family("wcn-avg", "wcn averaged over the neighbours within r_c and the particle itself (the paper's input)",
                "seed 000", false, "shells", "auto", "intersection", "0.25", "centres", "auto", "r_c", "auto");
        family("bo", "Steinhardt bond order Q_l with fixed cutoffs r^c_ab (first minima of g_ab)", "seed 002", true,
                "l_min", "1", "l_max", "8", "cutoff", "auto");
        family("sbo", "smooth bond order: weights exp[-(r/r^c_ab)^gamma] truncated at enlargement * r^c_ab", "seed 002",
                true, "l_min", "1", "l_max", "8", "gamma", "8", "enlargement", "1.3", "cutoff", "auto");
        family("rbo", "radial bond order: Q_l on a Gaussian radial grid", "seed 002", true,
                "grid", "0.9,1.0,1.1,1.2,1.3", "delta", "0.2", "skin", "2.5", "l_min", "1", "l_max", "8");
        family("soap", "SOAP-type power spectrum Q_nn'l (Loewdin-orthonormalised polynomial radial basis)", "seed 002",
                true, "r_cut", "1.6", "n_max", "6", "l_max", "8", "sigma", "0.2");
        family("zu", "coordination number z (first-minimum cutoffs) and local potential energy u", "seed 002", false,
                "cutoff", "auto");
        family("gx", "radial structure functions G_X(r; delta) per neighbour species X", "seed 004", false,
                "delta", "0.2", "r_min", "0.0", "r_step", "0.1", "r_count", "50");
        family("qshell", "Q_l, l = 2..14 even, in radial shells (1.0,1.5) ... (3.0,3.5)", "seed 004", true);
        family("seed004", "the standard set: gx + qshell (135 features for a binary mixture)", "seed 004", true,
                "delta", "0.2");
        family("seed004-avg", "the higher-order set: seed004 and its neighbour averages of orders 1 and 2 "
                + "(Boattini; exponential weights within r_c, the particle included)", "seed 004", true,
                "delta", "0.2", "r_c", "auto");
        family("cg", "GlassMLP coarse-grained density, energy, Voronoi perimeter and energy variance over 16 lengths",
                "seed 003", false, "normalisation", "local_mean", "cutoff", String.valueOf(CoarseGrained.DEFAULT_CUTOFF),
                "lengths", "0,0.5,1,1.5,2,2.5,3,3.5,4,4.5,5,5.5,6,6.5,7,7.5");
    }

    /** Family names. */
    public static List<String> families() {
        return List.copyOf(FAMILIES.keySet());
    }

    /** The manual: every family, its paper, its parameters and defaults. */
    public static String manual() {
        StringBuilder s = new StringBuilder();
        s.append("Descriptor families (--family NAME, --param NAME.KEY=VALUE; auto = from the g(r) at each temperature):\n");
        for (Family f : FAMILIES.values()) {
            s.append(String.format(Locale.ROOT, "  %-12s %s [%s%s]%n", f.name(), f.summary(), f.paper(),
                    f.threeDOnly() ? ", 3D" : ""));
            if (!f.defaults().isEmpty()) {
                StringBuilder p = new StringBuilder();
                f.defaults().forEach((k, v) -> p.append(p.length() == 0 ? "" : ", ").append(k).append('=').append(v));
                s.append("               ").append(p).append('\n');
            }
        }
        return s.toString();
    }

    /** Checks a request without building it: known family, known keys, values that parse. */
    public static void check(Request r) {
        Family f = family(r.family());
        Set<String> keys = f.defaults().keySet();
        for (Map.Entry<String, String> e : r.parameters().entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw new IllegalArgumentException("descriptor set " + r.name() + ": family " + f.name() + " has no "
                        + "parameter '" + e.getKey() + "'" + (keys.isEmpty() ? " (it takes none)" : "; parameters: "
                        + String.join(", ", keys)));
            }
        }
        Params p = new Params(r, f);
        for (String k : keys) {
            String v = p.text(k);
            if (v.equals("auto")) {
                continue;
            }
            switch (k) {
                case "normalisation":
                    CoarseGrained.Normalisation.valueOf(v.toUpperCase(Locale.ROOT));
                    break;
                case "grid", "lengths", "centres", "cutoff":
                    p.numbers(k);
                    break;
                default:
                    p.number(k);
            }
        }
    }

    /** Whether the request has a parameter resolved from the structure (it then needs a {@link StructureReference}). */
    public static boolean needsReference(Request r) {
        Family f = family(r.family());
        Params p = new Params(r, f);
        for (String k : f.defaults().keySet()) {
            if (p.text(k).equals("auto")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds the descriptor of a request for a model in {@code dims} dimensions, resolving {@code auto} parameters
     * from {@code structure} (may be null when {@link #needsReference} is false).
     */
    public static Descriptor build(Request r, PairModel model, int dims, StructureReference structure) {
        check(r);
        Family f = family(r.family());
        if (f.threeDOnly() && dims != 3) {
            throw new IllegalArgumentException("family " + f.name() + " is defined for 3D configurations (spherical "
                    + "harmonics); this model is " + dims + "D: use gx, wcn, zu or cg");
        }
        Params p = new Params(r, f);
        List<String> species = model.speciesNames();
        switch (f.name()) {
            case "wcn":
                return wcn(p, structure);
            case "wcn-avg": {
                double rc = p.isAuto("r_c") ? need(structure, r).firstMinimum() : p.number("r_c");
                return NeighbourAverage.plainMean(wcn(p, structure), rc);
            }
            case "bo":
                return single(p) ? new BondOrder(p.number("cutoff"), p.integer("l_min"), p.integer("l_max"))
                        : new BondOrder(cutoffs(p, structure, r, model), p.integer("l_min"), p.integer("l_max"));
            case "sbo":
                return single(p) ? new SmoothBondOrder(p.number("cutoff"), p.number("gamma"), p.number("enlargement"),
                        p.integer("l_min"), p.integer("l_max"))
                        : new SmoothBondOrder(cutoffs(p, structure, r, model), p.number("gamma"), p.number("enlargement"),
                        p.integer("l_min"), p.integer("l_max"));
            case "rbo":
                return new RadialBondOrder(p.numbers("grid"), p.number("delta"), p.number("skin"), p.integer("l_min"),
                        p.integer("l_max"));
            case "soap":
                return new PowerSpectrum(p.number("r_cut"), p.integer("n_max"), p.integer("l_max"), p.number("sigma"));
            case "zu":
                return single(p) ? new LocalReference(p.number("cutoff"), model)
                        : new LocalReference(cutoffs(p, structure, r, model), model);
            case "gx":
                return gx(p, species);
            case "qshell":
                return new ShellBondOrder();
            case "seed004":
                return Concatenation.of(new RadialStructureFunctions(species, p.number("delta"), 0.0, 0.1, 50,
                        RadialStructureFunctions.DEFAULT_TRUNCATION_DELTAS), new ShellBondOrder());
            case "seed004-avg": {
                double rc = p.isAuto("r_c") ? need(structure, r).secondMinimum() : p.number("r_c");
                return NeighbourAverage.boattini(Concatenation.of(new RadialStructureFunctions(species, p.number("delta"),
                        0.0, 0.1, 50, RadialStructureFunctions.DEFAULT_TRUNCATION_DELTAS), new ShellBondOrder()), rc);
            }
            case "cg": {
                List<Double> lengths = new ArrayList<>();
                for (double l : p.numbers("lengths")) {
                    lengths.add(l);
                }
                CoarseGrained.Params cp = CoarseGrained.Params.forModel(model).withCutoff(p.number("cutoff"))
                        .withLengths(lengths).withNormalisation(
                                CoarseGrained.Normalisation.valueOf(p.text("normalisation").toUpperCase(Locale.ROOT)));
                return new CoarseGrained(cp, model);
            }
            default:
                throw new IllegalStateException("family " + f.name() + " has no builder");
        }
    }

    /** The parameters as one line, key=value in key order, for the descriptor_sets table. */
    public static String describeParameters(Descriptor d) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(d.parameters()).forEach((k, v) -> s.append(s.length() == 0 ? "" : "; ").append(k).append('=')
                .append(v instanceof double[] a ? java.util.Arrays.toString(a)
                        : v instanceof double[][] m ? java.util.Arrays.deepToString(m) : String.valueOf(v)));
        return s.toString();
    }

    private static Descriptor wcn(Params p, StructureReference structure) {
        double[] centres;
        if (!p.isAuto("centres")) {
            centres = p.numbers("centres");
        } else if (p.isAuto("shells")) {
            // the paper: "the dimension of the WCN vector is determined by the number of shells reasonably covering the
            // main features of the g(r)": every feature that stands above the noise, as far as the box lets a shell's
            // Gaussian reach (minimum image)
            centres = need(structure, p.request).shellFeatureList().stream().mapToDouble(RadialFeatures.Feature::r)
                    .toArray();
            while (centres.length > 2 && reach(shells(centres, p)) > structure.rMax()) {
                centres = java.util.Arrays.copyOf(centres, centres.length - 1);
            }
        } else {
            centres = need(structure, p.request).shellFeatures(p.integer("shells"));
        }
        return new WeightedCoordination(shells(centres, p));
    }

    private static List<WeightedCoordination.Shell> shells(double[] centres, Params p) {
        double[] v = new double[Math.max(0, centres.length - 1)];
        java.util.Arrays.fill(v, p.number("intersection"));
        return WeightedCoordination.shellsFromFeatures(centres, v);
    }

    /** Farthest distance a shell's truncated Gaussian reaches [sigma]. */
    private static double reach(List<WeightedCoordination.Shell> shells) {
        double r = 0;
        for (WeightedCoordination.Shell s : shells) {
            r = Math.max(r, s.centre() + WeightedCoordination.DEFAULT_TRUNCATION_WIDTHS * s.width());
        }
        return r;
    }

    private static Descriptor gx(Params p, List<String> species) {
        return new RadialStructureFunctions(species, p.number("delta"), p.number("r_min"), p.number("r_step"),
                p.integer("r_count"), RadialStructureFunctions.DEFAULT_TRUNCATION_DELTAS);
    }

    /** Species-pair cutoffs: auto (first minima of g_ab), one number for all pairs, or the full matrix row by row. */
    private static double[][] cutoffs(Params p, StructureReference structure, Request r, PairModel model) {
        if (p.isAuto("cutoff")) {
            return need(structure, r).firstMinima();
        }
        double[] v = p.numbers("cutoff");
        int ns = model.speciesCount();
        if (v.length == 1) {
            double[][] m = new double[ns][ns];
            for (double[] row : m) {
                java.util.Arrays.fill(row, v[0]);
            }
            return m;
        }
        if (v.length != ns * ns) {
            throw new IllegalArgumentException("descriptor set " + r.name() + ": cutoff takes one value or the " + ns + "x"
                    + ns + " matrix row by row (" + ns * ns + " values), got " + v.length);
        }
        double[][] m = new double[ns][ns];
        for (int a = 0; a < ns; a++) {
            for (int b = 0; b < ns; b++) {
                m[a][b] = v[a * ns + b];
            }
        }
        return m;
    }

    /** One cutoff for every pair (the families' scalar form: same numbers, and the parameters say so). */
    private static boolean single(Params p) {
        return !p.isAuto("cutoff") && p.numbers("cutoff").length == 1;
    }

    private static StructureReference need(StructureReference s, Request r) {
        if (s == null || s.frames() == 0) {
            throw new IllegalArgumentException("descriptor set " + r.name() + " takes parameters from g(r) (auto) but no "
                    + "frames were given to measure it");
        }
        return s;
    }

    private static Family family(String name) {
        Family f = FAMILIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown descriptor family '" + name + "'; families: "
                    + String.join(", ", FAMILIES.keySet()));
        }
        return f;
    }

    /** A request's parameters over the family's defaults, parsed with messages that name set, key and value. */
    private static final class Params {
        final Request request;
        final Family family;

        Params(Request request, Family family) {
            this.request = request;
            this.family = family;
        }

        String text(String key) {
            String v = request.parameters().get(key);
            return (v == null ? family.defaults().get(key) : v).trim();
        }

        boolean isAuto(String key) {
            return text(key).equals("auto");
        }

        double number(String key) {
            String v = text(key);
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("descriptor set " + request.name() + ": " + key + " = '" + v
                        + "' is not a number (default " + family.defaults().get(key) + ")");
            }
        }

        int integer(String key) {
            double d = number(key);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("descriptor set " + request.name() + ": " + key + " = " + text(key)
                        + " must be a whole number (default " + family.defaults().get(key) + ")");
            }
            return (int) d;
        }

        double[] numbers(String key) {
            String[] parts = text(key).split("[,\\s]+");
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Double.parseDouble(parts[i]);
                    if (!Double.isFinite(out[i])) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("descriptor set " + request.name() + ": " + key + " = '"
                            + text(key) + "' is not a comma-separated list of numbers (default "
                            + family.defaults().get(key) + ")");
                }
            }
            return out;
        }
    }
}
