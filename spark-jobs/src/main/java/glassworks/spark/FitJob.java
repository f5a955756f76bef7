package glassworks.spark;

import glassworks.md.fit.FitResult;
import glassworks.md.fit.Fits;
import glassworks.schema.tables.FitsTable;
import glassworks.schema.tables.TimescalesTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code glassworks fit}: laws fitted across temperatures into the {@code fits} table, one row per parameter.
 *
 * <p>Default: tau_alpha(T) and 1/D(T) of every species channel (timescales, run_id = all) with Arrhenius, VFT and the
 * mode-coupling power law. General: any SQL query returning columns {@code T} and {@code y} (optional {@code sigma}, the
 * standard error of y, and {@code grp}, a group label) fitted per group with any law, e.g. seed 004's ln P_R(S, T)
 * against 1/T ({@code --law inverse_t_linear}); or, with {@code --law power_law_t}, columns {@code t} and {@code y}
 * fitted as ln y = ln A + n ln t (a domain length L(t), seed 000's L ~ t^(1/3)). Points are few (one per temperature): they are collected on the driver
 * and fitted with the kernel's least squares; a law that cannot be fitted to a group (too few points, T below T0) is
 * recorded with converged = false and the reason, and the other fits go on.
 */
public final class FitJob {
    /** Laws of the fits table. */
    public static final List<String> LAWS = List.of("arrhenius", "vft", "mct", "inverse_t_linear", "power_law_t");

    /**
     * @param model    model (partition of timescales and fits)
     * @param sql      the general query (null: the default time-scale fits)
     * @param name     name of the query's quantity in the fits table (with --sql)
     * @param laws     laws to fit
     */
    public record Options(String model, String sql, String name, List<String> laws) {
        public void validate() {
            if (model == null || !model.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("--model '" + model + "' is not a model name; e.g. --model ka3d");
            }
            if (laws.isEmpty()) {
                throw new IllegalArgumentException("no law; pass --law, e.g. --law arrhenius,vft (laws: " + LAWS + ")");
            }
            for (String l : laws) {
                if (!LAWS.contains(l)) {
                    throw new IllegalArgumentException("unknown law '" + l + "'; laws: " + String.join(", ", LAWS));
                }
            }
            if (sql != null && (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*"))) {
                throw new IllegalArgumentException("--sql needs --name, the quantity's name in the fits table, e.g. "
                        + "--name p_r_barrier");
            }
            if (laws.contains("power_law_t") && (sql == null || laws.size() > 1)) {
                throw new IllegalArgumentException("--law power_law_t fits y against time t (e.g. a domain length L(t)): "
                        + "give it alone, with --sql returning columns t and y (optional sigma of ln y, grp)");
            }
            if (sql == null && name != null) {
                throw new IllegalArgumentException("--name applies to --sql fits only");
            }
        }
    }

    private final Options options;
    private final Warehouse warehouse;

    public FitJob(Options options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    public void validate() {
        options.validate();
        if (options.sql() == null && !warehouse.exists(warehouse.partition(TimescalesTable.SCHEMA, options.model()))) {
            throw new IllegalArgumentException("no time scales of model " + options.model() + " in " + warehouse.root()
                    + "; run `glassworks dynamics` first");
        }
    }

    /** One group's points. */
    record Points(String source, String quantity, String species, double[] t, double[] y, double[] sigma) {
    }

    public List<FitsTable.Row> run(SparkSession spark, PrintStream log) {
        validate();
        warehouse.registerViews(spark);
        List<Points> groups = options.sql() == null ? timescaleGroups(spark) : queryGroups(spark);
        List<FitsTable.Row> rows = new ArrayList<>();
        for (Points p : groups) {
            for (String law : options.laws()) {
                rows.addAll(fit(p, law, log));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to fit: the selection holds no points");
        }
        String jobId = "fit-" + UUID.randomUUID();
        Commit commit = new Commit(warehouse, jobId);
        try {
            record Key(String source, String quantity, String species, String law) {
            }
            Set<Key> replaced = new HashSet<>();
            rows.forEach(r -> replaced.add(new Key(r.source(), r.quantity(), r.species(), r.law())));
            commit.mergePartition(FitsTable.SCHEMA, warehouse.partition(FitsTable.SCHEMA, options.model()), rows,
                    old -> !replaced.contains(new Key(old.source(), old.quantity(), old.species(), old.law())),
                    FitsTable.Row::of, Comparator.comparing(FitsTable.Row::quantity).thenComparing(FitsTable.Row::species)
                            .thenComparing(FitsTable.Row::law).thenComparing(FitsTable.Row::parameter));
            commit.apply();
        } catch (RuntimeException e) {
            commit.abandon();
            throw e;
        }
        return rows;
    }

    /** tau_alpha and 1/D per species channel from the temperature averages (run_id = all). */
    private List<Points> timescaleGroups(SparkSession spark) {
        List<Points> out = new ArrayList<>();
        for (String q : List.of("tau_alpha", "diffusion")) {
            Map<String, List<double[]>> bySpecies = new LinkedHashMap<>();
            for (Row r : spark.sql("SELECT species, T, value, error FROM timescales WHERE model = '" + options.model()
                    + "' AND run_id = 'all' AND quantity = '" + q + "' ORDER BY species, T").collectAsList()) {
                double v = r.getDouble(2);
                // 1/D grows on cooling like a time scale: the same laws, with activation energies of the right sign
                double y = q.equals("diffusion") ? 1 / v : v;
                double rel = r.isNullAt(3) ? Double.NaN : r.getDouble(3) / v;
                bySpecies.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new double[]{r.getDouble(1), y, rel});
            }
            bySpecies.forEach((species, pts) -> out.add(points("timescales:" + q + (q.equals("diffusion") ? " (1/D)" : ""),
                    q, species, pts, true)));
        }
        return out;
    }

    /** The user's query: columns T, y, optional sigma and grp. */
    private List<Points> queryGroups(SparkSession spark) {
        org.apache.spark.sql.Dataset<Row> d = spark.sql(options.sql());
        List<String> cols = List.of(d.columns());
        String x = options.laws().contains("power_law_t") ? "t" : "T";
        if (!cols.contains(x) || !cols.contains("y")) {
            throw new IllegalArgumentException("--sql must return columns " + x + " and y (optional sigma, grp); got "
                    + cols);
        }
        Map<String, List<double[]>> byGroup = new LinkedHashMap<>();
        for (Row r : d.collectAsList()) {
            String g = cols.contains("grp") && !r.isNullAt(r.fieldIndex("grp")) ? String.valueOf(r.get(r.fieldIndex("grp")))
                    : "all";
            double s = cols.contains("sigma") && !r.isNullAt(r.fieldIndex("sigma"))
                    ? ((Number) r.get(r.fieldIndex("sigma"))).doubleValue() : Double.NaN;
            byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(new double[]{
                    ((Number) r.get(r.fieldIndex(x))).doubleValue(), ((Number) r.get(r.fieldIndex("y"))).doubleValue(), s});
        }
        List<Points> out = new ArrayList<>();
        byGroup.forEach((g, pts) -> out.add(points("sql:" + options.sql(), options.name(), g, pts, false)));
        return out;
    }

    /** Sigma: relative errors become sigma of ln y for the log-space laws (all present, else none). */
    private static Points points(String source, String quantity, String species, List<double[]> pts, boolean relative) {
        int n = pts.size();
        double[] t = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        boolean all = true;
        for (int i = 0; i < n; i++) {
            t[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
            s[i] = pts.get(i)[2];
            all &= Double.isFinite(s[i]) && s[i] > 0;
        }
        return new Points(source, quantity, species, t, y, all ? s : null);
    }

    private List<FitsTable.Row> fit(Points p, String law, PrintStream log) {
        FitResult r;
        try {
            switch (law) {
                case "arrhenius": r = Fits.arrhenius(p.t(), p.y(), p.sigma()); break;
                case "vft": r = Fits.vft(p.t(), p.y(), p.sigma()); break;
                case "mct": r = Fits.mct(p.t(), p.y(), p.sigma()); break;
                case "power_law_t": r = Fits.powerLaw(p.t(), p.y(), p.sigma()); break;
                default: r = Fits.againstInverseT(p.t(), p.y(), p.sigma()); break;
            }
        } catch (IllegalArgumentException e) {
            log.printf("  %s %s %s: not fitted: %s%n", p.quantity(), p.species(), law, e.getMessage());
            double lo = java.util.Arrays.stream(p.t()).min().orElse(Double.NaN);
            double hi = java.util.Arrays.stream(p.t()).max().orElse(Double.NaN);
            return List.of(new FitsTable.Row(p.source(), p.quantity(), p.species(), law, "-", Double.NaN, null, Double.NaN,
                    0, Double.NaN, p.t().length, lo, hi, false, e.getMessage()));
        }
        List<FitsTable.Row> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.parameterNames().size(); i++) {
            double err = r.errors()[i];
            out.add(new FitsTable.Row(p.source(), p.quantity(), p.species(), law, r.parameterNames().get(i), r.values()[i],
                    Double.isFinite(err) ? err : null, r.chiSquare(), r.degreesOfFreedom(), r.rSquared(), r.points(),
                    r.rangeMin(), r.rangeMax(), r.converged(), r.message()));
            line.append(String.format(Locale.ROOT, " %s=%.5g+-%.2g", r.parameterNames().get(i), r.values()[i], err));
        }
        log.printf(Locale.ROOT, "  %s %s %s:%s (chi2/dof %.3g, %d points)%s%n", p.quantity(), p.species(), law, line,
                r.reducedChiSquare(), r.points(), r.converged() ? "" : " NOT converged: " + r.message());
        return out;
    }
}
